/**
 * The MedMij provider simulator: a real HTTP server on 127.0.0.1 hosting several fictitious care
 * providers, each with an OAuth 2.0 authorization endpoint (simulated DigiD), a token endpoint and
 * FHIR STU3/R4 endpoints. It validates what a real provider would, and can fail on purpose.
 *
 * URL layout (per provider, `<slug>` from SIM_PROVIDERS):
 *   GET  /<slug>/oauth/authorize          authorization request → login page (or error page/redirect)
 *   POST /<slug>/oauth/authorize          the login page's form (session, person, action=login|cancel)
 *   POST /<slug>/oauth/token              authorization_code grant with PKCE
 *   GET  /<slug>/fhir/{stu3|r4}/metadata  CapabilityStatement (no token needed)
 *   GET  /<slug>/fhir/{stu3|r4}/<Type>[?…], /<Type>/$lastn[?…], /<Type>/<id>   (Bearer token)
 * Test control (loopback only, like everything here):
 *   POST /_sim/failures {match?, provider?, resourceType?, mode:'error'|'hang', status?, times?}
 *   DELETE /_sim/failures · POST /_sim/expire-tokens · GET /_sim/requests · GET /_sim/authorizations
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { resourceToXml } from '../../fhir/json-to-xml';
import type { FhirJson, FhirVersion } from '../../fhir/types';
import { parseOAuthClientList } from '../lists/parse';
import { isShareService, MEDMIJ_SERVICES } from '../lists/services';
import { querySetFor } from '../queries/sets';
import { errorPage, indexPage, loginPage } from './pages';
import { DEFAULT_SIMULATOR_ROOT, loadPeople, type SimPerson } from './people';
import { SERVICE_RESOURCE_TYPES, SIM_PROVIDERS, providerBySlug, serviceIdOf, serviceKeyOf, type SimProvider } from './providers';
import { receivedPage } from './received-page';
import { receiveSend, type ReceivedSend } from './receive';
import { QuestionnaireInbox } from './receive-questionnaire';
import { isIncludeParam, isPatientParam, search, SearchError, SUPPORTED_TYPES } from './search';

export interface SimulatorRequestLog {
  /** ISO time the request arrived */
  time: string;
  method: string;
  /** path without the query string */
  path: string;
  /** query parameters (never bodies) */
  query: Record<string, string[]>;
  /** HTTP status sent; 0 when no response was sent (a hang, or the client went away) */
  status: number;
  durationMs: number;
}

/** A client from the OAuth client list (OCL): client_id is the PGO's hostname. */
export type SimulatorClient = string | { hostname: string };

export interface FailureRule {
  /** Provider slug or name (e.g. 'delinde' or 'delinde@medmij'); any provider when absent. */
  provider?: string;
  /** Substring of the decoded request path + query, e.g. 'Observation/$lastn' or 'category=…'. */
  match?: string;
  /** Only requests for this resource type. */
  resourceType?: string;
  /** 'error': answer `status` (default 500) with an OperationOutcome; 'hang': never answer. */
  /** 'drop': read the request, then close the connection without an answer (the network gone halfway). */
  mode: 'error' | 'hang' | 'drop';
  status?: number;
  /** How many matching requests fail (default 1). */
  times?: number;
}

/** A completed authorization, recorded for tests (representation = MedMij "namens" parameters). */
export interface SimulatorAuthorization {
  provider: string;
  serviceId: string;
  scope: string;
  clientId: string;
  redirectUri: string;
  personId: string | null;
  outcome: 'pending' | 'login' | 'cancel';
  representation: Record<string, string>;
  time: string;
}

export interface ProviderSimulatorOptions {
  /** default 0: an ephemeral port */
  port?: number;
  host?: '127.0.0.1';
  /** access token lifetime, default 15 min */
  tokenTtlMs?: number;
  /** authorization code lifetime, default 60 s */
  codeTtlMs?: number;
  /** clock (ms since epoch) for code/token expiry, default Date.now */
  now?: () => number;
  /** known client_ids (OCL hostnames, e.g. a parsed OAuthclientlist's `clients`); default: the sample OCL's */
  clients?: readonly SimulatorClient[];
  /** failure rules active from the start */
  failures?: FailureRule[];
  /** default page size when no _count is given (default 50) */
  defaultPageSize?: number;
  /** called after every request (start.ts prints it) */
  onRequest?: (entry: SimulatorRequestLog) => void;
  /** the folder holding resources/ and tests/fixtures/ (default: the source tree's, see people.ts) */
  root?: string;
  /** Behave like a real provider on the back channel (see MutualTlsOptions); default: plain HTTP, loopback redirects. */
  mutualTls?: MutualTlsOptions;
}

/**
 * A real provider's back channel: HTTPS, and the token and FHIR endpoints only answer a client that
 * presents a certificate signed by `clientCa` (a test CA standing in for PKIoverheid) naming a host on
 * the whitelist; a client_id must be one of the certificate's host names, and a redirect_uri https on
 * the client_id's host (a PGO node, not a loopback app). The login page needs no certificate.
 */
export interface MutualTlsOptions {
  /** The simulator's own certificate and key (PEM). */
  cert: string;
  key: string;
  /** The CA (PEM) client certificates must be issued by. */
  clientCa: string;
  /** MedMij's whitelist: host names allowed on the back channel. */
  whitelist: readonly string[];
  /** Host name in the links the simulator writes (default 127.0.0.1), e.g. 'zorg.test'. */
  publicHost?: string;
}

export interface SimulatorProviderInfo {
  name: string;
  slug: string;
  displayName: string;
  place: string;
  /** GegevensdienstIds offered */
  serviceIds: string[];
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** FHIR base per version */
  fhirBase: Record<FhirVersion, string>;
}

export interface ProviderSimulator {
  origin: string;
  /** The port it listens on (127.0.0.1). */
  port: number;
  requests: SimulatorRequestLog[];
  close(): Promise<void>;
  providers: SimulatorProviderInfo[];
  authorizations: SimulatorAuthorization[];
  /** What PGOs sent with a sending service (MedMij Delen), oldest first (see receive.ts). */
  received: ReceivedSend[];
  /** Adds a failure rule (see FailureRule). */
  injectFailure(rule: FailureRule): void;
  clearFailures(): void;
  /** Makes every access token issued so far expired. */
  expireTokens(): void;
  /** Every code and access token issued so far (tests look for them where they must not be). */
  issued(): { codes: string[]; tokens: string[] };
}

/**
 * Client ids (OCL hostnames) the simulator accepts when no `clients` option is given: the hostnames
 * of the sample OAuthclientlist resources/medmij/oauthclientlist.xml, or this fallback when that
 * list cannot be read. `regie.invalid` deliberately does not exist (RFC 6761).
 */
export const DEFAULT_SIMULATOR_CLIENTS: readonly string[] = ['regie.invalid'];

function sampleListClients(root: string): string[] {
  try {
    const text = readFileSync(join(root, 'resources/medmij/oauthclientlist.xml'), 'utf8');
    const parsed = parseOAuthClientList(text);
    return parsed.ok ? parsed.list.clients.map((c) => c.hostname) : [...DEFAULT_SIMULATOR_CLIENTS];
  } catch {
    return [...DEFAULT_SIMULATOR_CLIENTS];
  }
}

interface AuthCode {
  provider: SimProvider;
  serviceId: string;
  scope: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  personId: string;
  expiresAt: number;
  used: boolean;
  tokens: string[];
}

interface AccessToken {
  provider: SimProvider;
  serviceId: string;
  scope: string;
  personId: string;
  expiresAt: number;
  revoked: boolean;
}

interface PendingLogin {
  provider: SimProvider;
  serviceId: string;
  scope: string;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  expiresAt: number;
  record: SimulatorAuthorization;
}

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const FHIR_XML = 'application/fhir+xml; charset=utf-8';
const AUTHORIZE_PARAMS = new Set([
  'response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method',
  'MedMij-Request-ID', 'X-Correlation-ID', 'MedMij_geboortedatum',
]);
const REPRESENTATION_SCOPES = new Set(['onbehalfof', 'onbehalfofchild']);

const randomToken = () => randomBytes(32).toString('base64url');

/** http://127.0.0.1:<port>/<path>, nothing else (RFC 8252 §7.3 loopback redirect). */
export function isLoopbackRedirectUri(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' || url.hostname !== '127.0.0.1' || url.username || url.password || url.hash) return false;
  if (!/^http:\/\/127\.0\.0\.1:\d{1,5}\//.test(value)) return false;
  const port = Number(url.port);
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

/** https://<client_id>[:port]/<path>: a PGO node's redirect URI on its own host name. */
export function isNodeRedirectUri(value: string | null, clientId: string): boolean {
  if (value === null || !URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === 'https:' && url.hostname === clientId && !url.username && !url.password && !url.hash;
}

function operationOutcome(severity: 'error' | 'fatal' | 'information', code: string, text: string): FhirJson {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics: text, details: { text } }] };
}

function queryRecord(params: URLSearchParams): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of params) (out[k] ??= []).push(v);
  return out;
}

async function readBody(req: IncomingMessage, max = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function duplicateParam(params: URLSearchParams): string | undefined {
  const seen = new Set<string>();
  for (const k of params.keys()) {
    if (seen.has(k)) return k;
    seen.add(k);
  }
  return undefined;
}

function serviceName(id: string): string {
  return MEDMIJ_SERVICES.find((s) => s.id === id)?.plainName ?? `Gegevensdienst ${id}`;
}

export async function startProviderSimulator(options: ProviderSimulatorOptions = {}): Promise<ProviderSimulator> {
  const now = options.now ?? Date.now;
  const tokenTtlMs = options.tokenTtlMs ?? 15 * 60_000;
  const codeTtlMs = options.codeTtlMs ?? 60_000;
  const pageSize = options.defaultPageSize ?? 50;
  const root = options.root ?? DEFAULT_SIMULATOR_ROOT;
  const clients = new Set((options.clients ?? sampleListClients(root)).map((c) => (typeof c === 'string' ? c : c.hostname)));
  const people = loadPeople(root);
  const requests: SimulatorRequestLog[] = [];
  const authorizations: SimulatorAuthorization[] = [];
  const received: ReceivedSend[] = [];
  /** Questionnaire answers (service 60) received, and the Tasks they completed. */
  const questionnaires = new QuestionnaireInbox(received);
  const failures: (FailureRule & { remaining: number })[] = [];
  const codes = new Map<string, AuthCode>();
  const tokens = new Map<string, AccessToken>();
  const pending = new Map<string, PendingLogin>();
  const hanging = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  let origin = '';

  const injectFailure = (rule: FailureRule) => failures.push({ ...rule, remaining: rule.times ?? 1 });
  const mutualTls = options.mutualTls;
  const whitelist = new Set(mutualTls?.whitelist ?? []);

  /** With mutual TLS: the whitelisted host names a verified client certificate names, or why there are none. */
  const certifiedClient = (req: IncomingMessage): { ok: true; hosts: string[] } | { ok: false; why: string } => {
    if (!mutualTls) return { ok: true, hosts: [] };
    const socket = req.socket as TLSSocket;
    const certificate = socket.getPeerCertificate();
    if (!certificate || !certificate.raw) return { ok: false, why: 'geen clientcertificaat (mutual TLS is verplicht)' };
    if (!socket.authorized) return { ok: false, why: 'het clientcertificaat is niet uitgegeven door een vertrouwde CA' };
    const names = (certificate.subjectaltname ?? '').split(', ').filter((n) => n.startsWith('DNS:')).map((n) => n.slice(4));
    const hosts = names.filter((n) => whitelist.has(n));
    if (hosts.length === 0) return { ok: false, why: 'de hostnaam van het clientcertificaat staat niet op de whitelist' };
    return { ok: true, hosts };
  };
  for (const f of options.failures ?? []) injectFailure(f);

  // ------------------------------------------------------------ helpers
  const send = (res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string>) => {
    res.writeHead(status, { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
    res.end(body);
  };
  const sendHtml = (res: ServerResponse, status: number, html: string) =>
    send(res, status, html, {
      'Content-Type': 'text/html; charset=utf-8',
      // form-action also governs the redirect after the login POST: it must reach the PGO (its loopback port, or its node).
      'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${mutualTls ? 'https:' : 'http://127.0.0.1:*'}; frame-ancestors 'none'`,
      'Referrer-Policy': 'no-referrer',
    });
  const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    send(res, status, JSON.stringify(body), { 'Content-Type': 'application/json; charset=utf-8', Pragma: 'no-cache', ...headers });
  const redirect = (res: ServerResponse, to: string) => send(res, 302, '', { Location: to });
  const redirectWith = (res: ServerResponse, redirectUri: string, params: Record<string, string | undefined>) => {
    const url = new URL(redirectUri);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
    redirect(res, url.toString());
  };

  // ------------------------------------------------------------ authorization endpoint
  const authorizeGet = (res: ServerResponse, provider: SimProvider, params: URLSearchParams) => {
    const dup = duplicateParam(params);
    const clientId = params.get('client_id');
    const redirectUri = params.get('redirect_uri');
    if (!clientId || !clients.has(clientId)) {
      return sendHtml(res, 400, errorPage('Onbekende app', 'Deze app (client_id) staat niet op de lijst van toegelaten persoonlijke gezondheidsomgevingen.'));
    }
    const redirectOk = mutualTls ? isNodeRedirectUri(redirectUri, clientId) : redirectUri !== null && isLoopbackRedirectUri(redirectUri);
    if (!redirectUri || !redirectOk || params.getAll('redirect_uri').length > 1) {
      const wanted = mutualTls ? `https://${clientId}/…` : 'http://127.0.0.1:<poort>/…';
      return sendHtml(res, 400, errorPage('Ongeldig terugkeeradres', `Het terugkeeradres (redirect_uri) moet ${wanted} zijn.`));
    }
    const state = params.get('state') ?? undefined;
    const fail = (error: string, description: string) => redirectWith(res, redirectUri, { error, error_description: description, state });
    if (dup) return fail('invalid_request', `parameter ${dup} komt meer dan eens voor`);
    const responseType = params.get('response_type');
    if (!responseType) return fail('invalid_request', 'response_type ontbreekt');
    if (responseType !== 'code') return fail('unsupported_response_type', 'alleen response_type=code');
    if (!state) return fail('invalid_request', 'state ontbreekt');
    const scopeParts = (params.get('scope') ?? '').split(' ').filter(Boolean);
    const m = /^(.+)~(.+)$/.exec(scopeParts[0] ?? '');
    const serviceKey = m?.[2] ? serviceKeyOf(m[2]) : undefined;
    if (!m || m[1] !== provider.name || !serviceKey || !provider.services.includes(serviceKey)) {
      return fail('invalid_scope', `scope moet ${provider.name}~<gegevensdienstid> zijn voor een gegevensdienst van deze zorgaanbieder`);
    }
    const extraScopes = scopeParts.slice(1);
    if (extraScopes.length > 1 || extraScopes.some((s) => !REPRESENTATION_SCOPES.has(s))) return fail('invalid_scope', 'onbekende scope-toevoeging');
    const challenge = params.get('code_challenge');
    if (!challenge || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) return fail('invalid_request', 'code_challenge (PKCE) ontbreekt of is ongeldig');
    if (params.get('code_challenge_method') !== 'S256') return fail('invalid_request', 'code_challenge_method moet S256 zijn');
    const representation: Record<string, string> = {};
    if (extraScopes[0]) representation.scope = extraScopes[0];
    const birth = params.get('MedMij_geboortedatum');
    if (birth !== null) {
      if (!/^\d{8}$/.test(birth)) return fail('invalid_request', 'MedMij_geboortedatum moet JJJJMMDD zijn');
      representation.MedMij_geboortedatum = birth;
    }
    if (extraScopes[0] && birth === null) return fail('invalid_request', 'bij vertegenwoordiging hoort MedMij_geboortedatum');
    for (const [k, v] of params) if (!AUTHORIZE_PARAMS.has(k)) representation[`extra:${k}`] = v;

    const record: SimulatorAuthorization = {
      provider: provider.name, serviceId: m[2] ?? '', scope: scopeParts.join(' '), clientId, redirectUri,
      personId: null, outcome: 'pending', representation, time: new Date(now()).toISOString(),
    };
    authorizations.push(record);
    const sessionId = randomToken();
    pending.set(sessionId, {
      provider, serviceId: record.serviceId, scope: record.scope, clientId, redirectUri, state, codeChallenge: challenge,
      expiresAt: now() + 15 * 60_000, record,
    });
    sendHtml(res, 200, loginPage({
      provider, serviceName: serviceName(record.serviceId), clientId, formAction: `/${provider.slug}/oauth/authorize`,
      sessionId, people, representation,
    }));
  };

  const authorizePost = async (req: IncomingMessage, res: ServerResponse, provider: SimProvider) => {
    const form = new URLSearchParams(await readBody(req));
    const sessionId = form.get('session') ?? '';
    const login = pending.get(sessionId);
    if (!login || login.provider !== provider || login.expiresAt < now()) {
      return sendHtml(res, 400, errorPage('Sessie verlopen', 'Deze inlogpoging is onbekend of verlopen. Begin opnieuw vanuit de app.'));
    }
    if (form.get('action') === 'cancel') {
      pending.delete(sessionId);
      login.record.outcome = 'cancel';
      return redirectWith(res, login.redirectUri, { error: 'access_denied', error_description: 'de gebruiker heeft geannuleerd', state: login.state });
    }
    const person = people.find((p) => p.id === form.get('person'));
    if (form.get('action') !== 'login' || !person) {
      return sendHtml(res, 400, errorPage('Kies een testpersoon', 'Kies een van de fictieve personen en klik op Inloggen.'));
    }
    pending.delete(sessionId);
    login.record.outcome = 'login';
    login.record.personId = person.id;
    const code = randomToken();
    codes.set(code, {
      provider, serviceId: login.serviceId, scope: login.scope, clientId: login.clientId, redirectUri: login.redirectUri,
      codeChallenge: login.codeChallenge, personId: person.id, expiresAt: now() + codeTtlMs, used: false, tokens: [],
    });
    redirectWith(res, login.redirectUri, { code, state: login.state });
  };

  // ------------------------------------------------------------ token endpoint
  const tokenPost = async (req: IncomingMessage, res: ServerResponse, provider: SimProvider) => {
    const tokenError = (status: number, error: string, description: string, headers: Record<string, string> = {}) =>
      sendJson(res, status, { error, error_description: description }, headers);
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (contentType !== 'application/x-www-form-urlencoded') {
      return tokenError(400, 'invalid_request', 'Content-Type moet application/x-www-form-urlencoded zijn');
    }
    const form = new URLSearchParams(await readBody(req));
    const dup = duplicateParam(form);
    if (dup) return tokenError(400, 'invalid_request', `parameter ${dup} komt meer dan eens voor`);
    const grantType = form.get('grant_type');
    if (!grantType) return tokenError(400, 'invalid_request', 'grant_type ontbreekt');
    if (grantType !== 'authorization_code') return tokenError(400, 'unsupported_grant_type', 'alleen authorization_code');
    const clientId = form.get('client_id');
    if (!clientId) return tokenError(400, 'invalid_request', 'client_id ontbreekt');
    if (!clients.has(clientId)) return tokenError(401, 'invalid_client', 'onbekende client_id', { 'WWW-Authenticate': 'Basic realm="medmij-simulator"' });
    const certified = certifiedClient(req);
    if (!certified.ok) return tokenError(401, 'invalid_client', certified.why);
    if (mutualTls && !certified.hosts.includes(clientId)) return tokenError(401, 'invalid_client', 'client_id is niet de hostnaam van het clientcertificaat');
    const codeValue = form.get('code');
    const redirectUri = form.get('redirect_uri');
    const verifier = form.get('code_verifier');
    if (!codeValue || !redirectUri || !verifier) return tokenError(400, 'invalid_request', 'code, redirect_uri en code_verifier zijn verplicht');
    const code = codes.get(codeValue);
    if (!code || code.provider !== provider) return tokenError(400, 'invalid_grant', 'onbekende code');
    if (code.used) {
      // RFC 6749 §4.1.2: a reused code is refused and the tokens issued from it are revoked.
      for (const t of code.tokens) {
        const tok = tokens.get(t);
        if (tok) tok.revoked = true;
      }
      return tokenError(400, 'invalid_grant', 'code is al gebruikt; de tokens ervan zijn ingetrokken');
    }
    if (code.expiresAt <= now()) {
      code.used = true;
      return tokenError(400, 'invalid_grant', 'code is verlopen');
    }
    if (code.clientId !== clientId) return tokenError(400, 'invalid_grant', 'code hoort bij een andere client');
    if (code.redirectUri !== redirectUri) return tokenError(400, 'invalid_grant', 'redirect_uri wijkt af van de autorisatieaanvraag');
    const expected = Buffer.from(code.codeChallenge);
    const actual = Buffer.from(/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier) ? createHash('sha256').update(verifier, 'ascii').digest('base64url') : '');
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      code.used = true; // no second guess at the verifier
      return tokenError(400, 'invalid_grant', 'code_verifier past niet bij code_challenge (PKCE)');
    }
    code.used = true;
    const accessToken = randomToken();
    tokens.set(accessToken, { provider, serviceId: code.serviceId, scope: code.scope, personId: code.personId, expiresAt: now() + tokenTtlMs, revoked: false });
    code.tokens.push(accessToken);
    sendJson(res, 200, { access_token: accessToken, token_type: 'bearer', expires_in: Math.floor(tokenTtlMs / 1000), scope: code.scope });
  };

  // ------------------------------------------------------------ FHIR
  /** The service's own list plus every type its query set (for this version) asks for or includes. */
  const allowedTypes = (serviceId: string, version: FhirVersion): Set<string> => {
    const key = serviceKeyOf(serviceId);
    const types = new Set(key ? SERVICE_RESOURCE_TYPES[key] : []);
    for (const query of querySetFor(serviceId, version)?.queries ?? []) {
      types.add(query.path.split('/')[0] ?? '');
      for (const [name, value] of query.params) {
        if (isIncludeParam(name)) types.add(value.split(':')[2] ?? '');
        if (name === '_revinclude') types.add(value.split(':')[0] ?? '');
      }
      if (query.follow) types.add(query.follow.resourceType);
    }
    types.delete('');
    return types;
  };

  /** A send (MedMij Delen): one Bundle POSTed at the FHIR base, judged and stored by receive.ts. */
  const receive = async (
    req: IncomingMessage,
    respond: (status: number, resource: FhirJson) => void,
    provider: SimProvider,
    version: FhirVersion,
    person: SimPerson,
    serviceId: string,
    rest: string,
  ) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/fhir+json' && type !== 'application/json') {
      return respond(415, operationOutcome('error', 'not-supported', 'Stuur een FHIR-Bundle als application/fhir+json.'));
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req, 20 * 1024 * 1024));
    } catch {
      return respond(400, operationOutcome('error', 'invalid', 'Het bericht is geen geldige JSON of is groter dan 20 MB.'));
    }
    // Questionnaire answers: PUT Task/<id> (accepted), then the transaction (receive-questionnaire.ts).
    if (serviceKeyOf(serviceId) === 'vragenlijst-antwoorden') {
      const context = { provider: provider.slug, serviceId, person, version, now: new Date(now()) };
      const answer = rest === '' ? questionnaires.receiveAnswers(context, body) : questionnaires.putTask(context, rest.slice('Task/'.length), body);
      return respond(answer.status, answer.body);
    }
    if (rest !== '') return respond(405, operationOutcome('error', 'not-supported', 'Met deze gegevensdienst wordt alleen een Bundle op de basis-URL verstuurd.'));
    const verdict = receiveSend({ provider: provider.slug, serviceKey: serviceKeyOf(serviceId)!, serviceId, version, person, body, now: new Date(now()) });
    if (verdict.stored) received.push(verdict.stored);
    respond(verdict.status, verdict.body);
  };

  const fhir = (req: IncomingMessage, res: ServerResponse, provider: SimProvider, version: FhirVersion, rest: string, url: URL) => {
    const accept = (req.headers.accept ?? '').toLowerCase();
    const format = url.searchParams.get('_format')?.toLowerCase();
    const wantsXml = format ? format.includes('xml') : /(^|[\s,])application\/(fhir\+)?xml/.test(accept) && !/application\/(fhir\+)?json/.test(accept);
    const respond = (status: number, resource: FhirJson, headers: Record<string, string> = {}) =>
      wantsXml
        ? send(res, status, `<?xml version="1.0" encoding="UTF-8"?>\n${resourceToXml(resource)}`, { 'Content-Type': FHIR_XML, ...headers })
        : send(res, status, JSON.stringify(resource), { 'Content-Type': FHIR_JSON, ...headers });
    const outcome = (status: number, code: string, text: string, headers: Record<string, string> = {}) =>
      respond(status, operationOutcome('error', code, text), headers);
    const base = `${origin}/${provider.slug}/fhir/${version.toLowerCase()}`;

    const certified = certifiedClient(req);
    if (!certified.ok) return outcome(403, 'security', certified.why);
    // Sending: POST of a Bundle at the base; for questionnaire answers also PUT of the Task (status accepted).
    const isSend = (req.method === 'POST' && rest === '') || (req.method === 'PUT' && /^Task\/[A-Za-z0-9\-.]{1,64}$/.test(rest));
    if (req.method !== 'GET' && !isSend) {
      return outcome(405, 'not-supported', 'Alleen GET (lezen en zoeken), POST van een Bundle op de basis-URL en PUT van een Task om te versturen.', { Allow: 'GET, POST, PUT' });
    }
    if (rest === 'metadata') {
      return respond(200, {
        resourceType: 'CapabilityStatement', status: 'active', kind: 'instance', date: '2026-01-01',
        fhirVersion: version === 'R4' ? '4.0.1' : '3.0.2', format: ['json', 'xml'],
        software: { name: 'Regie zorgaanbieder-simulator (TEST)' },
        rest: [{ mode: 'server', resource: SUPPORTED_TYPES.map((type) => ({ type, interaction: [{ code: 'read' }, { code: 'search-type' }] })) }],
      });
    }

    // --- Bearer token (RFC 6750)
    const realm = `realm="${provider.name}"`;
    const auth = req.headers.authorization ?? '';
    const bm = /^Bearer ([\x21-\x7e]+)$/i.exec(auth);
    if (!bm?.[1]) return outcome(401, 'login', 'Een Bearer-token is verplicht.', { 'WWW-Authenticate': `Bearer ${realm}` });
    const token = tokens.get(bm[1]);
    const invalid = (why: string) =>
      outcome(401, 'login', why, { 'WWW-Authenticate': `Bearer ${realm}, error="invalid_token", error_description="${why}"` });
    if (!token || token.provider !== provider) return invalid('onbekend token');
    if (token.revoked) return invalid('token ingetrokken');
    if (token.expiresAt <= now()) return invalid('token verlopen');

    // --- injected failures
    const decoded = decodeURIComponent(url.pathname + url.search);
    const segments = rest.split('/');
    const resourceType = segments[0] ?? '';
    const rule = failures.find(
      (f) => f.remaining > 0 &&
        (!f.provider || f.provider === provider.slug || f.provider === provider.name) &&
        (!f.match || decoded.includes(f.match)) &&
        (!f.resourceType || f.resourceType === resourceType),
    );
    if (rule) {
      rule.remaining--;
      if (rule.mode === 'drop') {
        req.resume();
        req.on('end', () => res.destroy());
        return;
      }
      if (rule.mode === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      return outcome(rule.status ?? 500, 'exception', 'Gesimuleerde storing (test).');
    }

    // --- no patient/subject parameters: the token identifies the patient
    for (const name of url.searchParams.keys()) {
      if (isPatientParam(name)) return outcome(400, 'security', `Zoekparameter "${name}" is niet toegestaan: het token bepaalt de patiënt.`);
    }

    const person = people.find((p) => p.id === token.personId) as SimPerson;
    // --- sending services (MedMij Delen): their token only sends, a collecting one only reads
    if (isShareService(token.serviceId) !== isSend) {
      return outcome(403, 'forbidden', isSend ? `Met gegevensdienst ${token.serviceId} kan niets worden verstuurd.` : `Met gegevensdienst ${token.serviceId} kan alleen worden verstuurd.`, {
        'WWW-Authenticate': `Bearer ${realm}, error="insufficient_scope", scope="${token.scope}"`,
      });
    }
    if (isSend) return receive(req, respond, provider, version, person, token.serviceId, rest);
    const data = questionnaires.view(provider.slug, person, version);
    if (!data) return outcome(404, 'not-found', `Testpersoon ${person.displayName} heeft geen gegevens in FHIR ${version}.`);
    if (!resourceType || !/^[A-Z][A-Za-z]+$/.test(resourceType) || segments.length > 2) {
      return outcome(400, 'not-supported', `Onbekend verzoek: /${rest}`);
    }
    const allowed = allowedTypes(token.serviceId, version);
    if (!allowed.has(resourceType)) {
      return outcome(403, 'forbidden', `${resourceType} valt niet onder gegevensdienst ${token.serviceId}.`, {
        'WWW-Authenticate': `Bearer ${realm}, error="insufficient_scope", scope="${token.scope}"`,
      });
    }

    // --- read
    if (segments.length === 2 && segments[1] !== '$lastn') {
      if ([...url.searchParams.keys()].some((k) => k !== '_format')) return outcome(400, 'not-supported', 'Lezen met zoekparameters wordt niet ondersteund.');
      const found = data.find((r) => r.resourceType === resourceType && r.id === segments[1]);
      if (!found) return outcome(404, 'not-found', `${resourceType}/${segments[1]} bestaat niet.`);
      if (resourceType === 'Binary' && !format && !/fhir|json|xml/.test(accept)) {
        const b64 = typeof found.data === 'string' ? found.data : typeof found.content === 'string' ? found.content : '';
        return send(res, 200, Buffer.from(b64, 'base64'), { 'Content-Type': String(found.contentType ?? 'application/octet-stream') });
      }
      return respond(200, found);
    }

    // --- search
    const lastn = segments[1] === '$lastn';
    const countRaw = url.searchParams.get('_count');
    if (countRaw !== null && !/^\d{1,4}$/.test(countRaw)) return outcome(400, 'invalid', `Ongeldige _count: ${countRaw}`);
    const count = countRaw === null ? pageSize : Math.min(Number(countRaw), 1000);
    const pageRaw = url.searchParams.get('_page');
    if (pageRaw !== null && !/^o\d{1,7}$/.test(pageRaw)) return outcome(400, 'invalid', 'Ongeldige paginatoken (_page).');
    const offset = pageRaw ? Number(pageRaw.slice(1)) : 0;
    for (const k of ['_count', '_page', 'max', '_format', '_sort']) {
      if (url.searchParams.getAll(k).length > 1) return outcome(400, 'invalid', `Parameter ${k} komt meer dan eens voor.`);
    }
    let result;
    try {
      result = search(data, { resourceType, lastn, params: url.searchParams });
    } catch (e) {
      if (e instanceof SearchError) return outcome(e.status, e.issueCode, e.message);
      throw e;
    }
    const includeValues = [...url.searchParams].filter(([k]) => isIncludeParam(k) || k === '_revinclude').map(([, v]) => v);
    for (const inc of includeValues) {
      const t = inc.split(':')[0] ?? '';
      if (!allowed.has(t)) return outcome(403, 'forbidden', `${t} valt niet onder gegevensdienst ${token.serviceId}.`);
    }
    const page = count === 0 ? [] : result.matches.slice(offset, offset + count);
    const included = result.includesFor(page).filter((r) => allowed.has(String(r.resourceType)));
    const searchPath = `${base}/${rest}`;
    const linkFor = (off: number) => {
      const p = new URLSearchParams();
      for (const [k, v] of url.searchParams) if (k !== '_page' && k !== '_count') p.append(k, v);
      p.set('_count', String(count));
      if (off > 0) p.set('_page', `o${off}`);
      return `${searchPath}?${p.toString()}`;
    };
    const link = [{ relation: 'self', url: `${searchPath}${url.search}` }];
    if (count > 0 && offset + count < result.matches.length) link.push({ relation: 'next', url: linkFor(offset + count) });
    if (offset > 0) link.push({ relation: 'previous', url: linkFor(Math.max(0, offset - count)) });
    const entry = (r: FhirJson, mode: 'match' | 'include') => ({
      fullUrl: `${base}/${String(r.resourceType)}/${String(r.id)}`,
      resource: r,
      search: { mode },
    });
    respond(200, {
      resourceType: 'Bundle',
      id: randomUUID(),
      meta: { lastUpdated: new Date(now()).toISOString() },
      type: 'searchset',
      total: result.matches.length,
      link,
      entry: [...page.map((r) => entry(r, 'match')), ...included.map((r) => entry(r, 'include'))],
    });
  };

  // ------------------------------------------------------------ test control
  const control = async (req: IncomingMessage, res: ServerResponse, what: string) => {
    if (what === 'failures' && req.method === 'POST') {
      let rule: unknown;
      try {
        rule = JSON.parse(await readBody(req));
      } catch {
        return sendJson(res, 400, { error: 'invalid JSON' });
      }
      const r = rule as Partial<FailureRule>;
      if (typeof r !== 'object' || r === null || (r.mode !== 'error' && r.mode !== 'hang' && r.mode !== 'drop')) return sendJson(res, 400, { error: 'mode must be error, hang or drop' });
      injectFailure({
        mode: r.mode,
        ...(typeof r.provider === 'string' ? { provider: r.provider } : {}),
        ...(typeof r.match === 'string' ? { match: r.match } : {}),
        ...(typeof r.resourceType === 'string' ? { resourceType: r.resourceType } : {}),
        ...(typeof r.status === 'number' ? { status: r.status } : {}),
        ...(typeof r.times === 'number' ? { times: r.times } : {}),
      });
      return sendJson(res, 201, { ok: true });
    }
    if (what === 'failures' && req.method === 'DELETE') {
      failures.length = 0;
      return sendJson(res, 200, { ok: true });
    }
    if (what === 'expire-tokens' && req.method === 'POST') {
      expireTokens();
      return sendJson(res, 200, { ok: true });
    }
    if (what === 'requests' && req.method === 'GET') return sendJson(res, 200, requests);
    if (what === 'authorizations' && req.method === 'GET') return sendJson(res, 200, authorizations);
    if (what === 'received' && req.method === 'GET') return sendJson(res, 200, received);
    sendJson(res, 404, { error: 'unknown control endpoint' });
  };

  const expireTokens = () => {
    const t = now() - 1;
    for (const tok of tokens.values()) tok.expiresAt = Math.min(tok.expiresAt, t);
  };

  // ------------------------------------------------------------ routing
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    if (path === '/' && req.method === 'GET') {
      return sendHtml(res, 200, indexPage(origin, SIM_PROVIDERS, (key) => serviceName(serviceIdOf(key as never))));
    }
    const cm = /^\/_sim\/([a-z-]+)$/.exec(path);
    if (cm?.[1]) return control(req, res, cm[1]);
    const receivedAt = /^\/([a-z0-9-]+)\/ontvangen$/.exec(path);
    const receiver = receivedAt?.[1] ? providerBySlug(receivedAt[1]) : undefined;
    if (receiver && req.method === 'GET') {
      // Photos are shown inline as data: URLs; nothing else is loaded.
      return send(res, 200, receivedPage(receiver, received, people), {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
        'Referrer-Policy': 'no-referrer',
      });
    }
    const pm = /^\/([a-z0-9-]+)\/(oauth\/authorize|oauth\/token|fhir\/(stu3|r4)(?:\/(.*))?)$/.exec(path);
    const provider = pm?.[1] ? providerBySlug(pm[1]) : undefined;
    if (!pm || !provider) return sendJson(res, 404, { error: 'not found' });
    if (pm[2] === 'oauth/authorize') {
      if (req.method === 'GET') return authorizeGet(res, provider, url.searchParams);
      if (req.method === 'POST') return authorizePost(req, res, provider);
      return send(res, 405, '', { Allow: 'GET, POST' });
    }
    if (pm[2] === 'oauth/token') {
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'invalid_request', error_description: 'alleen POST' }, { Allow: 'POST' });
      return tokenPost(req, res, provider);
    }
    return fhir(req, res, provider, pm[3] === 'stu3' ? 'STU3' : 'R4', pm[4] ?? '', url);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const started = now();
    const startedReal = performance.now();
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      const entry: SimulatorRequestLog = {
        time: new Date(started).toISOString(),
        method: req.method ?? 'GET',
        path: u.pathname,
        query: queryRecord(u.searchParams),
        status: res.headersSent ? res.statusCode : 0,
        durationMs: Math.round(performance.now() - startedReal),
      };
      requests.push(entry);
      options.onRequest?.(entry);
    };
    res.on('finish', log);
    res.on('close', log);
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, operationOutcome('fatal', 'exception', error instanceof Error ? error.message : 'interne fout'));
      else res.destroy();
    });
  };
  const server = mutualTls
    ? createHttpsServer({ cert: mutualTls.cert, key: mutualTls.key, ca: mutualTls.clientCa, requestCert: true, rejectUnauthorized: false }, onRequest)
    : createServer(onRequest);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = mutualTls ? `https://${mutualTls.publicHost ?? host}:${port}` : `http://${host}:${port}`;

  return {
    origin,
    port,
    requests,
    authorizations,
    received,
    providers: SIM_PROVIDERS.map((p) => ({
      name: p.name, slug: p.slug, displayName: p.displayName, place: p.place,
      serviceIds: p.services.map(serviceIdOf),
      authorizationEndpoint: `${origin}/${p.slug}/oauth/authorize`,
      tokenEndpoint: `${origin}/${p.slug}/oauth/token`,
      fhirBase: { STU3: `${origin}/${p.slug}/fhir/stu3`, R4: `${origin}/${p.slug}/fhir/r4` },
    })),
    injectFailure,
    clearFailures: () => {
      failures.length = 0;
    },
    expireTokens,
    issued: () => ({ codes: [...codes.keys()], tokens: [...tokens.keys()] }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hanging) r.destroy();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
