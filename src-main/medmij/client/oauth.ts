/**
 * The OAuth 2.0 authorization code flow as MedMij's Afsprakenstelsel describes it for a PGO
 * (authorization interface core.authint.*, token interface core.tknint.*), with PKCE S256 (RFC 7636)
 * as RFC 8252 asks of native apps. Tokens live only in the returned object, in memory.
 */
import type { Representation } from '../../../src-preload/contract/medmij';
import { providerRequest } from './http';
import { codeChallengeS256, newRequestId } from './pkce';
import { ReasonError, reasons } from './reasons';

/**
 * MedMij's representation extension (ext.vert.authint.200): acting for someone else. The birth date
 * is sent as MedMij_geboortedatum=YYYYMMDD.
 */
export type { Representation } from '../../../src-preload/contract/medmij';

export interface AuthorizationRequest {
  authorizationEndpoint: string;
  clientId: string;
  redirectUri: string;
  /** MedMij provider name, e.g. "delinde@medmij". */
  providerName: string;
  /** Gegevensdienst id, e.g. "48". */
  serviceId: string;
  state: string;
  codeVerifier: string;
  /** X-Correlation-ID: one UUID per authorization, repeated on the token and resource requests. */
  correlationId: string;
  representation?: Representation | null;
}

/** `<providername>~<gegevensdienstid>`, plus " onbehalfof"/" onbehalfofchild" when representing. */
export function scopeOf(providerName: string, serviceId: string, representation?: Representation | null): string {
  const base = `${providerName}~${serviceId}`;
  return representation ? `${base} ${representation.kind}` : base;
}

export function authorizationUrl(request: AuthorizationRequest): string {
  const url = new URL(request.authorizationEndpoint);
  const params = url.searchParams;
  params.set('response_type', 'code');
  params.set('client_id', request.clientId);
  params.set('redirect_uri', request.redirectUri);
  for (const [name, value] of Object.entries(authorizationParams(request))) {
    params.set(name, value);
    // the same order as always: state right after scope
    if (name === 'scope') params.set('state', request.state);
  }
  return url.toString();
}

/**
 * The authorization request's own parameters, without those of the client (response_type,
 * client_id, redirect_uri, state): what the desktop hands a relay, which adds its own.
 */
export function authorizationParams(
  request: Pick<AuthorizationRequest, 'providerName' | 'serviceId' | 'codeVerifier' | 'correlationId' | 'representation'>,
): Record<string, string> {
  return {
    scope: scopeOf(request.providerName, request.serviceId, request.representation),
    code_challenge: codeChallengeS256(request.codeVerifier),
    code_challenge_method: 'S256',
    // core.authint.208: query parameters here, since the browser (not Regie) sends this request.
    'MedMij-Request-ID': newRequestId(),
    'X-Correlation-ID': request.correlationId,
    ...(request.representation && { MedMij_geboortedatum: request.representation.birthDate.replaceAll('-', '') }),
  };
}

export interface TokenSet {
  accessToken: string;
  /** Epoch ms after which the token is treated as expired (null: the provider did not say). */
  expiresAt: number | null;
  scope: string | null;
}

export interface TokenRequest {
  tokenEndpoint: string;
  clientId: string;
  redirectUri: string;
  code: string;
  codeVerifier: string;
  correlationId: string;
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A margin so that a token is not used in the last seconds of its life. */
const expirySkewMs = 5_000;
const maxTokenResponseBytes = 64 * 1024;

/** RFC 6749 §4.1.3–4.1.4 and §5.1–5.2: exchanges the code (once) for an access token. */
export async function exchangeCode(request: TokenRequest): Promise<TokenSet> {
  const now = request.now ?? Date.now;
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: request.code,
    redirect_uri: request.redirectUri,
    client_id: request.clientId,
    code_verifier: request.codeVerifier,
  });
  const timeout = AbortSignal.timeout(request.timeoutMs ?? 30_000);
  let response: Response;
  try {
    response = await providerRequest(request.fetch, {
      method: 'POST',
      url: request.tokenEndpoint,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: body.toString(),
      correlationId: request.correlationId,
      signal: request.signal ? AbortSignal.any([request.signal, timeout]) : timeout,
    });
  } catch (error) {
    // A transport that knows better (the relay) says why itself.
    if (request.signal?.aborted || error instanceof ReasonError) throw error;
    throw new ReasonError(reasons.tokenUnreachable());
  }
  let json: unknown;
  try {
    const text = await readLimited(response, maxTokenResponseBytes);
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const fields = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  if (!response.ok) {
    // §5.2: error responses carry an `error` code; anything else is reported by HTTP status.
    const code = typeof fields.error === 'string' && /^[\x20-\x21\x23-\x5b\x5d-\x7e]{1,64}$/.test(fields.error) ? fields.error : `HTTP ${response.status}`;
    throw new ReasonError(reasons.tokenRefused(code), true);
  }
  const accessToken = fields.access_token;
  const tokenType = fields.token_type;
  // §5.1: access_token and token_type are required; only Bearer tokens (RFC 6750) are usable here.
  if (typeof accessToken !== 'string' || accessToken.length === 0 || accessToken.length > 8192 || !/^[\x21-\x7e]+$/.test(accessToken)) {
    throw new ReasonError(reasons.tokenMalformed());
  }
  if (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer') throw new ReasonError(reasons.tokenMalformed());
  const expiresIn = fields.expires_in;
  const seconds = typeof expiresIn === 'number' ? expiresIn : typeof expiresIn === 'string' && /^\d+$/.test(expiresIn) ? Number(expiresIn) : null;
  if (seconds !== null && (!Number.isFinite(seconds) || seconds <= 0)) throw new ReasonError(reasons.tokenMalformed());
  return {
    accessToken,
    expiresAt: seconds === null ? null : now() + seconds * 1000 - expirySkewMs,
    scope: typeof fields.scope === 'string' ? fields.scope : null,
  };
}

/** Reads a response body up to a byte limit; throws when it is larger. */
export async function readLimited(response: Response, maxBytes: number): Promise<string> {
  return (await readLimitedBytes(response, maxBytes)).toString('utf8');
}

export class BodyTooLargeError extends Error {}

export async function readLimitedBytes(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError();
  }
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError();
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  return Buffer.concat(chunks, size);
}
