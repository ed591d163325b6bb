/**
 * "Delen": one send = one provider + one sending data service + what the person chose.
 *
 * 1. prepare: the service's builder (send-builders) turns the choice into the one request and the
 *    plain-words list of what is in it; the request is checked against the rules a provider checks
 *    (send-rules.ts). Nothing leaves the computer; the prepared request waits in memory.
 * 2. send ("Versturen", an explicit act of the person): a login at the provider for that service
 *    (login.ts: loopback, PKCE, the person's DigiD at the provider), then exactly the prepared
 *    request, once, with the Bearer token. The token is dropped right after: one login, one POST.
 *    Login and requests take the same route as a fetch (provider-route.ts): through the relay when
 *    the person chose one (the practice providers always directly), else directly.
 * 3. The answer is read per item (send-answer.ts) and recorded in the Verstuurd log
 *    (src-main/sharing/sent-log.ts). Only a request that may have reached the provider is recorded;
 *    an item counts as sent only when the provider said it accepted it.
 *
 * Progress is reported through the 'sharing.progress' event. A lock ends every send of the profile
 * that has not gone out and forgets every prepared one.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SendPreview, SendProgress, SendProvider, SendSelection, SentEntry } from '../../../src-preload/contract/sharing';
import { RegieError } from '../../core/errors';
import type { RecordStores } from '../../core/record-stores';
import { personSettingKeys } from '../../records/person-settings';
import type { RecordStore } from '../../records/record-store';
import { listSent, recordSent } from '../../sharing/sent-log';
import type { Vault } from '../../vault/vault';
import { checkSendBundle, checkSendResource, patientParamsIn } from '../send-rules';
import type { MedmijDirectory, ResolvedService } from './directory';
import { providerRequest, type ProviderFetch } from './http';
import { beginProviderLogin, type ProviderLogin } from './login';
import { directRoutes, type ProviderRoute, type RouteChooser } from './provider-route';
import { BodyTooLargeError, readLimited } from './oauth';
import { readRepresentation } from './profile-state';
import { entryUrlsOf, interpretAnswer, type RawAnswer } from './send-answer';
import { sendBuilderFor } from './send-builders/index';
import { newFullUrl } from './send-builders/common';
import { sendReasons } from './send-reasons';
import type { BuiltSend, SendPerson, SendRequest } from './send-types';

export interface SendManagerOptions {
  vault: Vault;
  recordStores: RecordStores;
  directory: MedmijDirectory;
  now: () => number;
  emit: (progress: SendProgress) => void;
  /** Desktop: opens the system browser. Absent: the caller opens the returned URL. */
  openExternal?: (url: string) => Promise<void> | void;
  loginTimeoutMs?: number;
  /** The transport for requests to a provider when going directly (tests hand in their own). */
  fetch?: ProviderFetch;
  /** Directly or through a relay, per provider service (default: always directly). */
  routes?: RouteChooser;
  /** How long to wait for the provider's answer to the POST (default 60 s). */
  requestTimeoutMs?: number;
  /** Tests only: changes the PKCE verifier sent to the token endpoint. */
  transformCodeVerifier?: (verifier: string) => string;
}

interface Session {
  id: string;
  profileId: string;
  service: ResolvedService;
  built: BuiltSend;
  progress: SendProgress;
  login: ProviderLogin | null;
  /** How this send reaches the provider; set when it is sent. */
  route: ProviderRoute | null;
  running: Promise<void> | null;
  forgetTimer: NodeJS.Timeout | null;
}

/** A prepared send nobody confirmed is forgotten after this long. */
const keepPreparedMs = 30 * 60_000;
/** A finished send stays readable (status) for this long. */
const keepFinishedMs = 60 * 60_000;
const maxAnswerBytes = 1024 * 1024;
/** Errors that mean the request never left this computer (no connection was made). */
const notConnected = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);

const identitySchema = z.object({ name: z.string().nullable().optional(), birthDate: z.string().nullable().optional() }).passthrough();

/** Bundle types the sending scenarios prescribe (see the builders and send-rules.ts). */
const bundleTypeOf = (body: { type?: unknown }): 'batch' | 'transaction' | undefined =>
  body.type === 'batch' || body.type === 'transaction' ? body.type : undefined;

export class SendManager {
  private readonly sessions = new Map<string, Session>();
  private readonly routes: RouteChooser;

  constructor(private readonly options: SendManagerOptions) {
    this.routes = options.routes ?? directRoutes(options.directory, options.fetch);
    options.vault.onLocked((profileId) => this.dropProfile(profileId));
  }

  async searchProviders(query: string): Promise<SendProvider[]> {
    if (!this.options.directory.searchSendProviders) return [];
    return this.options.directory.searchSendProviders(query);
  }

  /** Builds what would be sent; nothing leaves the computer. */
  async prepare(profileId: string, providerId: string, serviceId: string, selection: SendSelection): Promise<SendPreview> {
    const builder = sendBuilderFor(serviceId);
    if (!builder) throw new RegieError('send-invalid', { reason: 'not-a-send-service' });
    if (builder.selection !== selection.kind) throw new RegieError('send-invalid', { reason: 'wrong-selection' });
    const { directory } = this.options;
    const service = await directory.resolve(providerId, serviceId);
    if (!builder.fhirVersions.includes(service.fhirVersion)) {
      throw new RegieError('service-version-unsupported', { fhirVersions: service.fhirVersion }, `no sending builder for ${serviceId} in ${service.fhirVersion}`);
    }
    for (const endpoint of [service.authorizationEndpoint, service.tokenEndpoint, service.resourceEndpoint]) {
      if (!(await directory.isAllowedHost(new URL(endpoint)))) throw new RegieError('endpoint-not-allowed');
    }
    const store = this.options.recordStores.of(profileId);
    const now = new Date(this.options.now());
    const built = builder.build(
      {
        store,
        fhirVersion: service.fhirVersion,
        now,
        person: personOf(store),
        provider: { id: service.providerId, name: service.providerName },
        service: { id: service.serviceId, name: service.serviceName },
        serviceBase: service.resourceEndpoint,
        newFullUrl,
      },
      selection as never,
    );
    // Regie checks its own requests as the provider will: a mistake here must never reach a provider.
    for (const request of [...(built.before ?? []), built.request]) {
      const findings =
        request.path === '' ? checkSendBundle(request.body, { bundleType: bundleTypeOf(request.body) }) : checkSendResource(request.body, request.method, request.path);
      if (findings.length > 0 || patientParamsIn(request.path).length > 0 || request.path.includes('?')) {
        throw new RegieError('internal', undefined, `send request breaks a rule at ${findings[0]?.path ?? 'path'}`);
      }
    }

    const id = randomBytes(16).toString('base64url');
    const provider = { id: service.providerId, name: service.providerName };
    const serviceParty = { id: service.serviceId, name: service.serviceName };
    const session: Session = {
      id,
      profileId,
      service,
      built,
      login: null,
      route: null,
      running: null,
      forgetTimer: null,
      progress: {
        sendId: id,
        profileId,
        provider,
        service: serviceParty,
        stage: 'ready',
        items: built.items.map(({ fullUrl: _fullUrl, ...item }) => ({ ...item, status: 'not-sent', reason: null })),
      },
    };
    this.sessions.set(id, session);
    this.scheduleForget(session, keepPreparedMs);
    const things = built.items.filter((i) => i.kind !== 'person').length;
    return {
      sendId: id,
      profileId,
      provider,
      service: serviceParty,
      items: built.items.map(({ fullUrl: _fullUrl, ...item }) => item),
      summary: {
        nl: `${things === 1 ? '1 onderdeel' : `${things} onderdelen`} naar ${provider.name}, met de dienst "${serviceParty.name}".`,
        en: `${things === 1 ? '1 item' : `${things} items`} to ${provider.name}, with the service "${serviceParty.name}".`,
      },
    };
  }

  /** "Versturen": the login at the provider, then the one request. Returns the URL to log in at. */
  async send(sendId: string): Promise<{ sendId: string; authorizationUrl: string }> {
    const session = this.session(sendId);
    if (session.progress.stage !== 'ready' || session.login) throw new RegieError('send-already-started');
    const store = this.options.recordStores.of(session.profileId); // throws when locked
    const representation = readRepresentation(store);
    const route = await this.routes.routeFor(session.service);
    const login = await beginProviderLogin({
      service: session.service,
      route,
      representation,
      now: this.options.now,
      ...(this.options.loginTimeoutMs !== undefined && { loginTimeoutMs: this.options.loginTimeoutMs }),
      ...(this.options.transformCodeVerifier && { transformCodeVerifier: this.options.transformCodeVerifier }),
    });
    if (!this.options.vault.isUnlocked(session.profileId) || session.progress.stage !== 'ready') {
      login.cancel();
      throw new RegieError(this.options.vault.isUnlocked(session.profileId) ? 'send-not-found' : 'profile-locked');
    }
    session.login = login;
    session.route = route;
    if (route.relay !== null) session.progress.relay = route.relay;
    if (session.forgetTimer) clearTimeout(session.forgetTimer);
    session.forgetTimer = null;
    session.progress.stage = 'waiting-for-login';
    this.emit(session);
    session.running = this.run(session, login).finally(() => {
      session.running = null;
    });
    if (this.options.openExternal) {
      try {
        await this.options.openExternal(login.authorizationUrl);
      } catch {
        // The URL is returned as well: the app shows it as a link.
      }
    }
    return { sendId, authorizationUrl: login.authorizationUrl };
  }

  status(sendId: string): SendProgress {
    return structuredClone(this.session(sendId).progress);
  }

  /** Stops a send that has not gone out; once the request is on its way it cannot be called back. */
  cancel(sendId: string): void {
    const session = this.session(sendId);
    const { stage } = session.progress;
    if (stage === 'sending') throw new RegieError('send-already-started');
    if (stage === 'ready' || stage === 'waiting-for-login' || stage === 'exchanging-code') {
      session.login?.cancel();
      this.stop(session, 'cancelled', sendReasons.cancelled());
    }
  }

  /** Waits for a send's background work (tests, CLI). */
  async settled(sendId: string): Promise<SendProgress> {
    const session = this.session(sendId);
    while (session.running) await session.running;
    return structuredClone(session.progress);
  }

  sent(profileId: string): SentEntry[] {
    return listSent(this.options.recordStores.of(profileId));
  }

  shutdown(): void {
    for (const session of [...this.sessions.values()]) {
      session.login?.cancel();
      if (session.progress.stage !== 'sending') this.stop(session, 'cancelled', sendReasons.cancelled());
      this.forget(session);
    }
  }

  // ——— the flow ———

  private async run(session: Session, login: ProviderLogin): Promise<void> {
    const result = await login.result;
    if (session.progress.stage !== 'waiting-for-login') return; // cancelled or locked meanwhile
    if (!result.ok) {
      this.stop(session, 'failed', sendReasons.login(result.failure));
      return;
    }
    const token = result.token;
    if (token.expiresAt !== null && this.options.now() >= token.expiresAt) {
      this.stop(session, 'failed', sendReasons.expired());
      return;
    }
    session.progress.stage = 'sending';
    this.emit(session);

    const { request } = session.built;
    const sentAt = new Date(this.options.now()).toISOString();
    // Steps a scenario prescribes before the main request (e.g. PUT Task/<id> status accepted, then the
    // transaction): the first one the provider does not take ends the send, and the main request stays here.
    let raw: RawAnswer | 'unreachable' | null = null;
    let answered: SendRequest = request;
    for (const step of session.built.before ?? []) {
      const stepRaw = await this.exchange(session, step, token.accessToken, login.correlationId);
      if (stepRaw === 'unreachable' || stepRaw.kind === 'no-answer' || stepRaw.status < 200 || stepRaw.status >= 300) {
        raw = stepRaw;
        answered = step;
        break;
      }
    }
    raw ??= await this.exchange(session, request, token.accessToken, login.correlationId);
    if (raw === 'unreachable') {
      this.stop(session, 'failed', sendReasons.unreachable());
      return;
    }

    const { answer, items } = interpretAnswer(raw, session.built.items, answered === request ? entryUrlsOf(request.body) : []);
    session.progress.items = items;
    session.progress.answer = answer;
    const entry: SentEntry = {
      version: 1,
      id: randomUUID(),
      sentAt,
      provider: session.progress.provider,
      service: session.progress.service,
      outcome: answer.outcome,
      httpStatus: answer.httpStatus,
      message: answer.message,
      providerSaid: answer.providerSaid,
      items: items.map(({ kind, label, detail, date, recordId, status, reason }) => ({ kind, label, detail, date, recordId, status, reason })),
    };
    try {
      recordSent(this.options.recordStores.of(session.profileId), entry);
      session.progress.sentEntryId = entry.id;
    } catch {
      // Locked meanwhile: the answer is shown, but the log could not be written.
      session.progress.error = sendReasons.profileLocked();
    }
    session.progress.stage = 'done';
    this.emit(session);
    this.scheduleForget(session, keepFinishedMs);
  }

  /** One request to the provider with the send's token; 'unreachable' when no connection was made. */
  private async exchange(session: Session, request: SendRequest, accessToken: string, correlationId: string): Promise<RawAnswer | 'unreachable'> {
    const base = session.service.resourceEndpoint.replace(/\/+$/, '');
    try {
      const response = await providerRequest(session.route?.fetch ?? this.options.fetch, {
        method: request.method,
        url: request.path === '' ? base : `${base}/${request.path}`,
        headers: {
          Authorization: `Bearer ${accessToken}`,
          'Content-Type': 'application/fhir+json; charset=utf-8',
          Accept: 'application/fhir+json',
        },
        body: JSON.stringify(request.body),
        correlationId,
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 60_000),
      });
      let body: unknown = null;
      try {
        body = JSON.parse(await readLimited(response, maxAnswerBytes));
      } catch (error) {
        // An answer that is not JSON (or too large) still has its status; its body says nothing usable.
        if (error instanceof BodyTooLargeError) body = null;
      }
      return { kind: 'response', status: response.status, body };
    } catch (error) {
      return connectionNeverMade(error) ? 'unreachable' : { kind: 'no-answer' };
    }
  }

  private stop(session: Session, stage: 'failed' | 'cancelled', reason: { nl: string; en: string }): void {
    const { progress } = session;
    if (progress.stage === 'done' || progress.stage === 'failed' || progress.stage === 'cancelled') return;
    progress.stage = stage;
    progress.error = reason;
    this.emit(session);
    this.scheduleForget(session, keepFinishedMs);
  }

  private scheduleForget(session: Session, ms: number): void {
    if (session.forgetTimer) clearTimeout(session.forgetTimer);
    session.forgetTimer = setTimeout(() => this.forget(session), ms);
    session.forgetTimer.unref();
  }

  private forget(session: Session): void {
    if (session.forgetTimer) clearTimeout(session.forgetTimer);
    session.login?.cancel();
    this.sessions.delete(session.id);
  }

  /** A lock stops every send of the profile that has not gone out and forgets them all. */
  private dropProfile(profileId: string): void {
    for (const session of [...this.sessions.values()]) {
      if (session.profileId !== profileId) continue;
      session.login?.cancel();
      // A request already on its way cannot be called back; its answer just is not kept.
      if (session.progress.stage !== 'sending') this.stop(session, 'cancelled', sendReasons.profileLocked());
      this.forget(session);
    }
  }

  private session(sendId: string): Session {
    const session = this.sessions.get(sendId);
    if (!session) throw new RegieError('send-not-found');
    return session;
  }

  private emit(session: Session): void {
    this.options.emit(structuredClone(session.progress));
  }
}

function personOf(store: RecordStore): SendPerson {
  const identity = store.getPersonSetting(personSettingKeys.identity, identitySchema);
  return { name: identity?.name?.trim() || null, birthDate: identity?.birthDate ?? null };
}

/** fetch failed before a connection existed: nothing can have reached the provider. */
function connectionNeverMade(error: unknown): boolean {
  const cause = error instanceof Error ? (error as Error & { cause?: unknown }).cause : undefined;
  const code = cause instanceof Error || (typeof cause === 'object' && cause !== null) ? (cause as { code?: unknown }).code : undefined;
  return typeof code === 'string' && notConnected.has(code);
}
