/**
 * The summaries the record screens share: Overzicht, counts per BgZ section and the list of sources.
 * `version` goes up after every import, so screens that show record data reload.
 *
 * The visit ("N nieuwe gegevens sinds uw vorige bezoek"): the first overview of a session is loaded
 * before anything else, so its count is relative to the person's previous visit; right after it,
 * records.markVisited remembers this visit once. Later overviews of the same session count from this
 * visit, so what the screen shows is the count at the start of the session plus what arrived since.
 * The first visit has no previous one: nothing is new then.
 */
import { create } from 'zustand';
import type { BgzSection } from '../../../src-preload/contract/record-sections';
import type { Overview, RecordSource } from '../../../src-preload/contract/records';
import { call } from '../api/client';
import { currentSession, registerReset, stillCurrent } from './reset';

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';
export type SourceWithCount = RecordSource & { recordCount: number; lastReceivedAt: string };

/** This session's visit: what was new when it began, and whether the core has remembered it. */
export interface Visit {
  /** The previous visit (ISO), or null when this is the first one. */
  previous: string | null;
  /** New since the previous visit, at the start of this session. */
  newAtStart: number;
  marked: boolean;
}

interface DataState {
  version: number;
  overview: Overview | null;
  overviewState: LoadState;
  /** Records new since the previous visit, including what arrived during this session. */
  newSinceVisit: number;
  visit: Visit | null;
  counts: Record<BgzSection, number> | null;
  countsState: LoadState;
  sources: SourceWithCount[] | null;
  sourcesState: LoadState;
  /** Loads the overview; the first successful load of a session also starts the visit. */
  loadOverview(): Promise<void>;
  loadCounts(): Promise<void>;
  loadSources(): Promise<void>;
  /** Something changed in the record (an import): drop what is cached and let screens reload. */
  invalidate(): void;
}

const initial = {
  overview: null,
  overviewState: 'idle' as LoadState,
  newSinceVisit: 0,
  counts: null,
  countsState: 'idle' as LoadState,
  sources: null,
  sourcesState: 'idle' as LoadState,
};

/**
 * Overview loads run one after another per session (so none can overlap the markVisited of the
 * first), and a load asked for while an equal one is still under way shares it.
 */
let queue: { epoch: number; tail: Promise<void>; pending: { version: number; promise: Promise<void> } | null } | null = null;

export const useRecordsData = create<DataState>()((set, get) => {
  async function fetchOverview(session: { profileId: string; epoch: number }): Promise<void> {
    if (!stillCurrent(session)) return;
    set({ overviewState: 'loading' });
    let overview: Overview;
    try {
      overview = await call('records.overview', { profileId: session.profileId });
    } catch {
      if (stillCurrent(session)) set({ overviewState: 'error' });
      return;
    }
    if (!stillCurrent(session)) return;
    const visit = get().visit;
    if (visit) {
      // After markVisited the core counts from the start of this session; on the first visit
      // (no previous one) nothing is new, also not what arrives during it.
      const newSinceVisit =
        visit.previous === null ? 0 : visit.marked ? visit.newAtStart + overview.newSinceLastVisit : overview.newSinceLastVisit;
      set({ overview, overviewState: 'ready', newSinceVisit });
      return;
    }
    set({
      overview,
      overviewState: 'ready',
      newSinceVisit: overview.newSinceLastVisit,
      visit: { previous: overview.lastVisit, newAtStart: overview.newSinceLastVisit, marked: false },
    });
    try {
      await call('records.markVisited', { profileId: session.profileId });
      if (stillCurrent(session)) set((s) => (s.visit ? { visit: { ...s.visit, marked: true } } : {}));
    } catch {
      // Not remembered: the next visit simply counts from the previous one still.
    }
  }

  return {
    version: 0,
    ...initial,
    visit: null,
    loadOverview() {
      const session = currentSession();
      if (!session) return Promise.resolve();
      if (queue?.epoch !== session.epoch) queue = { epoch: session.epoch, tail: Promise.resolve(), pending: null };
      const current = queue;
      const version = get().version;
      if (current.pending?.version === version) return current.pending.promise;
      const promise = current.tail.then(() => fetchOverview(session));
      const entry = { version, promise };
      current.pending = entry;
      current.tail = promise.finally(() => {
        if (current.pending === entry) current.pending = null;
      });
      return promise;
    },
    async loadCounts() {
      const session = currentSession();
      if (!session) return;
      set({ countsState: 'loading' });
      try {
        const counts = await call('records.sectionCounts', { profileId: session.profileId });
        if (stillCurrent(session)) set({ counts, countsState: 'ready' });
      } catch {
        if (stillCurrent(session)) set({ countsState: 'error' });
      }
    },
    async loadSources() {
      const session = currentSession();
      if (!session) return;
      set({ sourcesState: 'loading' });
      try {
        const sources = await call('records.sources', { profileId: session.profileId });
        if (stillCurrent(session)) set({ sources, sourcesState: 'ready' });
      } catch {
        if (stillCurrent(session)) set({ sourcesState: 'error' });
      }
    },
    invalidate() {
      // The visit stays: it belongs to the session, not to what is cached.
      set({ ...initial, version: get().version + 1 });
    },
  };
});

registerReset(() => {
  queue = null;
  useRecordsData.setState((s) => ({ ...initial, visit: null, version: s.version + 1 }));
});
