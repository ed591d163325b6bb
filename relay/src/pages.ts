/** What a browser sees at the relay when it is not sent on: plain words, Dutch first. */
export const relayPages = {
  unknown: {
    nl: [
      'Onbekend verzoek',
      'Deze terugkeer van de zorgaanbieder hoort niet bij een ophaalactie van Regie. Er is niets doorgestuurd. Begin het ophalen opnieuw in Regie.',
    ],
    en: [
      'Unknown request',
      'This return from the care provider does not belong to a retrieval started in Regie. Nothing was passed on. Start retrieving again in Regie.',
    ],
  },
  used: {
    nl: [
      'Al afgehandeld',
      'Deze terugkeer van de zorgaanbieder is al eerder doorgestuurd naar Regie en wordt niet nog eens doorgestuurd. U kunt dit tabblad sluiten en teruggaan naar Regie.',
    ],
    en: [
      'Already handled',
      'This return from the care provider has already been passed on to Regie and is not passed on again. You can close this tab and return to Regie.',
    ],
  },
  'not-found': {
    nl: ['Niet gevonden', 'Deze pagina bestaat niet.'],
    en: ['Not found', 'This page does not exist.'],
  },
} satisfies Record<string, { nl: [string, string]; en: [string, string] }>;
