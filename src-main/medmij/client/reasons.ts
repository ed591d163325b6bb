/**
 * Why a fetch or one of its queries stopped, in Dutch and English. These texts reach the person
 * (UI, CLI) and never quote health data or tokens: at most an HTTP status or an OAuth error code.
 */
export interface Reason {
  nl: string;
  en: string;
}

export const reasons = {
  loginTimedOut: (minutes: number): Reason => ({
    nl: `Het inloggen bij de zorgaanbieder duurde ${minutes < 1 ? 'te lang' : `langer dan ${minutes === 1 ? '1 minuut' : `${minutes} minuten`}`}. Begin opnieuw.`,
    en: `Logging in at the care provider took ${minutes < 1 ? 'too long' : `longer than ${minutes === 1 ? '1 minute' : `${minutes} minutes`}`}. Please start again.`,
  }),
  accessDenied: (): Reason => ({
    nl: 'U heeft bij de zorgaanbieder geen toestemming gegeven, of het inloggen is afgebroken. Er is niets opgehaald.',
    en: 'You did not give permission at the care provider, or logging in was cancelled. Nothing was retrieved.',
  }),
  authorizationError: (code: string): Reason => ({
    nl: `De zorgaanbieder weigerde het inloggen (${code}). Er is niets opgehaald.`,
    en: `The care provider refused the login (${code}). Nothing was retrieved.`,
  }),
  tokenRefused: (code: string): Reason => ({
    nl: `De zorgaanbieder gaf geen toegang (${code}). Log opnieuw in.`,
    en: `The care provider did not grant access (${code}). Please log in again.`,
  }),
  tokenUnreachable: (): Reason => ({
    nl: 'De zorgaanbieder was niet bereikbaar om de toegang op te halen. Probeer het later opnieuw.',
    en: 'The care provider could not be reached to obtain access. Please try again later.',
  }),
  tokenMalformed: (): Reason => ({
    nl: 'De zorgaanbieder stuurde een onbruikbaar antwoord bij het inloggen. Er is niets opgehaald.',
    en: 'The care provider sent an unusable answer while logging in. Nothing was retrieved.',
  }),
  loginAgain: (): Reason => ({
    nl: 'De toegang bij de zorgaanbieder is verlopen. Log opnieuw in om dit opnieuw op te halen.',
    en: 'Access at the care provider has expired. Please log in again to retrieve this again.',
  }),
  httpStatus: (status: number): Reason => ({
    nl: `De zorgaanbieder antwoordde met een fout (HTTP ${status}). Voor deze vraag is niets geïmporteerd.`,
    en: `The care provider answered with an error (HTTP ${status}). Nothing was imported for this query.`,
  }),
  timeout: (seconds: number): Reason => ({
    nl: `De zorgaanbieder antwoordde niet binnen ${seconds} seconden. Voor deze vraag is niets geïmporteerd.`,
    en: `The care provider did not answer within ${seconds} seconds. Nothing was imported for this query.`,
  }),
  unreachable: (): Reason => ({
    nl: 'De zorgaanbieder was niet bereikbaar. Voor deze vraag is niets geïmporteerd.',
    en: 'The care provider could not be reached. Nothing was imported for this query.',
  }),
  tooLarge: (megabytes: number): Reason => ({
    nl: `Het antwoord van de zorgaanbieder is groter dan ${megabytes} MB. Voor deze vraag is niets geïmporteerd.`,
    en: `The care provider's answer is larger than ${megabytes} MB. Nothing was imported for this query.`,
  }),
  tooManyPages: (pages: number): Reason => ({
    nl: `Het antwoord van de zorgaanbieder heeft meer dan ${pages} pagina's. Voor deze vraag is niets geïmporteerd.`,
    en: `The care provider's answer has more than ${pages} pages. Nothing was imported for this query.`,
  }),
  foreignNextLink: (): Reason => ({
    nl: 'De zorgaanbieder verwees voor de volgende pagina naar een ander adres. Voor deze vraag is niets geïmporteerd.',
    en: 'The care provider pointed to another address for the next page. Nothing was imported for this query.',
  }),
  patientParameter: (): Reason => ({
    nl: 'Een vraag zou een patiëntparameter meesturen; dat mag niet. Voor deze vraag is niets geïmporteerd.',
    en: 'A query would have sent a patient parameter, which is not allowed. Nothing was imported for this query.',
  }),
  notFhir: (contentType: string): Reason => ({
    nl: `De zorgaanbieder stuurde geen FHIR-gegevens (${contentType || 'onbekend type'}). Voor deze vraag is niets geïmporteerd.`,
    en: `The care provider did not send FHIR data (${contentType || 'unknown type'}). Nothing was imported for this query.`,
  }),
  invalidFhir: (detail: Reason): Reason => ({
    nl: `De gegevens van de zorgaanbieder zijn ongeldig: ${detail.nl} Voor deze vraag is niets geïmporteerd.`,
    en: `The care provider's data is not valid: ${detail.en} Nothing was imported for this query.`,
  }),
  importFailed: (detail: Reason): Reason => ({
    nl: `Importeren is mislukt: ${detail.nl} Voor deze vraag is niets geïmporteerd.`,
    en: `Importing failed: ${detail.en} Nothing was imported for this query.`,
  }),
  profileLocked: (): Reason => ({
    nl: 'Het profiel is vergrendeld; het ophalen is gestopt. Ontgrendel het profiel en haal opnieuw op.',
    en: 'The profile was locked; retrieval stopped. Unlock the profile and retrieve again.',
  }),
  cancelled: (): Reason => ({
    nl: 'Het ophalen is afgebroken.',
    en: 'Retrieval was cancelled.',
  }),
  notAllowedHost: (): Reason => ({
    nl: 'Dit adres van de zorgaanbieder staat niet op de MedMij-whitelist. Er is niets opgehaald.',
    en: "This address of the care provider is not on MedMij's whitelist. Nothing was retrieved.",
  }),
  personUnchecked: (): Reason => ({
    nl: 'Uw persoonsgegevens konden niet worden opgehaald, dus Regie kon niet nagaan of deze gegevens van u zijn. Voor deze vraag is niets geïmporteerd. Probeer het opnieuw.',
    en: 'Your personal details could not be retrieved, so Regie could not check that this data is yours. Nothing was imported for this query. Please try again.',
  }),
  internal: (): Reason => ({
    nl: 'Er ging iets mis bij het ophalen. Probeer het opnieuw.',
    en: 'Something went wrong while retrieving. Please try again.',
  }),
} as const;

/** A failure that carries its bilingual reason up to the query or fetch it ends. */
export class ReasonError extends Error {
  constructor(
    readonly reason: Reason,
    /** True when the access token no longer works: only a new login helps. */
    readonly loginAgain = false,
  ) {
    super(reason.en);
    this.name = 'ReasonError';
  }
}
