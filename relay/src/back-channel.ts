/**
 * The back channel: a provider request the desktop describes, carried out by the relay with mutual
 * TLS and MedMij's headers, its answer encrypted to the fetch's key.
 *
 * With the ticket the one request allowed is the code's redemption at the ticket's token endpoint,
 * once: the desktop brings the code and its PKCE verifier, the relay adds its client_id and
 * redirect_uri, and hands back a grant (the access token sealed with a time limit) in the token's
 * place. With the grant, requests go to the resource endpoint only, with the Bearer token inside it.
 * Nothing of either is kept after the request.
 */
import { randomUUID } from 'node:crypto';
import {
  answerContext,
  frameAnswer,
  providerRequestSchema,
  sealTo,
  type ProviderRequest,
} from '../../src-main/medmij/relay-protocol/index';
import { RelayRefusal, type RelayContext } from './context';
import { ProviderCallError, type ProviderResult } from './provider-client';
import type { SealedGrant, SealedTicket } from './sealed';

export interface ProviderRequestOutcome {
  /** The envelope for the desktop. */
  sealed: Buffer;
  /** For the log: the provider's host and its status. */
  provider: string;
  providerStatus: number;
}

export async function carryOut(ctx: RelayContext, body: unknown): Promise<ProviderRequestOutcome> {
  const parsed = providerRequestSchema.safeParse(body);
  if (!parsed.success) throw new RelayRefusal(400, 'bad-request');
  const request = parsed.data;
  if (!URL.canParse(request.url)) throw new RelayRefusal(400, 'bad-request');
  const url = new URL(request.url);
  if (url.protocol !== 'https:' || url.username || url.password || url.hash) throw new RelayRefusal(403, 'host-not-allowed');

  let result: ProviderResult;
  let recipient: string;
  if (request.ticket !== undefined) {
    const ticket = openFresh(ctx, 'ticket', request.ticket);
    recipient = ticket.k;
    result = await redeem(ctx, ticket, request, url);
  } else {
    const grant = openFresh(ctx, 'grant', request.grant!);
    recipient = grant.k;
    result = await resourceRequest(ctx, grant, request, url);
  }
  const frame = frameAnswer({ status: result.status, contentType: result.contentType, wwwAuthenticate: result.wwwAuthenticate }, result.body);
  return { sealed: sealTo(recipient, frame, answerContext(request.method, request.url)), provider: url.hostname, providerStatus: result.status };
}

function openFresh<K extends 'ticket' | 'grant'>(ctx: RelayContext, kind: K, sealed: string): K extends 'ticket' ? SealedTicket : SealedGrant {
  const value = ctx.sealer.open(kind, sealed);
  if (!value) throw new RelayRefusal(400, 'unknown-fetch');
  if (ctx.now() >= value.e) throw new RelayRefusal(410, 'fetch-expired');
  return value as K extends 'ticket' ? SealedTicket : SealedGrant;
}

async function redeem(ctx: RelayContext, ticket: SealedTicket, request: ProviderRequest, url: URL): Promise<ProviderResult> {
  if (request.method !== 'POST' || url.toString() !== new URL(ticket.te).toString()) throw new RelayRefusal(403, 'host-not-allowed');
  const form = new URLSearchParams(Buffer.from(request.body ?? '', 'base64').toString('utf8'));
  const code = form.get('code');
  const verifier = form.get('code_verifier');
  if (form.get('grant_type') !== 'authorization_code' || !code || code.length > 2048 || !verifier || !/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) {
    throw new RelayRefusal(400, 'bad-request');
  }
  if (!ctx.redeemed.take(ticket.f, ticket.e)) throw new RelayRefusal(409, 'code-used');
  ctx.limitProvider(url.hostname);
  const answer = await call(ctx, {
    method: 'POST',
    url,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
      'MedMij-Request-ID': randomUUID(),
      'X-Correlation-ID': ticket.c,
    },
    body: Buffer.from(
      new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: ctx.config.redirectUri,
        client_id: ctx.config.hostname,
        code_verifier: verifier,
      }).toString(),
    ),
  });
  return answer.status === 200 ? withGrant(ctx, ticket, answer) : answer;
}

/**
 * The provider's token answer with the access token replaced by a grant: the same JSON otherwise,
 * expires_in shortened to the relay's limit. An answer without a usable token passes unchanged.
 */
function withGrant(ctx: RelayContext, ticket: SealedTicket, answer: ProviderResult): ProviderResult {
  let fields: Record<string, unknown>;
  try {
    fields = JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return answer;
  }
  if (typeof fields !== 'object' || fields === null || typeof fields.access_token !== 'string' || fields.access_token.length === 0) return answer;
  const providerSeconds = typeof fields.expires_in === 'number' ? fields.expires_in : typeof fields.expires_in === 'string' ? Number(fields.expires_in) : NaN;
  const limitMs = ctx.config.limits.grantTtlMs;
  const lifetimeMs = Number.isFinite(providerSeconds) && providerSeconds > 0 ? Math.min(providerSeconds * 1000, limitMs) : limitMs;
  const expiresAt = ctx.now() + lifetimeMs;
  const grant = ctx.sealer.seal('grant', { f: ticket.f, k: ticket.k, re: ticket.re, c: ticket.c, at: fields.access_token, e: expiresAt });
  const body = { ...fields, access_token: grant, expires_in: Math.max(1, Math.floor(lifetimeMs / 1000)) };
  return { ...answer, contentType: 'application/json', body: Buffer.from(JSON.stringify(body)) };
}

async function resourceRequest(ctx: RelayContext, grant: SealedGrant, request: ProviderRequest, url: URL): Promise<ProviderResult> {
  const base = new URL(grant.re);
  const prefix = base.pathname.replace(/\/+$/, '');
  // Only the resource server the grant is for: the token is never sent anywhere else.
  if (url.origin !== base.origin || (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`))) {
    throw new RelayRefusal(403, 'host-not-allowed');
  }
  const body = request.body !== undefined ? Buffer.from(request.body, 'base64') : undefined;
  if (body && request.method === 'GET') throw new RelayRefusal(400, 'bad-request');
  ctx.limitProvider(url.hostname);
  return call(ctx, {
    method: request.method,
    url,
    headers: {
      Authorization: `Bearer ${grant.at}`,
      Accept: request.accept ?? 'application/fhir+json',
      ...(body && { 'Content-Type': request.contentType ?? 'application/fhir+json' }),
      'MedMij-Request-ID': randomUUID(),
      'X-Correlation-ID': grant.c,
    },
    ...(body && { body }),
  });
}

async function call(ctx: RelayContext, request: Parameters<RelayContext['providers']['call']>[0]): Promise<ProviderResult> {
  try {
    return await ctx.providers.call(request);
  } catch (error) {
    if (error instanceof ProviderCallError) throw new RelayRefusal(error.code === 'provider-timeout' ? 504 : 502, error.code);
    throw error;
  }
}
