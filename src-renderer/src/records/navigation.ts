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
  /** Puts back a stack the person was at before (browser back/forward). */
  restore(stack: RecordsView[]): void;
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
  restore: (stack) => set({ stack: [...stack] }),
}));

/** The search the person is in (also while a record opened from its results is shown), or ''. */
export function activeSearch(stack: readonly RecordsView[]): string {
  for (const view of stack) if (view.kind === 'search') return view.query;
  return '';
}

registerReset(() => useRecordsNavigation.setState({ stack: [] }));
