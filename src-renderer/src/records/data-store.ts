/**
 * The summaries the record screens share: Overzicht, counts per BgZ section and the list of sources.
 * `version` goes up after every import, so screens that show record data reload.
 */
import { create } from 'zustand';
import type { BgzSection } from '../../../src-preload/contract/record-sections';
import type { Overview, RecordSource } from '../../../src-preload/contract/records';
import { call } from '../api/client';
import { currentSession, registerReset, stillCurrent } from './reset';

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';
export type SourceWithCount = RecordSource & { recordCount: number; lastReceivedAt: string };

interface DataState {
  version: number;
  overview: Overview | null;
  overviewState: LoadState;
  counts: Record<BgzSection, number> | null;
  countsState: LoadState;
  sources: SourceWithCount[] | null;
  sourcesState: LoadState;
  loadOverview(): Promise<void>;
  loadCounts(): Promise<void>;
  loadSources(): Promise<void>;
  /** Something changed in the record (an import): drop what is cached and let screens reload. */
  invalidate(): void;
}

const initial = {
  overview: null,
  overviewState: 'idle' as LoadState,
  counts: null,
  countsState: 'idle' as LoadState,
  sources: null,
  sourcesState: 'idle' as LoadState,
};

export const useRecordsData = create<DataState>()((set, get) => ({
  version: 0,
  ...initial,
  async loadOverview() {
    const session = currentSession();
    if (!session) return;
    set({ overviewState: 'loading' });
    try {
      const overview = await call('records.overview', { profileId: session.profileId });
      if (stillCurrent(session)) set({ overview, overviewState: 'ready' });
    } catch {
      if (stillCurrent(session)) set({ overviewState: 'error' });
    }
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
    set({ ...initial, version: get().version + 1 });
  },
}));

registerReset(() => useRecordsData.setState((s) => ({ ...initial, version: s.version + 1 })));
