/**
 * The desktop's side of the relay (protocol: ../relay-protocol/messages.ts). Per fetch the desktop
 * makes an X25519 key pair and keeps the PKCE verifier; the relay gets the public key and the
 * challenge. What the relay returns is encrypted to that key, and the token stays sealed inside the
 * grant the relay hands back, which only a relay can open: neither side can use the login alone.
 *
 * The route's `fetch` is an ordinary fetch function for the code's redemption and every provider
 * request after it, so exchangeCode, runQuery and (later) sending work unchanged: each request the
 * desktop describes goes to the relay, and the relay's decrypted answer comes back as a Response.
 */
import { RegieError } from '../../core/errors';
import {
  answerContext,
  authorizeRequestSchema,
  EnvelopeError,
  newFetchKeyPair,
  openSealed,
  relayPaths,
  relayProtocolVersion,
  unframeAnswer,
  type AuthorizeAnswer,
  type FetchKeyPair,
  type ProviderRequest,
  type RelayErrorBody,
  type RelayHealth,
} from '../relay-protocol/index';
import { authorizationParams, exchangeCode, readLimitedBytes, type TokenSet } from './oauth';
import type { AuthorizeInput, ProviderRoute, RedeemInput } from './provider-route';
import { ReasonError, type Reason } from './reasons';
import { relayReasons, relayRefusalReason } from './relay-reasons';

/** The error code the relay sends the browser back with when a fetch ran out of time. */
const fetchExpiredCallbackError = 'regie_relay_expired';
/** A provider answer may be 50 MB (fhir-query's default); the envelope adds a little. */
const maxEnvelopeBytes = 51 * 1024 * 1024;

/**
 * A relay address as Regie stores it: https, or http only to this computer (a relay run locally for
 * testing); no user name, query or fragment; no trailing slash. Throws 'relay-address-invalid'.
 */
export function normalizeRelayUrl(input: string): string {
  const text = input.trim();
  if (!URL.canParse(text)) throw new RegieError('relay-address-invalid');
  const url = new URL(text);
  const loopback = url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) || url.username || url.password || url.search || url.hash) {
    throw new RegieError('relay-address-invalid');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export class RelayClient {
  /** How the person sees the relay: its host (and port when not the usual one). */
  readonly label: string;

  constructor(
    readonly url: string,
    private readonly doFetch: typeof fetch = fetch,
  ) {
    this.label = new URL(url).host;
  }

  /** Where MedMij's lists are when they come through the relay. */
  get listsUrl(): string {
    return `${this.url}${relayPaths.lists}`;
  }

  /** Checks that a Regie relay answers here; throws 'relay-unreachable' or 'not-a-relay'. */
  async health(): Promise<RelayHealth> {
    let response: Response;
    try {
      response = await this.doFetch(`${this.url}${relayPaths.health}`, { redirect: 'error', signal: AbortSignal.timeout(10_000) });
    } catch {
      throw new RegieError('relay-unreachable', { relay: this.label });
    }
    let health: Partial<RelayHealth> | null;
    try {
      health = JSON.parse((await readLimitedBytes(response, 64 * 1024)).toString('utf8')) as Partial<RelayHealth>;
    } catch {
      health = null;
    }
    if (!response.ok || health?.service !== 'regie-relay' || health.protocol !== relayProtocolVersion || typeof health.hostname !== 'string') {
      throw new RegieError('not-a-relay', { relay: this.label });
    }
    return health as RelayHealth;
  }

  /** A route for one fetch, with its own key pair. */
  route(): RelayRoute {
    return new RelayRoute(this, this.doFetch);
  }
}

export class RelayRoute implements ProviderRoute {
  readonly relay: string;
  readonly fetch: typeof fetch;
  private readonly keys: FetchKeyPair = newFetchKeyPair();
  private answer: AuthorizeAnswer | null = null;
  private relayRedirectUri: string | null = null;

  constructor(
    private readonly client: RelayClient,
    private readonly doFetch: typeof fetch,
  ) {
    this.relay = client.label;
    this.fetch = ((input: string | URL | Request, init?: RequestInit) => this.carry(input, init)) as typeof fetch;
  }

  async authorize(input: AuthorizeInput): Promise<string> {
    const params = authorizationParams({
      providerName: input.service.providerId,
      serviceId: input.service.serviceId,
      codeVerifier: input.codeVerifier,
      correlationId: input.correlationId,
      representation: input.representation,
    });
    const request = authorizeRequestSchema.parse({
      authorizationEndpoint: input.service.authorizationEndpoint,
      tokenEndpoint: input.service.tokenEndpoint,
      resourceEndpoint: input.service.resourceEndpoint,
      params,
      loopback: { redirectUri: input.redirectUri, state: input.state },
      fetchKey: this.keys.publicKey,
      correlationId: input.correlationId,
    });
    const response = await this.post(relayPaths.authorize, request, undefined).catch(() => {
      throw new RegieError('relay-unreachable', { relay: this.relay });
    });
    if (!response.ok) throw new RegieError('relay-refused', { relay: this.relay, why: await refusalCode(response) });
    let answer: AuthorizeAnswer;
    try {
      answer = JSON.parse((await readLimitedBytes(response, 64 * 1024)).toString('utf8')) as AuthorizeAnswer;
    } catch {
      throw new RegieError('not-a-relay', { relay: this.relay });
    }
    // The browser is sent only to the provider's own authorize endpoint, with the desktop's challenge.
    const url = URL.canParse(answer.authorizationUrl) ? new URL(answer.authorizationUrl) : null;
    const endpoint = new URL(input.service.authorizationEndpoint);
    if (
      !url ||
      url.origin !== endpoint.origin ||
      url.pathname !== endpoint.pathname ||
      url.searchParams.get('code_challenge') !== params.code_challenge ||
      typeof answer.ticket !== 'string' ||
      typeof answer.clientId !== 'string'
    ) {
      throw new RegieError('not-a-relay', { relay: this.relay });
    }
    this.answer = answer;
    this.relayRedirectUri = url.searchParams.get('redirect_uri');
    return url.toString();
  }

  async redeem(input: RedeemInput): Promise<TokenSet> {
    if (!this.answer || !this.relayRedirectUri) throw new Error('redeem before authorize');
    return exchangeCode({
      tokenEndpoint: input.service.tokenEndpoint,
      clientId: this.answer.clientId,
      redirectUri: this.relayRedirectUri,
      code: input.code,
      codeVerifier: input.codeVerifier,
      correlationId: input.correlationId,
      signal: input.signal,
      now: input.now,
      fetch: this.fetch,
    });
  }

  callbackReason(error: string): Reason | null {
    return error === fetchExpiredCallbackError ? relayReasons.fetchExpired(this.relay) : null;
  }

  /**
   * One provider request through the relay: before the redemption with the ticket, after it with the
   * grant that the Bearer header carries. The relay adds the token, its certificate and MedMij's
   * headers; the answer is decrypted here and returned as the provider's Response.
   */
  private async carry(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const headers = new Headers(init.headers);
    const method = (init.method ?? 'GET').toUpperCase() as ProviderRequest['method'];
    const grant = /^Bearer (\S+)$/.exec(headers.get('authorization') ?? '')?.[1];
    if (grant === undefined && !this.answer) throw new Error('provider request before authorize');
    const request: ProviderRequest = {
      ...(grant !== undefined ? { grant } : { ticket: this.answer!.ticket }),
      method,
      url,
      ...(headers.has('accept') && { accept: headers.get('accept')! }),
      ...(headers.has('content-type') && { contentType: headers.get('content-type')! }),
      ...(init.body != null && { body: bodyAsBase64(init.body) }),
    };
    let response: Response;
    try {
      response = await this.post(relayPaths.provider, request, init.signal ?? undefined);
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new ReasonError(relayReasons.unreachable(this.relay));
    }
    if (!response.ok) {
      const code = await refusalCode(response);
      // A grant that ran out or that the relay no longer knows will not work for the next request either.
      throw new ReasonError(relayRefusalReason(this.relay, code), grant !== undefined && (code === 'fetch-expired' || code === 'unknown-fetch'));
    }
    let head;
    let body;
    try {
      const sealed = await readLimitedBytes(response, maxEnvelopeBytes);
      ({ head, body } = unframeAnswer(openSealed(this.keys, sealed, answerContext(method, url))));
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new ReasonError(error instanceof EnvelopeError ? relayReasons.unreadable(this.relay) : relayReasons.unreachable(this.relay));
    }
    if (grant === undefined && isClientRefusal(head.status, body)) throw new ReasonError(relayReasons.notAdmitted(this.relay));
    const answerHeaders = new Headers();
    if (head.contentType) answerHeaders.set('content-type', head.contentType);
    if (head.wwwAuthenticate) answerHeaders.set('www-authenticate', head.wwwAuthenticate);
    answerHeaders.set('content-length', String(body.length));
    const empty = head.status === 204 || head.status === 205 || head.status === 304;
    return new Response(empty ? null : new Uint8Array(body), { status: head.status, headers: answerHeaders });
  }

  private post(path: string, body: unknown, signal: AbortSignal | undefined): Promise<Response> {
    return this.doFetch(`${this.client.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/octet-stream, application/json' },
      body: JSON.stringify(body),
      redirect: 'error',
      ...(signal && { signal }),
    });
  }
}

/** The token endpoint did not accept the relay as a client (RFC 6749 §5.2 invalid_client). */
function isClientRefusal(status: number, body: Buffer): boolean {
  if (status === 401) return true;
  if (status !== 400) return false;
  try {
    return (JSON.parse(body.toString('utf8')) as { error?: unknown }).error === 'invalid_client';
  } catch {
    return false;
  }
}

async function refusalCode(response: Response): Promise<string> {
  try {
    const body = JSON.parse((await readLimitedBytes(response, 4096)).toString('utf8')) as Partial<RelayErrorBody>;
    return typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

function bodyAsBase64(body: NonNullable<RequestInit['body']>): string {
  if (typeof body === 'string') return Buffer.from(body, 'utf8').toString('base64');
  if (body instanceof URLSearchParams) return Buffer.from(body.toString(), 'utf8').toString('base64');
  if (body instanceof ArrayBuffer) return Buffer.from(body).toString('base64');
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('base64');
  throw new TypeError('a provider request through the relay needs a string or byte body');
}
