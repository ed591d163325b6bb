/** Test helpers: drive the provider simulator's OAuth flow with plain fetch, as a PGO would. */
import { createHash, randomBytes } from 'node:crypto';

export const CLIENT_ID = 'regie.invalid';
export const REDIRECT_URI = 'http://127.0.0.1:49152/callback';

export const newVerifier = () => randomBytes(32).toString('base64url');
export const challengeOf = (verifier: string) => createHash('sha256').update(verifier, 'ascii').digest('base64url');

export interface AuthorizeParams {
  provider?: string;
  providerName?: string;
  serviceId?: string;
  clientId?: string;
  redirectUri?: string;
  state?: string | null;
  verifier?: string;
  extra?: Record<string, string>;
  omit?: readonly string[];
}

export function authorizeUrl(origin: string, p: AuthorizeParams = {}): string {
  const slug = p.provider ?? 'delinde';
  const url = new URL(`${origin}/${slug}/oauth/authorize`);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: p.clientId ?? CLIENT_ID,
    redirect_uri: p.redirectUri ?? REDIRECT_URI,
    scope: `${p.providerName ?? `${slug}@medmij`}~${p.serviceId ?? '48'}`,
    code_challenge: challengeOf(p.verifier ?? newVerifier()),
    code_challenge_method: 'S256',
    ...(p.state === null ? {} : { state: p.state ?? 'staat-123' }),
    ...p.extra,
  };
  for (const k of p.omit ?? []) delete params[k];
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

/** GET the login page and return the hidden session id. */
export async function openLogin(url: string): Promise<{ status: number; html: string; session: string | undefined; location: string | null }> {
  const res = await fetch(url, { redirect: 'manual' });
  const html = await res.text();
  const session = /name="session" value="([^"]+)"/.exec(html)?.[1];
  return { status: res.status, html, session, location: res.headers.get('location') };
}

/** POST the simulated DigiD form; returns the redirect Location. */
export async function submitLogin(origin: string, slug: string, session: string, person: string, action: 'login' | 'cancel' = 'login'): Promise<URL> {
  const res = await fetch(`${origin}/${slug}/oauth/authorize`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ session, person, action }).toString(),
    redirect: 'manual',
  });
  if (res.status !== 302) throw new Error(`login gave ${res.status}: ${await res.text()}`);
  return new URL(res.headers.get('location') ?? '');
}

export async function tokenRequest(origin: string, slug: string, fields: Record<string, string>, contentType = 'application/x-www-form-urlencoded') {
  const res = await fetch(`${origin}/${slug}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
}

/** Full flow: authorize → login as `person` → code → token. */
export async function getToken(
  origin: string,
  opts: { provider?: string; serviceId?: string; person?: string } = {},
): Promise<{ accessToken: string; scope: string; code: string; verifier: string }> {
  const slug = opts.provider ?? 'delinde';
  const verifier = newVerifier();
  const { session } = await openLogin(authorizeUrl(origin, { provider: slug, serviceId: opts.serviceId ?? '48', verifier }));
  if (!session) throw new Error('no login page');
  const back = await submitLogin(origin, slug, session, opts.person ?? 'jan-de-vries');
  const code = back.searchParams.get('code') ?? '';
  const t = await tokenRequest(origin, slug, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: CLIENT_ID, code_verifier: verifier });
  if (t.status !== 200) throw new Error(`token: ${JSON.stringify(t.json)}`);
  return { accessToken: String(t.json.access_token), scope: String(t.json.scope), code, verifier };
}

export async function fhirGet(url: string, token: string | null, accept = 'application/fhir+json') {
  const res = await fetch(url, { headers: { Accept: accept, ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    /* XML or binary */
  }
  return { status: res.status, headers: res.headers, text, json };
}
