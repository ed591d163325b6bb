/**
 * Why a fetch through a relay stopped, in Dutch and English, naming the relay. Like reasons.ts:
 * never health data, tokens or codes; at most the relay's address and a refusal's code.
 */
import type { RelayErrorCode } from '../relay-protocol/messages';
import { reasons, type Reason } from './reasons';

export const relayReasons = {
  unreachable: (relay: string): Reason => ({
    nl: `De relay ${relay} was niet bereikbaar. Probeer het later opnieuw; er is niets opgehaald.`,
    en: `The relay ${relay} could not be reached. Please try again later; nothing was retrieved.`,
  }),
  busy: (relay: string): Reason => ({
    nl: `De relay ${relay} is even te druk. Probeer het over een paar minuten opnieuw.`,
    en: `The relay ${relay} is too busy right now. Please try again in a few minutes.`,
  }),
  fetchExpired: (relay: string): Reason => ({
    nl: `Het ophalen via de relay ${relay} duurde te lang en is verlopen. Begin opnieuw; er is niets opgehaald.`,
    en: `Retrieving through the relay ${relay} took too long and has expired. Please start again; nothing was retrieved.`,
  }),
  codeUsed: (): Reason => ({
    nl: 'Deze inlogcode van de zorgaanbieder is al eens gebruikt en wordt niet nog eens aangenomen. Begin opnieuw; er is niets opgehaald.',
    en: "This login code from the care provider has been used before and is not accepted again. Please start again; nothing was retrieved.",
  }),
  unknownFetch: (relay: string): Reason => ({
    nl: `De relay ${relay} herkent dit ophalen niet (meer), bijvoorbeeld omdat hij opnieuw is opgestart. Begin opnieuw.`,
    en: `The relay ${relay} does not (or no longer) recognise this retrieval, for example because it was restarted. Please start again.`,
  }),
  notAdmitted: (relay: string): Reason => ({
    nl: `De zorgaanbieder liet de relay ${relay} niet toe als MedMij-deelnemer (certificaat of registratie klopt niet). De beheerder van de relay moet dit oplossen; er is niets opgehaald.`,
    en: `The care provider did not admit the relay ${relay} as a MedMij participant (certificate or registration not in order). The relay's operator has to fix this; nothing was retrieved.`,
  }),
  providerUnreachable: (relay: string): Reason => ({
    nl: `De relay ${relay} kon de zorgaanbieder niet bereiken. Voor deze vraag is niets geïmporteerd.`,
    en: `The relay ${relay} could not reach the care provider. Nothing was imported for this query.`,
  }),
  providerTimeout: (relay: string): Reason => ({
    nl: `De zorgaanbieder antwoordde de relay ${relay} niet op tijd. Voor deze vraag is niets geïmporteerd.`,
    en: `The care provider did not answer the relay ${relay} in time. Nothing was imported for this query.`,
  }),
  answerTooLarge: (relay: string): Reason => ({
    nl: `Het antwoord van de zorgaanbieder is groter dan de relay ${relay} doorgeeft. Voor deze vraag is niets geïmporteerd.`,
    en: `The care provider's answer is larger than the relay ${relay} passes on. Nothing was imported for this query.`,
  }),
  unreadable: (relay: string): Reason => ({
    nl: `Het antwoord van de relay ${relay} kon niet worden ontsleuteld, dus het is niet gebruikt. Er is niets geïmporteerd.`,
    en: `The answer from the relay ${relay} could not be decrypted, so it was not used. Nothing was imported.`,
  }),
  refused: (relay: string, code: string): Reason => ({
    nl: `De relay ${relay} weigerde dit verzoek (${code}). Er is niets opgehaald.`,
    en: `The relay ${relay} refused this request (${code}). Nothing was retrieved.`,
  }),
} as const;

/** A relay's refusal of a provider request as the reason the person reads. */
export function relayRefusalReason(relay: string, code: RelayErrorCode | string): Reason {
  switch (code) {
    case 'rate-limited':
    case 'busy':
      return relayReasons.busy(relay);
    case 'fetch-expired':
      return relayReasons.fetchExpired(relay);
    case 'code-used':
      return relayReasons.codeUsed();
    case 'unknown-fetch':
      return relayReasons.unknownFetch(relay);
    case 'host-not-allowed':
      return reasons.notAllowedHost();
    case 'provider-unreachable':
      return relayReasons.providerUnreachable(relay);
    case 'provider-timeout':
      return relayReasons.providerTimeout(relay);
    case 'provider-answer-too-large':
      return relayReasons.answerTooLarge(relay);
    default:
      return relayReasons.refused(relay, /^[a-z-]{1,40}$/.test(code) ? code : 'onbekend');
  }
}
