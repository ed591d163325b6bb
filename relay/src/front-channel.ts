/**
 * The front channel: starting a fetch (the provider's authorize URL with the relay's client_id and
 * redirect_uri and a sealed state) and the browser's return, which goes on to the desktop's loopback
 * listener registered for that fetch — and nowhere else.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendNoticePage } from '../../src-main/medmij/client/loopback';
import {
  authorizeRequestSchema,
  isLoopbackTarget,
  relayOwnedParams,
  type AuthorizeAnswer,
} from '../../src-main/medmij/relay-protocol/index';
import { relayPages } from './pages';
import { RelayRefusal, type RelayContext } from './context';

/** The MedMij/OAuth error code the desktop hears when a fetch ran out of time at the relay. */
export const fetchExpiredError = 'regie_relay_expired';

export async function startFetch(ctx: RelayContext, body: unknown): Promise<AuthorizeAnswer> {
  const parsed = authorizeRequestSchema.safeParse(body);
  if (!parsed.success) throw new RelayRefusal(400, 'bad-request');
  const request = parsed.data;
  if (!isLoopbackTarget(request.loopback.redirectUri)) throw new RelayRefusal(400, 'not-loopback');
  const names = Object.keys(request.params);
  if (names.some((name) => (relayOwnedParams as readonly string[]).includes(name))) throw new RelayRefusal(400, 'bad-request');
  // PKCE is what keeps the code useless to the relay until the desktop redeems it.
  if (!/^[A-Za-z0-9_-]{43}$/.test(request.params.code_challenge ?? '') || request.params.code_challenge_method !== 'S256') {
    throw new RelayRefusal(400, 'bad-request');
  }
  const endpoints = [request.authorizationEndpoint, request.tokenEndpoint, request.resourceEndpoint].map((value) => new URL(value));
  for (const endpoint of endpoints) {
    if (endpoint.username || endpoint.password || endpoint.search || endpoint.hash) throw new RelayRefusal(400, 'bad-request');
    if (!(await ctx.isAllowedHost(endpoint))) throw new RelayRefusal(403, 'host-not-allowed');
  }
  ctx.limitProvider(endpoints[0]!.hostname);

  const fetchId = randomBytes(16).toString('base64url');
  const expiresAt = ctx.now() + ctx.config.limits.loginTimeoutMs;
  const state = ctx.sealer.seal('state', { f: fetchId, t: request.loopback.redirectUri, s: request.loopback.state, e: expiresAt });
  const ticket = ctx.sealer.seal('ticket', {
    f: fetchId,
    k: request.fetchKey,
    te: request.tokenEndpoint,
    re: request.resourceEndpoint,
    c: request.correlationId,
    e: expiresAt,
  });
  const url = new URL(request.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', ctx.config.hostname);
  url.searchParams.set('redirect_uri', ctx.config.redirectUri);
  for (const [name, value] of Object.entries(request.params)) {
    url.searchParams.set(name, value);
    if (name === 'scope') url.searchParams.set('state', state);
  }
  if (!url.searchParams.has('state')) url.searchParams.set('state', state);
  return { authorizationUrl: url.toString(), ticket, expiresAt, clientId: ctx.config.hostname };
}

/**
 * The browser's return from the provider. A state the relay did not seal gets a page and goes
 * nowhere; a state used before too. An expired one goes to the desktop with an error instead of the
 * code, so the person hears why.
 */
export function returnToDesktop(ctx: RelayContext, params: URLSearchParams, res: ServerResponse): number {
  const states = params.getAll('state');
  const state = states.length === 1 ? ctx.sealer.open('state', states[0]!) : null;
  if (!state || !isLoopbackTarget(state.t)) {
    sendNoticePage(res, 400, relayPages.unknown);
    return 400;
  }
  if (!ctx.usedStates.take(state.f, state.e)) {
    sendNoticePage(res, 409, relayPages.used);
    return 409;
  }
  const target = new URL(state.t);
  const error = params.get('error');
  const codes = params.getAll('code');
  if (ctx.now() >= state.e) target.searchParams.set('error', fetchExpiredError);
  else if (error !== null) target.searchParams.set('error', safeOAuthCode(error));
  else if (codes.length === 1 && codes[0]!.length > 0 && codes[0]!.length <= 2048) target.searchParams.set('code', codes[0]!);
  else target.searchParams.set('error', 'invalid_request');
  target.searchParams.set('state', state.s);
  res.writeHead(302, {
    Location: target.toString(),
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': '0',
  });
  res.end();
  return 302;
}

/** An OAuth error code as RFC 6749 allows it, shortened; anything else becomes a plain one. */
function safeOAuthCode(value: string): string {
  return /^[\x20-\x21\x23-\x5b\x5d-\x7e]{1,64}$/.test(value) ? value : 'invalid_request';
}
