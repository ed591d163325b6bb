/**
 * Zoeken: the current query's results, a page at a time (newest first unless the person chooses
 * best match), optionally of one type. The results stay while a record opened from them is shown,
 * so "Terug" returns to the same list with the same pages loaded.
 */
import { create } from 'zustand';
import type { RecordSummary } from '../../../../src-preload/contract/records';
import { call } from '../../api/client';
import type { LoadState } from '../data-store';
import { currentSession, registerReset, stillCurrent } from '../reset';

export const SEARCH_PAGE_SIZE = 50;
export type SearchSort = 'date' | 'relevance';

interface SearchState {
  query: string;
  sort: SearchSort;
  /** '' = every type. */
  resourceType: string;
  total: number | null;
  items: RecordSummary[];
  byType: Array<{ resourceType: string; count: number }>;
  state: LoadState;
  /** The data version the results belong to (see useRecordsData). */
  version: number | null;
  /** Shows this query: keeps what is loaded when it is the same query and data, else starts over. */
  open(query: string, version: number): void;
  setSort(sort: SearchSort): void;
  setResourceType(resourceType: string): void;
  /** Loads the next page after what is shown. */
  more(): Promise<void>;
}

const initial = {
  query: '',
  sort: 'date' as SearchSort,
  resourceType: '',
  total: null,
  items: [],
  byType: [],
  state: 'idle' as LoadState,
  version: null,
};
let request = 0;

export const useSearchStore = create<SearchState>()((set, get) => {
  async function load(offset: number): Promise<void> {
    const session = currentSession();
    const { query, sort, resourceType } = get();
    if (!session || !query) return;
    const mine = ++request;
    set({ state: 'loading', ...(offset === 0 && { items: [], total: null }) });
    try {
      const page = await call('records.search', {
        profileId: session.profileId,
        query: query.slice(0, 200),
        offset,
        limit: SEARCH_PAGE_SIZE,
        sort,
        ...(resourceType && { resourceType }),
      });
      if (!stillCurrent(session) || mine !== request) return;
      set((s) => ({
        items: offset === 0 ? page.items : [...s.items, ...page.items],
        total: page.total,
        byType: page.byType,
        state: 'ready',
      }));
    } catch {
      if (stillCurrent(session) && mine === request) set({ state: 'error' });
    }
  }

  return {
    ...initial,
    open(query, version) {
      const s = get();
      if (s.query === query && s.version === version && s.state !== 'error' && s.state !== 'idle') return;
      const sameQuery = s.query === query;
      set({ query, version, ...(!sameQuery && { sort: 'date', resourceType: '' }) });
      void load(0);
    },
    setSort(sort) {
      if (sort === get().sort) return;
      set({ sort });
      void load(0);
    },
    setResourceType(resourceType) {
      if (resourceType === get().resourceType) return;
      set({ resourceType });
      void load(0);
    },
    more() {
      const { items, total, state } = get();
      if (state === 'loading' || total === null || items.length >= total) return Promise.resolve();
      return load(items.length);
    },
  };
});

registerReset(() => {
  request++;
  useSearchStore.setState(initial);
});
