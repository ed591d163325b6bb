/**
 * Building request URLs from query data, and the one check both Regie's client and the provider
 * simulator use to refuse a request that names the patient: in MedMij the access token identifies
 * the person, so `patient=` / `subject=` (also chained or with a modifier, e.g. `patient.identifier`,
 * `subject:Patient`) must never be sent.
 */
import type { MedmijQuery } from './types';

export const FORBIDDEN_PATIENT_PARAMS = ['patient', 'subject'] as const;

/** Names of forbidden (patient-identifying) search parameters in `url`'s query string; [] when none. */
export function forbiddenPatientParams(url: string | URL): string[] {
  const u = typeof url === 'string' ? new URL(url, 'http://relative.invalid') : url;
  const found: string[] = [];
  for (const name of u.searchParams.keys()) {
    const base = name.toLowerCase().split(/[.:]/, 1)[0]!;
    if ((FORBIDDEN_PATIENT_PARAMS as readonly string[]).includes(base) && !found.includes(name)) found.push(name);
  }
  return found;
}

function forbiddenInParams(params: ReadonlyArray<readonly [string, string]>): string[] {
  return params
    .map(([name]) => name)
    .filter((name) => (FORBIDDEN_PATIENT_PARAMS as readonly string[]).includes(name.toLowerCase().split(/[.:]/, 1)[0]!));
}

export interface BuildQueryUrlOptions {
  /** page size: sets `_count` (replacing one in the query) */
  count?: number;
  /** date for the `{today}` value token, default the current local date */
  today?: Date;
}

/** Percent-encodes a search parameter name or value (RFC 3986 unreserved characters stay). */
function encodeComponent(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `{today}` → today's local date; `{today-150d}` → that many days earlier (yyyy-mm-dd). */
export function expandDateTokens(value: string, today: Date): string {
  return value.replace(/\{today(?:-(\d{1,4})d)?\}/g, (_m, days: string | undefined) => {
    const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() - Number(days ?? 0));
    return localDate(d);
  });
}

/**
 * `<resourceEndpoint>/<query.path>?<params>`: the endpoint's own path is kept (a trailing slash is
 * dropped), names and values are percent-encoded (so `|` becomes %7C, `:` %3A, `,` %2C), repeated
 * names stay separate pairs, and `_count` is added for paging when asked. Never adds a patient or
 * subject parameter, and throws if the query data itself contains one.
 */
export function buildQueryUrl(resourceEndpoint: string, query: Pick<MedmijQuery, 'path' | 'params'>, options: BuildQueryUrlOptions = {}): string {
  const forbidden = forbiddenInParams(query.params);
  if (forbidden.length > 0) throw new Error(`query contains forbidden patient parameter(s): ${forbidden.join(', ')}`);
  if (!/^[A-Za-z]+(\/\$[a-z-]+)?$/.test(query.path)) throw new Error(`invalid query path ${query.path}`);
  const base = new URL(resourceEndpoint);
  if (base.search || base.hash) throw new Error('resource endpoint must not have a query or fragment');
  const today = options.today ?? new Date();
  const pairs = query.params
    .filter(([name]) => !(options.count !== undefined && name === '_count'))
    .map(([name, value]) => [name, expandDateTokens(value, today)] as const);
  if (options.count !== undefined) {
    if (!Number.isInteger(options.count) || options.count < 1) throw new Error('count must be a positive integer');
    pairs.push(['_count', String(options.count)]);
  }
  const qs = pairs.map(([n, v]) => `${encodeComponent(n)}=${encodeComponent(v)}`).join('&');
  const path = `${base.origin}${base.pathname.replace(/\/+$/, '')}/${query.path}`;
  return qs ? `${path}?${qs}` : path;
}

/**
 * Whether `url` (a Bundle `next` link or a Binary attachment URL, possibly relative) stays on the
 * same resource endpoint: same origin and under the endpoint's path. Returns the absolute URL, or
 * null when it leaves the endpoint or names the patient.
 */
export function resolveOnEndpoint(resourceEndpoint: string, url: string): string | null {
  let base: URL;
  let target: URL;
  try {
    base = new URL(resourceEndpoint.replace(/\/*$/, '/'));
    target = new URL(url, base);
  } catch {
    return null;
  }
  if (target.origin !== base.origin || !target.pathname.startsWith(base.pathname) || target.username || target.password) return null;
  if (forbiddenPatientParams(target).length > 0) return null;
  target.hash = '';
  return target.toString();
}
