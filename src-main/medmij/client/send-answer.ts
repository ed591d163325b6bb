/**
 * Reading a provider's answer to a send: the HTTP status, an OperationOutcome (why it refused), and
 * for a batch or transaction the per-entry status of the batch-response / transaction-response
 * Bundle (FHIR: entry[i] answers request entry[i]). Every item the person was shown gets a status:
 * accepted only when the provider said so; a request that went out without an answer is "unknown",
 * never "accepted". The provider's own words are passed on as text (cleaned, shortened), nothing else.
 */
import type { SendAnswer, SendItemResult, SendItemStatus } from '../../../src-preload/contract/sharing';
import { isObject, type FhirJson } from '../../fhir/types';
import type { BuiltItem } from './send-types';

type Reason = { nl: string; en: string };

/** What came back (or did not). */
export type RawAnswer =
  | { kind: 'response'; status: number; body: unknown }
  /** The request went out but the connection broke or timed out before an answer. */
  | { kind: 'no-answer' };

const maxSaid = 5;

/** Text a provider wrote, safe to show: no control characters, at most 300 characters. */
export function cleanProviderText(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  // Control and bidi-override characters could disguise what the provider wrote: they become spaces.
  // eslint-disable-next-line no-control-regex
  const cleaned = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!cleaned) return null;
  return cleaned.length > 300 ? `${cleaned.slice(0, 297)}…` : cleaned;
}

/** The issue texts of an OperationOutcome (details.text, else diagnostics). */
export function outcomeTexts(outcome: unknown): string[] {
  if (!isObject(outcome) || outcome.resourceType !== 'OperationOutcome' || !Array.isArray(outcome.issue)) return [];
  return outcome.issue
    .filter(isObject)
    .map((issue) => cleanProviderText(isObject(issue.details) && typeof issue.details.text === 'string' ? issue.details.text : issue.diagnostics))
    .filter((t): t is string => t !== null)
    .slice(0, maxSaid);
}

const providerSays = (texts: string[]): Reason | null =>
  texts.length === 0 ? null : { nl: `De zorgaanbieder: ${texts.join(' ')}`, en: `The care provider: ${texts.join(' ')}` };

/** An entry's response.status ("201 Created", "400", …) as a number. */
function entryStatus(entry: unknown): number | null {
  if (!isObject(entry) || !isObject(entry.response) || typeof entry.response.status !== 'string') return null;
  const match = /^\s*(\d{3})/.exec(entry.response.status);
  return match ? Number(match[1]) : null;
}

function httpRefusal(status: number): Reason {
  if (status === 401) {
    return {
      nl: 'De zorgaanbieder weigerde de toegang (verlopen of ongeldig). Er is niets aangenomen; verstuur het opnieuw en log opnieuw in.',
      en: 'The care provider refused access (expired or invalid). Nothing was accepted; send it again and log in again.',
    };
  }
  if (status === 403) {
    return {
      nl: 'De zorgaanbieder staat dit versturen niet toe. Er is niets aangenomen.',
      en: 'The care provider does not allow this to be sent. Nothing was accepted.',
    };
  }
  if (status >= 500) {
    return {
      nl: `De zorgaanbieder had een storing (HTTP ${status}). Er is niets aangenomen; probeer het later opnieuw.`,
      en: `The care provider had a failure (HTTP ${status}). Nothing was accepted; please try again later.`,
    };
  }
  return {
    nl: `De zorgaanbieder weigerde het (HTTP ${status}). Er is niets aangenomen.`,
    en: `The care provider refused it (HTTP ${status}). Nothing was accepted.`,
  };
}

/**
 * The answer per item. `entryUrls` are the request Bundle's entries' fullUrls in order (empty for a
 * request that is one resource); items map to them through their own fullUrl.
 */
export function interpretAnswer(raw: RawAnswer, items: readonly BuiltItem[], entryUrls: readonly string[]): { answer: SendAnswer; items: SendItemResult[] } {
  const result = (status: SendItemStatus, reason: Reason | null) => (item: BuiltItem): SendItemResult => {
    const { fullUrl: _fullUrl, ...rest } = item;
    return { ...rest, status, reason };
  };

  if (raw.kind === 'no-answer') {
    const reason = {
      nl: 'De verbinding viel weg voordat de zorgaanbieder antwoordde. Regie weet niet of het is aangekomen, dus het staat niet als verstuurd. Verstuur het opnieuw of vraag het na bij de zorgaanbieder.',
      en: 'The connection was lost before the care provider answered. Regie does not know whether it arrived, so it is not marked as sent. Send it again or check with the care provider.',
    };
    return {
      answer: { outcome: 'unknown', httpStatus: null, message: reason, providerSaid: [] },
      items: items.map(result('unknown', null)),
    };
  }

  const { status, body } = raw;
  const said = outcomeTexts(body);
  if (status < 200 || status >= 300) {
    const reason = providerSays(said) ?? httpRefusal(status);
    return {
      answer: { outcome: 'refused', httpStatus: status, message: httpRefusal(status), providerSaid: said },
      items: items.map(result('refused', reason)),
    };
  }

  // A Bundle answer: one response entry per request entry.
  const responseEntries = isObject(body) && body.resourceType === 'Bundle' && Array.isArray(body.entry) ? (body.entry as unknown[]) : null;
  const perEntry = new Map<string, { status: SendItemStatus; reason: Reason | null }>();
  const entrySaid: string[] = [];
  if (responseEntries && entryUrls.length > 0) {
    entryUrls.forEach((url, i) => {
      const entry = responseEntries[i];
      const code = entryStatus(entry);
      if (code === null) {
        perEntry.set(url, { status: 'unknown', reason: null });
      } else if (code >= 200 && code < 300) {
        perEntry.set(url, { status: 'accepted', reason: null });
      } else {
        const texts = isObject(entry) && isObject(entry.response) ? outcomeTexts(entry.response.outcome) : [];
        entrySaid.push(...texts);
        perEntry.set(url, { status: 'refused', reason: providerSays(texts) ?? httpRefusal(code) });
      }
    });
  }
  const results = items.map((item) => {
    const found = item.fullUrl !== null ? perEntry.get(item.fullUrl) : undefined;
    if (found) return result(found.status, found.reason)(item);
    // No per-entry answer (a single resource, or a provider answering the whole): the HTTP status decides.
    return result(responseEntries && entryUrls.length > 0 ? 'unknown' : 'accepted', null)(item);
  });
  const statuses = results.map((r) => r.status);
  const accepted = statuses.filter((s) => s === 'accepted').length;
  const refused = statuses.filter((s) => s === 'refused').length;
  const outcome = accepted === statuses.length ? 'accepted' : refused === statuses.length ? 'refused' : accepted > 0 ? 'partly-accepted' : refused > 0 ? 'refused' : 'unknown';
  const message: Reason =
    outcome === 'accepted'
      ? { nl: 'De zorgaanbieder heeft alles ontvangen en aangenomen.', en: 'The care provider received and accepted everything.' }
      : outcome === 'partly-accepted'
        ? { nl: 'De zorgaanbieder heeft een deel aangenomen en een deel geweigerd; bij elk onderdeel staat waarom.', en: 'The care provider accepted part and refused part; each item says why.' }
        : outcome === 'refused'
          ? { nl: 'De zorgaanbieder heeft het geweigerd; bij elk onderdeel staat waarom.', en: 'The care provider refused it; each item says why.' }
          : {
              nl: 'De zorgaanbieder antwoordde, maar niet over elk onderdeel. Wat niet is bevestigd, staat niet als verstuurd.',
              en: 'The care provider answered, but not about every item. What was not confirmed is not marked as sent.',
            };
  return { answer: { outcome, httpStatus: status, message, providerSaid: [...said, ...entrySaid].slice(0, maxSaid) }, items: results };
}

/** The fullUrls of a request Bundle's entries, in order. */
export function entryUrlsOf(body: FhirJson): string[] {
  if (body.resourceType !== 'Bundle' || !Array.isArray(body.entry)) return [];
  return body.entry.map((entry) => (isObject(entry) && typeof entry.fullUrl === 'string' ? entry.fullUrl : ''));
}
