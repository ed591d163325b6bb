/**
 * What the main area shows on top of the chosen menu item: a record in detail or search results.
 * A small stack, so "Terug" returns to where the person came from.
 */
import { create } from 'zustand';
import { registerReset } from './reset';

export type RecordsView = { kind: 'detail'; id: string } | { kind: 'search'; query: string };

interface NavigationState {
  stack: RecordsView[];
  openDetail(id: string): void;
  openSearch(query: string): void;
  back(): void;
  reset(): void;
}

export const useRecordsNavigation = create<NavigationState>()((set) => ({
  stack: [],
  openDetail: (id) =>
    set((s) => {
      const top = s.stack.at(-1);
      if (top?.kind === 'detail' && top.id === id) return {};
      return { stack: [...s.stack, { kind: 'detail', id } as RecordsView].slice(-20) };
    }),
  openSearch: (query) => set({ stack: [{ kind: 'search', query }] }),
  back: () => set((s) => ({ stack: s.stack.slice(0, -1) })),
  reset: () => set({ stack: [] }),
}));

registerReset(() => useRecordsNavigation.setState({ stack: [] }));
