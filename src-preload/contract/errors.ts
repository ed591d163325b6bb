/**
 * Error codes crossing the API boundary, with their one-line explanation in Dutch and English.
 * The renderer and the CLI both show these texts, so a person reads the same words everywhere.
 */
import type { Language } from './constants';
import { otherPersonFromParams, otherPersonMessage } from './identity';
import { sendInvalidMessage } from './sharing';

export type ErrorCode =
  | 'invalid-request'
  | 'unknown-method'
  | 'invalid-label'
  | 'weak-password'
  | 'wrong-code'
  | 'wrong-credentials'
  | 'wrong-recovery-code'
  | 'throttled'
  | 'enrollment-expired'
  | 'profile-not-found'
  | 'profile-locked'
  | 'confirmation-mismatch'
  | 'session-invalid'
  | 'vault-damaged'
  | 'import-rejected'
  | 'other-person'
  | 'identity-already-set'
  | 'identity-contradicts-records'
  | 'document-rejected'
  | 'record-not-found'
  | 'attachment-not-found'
  | 'provider-not-found'
  | 'service-not-offered'
  | 'service-version-unsupported'
  | 'provider-list-unavailable'
  | 'practice-provider-unavailable'
  | 'endpoint-not-allowed'
  | 'relay-address-invalid'
  | 'relay-unreachable'
  | 'not-a-relay'
  | 'relay-refused'
  | 'fetch-not-found'
  | 'login-expired'
  | 'sync-folder-not-set'
  | 'sync-folder-unavailable'
  | 'sync-folder-missing'
  | 'sync-folder-not-a-folder'
  | 'sync-folder-not-absolute'
  | 'host-unsupported'
  | 'import-not-found'
  | 'profile-in-use'
  | 'sync-not-set-up'
  | 'sync-already-paired'
  | 'pairing-code-invalid'
  | 'pairing-code-expired'
  | 'device-not-found'
  | 'measurement-impossible'
  | 'measurement-implausible'
  | 'not-own-measurement'
  | 'send-invalid'
  | 'send-not-found'
  | 'send-already-started'
  | 'questionnaire-not-found'
  | 'questionnaire-closed'
  | 'answers-incomplete'
  | 'internal';

export interface ErrorPayload {
  code: ErrorCode;
  /** Values the message needs, e.g. { seconds: 20 } for 'throttled'. */
  params?: Record<string, string | number>;
  /** Extra detail for 'invalid-request' and 'weak-password' (already localized or technical, never health data). */
  detail?: string;
}

type Messages = Record<ErrorCode, (params: Record<string, string | number>) => string>;

const nl: Messages = {
  'invalid-request': () => 'Het verzoek is ongeldig.',
  'unknown-method': () => 'Deze functie bestaat niet.',
  'invalid-label': () => 'Geef een naam van 1 tot 60 tekens.',
  'weak-password': () => 'Dit wachtwoord is te zwak. Kies een langer wachtwoord dat moeilijk te raden is.',
  'wrong-code': () => 'De code is onjuist. Kijk in uw authenticator-app en probeer het opnieuw.',
  'wrong-credentials': () =>
    'Wachtwoord of code onjuist. Controleer uw wachtwoord, en gebruik de nieuwste code uit uw authenticator-app (een code werkt maar één keer).',
  'wrong-recovery-code': () => 'De herstelcode is onjuist.',
  throttled: (p) => `Te veel mislukte pogingen. Probeer het over ${p.seconds} seconden opnieuw.`,
  'enrollment-expired': () => 'Het instellen duurde te lang. Begin opnieuw.',
  'profile-not-found': () => 'Dit profiel bestaat niet (meer).',
  'profile-locked': () => 'Dit profiel is vergrendeld. Ontgrendel het eerst.',
  'confirmation-mismatch': () => 'De ingevulde naam komt niet overeen met de naam van het profiel.',
  'session-invalid': () => 'De sessie is verlopen of beëindigd. Ontgrendel het profiel opnieuw.',
  'vault-damaged': () => 'De bestanden van dit profiel zijn beschadigd of onvolledig.',
  'import-rejected': (p) => (p.explanation ? String(p.explanation) : 'Het importeren is geweigerd; er is niets geïmporteerd.'),
  'other-person': (p) => otherPersonMessage(otherPersonFromParams(p), 'nl'),
  'identity-already-set': () => 'Van wie dit profiel is, staat al vast. Kies "Wijzigen" om een tikfout te verbeteren.',
  'identity-contradicts-records': (p) =>
    `Dat kan niet: dit profiel bevat al gegevens van ${String(p.person)}. Een profiel is van één persoon; verbeter alleen een tikfout in de naam of geboortedatum.`,
  'document-rejected': (p) => documentRejected(p.reason, 'nl'),
  'record-not-found': () => 'Dit gegeven bestaat niet (meer) in dit profiel.',
  'attachment-not-found': () => 'Deze bijlage is niet gevonden.',
  'provider-not-found': () => 'Deze zorgaanbieder staat niet (meer) in de lijst van MedMij-zorgaanbieders.',
  'service-not-offered': () => 'Deze zorgaanbieder biedt deze gegevensdienst niet aan.',
  'service-version-unsupported': (p) =>
    `Deze zorgaanbieder biedt deze gegevensdienst alleen aan in FHIR ${p.fhirVersions}; daarvoor heeft Regie geen zoekvragen. Er is niets opgehaald.`,
  'provider-list-unavailable': () => 'De lijst van zorgaanbieders kon niet worden geladen of is ongeldig.',
  'practice-provider-unavailable': () => 'De oefenzorgaanbieders konden niet starten. Probeer het opnieuw; lukt het dan nog niet, start Regie opnieuw.',
  'endpoint-not-allowed': () => 'Het adres van deze zorgaanbieder is niet toegestaan (niet op de MedMij-whitelist).',
  'relay-address-invalid': () =>
    'Dit is geen bruikbaar adres voor een relay. Gebruik het adres dat u van de beheerder kreeg; het begint met https://.',
  'relay-unreachable': (p) => `De relay ${p.relay} is niet bereikbaar. Controleer het adres en uw internetverbinding, of probeer het later opnieuw.`,
  'not-a-relay': (p) => `Op ${p.relay} draait geen relay voor Regie, of niet een die Regie begrijpt. Controleer het adres.`,
  'relay-refused': (p) => relayRefused(p, 'nl'),
  'fetch-not-found': () => 'Dit ophalen bestaat niet (meer). Begin opnieuw.',
  'login-expired': () => 'De toegang bij de zorgaanbieder is verlopen. Log opnieuw in om opnieuw op te halen.',
  'sync-folder-not-set': () => 'Kies eerst een synchronisatiemap.',
  'sync-folder-unavailable': () => 'De synchronisatiemap is niet bereikbaar.',
  'sync-folder-missing': (p) => `De map "${p.folder}" bestaat niet op deze computer. Controleer de schrijfwijze, of maak de map eerst aan.`,
  'sync-folder-not-a-folder': (p) => `"${p.folder}" is een bestand, geen map. Vul het pad van een map in.`,
  'sync-folder-not-absolute': (p) => `Vul het volledige pad van de map in, vanaf het begin, bijvoorbeeld ${p.example}`,
  'host-unsupported': () => 'Dit kan alleen in de Regie-app op uw computer, niet in de browser.',
  'import-not-found': () => 'Dit importeren is al afgerond of gestopt. Begin opnieuw.',
  'profile-in-use': () =>
    'Dit profiel is ook nog elders geopend (in een ander Regie-venster of een opdracht op de opdrachtregel). Sluit het daar en probeer het opnieuw.',
  'sync-not-set-up': () => 'Synchronisatie is voor dit profiel nog niet ingesteld.',
  'sync-already-paired': () => 'Dit profiel is al gekoppeld aan andere apparaten.',
  'pairing-code-invalid': () => 'Deze koppelcode is ongeldig. Controleer de code en probeer het opnieuw.',
  'pairing-code-expired': () => 'Deze koppelcode is verlopen. Maak op het andere apparaat een nieuwe code.',
  'device-not-found': () => 'Dit apparaat is niet (meer) gekoppeld.',
  'measurement-impossible': (p) => measurementMessage(p, 'nl'),
  'measurement-implausible': (p) => measurementMessage(p, 'nl'),
  'not-own-measurement': () =>
    'Alleen metingen die u zelf heeft ingevoerd kunt u wijzigen of verwijderen. Gegevens van een zorgverlener kunt u wel verbergen.',
  'send-invalid': (p) => sendInvalidMessage(p.reason, 'nl'),
  'send-not-found': () => 'Dit versturen bestaat niet (meer). Begin opnieuw; er is niets verstuurd.',
  'send-already-started': () => 'Dit is al verstuurd of wordt nu verstuurd.',
  'questionnaire-not-found': () => 'Deze vragenlijst staat niet (meer) in dit profiel. Haal de vragenlijsten opnieuw op bij uw zorgaanbieder.',
  'questionnaire-closed': () => 'Deze vragenlijst is al verstuurd of wordt niet meer gevraagd. De antwoorden kunnen niet meer worden veranderd.',
  'answers-incomplete': (p) =>
    `${p.count === 1 ? 'Eén antwoord moet' : `${p.count} antwoorden moeten`} nog worden verbeterd voordat u kunt versturen. Er is niets verstuurd.`,
  internal: () => 'Er ging iets mis. Probeer het opnieuw.',
};

const en: Messages = {
  'invalid-request': () => 'The request is not valid.',
  'unknown-method': () => 'This function does not exist.',
  'invalid-label': () => 'Enter a name of 1 to 60 characters.',
  'weak-password': () => 'This password is too weak. Choose a longer password that is hard to guess.',
  'wrong-code': () => 'The code is incorrect. Check your authenticator app and try again.',
  'wrong-credentials': () =>
    'Password or code incorrect. Check your password, and use the newest code from your authenticator app (a code works only once).',
  'wrong-recovery-code': () => 'The recovery code is incorrect.',
  throttled: (p) => `Too many failed attempts. Try again in ${p.seconds} seconds.`,
  'enrollment-expired': () => 'Setting up took too long. Please start again.',
  'profile-not-found': () => 'This profile does not exist (any more).',
  'profile-locked': () => 'This profile is locked. Unlock it first.',
  'confirmation-mismatch': () => 'The name you typed does not match the profile name.',
  'session-invalid': () => 'The session has expired or was ended. Unlock the profile again.',
  'vault-damaged': () => 'The files of this profile are damaged or incomplete.',
  'import-rejected': (p) => (p.explanation ? String(p.explanation) : 'The import was refused; nothing was imported.'),
  'other-person': (p) => otherPersonMessage(otherPersonFromParams(p), 'en'),
  'identity-already-set': () => 'Whom this profile belongs to is already set. Choose "Change" to correct a typing mistake.',
  'identity-contradicts-records': (p) =>
    `That is not possible: this profile already holds data of ${String(p.person)}. A profile belongs to one person; only correct a typing mistake in the name or birth date.`,
  'document-rejected': (p) => documentRejected(p.reason, 'en'),
  'record-not-found': () => 'This record does not exist (any more) in this profile.',
  'attachment-not-found': () => 'This attachment was not found.',
  'provider-not-found': () => "This care provider is not (or no longer) in MedMij's list of care providers.",
  'service-not-offered': () => 'This care provider does not offer this data service.',
  'service-version-unsupported': (p) =>
    `This care provider offers this data service only in FHIR ${p.fhirVersions}, for which Regie has no queries. Nothing was retrieved.`,
  'provider-list-unavailable': () => 'The list of care providers could not be loaded or is not valid.',
  'practice-provider-unavailable': () => 'The practice care providers could not start. Try again; if that does not help, restart Regie.',
  'endpoint-not-allowed': () => "This care provider's address is not allowed (not on MedMij's whitelist).",
  'relay-address-invalid': () => 'This is not a usable address for a relay. Use the address the operator gave you; it starts with https://.',
  'relay-unreachable': (p) => `The relay ${p.relay} cannot be reached. Check the address and your internet connection, or try again later.`,
  'not-a-relay': (p) => `There is no relay for Regie at ${p.relay}, or not one Regie understands. Check the address.`,
  'relay-refused': (p) => relayRefused(p, 'en'),
  'fetch-not-found': () => 'This retrieval does not exist (any more). Please start again.',
  'login-expired': () => 'Access at the care provider has expired. Please log in again to retrieve again.',
  'sync-folder-not-set': () => 'Choose a sync folder first.',
  'sync-folder-unavailable': () => 'The sync folder cannot be reached.',
  'sync-folder-missing': (p) => `There is no folder "${p.folder}" on this computer. Check the spelling, or create the folder first.`,
  'sync-folder-not-a-folder': (p) => `"${p.folder}" is a file, not a folder. Enter the path of a folder.`,
  'sync-folder-not-absolute': (p) => `Enter the full path of the folder, from the start, for example ${p.example}`,
  'host-unsupported': () => 'This is only possible in the Regie app on your computer, not in the browser.',
  'import-not-found': () => 'This import has already ended or was stopped. Start again.',
  'profile-in-use': () => 'This profile is also open elsewhere (another Regie window or a command-line command). Close it there and try again.',
  'sync-not-set-up': () => 'Sync has not been set up for this profile yet.',
  'sync-already-paired': () => 'This profile is already paired with other devices.',
  'pairing-code-invalid': () => 'This pairing code is not valid. Check the code and try again.',
  'pairing-code-expired': () => 'This pairing code has expired. Create a new code on the other device.',
  'device-not-found': () => 'This device is not (or no longer) paired.',
  'measurement-impossible': (p) => measurementMessage(p, 'en'),
  'measurement-implausible': (p) => measurementMessage(p, 'en'),
  'not-own-measurement': () => 'Only measurements you entered yourself can be changed or deleted. Records from a care provider can be hidden.',
  'send-invalid': (p) => sendInvalidMessage(p.reason, 'en'),
  'send-not-found': () => 'This send does not exist (any more). Please start again; nothing was sent.',
  'send-already-started': () => 'This has already been sent or is being sent now.',
  'questionnaire-not-found': () => 'This questionnaire is not (or no longer) in this profile. Fetch the questionnaires from your care provider again.',
  'questionnaire-closed': () => 'This questionnaire has already been sent or is no longer asked for. The answers can no longer be changed.',
  'answers-incomplete': (p) =>
    `${p.count === 1 ? 'One answer needs' : `${p.count} answers need`} to be corrected before you can send. Nothing was sent.`,
  internal: () => 'Something went wrong. Please try again.',
};

/** The relay refused to start a fetch (params: relay, why = the relay's code). */
function relayRefused(p: Record<string, string | number>, language: Language): string {
  const why = String(p.why);
  const nl: Record<string, string> = {
    'rate-limited': `De relay ${p.relay} is even te druk. Probeer het over een paar minuten opnieuw.`,
    'host-not-allowed': `De relay ${p.relay} mag deze zorgaanbieder niet benaderen: het adres staat niet op de MedMij-whitelist.`,
    'lists-unavailable': `De relay ${p.relay} kon de lijsten van MedMij niet laden. Probeer het later opnieuw.`,
  };
  const en: Record<string, string> = {
    'rate-limited': `The relay ${p.relay} is too busy right now. Please try again in a few minutes.`,
    'host-not-allowed': `The relay ${p.relay} may not contact this care provider: its address is not on MedMij's whitelist.`,
    'lists-unavailable': `The relay ${p.relay} could not load MedMij's lists. Please try again later.`,
  };
  const texts = language === 'en' ? en : nl;
  const fallback = language === 'en' ? `The relay ${p.relay} refused to start retrieving (${why}). Nothing was retrieved.` : `De relay ${p.relay} weigerde het ophalen te beginnen (${why}). Er is niets opgehaald.`;
  return texts[why === 'busy' ? 'rate-limited' : why] ?? fallback;
}

/** Why an own document (a PDF letter, a photo) was not stored, and what to do. */
function documentRejected(reason: string | number | undefined, language: Language): string {
  const nl: Record<string, string> = {
    type: 'Dit bestand is geen PDF, JPEG of PNG. Kies een brief als PDF, of een foto als JPEG of PNG.',
    'too-large': 'Dit bestand is groter dan 25 MB. Kies een kleiner bestand, of maak de foto kleiner.',
    empty: 'Dit bestand is leeg. Kies een ander bestand.',
    title: 'Geef het document een titel (hoogstens 200 tekens).',
    date: 'Geef een geldige datum die niet in de toekomst ligt.',
  };
  const en: Record<string, string> = {
    type: 'This file is not a PDF, JPEG or PNG. Choose a letter as PDF, or a photo as JPEG or PNG.',
    'too-large': 'This file is larger than 25 MB. Choose a smaller file, or make the photo smaller.',
    empty: 'This file is empty. Choose another file.',
    title: 'Give the document a title (at most 200 characters).',
    date: 'Give a valid date that is not in the future.',
  };
  const texts = language === 'en' ? en : nl;
  return texts[String(reason)] ?? texts.type!;
}

export function errorMessage(error: ErrorPayload, language: Language): string {
  const text = (language === 'en' ? en : nl)[error.code] ?? (language === 'en' ? en : nl).internal;
  return text(error.params ?? {});
}

const fieldNames: Record<Language, Record<string, string>> = {
  nl: {
    systolic: 'bovendruk',
    diastolic: 'onderdruk',
    'pulse-pressure': 'verschil tussen bovendruk en onderdruk',
    weight: 'gewicht',
    glucose: 'bloedsuiker',
    'heart-rate': 'hartslag',
    temperature: 'temperatuur',
  },
  en: {
    systolic: 'upper pressure',
    diastolic: 'lower pressure',
    'pulse-pressure': 'difference between upper and lower pressure',
    weight: 'weight',
    glucose: 'blood sugar',
    'heart-rate': 'heart rate',
    temperature: 'temperature',
  },
};

/**
 * The verdict on a measurement's values (params of 'measurement-impossible' / -implausible: a
 * MeasurementFinding from measurement-checks.ts plus its unit), in the words the form uses too.
 */
function measurementMessage(p: Record<string, string | number>, language: Language): string {
  const num = (n: string | number | undefined) => (language === 'nl' ? String(n).replace('.', ',') : String(n));
  const field = fieldNames[language][String(p.field)] ?? String(p.field);
  const amount = `${num(p.value)} ${p.unit ?? ''}`.trim();
  const range = `${num(p.low)} ${language === 'nl' ? 'en' : 'and'} ${num(p.high)} ${p.unit ?? ''}`.trim();
  if (language === 'nl') {
    switch (p.problem) {
      case 'order':
        return 'De onderdruk moet lager zijn dan de bovendruk. Er is niets opgeslagen.';
      case 'too-close':
        return `Een ${field} van ${amount} kan niet kloppen; dat is minstens ${num(p.low)} ${p.unit ?? ''}. Er is niets opgeslagen.`;
      case 'high':
      case 'low':
        return `Klopt dit? ${unusualSentence(p, language)} Bevestig de meting als de waarde juist is; er is nog niets opgeslagen.`;
      default:
        return `Een ${field} van ${amount} kan niet kloppen; een meting ligt tussen ${range}. Er is niets opgeslagen.`;
    }
  }
  const article = articleOf(field);
  switch (p.problem) {
    case 'order':
      return 'The lower pressure must be below the upper pressure. Nothing was stored.';
    case 'too-close':
      return `${article} ${field} of ${amount} cannot be right; it is at least ${num(p.low)} ${p.unit ?? ''}. Nothing was stored.`;
    case 'high':
    case 'low':
      return `Is this right? ${unusualSentence(p, language)} Confirm the measurement if the value is correct; nothing has been stored yet.`;
    default:
      return `${article} ${field} of ${amount} cannot be right; a reading lies between ${range}. Nothing was stored.`;
  }
}

const articleOf = (field: string) => (/^[aeiou]/.test(field) ? 'An' : 'A');

/**
 * One unusual value in a sentence, e.g. "Een bovendruk van 300 mmHg is ongebruikelijk hoog." (params: an
 * 'unusual' MeasurementFinding plus its unit); the "Klopt dit?" step of the form lists these.
 */
export function unusualSentence(p: Record<string, string | number>, language: Language): string {
  const field = fieldNames[language][String(p.field)] ?? String(p.field);
  const value = language === 'nl' ? String(p.value).replace('.', ',') : String(p.value);
  const amount = `${value} ${p.unit ?? ''}`.trim();
  const difference = p.field === 'pulse-pressure';
  if (language === 'nl') {
    const word = difference ? (p.problem === 'high' ? 'groot' : 'klein') : p.problem === 'high' ? 'hoog' : 'laag';
    return `Een ${field} van ${amount} is ongebruikelijk ${word}.`;
  }
  const word = difference ? (p.problem === 'high' ? 'large' : 'small') : p.problem;
  return `${articleOf(field)} ${field} of ${amount} is unusually ${word}.`;
}
