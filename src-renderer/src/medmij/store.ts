/**
 * "Gegevens ophalen" via MedMij: searching the provider list, the chosen services (one login per
 * service, run one after another), the running fetch with its progress, and the connected providers.
 *
 * Progress comes from the core's 'medmij.progress' events; while a fetch runs, medmij.fetchStatus is
 * polled as a fallback (an event stream can drop). Everything here is cleared when the profile locks,
 * another profile opens or the person leaves the profile (registerReset).
 */
import { create } from 'zustand';
import type { ErrorPayload } from '../../../src-preload/contract/errors';
import type {
  FetchProgress,
  ProviderConnection,
  ProviderService,
  ProviderSummary,
  Representation,
} from '../../../src-preload/contract/medmij';
import { appInfo } from '../api/app-info';
import { call, onEvent, toErrorPayload } from '../api/client';
import { useRecordsData } from '../records/data-store';
import { currentSession, registerReset, stillCurrent } from '../records/reset';

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

export interface PlanProvider {
  id: string;
  displayName: string;
}

/** A service in a plan: what the flow shows and fetches. */
export type PlanService = Pick<ProviderService, 'id' | 'name'>;

/** The provider and services chosen: one fetch (and one login) per service, in order. */
export interface Plan {
  provider: PlanProvider;
  services: PlanService[];
  index: number;
}

export type FlowStep =
  /** Before leaving for the browser: what will happen, and the button to log in. */
  | { name: 'explain'; error?: ErrorPayload }
  /** medmij.beginFetch is on its way. */
  | { name: 'starting' }
  /** A fetch exists: waiting for the login, then progress, then the result. */
  | { name: 'fetch'; fetchId: string; authorizationUrl: string; progress: FetchProgress | null; actionError?: ErrorPayload };

interface MedmijState {
  query: string;
  results: ProviderSummary[] | null;
  searchState: LoadState;
  /** Checked services per provider id. */
  selected: Record<string, string[]>;
  plan: Plan | null;
  step: FlowStep | null;
  connections: ProviderConnection[] | null;
  connectionsState: LoadState;
  /** Whom this profile fetches for (MedMij representation); null: the person themself. */
  representation: Representation | null;

  search(query: string): Promise<void>;
  toggleService(providerId: string, serviceId: string, checked: boolean): void;
  startPlan(provider: PlanProvider, services: PlanService[]): void;
  login(): Promise<void>;
  cancel(): Promise<void>;
  retryFailed(): Promise<void>;
  /** A new login for the current service (after a failure, a cancellation or an expired token). */
  restart(): void;
  next(): void;
  finish(): void;
  loadConnections(): Promise<void>;
  loadRepresentation(): Promise<void>;
  /** After the person saved "Voor wie is dit profiel?". */
  representationSaved(representation: Representation | null): void;
}

const initial = {
  query: '',
  results: null,
  searchState: 'idle' as LoadState,
  selected: {},
  plan: null,
  step: null,
  connections: null,
  connectionsState: 'idle' as LoadState,
  representation: null,
};

export const terminalStages = new Set(['done', 'failed', 'cancelled']);

export function isRunning(step: FlowStep | null): boolean {
  if (!step) return false;
  if (step.name === 'starting') return true;
  if (step.name !== 'fetch') return false;
  return !step.progress || !terminalStages.has(step.progress.stage);
}

let searchSeq = 0;
/** Counts progress events, so a poll answer older than an event is not applied over it. */
let eventSeq = 0;
let pollTimer: ReturnType<typeof setInterval> | null = null;
let unsubscribe: (() => void) | null = null;

const POLL_MS = 2000;

/** Where the app runs: in the browser test host the renderer opens the login page itself. */
export function appHost(): Promise<'electron' | 'browser' | 'cli' | null> {
  return appInfo().then((info) => info?.host ?? null);
}

export const useMedmijStore = create<MedmijState>()((set, get) => {
  /** Applies a progress snapshot for the current fetch; reacts once when it finishes. */
  function applyProgress(progress: FetchProgress): void {
    const step = get().step;
    if (step?.name !== 'fetch' || step.fetchId !== progress.fetchId) return;
    const wasTerminal = step.progress ? terminalStages.has(step.progress.stage) : false;
    set({ step: { ...step, progress } });
    const nowTerminal = terminalStages.has(progress.stage);
    if (nowTerminal && !wasTerminal) {
      stopPolling();
      if (progress.queries.some((q) => q.status === 'done')) useRecordsData.getState().invalidate();
      void get().loadConnections();
    } else if (!nowTerminal) {
      startPolling();
    }
  }

  function ensureEvents(): void {
    if (unsubscribe) return;
    unsubscribe = onEvent((message) => {
      if (message.event !== 'medmij.progress') return;
      const progress = message.payload as FetchProgress;
      const session = currentSession();
      if (!session || progress.profileId !== session.profileId) return;
      eventSeq += 1;
      applyProgress(progress);
    });
  }

  function startPolling(): void {
    if (pollTimer) return;
    pollTimer = setInterval(() => void poll(), POLL_MS);
  }

  async function poll(): Promise<void> {
    const step = get().step;
    const session = currentSession();
    if (step?.name !== 'fetch' || !session) return stopPolling();
    const seenEvents = eventSeq;
    try {
      const progress = await call('medmij.fetchStatus', { fetchId: step.fetchId });
      if (!stillCurrent(session) || eventSeq !== seenEvents) return;
      applyProgress(progress);
    } catch {
      // The next event or poll will tell; a forgotten fetch shows its last known state.
    }
  }

  return {
    ...initial,

    async search(query) {
      const trimmed = query.trim();
      const session = currentSession();
      const seq = ++searchSeq;
      if (!session || !trimmed) {
        set({ query: trimmed, results: null, searchState: 'idle' });
        return;
      }
      set({ query: trimmed, searchState: 'loading' });
      try {
        const results = await call('medmij.searchProviders', { profileId: session.profileId, query: trimmed.slice(0, 100) });
        if (!stillCurrent(session) || seq !== searchSeq) return;
        set({ results, searchState: 'ready', selected: withRecommended(get().selected, results) });
      } catch {
        if (stillCurrent(session) && seq === searchSeq) set({ results: null, searchState: 'error' });
      }
    },

    toggleService(providerId, serviceId, checked) {
      const current = get().selected[providerId] ?? [];
      const next = checked ? [...new Set([...current, serviceId])] : current.filter((id) => id !== serviceId);
      set({ selected: { ...get().selected, [providerId]: next } });
    },

    startPlan(provider, services) {
      if (services.length === 0 || isRunning(get().step)) return;
      stopPolling();
      set({ plan: { provider, services, index: 0 }, step: { name: 'explain' } });
    },

    async login() {
      const { plan, step } = get();
      const session = currentSession();
      if (!plan || !session || step?.name !== 'explain') return;
      const service = plan.services[plan.index];
      if (!service) return;
      ensureEvents();
      set({ step: { name: 'starting' } });
      try {
        const [host, begun] = await Promise.all([
          appHost(),
          call('medmij.beginFetch', { profileId: session.profileId, providerId: plan.provider.id, serviceId: service.id }),
        ]);
        if (!stillCurrent(session) || get().step?.name !== 'starting') {
          void call('medmij.cancelFetch', { fetchId: begun.fetchId }).catch(() => undefined);
          return;
        }
        // The desktop app's core opens the system browser itself; in a plain browser we do it here.
        if (host === 'browser') window.open(begun.authorizationUrl, '_blank', 'noopener');
        set({ step: { name: 'fetch', fetchId: begun.fetchId, authorizationUrl: begun.authorizationUrl, progress: null } });
        startPolling();
        void poll();
      } catch (error) {
        if (stillCurrent(session)) set({ step: { name: 'explain', error: toErrorPayload(error) } });
      }
    },

    async cancel() {
      const step = get().step;
      const session = currentSession();
      if (step?.name !== 'fetch' || !session) return;
      try {
        await call('medmij.cancelFetch', { fetchId: step.fetchId });
        if (!stillCurrent(session)) return;
        await poll();
      } catch (error) {
        const now = get().step;
        if (stillCurrent(session) && now?.name === 'fetch') set({ step: { ...now, actionError: toErrorPayload(error) } });
      }
    },

    async retryFailed() {
      const step = get().step;
      const session = currentSession();
      if (step?.name !== 'fetch' || !session) return;
      const { actionError: _previous, ...rest } = step;
      set({ step: rest });
      try {
        const progress = await call('medmij.retryFailed', { fetchId: step.fetchId });
        if (!stillCurrent(session)) return;
        applyProgress(progress);
      } catch (error) {
        const now = get().step;
        if (stillCurrent(session) && now?.name === 'fetch') set({ step: { ...now, actionError: toErrorPayload(error) } });
      }
    },

    restart() {
      if (!get().plan || isRunning(get().step)) return;
      stopPolling();
      set({ step: { name: 'explain' } });
    },

    next() {
      const plan = get().plan;
      if (!plan || isRunning(get().step) || plan.index + 1 >= plan.services.length) return;
      stopPolling();
      set({ plan: { ...plan, index: plan.index + 1 }, step: { name: 'explain' } });
    },

    finish() {
      const step = get().step;
      if (step?.name === 'fetch' && isRunning(step)) void call('medmij.cancelFetch', { fetchId: step.fetchId }).catch(() => undefined);
      stopPolling();
      set({ plan: null, step: null });
    },

    async loadConnections() {
      const session = currentSession();
      if (!session) return;
      if (get().connections === null) set({ connectionsState: 'loading' });
      try {
        const connections = await call('medmij.connections', { profileId: session.profileId });
        if (!stillCurrent(session)) return;
        set({ connections, connectionsState: 'ready' });
      } catch {
        if (stillCurrent(session)) set({ connectionsState: 'error' });
      }
    },

    async loadRepresentation() {
      const session = currentSession();
      if (!session) return;
      try {
        const representation = await call('medmij.getRepresentation', { profileId: session.profileId });
        if (stillCurrent(session)) set({ representation });
      } catch {
        // Without it the reminder is not shown; the login itself reads the setting in the core.
      }
    },

    representationSaved(representation) {
      set({ representation });
    },
  };
});

/** A provider seen for the first time starts with its recommended services ticked; a choice made stays. */
function withRecommended(selected: Record<string, string[]>, providers: ProviderSummary[]): Record<string, string[]> {
  const next = { ...selected };
  for (const provider of providers) {
    next[provider.id] ??= provider.services.filter((s) => s.recommended).map((s) => s.id);
  }
  return next;
}

function stopPolling(): void {
  if (pollTimer) clearInterval(pollTimer);
  pollTimer = null;
}

registerReset(() => {
  const step = useMedmijStore.getState().step;
  // A login still open in the browser must not go on for a profile the screen no longer shows.
  if (step?.name === 'fetch' && isRunning(step)) void call('medmij.cancelFetch', { fetchId: step.fetchId }).catch(() => undefined);
  stopPolling();
  searchSeq += 1;
  useMedmijStore.setState({ ...initial });
});
