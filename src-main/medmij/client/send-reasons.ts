/**
 * Why a send stopped before its request went out, in Dutch and English. Like reasons.ts for
 * fetching: these texts never quote health data or tokens, at most an HTTP status or OAuth code.
 */
import type { LoginFailure } from './login';
import type { Reason } from './reasons';

const nothingSent = { nl: 'Er is niets verstuurd.', en: 'Nothing was sent.' };

export const sendReasons = {
  login(failure: LoginFailure): Reason {
    switch (failure.kind) {
      case 'access-denied':
        return {
          nl: `U heeft bij de zorgaanbieder geen toestemming gegeven, of het inloggen is afgebroken. ${nothingSent.nl}`,
          en: `You did not give permission at the care provider, or logging in was cancelled. ${nothingSent.en}`,
        };
      case 'timeout':
        return {
          nl: `Het inloggen bij de zorgaanbieder duurde langer dan ${failure.minutes} minuten. ${nothingSent.nl} Begin opnieuw.`,
          en: `Logging in at the care provider took longer than ${failure.minutes} minutes. ${nothingSent.en} Please start again.`,
        };
      case 'authorization-error':
        return {
          nl: `De zorgaanbieder weigerde het inloggen (${failure.code}). ${nothingSent.nl}`,
          en: `The care provider refused the login (${failure.code}). ${nothingSent.en}`,
        };
      case 'token':
      case 'route':
        return { nl: `${failure.reason.nl} ${nothingSent.nl}`, en: `${failure.reason.en} ${nothingSent.en}` };
      case 'token-unreachable':
        return {
          nl: `De zorgaanbieder was niet bereikbaar om de toegang op te halen. ${nothingSent.nl} Probeer het later opnieuw.`,
          en: `The care provider could not be reached to obtain access. ${nothingSent.en} Please try again later.`,
        };
      default:
        return sendReasons.cancelled();
    }
  },
  cancelled: (): Reason => ({ nl: `Het versturen is afgebroken. ${nothingSent.nl}`, en: `Sending was cancelled. ${nothingSent.en}` }),
  profileLocked: (): Reason => ({
    nl: `Het profiel is vergrendeld; het versturen is gestopt. ${nothingSent.nl}`,
    en: `The profile was locked; sending stopped. ${nothingSent.en}`,
  }),
  unreachable: (): Reason => ({
    nl: `De zorgaanbieder was niet bereikbaar. ${nothingSent.nl} Probeer het later opnieuw.`,
    en: `The care provider could not be reached. ${nothingSent.en} Please try again later.`,
  }),
  expired: (): Reason => ({
    nl: `De toegang bij de zorgaanbieder was al verlopen. ${nothingSent.nl} Verstuur het opnieuw en log opnieuw in.`,
    en: `Access at the care provider had already expired. ${nothingSent.en} Send it again and log in again.`,
  }),
  internal: (): Reason => ({ nl: `Er ging iets mis bij het versturen. ${nothingSent.nl}`, en: `Something went wrong while sending. ${nothingSent.en}` }),
} as const;
