/** Dutch texts for the relay (Zorgaanbieders → Relay). Plain words, formal "u". */

export const relayNl = {
  title: 'Relay voor echte zorgaanbieders',
  intro:
    'Echte zorgaanbieders geven gegevens alleen door via een erkende tussenschakel, een "relay". Die wordt beheerd door wie Regie aan u aanbiedt. Heeft u het adres van zo\'n relay gekregen, vul het dan hier in.',
  privacy:
    'De relay ziet uw gegevens alleen even, terwijl hij ze doorgeeft. Hij bewaart ze niet en schrijft ze niet op, en stuurt ze versleuteld naar Regie op deze computer. De beheerder kan wel zien bij welke zorgaanbieder u iets ophaalt.',
  none: 'Er is geen relay ingesteld. U kunt nu alleen oefenen met de fictieve zorgaanbieders.',
  current: 'Regie haalt gegevens bij zorgaanbieders op via de relay {{relay}}.',
  currentName: 'Bij MedMij heet deze relay {{hostname}}.',
  listsVia: 'De lijst van zorgaanbieders komt ook via deze relay.',
  listsDirect: 'De lijst van zorgaanbieders komt rechtstreeks van MedMij.',
  fromCommand: 'Deze relay is alleen voor deze opdracht gekozen.',
  url: 'Adres van de relay',
  urlHint: 'Zoals u het kreeg, bijvoorbeeld https://relay.voorbeeld.nl',
  lists: 'De lijst van zorgaanbieders via deze relay ophalen (aanbevolen)',
  save: 'Relay opslaan',
  saving: 'Regie controleert of de relay bereikbaar is…',
  saved: 'Opgeslagen. Regie haalt gegevens nu op via deze relay.',
  clear: 'Geen relay gebruiken',
  cleared: 'Er wordt geen relay meer gebruikt.',
  urlMissing: 'Vul het adres van de relay in.',
  notice: 'Ophalen gaat via de relay {{relay}}.',
  via: 'Via de relay {{relay}}.',
};
