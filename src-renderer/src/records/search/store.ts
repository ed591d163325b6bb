/** Zoeken: the last query and its results, grouped by resource type. */
import { create } from 'zustand';
import type { RecordsResponses } from '../../../../src-preload/contract/records';
import { call } from '../../api/client';
import type { LoadState } from '../data-store';
import { currentSession, registerReset, stillCurrent } from '../reset';

type Results = RecordsResponses['records.search'];

interface SearchState {
  query: string;
  results: Results | null;
  state: LoadState;
  search(query: string): Promise<void>;
}

const initial = { query: '', results: null, state: 'idle' as LoadState };
let request = 0;

export const useSearchStore = create<SearchState>()((set) => ({
  ...initial,
  async search(query) {
    const session = currentSession();
    if (!session) return;
    const mine = ++request;
    set({ query, state: 'loading', results: null });
    try {
      const results = await call('records.search', { profileId: session.profileId, query: query.slice(0, 200), limit: 50 });
      if (stillCurrent(session) && mine === request) set({ results, state: 'ready' });
    } catch {
      if (stillCurrent(session) && mine === request) set({ state: 'error' });
    }
  },
}));

registerReset(() => {
  request++;
  useSearchStore.setState(initial);
});
