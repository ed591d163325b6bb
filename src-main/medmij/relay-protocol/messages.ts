/**
 * The relay's protocol (version 1), shared by the relay server (relay/) and the desktop
 * (medmij/client/relay-route.ts). It is deliberately generic: after the login, everything the
 * desktop needs from a provider is a "provider request" it describes (method, URL, body) and the
 * relay carries out with its PKIoverheid certificate, the Bearer token and MedMij's headers. Fetching
 * and, later, sending (MedMij Delen) use the same path.
 *
 *   GET  /health                 is the relay up and set up (no secrets, no health data)
 *   GET  /v1/lists/<file>        MedMij's public lists as the relay loaded them
 *   POST /v1/authorize           start a fetch: the provider's authorize URL with the relay's
 *                                client_id, redirect_uri and a sealed state; a sealed ticket
 *   GET  /medmij/callback        the browser's return: on to the desktop's loopback listener
 *   POST /v1/provider            a provider request: with the ticket, redeeming the code (the
 *                                desktop brings its PKCE verifier); with the grant, a FHIR request.
 *                                The answer is encrypted to the fetch's key (envelope.ts).
 */
import { z } from 'zod';
import { callbackPath } from '../client/loopback';
import { publicKeyPattern } from './envelope';

export const relayProtocolVersion = 1;

export const relayPaths = {
  health: '/health',
  lists: '/v1/lists/',
  authorize: '/v1/authorize',
  provider: '/v1/provider',
  callback: '/medmij/callback',
} as const;

/** What the relay passes on from MedMij: public lists, never health data. */
export const relayListFiles = [
  'zorgaanbiederslijst.xml',
  'gegevensdienstnamenlijst.xml',
  'oauthclientlist.xml',
  'whitelist.xml',
  'zorgaanbieders-weergave.json',
] as const;

/** OAuth parameters the relay sets itself; the desktop may not choose them. */
export const relayOwnedParams = ['response_type', 'client_id', 'redirect_uri', 'state'] as const;

const httpsUrl = z
  .string()
  .max(2048)
  .refine((value) => URL.canParse(value) && new URL(value).protocol === 'https:', 'https URL');

export const authorizeRequestSchema = z
  .object({
    authorizationEndpoint: httpsUrl,
    tokenEndpoint: httpsUrl,
    resourceEndpoint: httpsUrl,
    /** The authorization request's own parameters (scope, PKCE challenge, MedMij's ids …). */
    params: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/), z.string().max(1024)),
    /** Where the browser goes after the login: the desktop's one-shot loopback listener. */
    loopback: z.object({ redirectUri: z.string().max(100), state: z.string().regex(/^[A-Za-z0-9_-]{32,128}$/) }).strict(),
    /** The fetch's X25519 public key: every answer is encrypted to it. */
    fetchKey: z.string().regex(publicKeyPattern),
    correlationId: z.uuid(),
  })
  .strict();
export type AuthorizeRequest = z.infer<typeof authorizeRequestSchema>;

export interface AuthorizeAnswer {
  authorizationUrl: string;
  /** Sealed by the relay: binds the code redemption to this fetch. */
  ticket: string;
  /** Epoch ms: the login must be done and the code redeemed before this. */
  expiresAt: number;
  /** The relay's hostname, its client_id at the providers. */
  clientId: string;
}

export const providerRequestSchema = z
  .object({
    /** Before the login is redeemed: the ticket from /v1/authorize. */
    ticket: z.string().max(4096).optional(),
    /** After: the sealed grant the relay gave in place of the access token. */
    grant: z.string().max(16_384).optional(),
    method: z.enum(['GET', 'POST', 'PUT']),
    url: z.string().max(8192),
    accept: z.string().max(200).optional(),
    contentType: z.string().max(200).optional(),
    /** Request body, base64. */
    body: z.string().optional(),
  })
  .strict()
  .refine((request) => (request.ticket === undefined) !== (request.grant === undefined), 'ticket or grant');
export type ProviderRequest = z.infer<typeof providerRequestSchema>;

/** The provider's answer as the relay passes it on (inside the envelope). */
export interface ProviderAnswerHead {
  status: number;
  contentType: string | null;
  wwwAuthenticate: string | null;
}

/** Binds an encrypted answer to the request it answers. */
export function answerContext(method: string, url: string): string {
  return `regie-relay/${relayProtocolVersion} ${method} ${url}`;
}

/** head length (4 bytes, big-endian) | head JSON | body */
export function frameAnswer(head: ProviderAnswerHead, body: Uint8Array): Buffer {
  const json = Buffer.from(JSON.stringify(head), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([length, json, body]);
}

export function unframeAnswer(frame: Buffer): { head: ProviderAnswerHead; body: Buffer } {
  if (frame.length < 4) throw new Error('answer too short');
  const length = frame.readUInt32BE(0);
  if (length > 16_384 || frame.length < 4 + length) throw new Error('answer head invalid');
  const head = JSON.parse(frame.subarray(4, 4 + length).toString('utf8')) as ProviderAnswerHead;
  if (!Number.isInteger(head.status) || head.status < 100 || head.status > 599) throw new Error('answer status invalid');
  return { head, body: frame.subarray(4 + length) };
}

/** Why the relay itself refused (JSON `{ error }`, never with health data). */
export type RelayErrorCode =
  | 'bad-request'
  | 'too-large'
  | 'not-found'
  | 'rate-limited'
  | 'busy'
  | 'not-loopback'
  | 'host-not-allowed'
  | 'unknown-fetch'
  | 'fetch-expired'
  | 'code-used'
  | 'lists-unavailable'
  | 'provider-unreachable'
  | 'provider-timeout'
  | 'provider-answer-too-large'
  | 'internal';

export interface RelayErrorBody {
  error: RelayErrorCode;
}

export interface RelayHealth {
  service: 'regie-relay';
  protocol: number;
  /** The relay's MedMij hostname (its client_id). */
  hostname: string;
  /** Lists loaded, on the OAuth client list and the whitelist, certificate configured. */
  ready: boolean;
  lists: 'loaded' | 'unavailable';
  onOAuthClientList: boolean | null;
  onWhitelist: boolean | null;
  clientCertificate: boolean;
}

/**
 * The only places the relay sends a browser: the desktop's loopback listener, http://127.0.0.1:PORT
 * or http://[::1]:PORT with the callback path, nothing else (no open redirect).
 */
export function isLoopbackTarget(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.protocol !== 'http:' || url.username || url.password || url.search || url.hash) return false;
  if (url.hostname !== '127.0.0.1' && url.hostname !== '[::1]') return false;
  const port = Number(url.port);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) return false;
  return url.pathname === callbackPath && value === `http://${url.hostname}:${port}${callbackPath}`;
}
