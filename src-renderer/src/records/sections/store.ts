/** Mijn gegevens: the chosen BgZ section and the page of its records on screen. */
import { create } from 'zustand';
import type { BgzSection } from '../../../../src-preload/contract/record-sections';
import type { RecordSummary } from '../../../../src-preload/contract/records';
import { call } from '../../api/client';
import type { LoadState } from '../data-store';
import { currentSession, registerReset, stillCurrent } from '../reset';

export const SECTION_PAGE_SIZE = 50;

interface SectionsState {
  section: BgzSection | null;
  offset: number;
  total: number;
  items: RecordSummary[];
  state: LoadState;
  choose(section: BgzSection): void;
  load(offset: number): Promise<void>;
}

const initial = { section: null, offset: 0, total: 0, items: [] as RecordSummary[], state: 'idle' as LoadState };
let request = 0;

export const useSectionsStore = create<SectionsState>()((set, get) => ({
  ...initial,
  choose(section) {
    set({ section, offset: 0, total: 0, items: [], state: 'idle' });
    void get().load(0);
  },
  async load(offset) {
    const session = currentSession();
    const section = get().section;
    if (!session || !section) return;
    const mine = ++request;
    set({ state: 'loading', offset });
    try {
      const page = await call('records.list', { profileId: session.profileId, section, offset, limit: SECTION_PAGE_SIZE });
      if (stillCurrent(session) && mine === request) set({ items: page.items, total: page.total, state: 'ready' });
    } catch {
      if (stillCurrent(session) && mine === request) set({ state: 'error' });
    }
  },
}));

registerReset(() => {
  request++;
  useSectionsStore.setState(initial);
});
