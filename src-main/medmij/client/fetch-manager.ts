/**
 * "Gegevens ophalen": one fetch = one provider + one data service. beginFetch opens a loopback
 * listener and returns the authorization URL; the rest runs in the background and reports through
 * the 'medmij.progress' event: wait for the callback → exchange the code (PKCE) → run the service's
 * queries in order → import each query's result on its own, all or nothing.
 *
 * Tokens exist only in a session object in memory. They are dropped when a fetch ends with nothing
 * left to retry, when it is cancelled, when the profile locks, and when they expire; a fetch with
 * failed queries keeps its token until it expires so that retryFailed can use it.
 *
 * One person per profile (records/person-identity.ts): each query's result is checked against whom
 * the profile belongs to before it is stored. Results of queries that name no one (no Patient) are
 * held in memory until a later query names the person, so that data of someone else is stopped
 * before anything of the fetch is stored; a fetch whose data never names anyone is stored at its end.
 */
import { randomBytes } from 'node:crypto';
import { otherPersonMessage, type OtherPerson } from '../../../src-preload/contract/identity';
import type { FetchProgress, FetchQueryProgress, ProviderConnection } from '../../../src-preload/contract/medmij';
import { RegieError } from '../../core/errors';
import type { RecordStores } from '../../core/record-stores';
import type { ReceivedResource } from '../../fhir/types';
import { gateImport } from '../../records/person-identity';
import type { Vault } from '../../vault/vault';
import type { MedmijDirectory, PlannedQuery, ResolvedService } from './directory';
import { runQuery, type QueryLimits } from './fhir-query';
import { beginProviderLogin, type LoginFailure, type ProviderLogin } from './login';
import type { TokenSet } from './oauth';
import { directRoutes, type ProviderRoute, type RouteChooser } from './provider-route';
import { readConnections, readRepresentation, recordConnection } from './profile-state';
import { ReasonError, reasons, type Reason } from './reasons';

export interface FetchManagerOptions {
  vault: Vault;
  recordStores: RecordStores;
  directory: MedmijDirectory;
  now: () => number;
  emit: (progress: FetchProgress) => void;
  /** Desktop: opens the system browser. Absent: the caller (browser host, CLI) opens the URL. */
  openExternal?: (url: string) => Promise<void> | void;
  /** How long to wait for the person to log in (default 10 minutes). */
  loginTimeoutMs?: number;
  limits?: Partial<QueryLimits>;
  fetch?: typeof fetch;
  /** Tests only: changes the PKCE verifier sent to the token endpoint, to prove the provider checks it. */
  transformCodeVerifier?: (verifier: string) => string;
  /** Directly or through a relay, per provider service (default: always directly). */
  routes?: RouteChooser;
}

interface Session {
  id: string;
  profileId: string;
  service: ResolvedService;
  queries: PlannedQuery[];
  progress: FetchProgress;
  /** How this fetch reaches the provider: directly or through the relay. */
  route: ProviderRoute;
  /** The login at the provider (login.ts): its loopback, then the code exchanged for the token. */
  login: ProviderLogin;
  /** Stops the queries (the login has its own). */
  abort: AbortController;
  token: TokenSet | null;
  tokenTimer: NodeJS.Timeout | null;
  running: Promise<void> | null;
  /** When a finished session is forgotten (its status can be read until then). */
  forgetTimer: NodeJS.Timeout | null;
  /** Birth date of the person this caregiver profile represents, if any. */
  representationBirthDate: string | null;
  /** A query of this fetch named the person and they are this profile's person. */
  personConfirmed: boolean;
  /** Received results not stored yet, because no query has named the person so far. */
  held: Array<{ entry: FetchQueryProgress; label: string; resources: ReceivedResource[] }>;
}

/** A token without expires_in is still dropped after this long. */
const maxTokenHoldMs = 15 * 60_000;
/** Finished fetches stay readable (fetchStatus) for this long, unless the profile locks first. */
const keepFinishedMs = 60 * 60_000;

export class FetchManager {
  private readonly sessions = new Map<string, Session>();
  private readonly routes: RouteChooser;

  constructor(private readonly options: FetchManagerOptions) {
    this.routes = options.routes ?? directRoutes(options.directory, options.fetch);
    options.vault.onLocked((profileId) => this.dropProfile(profileId));
  }

  async begin(profileId: string, providerId: string, serviceId: string): Promise<{ fetchId: string; authorizationUrl: string }> {
    const representation = readRepresentation(this.options.recordStores.of(profileId));
    const { directory } = this.options;
    const service = await directory.resolve(providerId, serviceId);
    for (const endpoint of [service.authorizationEndpoint, service.tokenEndpoint, service.resourceEndpoint]) {
      if (!(await directory.isAllowedHost(new URL(endpoint)))) throw new RegieError('endpoint-not-allowed');
    }
    const queries = directory.queries(service);
    // Checked before anyone logs in: a query set that would name the patient is never started.
    for (const query of queries) directory.assertNoPatientParams(new URL(query.url));
    const route = await this.routes.routeFor(service);

    let session: Session | null = null;
    const login = await beginProviderLogin({
      service,
      route,
      representation,
      now: this.options.now,
      ...(this.options.loginTimeoutMs !== undefined && { loginTimeoutMs: this.options.loginTimeoutMs }),
      ...(this.options.transformCodeVerifier && { transformCodeVerifier: this.options.transformCodeVerifier }),
      onCode: () => {
        if (session?.progress.stage !== 'waiting-for-login') return;
        session.progress.stage = 'exchanging-code';
        this.emit(session);
      },
    });
    // The profile may have locked while the lists loaded; no session may outlive a lock.
    if (!this.options.vault.isUnlocked(profileId)) {
      login.cancel();
      throw new RegieError('profile-locked');
    }

    const id = randomBytes(16).toString('base64url');
    session = {
      id,
      profileId,
      service,
      queries,
      route,
      login,
      abort: new AbortController(),
      token: null,
      tokenTimer: null,
      running: null,
      forgetTimer: null,
      representationBirthDate: representation?.birthDate ?? null,
      personConfirmed: false,
      held: [],
      progress: {
        fetchId: id,
        profileId,
        providerId: service.providerId,
        serviceId: service.serviceId,
        ...(route.relay !== null && { relay: route.relay }),
        stage: 'waiting-for-login',
        queries: queries.map((q): FetchQueryProgress => ({ id: q.id, label: q.label, status: 'pending', received: 0 })),
        imported: { created: 0, updated: 0, unchanged: 0, byType: {} },
      },
    };
    const started: Session = session;
    this.sessions.set(id, started);
    started.running = this.run(started).finally(() => {
      started.running = null;
    });
    this.emit(started);

    if (this.options.openExternal) {
      try {
        await this.options.openExternal(login.authorizationUrl);
      } catch {
        // The URL is also returned: the app can show it as a link if the browser did not open.
      }
    }
    return { fetchId: id, authorizationUrl: login.authorizationUrl };
  }

  status(fetchId: string): FetchProgress {
    return snapshot(this.session(fetchId).progress);
  }

  /** Runs the failed queries again with the same token; a new login is needed once it expired. */
  retryFailed(fetchId: string): FetchProgress {
    const session = this.session(fetchId);
    const { stage } = session.progress;
    if (session.running || (stage !== 'done' && stage !== 'failed') || session.progress.otherPerson) return snapshot(session.progress);
    const failed = session.progress.queries.filter((q) => q.status === 'failed');
    if (failed.length === 0) return snapshot(session.progress);
    if (!this.tokenUsable(session)) {
      this.dropToken(session);
      throw new RegieError('login-expired');
    }
    this.options.vault.database(session.profileId); // throws when locked; counts as activity
    if (session.forgetTimer) clearTimeout(session.forgetTimer);
    session.forgetTimer = null;
    for (const query of failed) {
      query.status = 'pending';
      query.received = 0;
      delete query.error;
    }
    delete session.progress.error;
    session.progress.stage = 'querying';
    this.emit(session);
    const ids = new Set(failed.map((q) => q.id));
    session.running = this.runQueries(session, session.queries.filter((q) => ids.has(q.id)))
      .catch(() => undefined)
      .finally(() => {
        session.running = null;
      });
    return snapshot(session.progress);
  }

  cancel(fetchId: string): void {
    const session = this.session(fetchId);
    this.stop(session, 'cancelled', reasons.cancelled());
  }

  connections(profileId: string): ProviderConnection[] {
    return readConnections(this.options.vault.database(profileId));
  }

  /** Waits for a fetch's background work (tests, CLI). */
  async settled(fetchId: string): Promise<FetchProgress> {
    const session = this.session(fetchId);
    while (session.running) await session.running;
    return snapshot(session.progress);
  }

  // ——— the flow ———

  private async run(session: Session): Promise<void> {
    const { progress } = session;
    const result = await session.login.result;
    // Cancelled or locked meanwhile (stop() also ended the login).
    if (progress.stage !== 'waiting-for-login' && progress.stage !== 'exchanging-code') return;
    if (!result.ok) {
      this.finish(session, 'failed', this.loginFailureReason(result.failure));
      return;
    }
    session.token = result.token;
    this.scheduleTokenDrop(session);
    progress.stage = 'querying';
    this.emit(session);
    await this.runQueries(session, session.queries);
  }

  /** Why a login came to nothing, worded for a fetch ("nothing was retrieved"). */
  private loginFailureReason(failure: LoginFailure): Reason {
    switch (failure.kind) {
      case 'access-denied':
        return reasons.accessDenied();
      case 'timeout':
        return reasons.loginTimedOut(failure.minutes);
      case 'authorization-error':
        return reasons.authorizationError(failure.code);
      case 'route':
      case 'token':
        return failure.reason;
      case 'token-unreachable':
        return reasons.tokenUnreachable();
      default:
        return reasons.cancelled();
    }
  }

  private async runQueries(session: Session, queries: PlannedQuery[]): Promise<void> {
    for (const query of queries) {
      if (session.progress.stage !== 'querying') return;
      await this.runOne(session, query);
    }
    if (session.progress.stage !== 'querying') return;
    this.settleHeld(session);
    const statuses = session.progress.queries.map((q) => q.status);
    const allFailed = statuses.length > 0 && statuses.every((s) => s === 'failed');
    this.finish(session, allFailed ? 'failed' : 'done', allFailed ? session.progress.queries[0]!.error! : undefined);
  }

  private async runOne(session: Session, query: PlannedQuery): Promise<void> {
    const entry = session.progress.queries.find((q) => q.id === query.id)!;
    entry.status = 'running';
    entry.received = 0;
    delete entry.error;
    this.emit(session);
    const fail = (reason: Reason) => {
      entry.status = 'failed';
      entry.error = reason;
      this.emit(session);
    };

    const token = session.token;
    if (!token || !this.tokenUsable(session)) {
      fail(reasons.loginAgain());
      return;
    }
    let resources;
    try {
      const result = await runQuery({
        url: query.url,
        resourceEndpoint: session.service.resourceEndpoint,
        fhirVersion: session.service.fhirVersion,
        ...(query.follow && { follow: query.follow }),
        accessToken: token.accessToken,
        expiresAt: token.expiresAt,
        correlationId: session.login.correlationId,
        assertAllowed: (url) => {
          try {
            this.options.directory.assertNoPatientParams(url);
          } catch {
            throw new ReasonError(reasons.patientParameter());
          }
        },
        signal: session.abort.signal,
        now: this.options.now,
        onProgress: (received) => {
          entry.received = received;
          this.emit(session);
        },
        ...(this.options.limits && { limits: this.options.limits }),
        ...((session.route.fetch ?? this.options.fetch) && { fetch: session.route.fetch ?? this.options.fetch }),
      });
      resources = result.resources;
    } catch (error) {
      if (session.progress.stage !== 'querying') return;
      if (error instanceof ReasonError) {
        // A refused token will not work for the next query either: ask for a new login.
        if (error.loginAgain) this.dropToken(session);
        fail(error.reason);
      } else {
        fail(reasons.internal());
      }
      return;
    }
    if (session.progress.stage !== 'querying') return;

    let gate;
    try {
      gate = gateImport(this.options.recordStores.of(session.profileId), resources, {
        origin: { kind: 'provider', label: this.sourceLabel(session) },
        now: new Date(this.options.now()),
        representationBirthDate: session.representationBirthDate,
      });
    } catch (error) {
      fail(error instanceof RegieError && error.code === 'profile-locked' ? reasons.profileLocked() : reasons.internal());
      return;
    }
    if (!gate.ok) {
      this.refuseOtherPerson(session, gate.otherPerson);
      return;
    }
    entry.received = resources.length;
    if (!session.personConfirmed && resources.length > 0 && !resources.some((r) => r.resourceType === 'Patient')) {
      session.held.push({ entry, label: query.label, resources });
      this.emit(session);
      return;
    }
    session.personConfirmed = true;
    this.storeHeld(session);
    this.store(session, entry, query.label, resources, gate.personSettings);
  }

  /**
   * At the end of a run, results are still held when no query named the person. When the service
   * asks for the person's details (a Patient query) and that failed, they cannot be checked and are
   * not stored (a retry fetches both again); a service without such a query has nothing to check.
   */
  private settleHeld(session: Session): void {
    const asksForPatient = session.queries.some((q) => /\/Patient$/.test(new URL(q.url).pathname));
    if (session.personConfirmed || !asksForPatient) {
      this.storeHeld(session);
      return;
    }
    for (const { entry } of session.held) {
      entry.status = 'failed';
      entry.error = reasons.personUnchecked();
    }
    session.held = [];
    this.emit(session);
  }

  /** Stores the results held back until the person was known, in the order they arrived. */
  private storeHeld(session: Session): void {
    const held = session.held;
    session.held = [];
    for (const item of held) this.store(session, item.entry, item.label, item.resources);
  }

  /** All or nothing per query: one import, one transaction. */
  private store(
    session: Session,
    entry: FetchQueryProgress,
    label: string,
    resources: ReceivedResource[],
    personSettings?: Record<string, unknown>,
  ): void {
    const fail = (reason: Reason) => {
      entry.status = 'failed';
      entry.error = reason;
      this.emit(session);
    };
    try {
      const store = this.options.recordStores.of(session.profileId);
      const report = store.importResources(
        {
          kind: 'provider',
          label: this.sourceLabel(session),
          provider: session.service.providerId,
          service: session.service.serviceId,
        },
        resources,
        { now: this.options.now(), file: label, ...(personSettings && { personSettings }) },
      );
      if (!report.ok) {
        const first = report.problems[0];
        fail(reasons.importFailed(first ? { nl: `${first.entryPath}: ${first.message.nl}`, en: `${first.entryPath}: ${first.message.en}` } : reasons.internal()));
        return;
      }
      entry.status = 'done';
      entry.received = resources.length;
      const imported = session.progress.imported;
      imported.created += report.created;
      imported.updated += report.updated;
      imported.unchanged += report.unchanged;
      for (const [type, n] of Object.entries(report.byType)) imported.byType[type] = (imported.byType[type] ?? 0) + n;
      this.emit(session);
    } catch (error) {
      if (error instanceof RegieError && error.code === 'profile-locked') {
        fail(reasons.profileLocked());
        return;
      }
      fail(reasons.internal());
    }
  }

  private sourceLabel(session: Session): string {
    return `${session.service.providerName} — ${session.service.serviceName}`;
  }

  /**
   * The provider's data is about someone else: stop the whole fetch and store nothing of it (also
   * not what was held back). The token goes at once: a retry would only fetch the same person again.
   */
  private refuseOtherPerson(session: Session, otherPerson: OtherPerson): void {
    const { progress } = session;
    const reason = { nl: otherPersonMessage(otherPerson, 'nl'), en: otherPersonMessage(otherPerson, 'en') };
    session.held = [];
    session.abort.abort(new ReasonError(reason));
    session.login.cancel();
    this.dropToken(session);
    for (const query of progress.queries) {
      if (query.status === 'running') query.status = 'pending';
      query.received = 0;
    }
    progress.stage = 'failed';
    progress.error = reason;
    progress.otherPerson = otherPerson;
    this.emit(session);
    this.scheduleForget(session);
  }

  private finish(session: Session, stage: 'done' | 'failed', error?: Reason): void {
    const { progress } = session;
    progress.stage = stage;
    if (error) progress.error = error;
    session.login.cancel();
    const queries = progress.queries;
    const anyFailed = queries.some((q) => q.status === 'failed');
    // Nothing left to retry: the token has done its job.
    if (!anyFailed || !this.tokenUsable(session)) this.dropToken(session);
    // A login that never got to the queries does not make a connection.
    if (queries.some((q) => q.status !== 'pending')) this.recordConnection(session);
    this.emit(session);
    this.scheduleForget(session);
  }

  private stop(session: Session, stage: 'cancelled' | 'failed', reason: Reason): void {
    const { progress } = session;
    if (progress.stage === 'cancelled') return;
    const wasActive = progress.stage !== 'done' && progress.stage !== 'failed';
    session.held = [];
    session.abort.abort(new ReasonError(reason));
    session.login.cancel();
    this.dropToken(session);
    if (wasActive) {
      progress.stage = stage;
      progress.error = reason;
      for (const query of progress.queries) {
        if (query.status === 'running') {
          query.status = 'failed';
          query.error = reason;
        }
      }
      if (progress.queries.some((q) => q.status === 'done' || q.status === 'failed')) this.recordConnection(session);
    }
    this.emit(session);
    this.scheduleForget(session);
  }

  private recordConnection(session: Session): void {
    const { vault, now } = this.options;
    if (!vault.isUnlocked(session.profileId)) return;
    const statuses = session.progress.queries.map((q) => q.status);
    const done = statuses.filter((s) => s === 'done').length;
    try {
      recordConnection(vault.database(session.profileId), {
        providerId: session.service.providerId,
        providerName: session.service.providerName,
        serviceId: session.service.serviceId,
        serviceName: session.service.serviceName,
        lastRetrievalAt: new Date(now()).toISOString(),
        lastResult: done === statuses.length ? 'complete' : done > 0 ? 'partial' : 'failed',
      });
    } catch {
      // Bookkeeping must never turn a finished import into an error.
    }
  }

  // ——— tokens and lifetimes ———

  private tokenUsable(session: Session): boolean {
    const token = session.token;
    return token !== null && (token.expiresAt === null || this.options.now() < token.expiresAt);
  }

  private scheduleTokenDrop(session: Session): void {
    const token = session.token;
    if (!token) return;
    const ms = token.expiresAt === null ? maxTokenHoldMs : Math.min(maxTokenHoldMs, Math.max(0, token.expiresAt - this.options.now()));
    session.tokenTimer = setTimeout(() => this.dropToken(session), ms);
    session.tokenTimer.unref();
  }

  private dropToken(session: Session): void {
    session.token = null;
    if (session.tokenTimer) clearTimeout(session.tokenTimer);
    session.tokenTimer = null;
  }

  private scheduleForget(session: Session): void {
    if (session.forgetTimer) clearTimeout(session.forgetTimer);
    session.forgetTimer = setTimeout(() => this.forget(session), keepFinishedMs);
    session.forgetTimer.unref();
  }

  private forget(session: Session): void {
    session.held = [];
    this.dropToken(session);
    session.login.cancel();
    if (session.forgetTimer) clearTimeout(session.forgetTimer);
    this.sessions.delete(session.id);
  }

  /** A lock ends every fetch of the profile and forgets it: nothing of it stays in memory. */
  private dropProfile(profileId: string): void {
    for (const session of [...this.sessions.values()]) {
      if (session.profileId !== profileId) continue;
      this.stop(session, 'cancelled', reasons.profileLocked());
      this.forget(session);
    }
  }

  /** Ends everything (quit). */
  shutdown(): void {
    for (const session of [...this.sessions.values()]) {
      this.stop(session, 'cancelled', reasons.cancelled());
      this.forget(session);
    }
  }

  private session(fetchId: string): Session {
    const session = this.sessions.get(fetchId);
    if (!session) throw new RegieError('fetch-not-found');
    return session;
  }

  private emit(session: Session): void {
    this.options.emit(snapshot(session.progress));
  }
}

function snapshot(progress: FetchProgress): FetchProgress {
  return structuredClone(progress);
}
