/**
 * Practice profiles ("oefenprofiel"): an ordinary, locked profile filled with the fictitious
 * Voorbeeld-PGO patient. The core gives those records one source label, which is how a practice
 * profile is recognised; nothing else about the profile is different.
 */
import { create } from 'zustand';
import { call } from '../../api/client';
import { currentSession, registerReset, stillCurrent } from '../reset';

/** The source label the core gives the records of records.loadExample. */
export const practiceSourceLabel = 'Voorbeeld-PGO (fictieve gegevens)';

interface PracticeState {
  /** True once the open profile is known to hold the fictitious example data. */
  isPractice: boolean;
  detect(): Promise<void>;
}

export const usePracticeStore = create<PracticeState>()((set) => ({
  isPractice: false,
  async detect() {
    const session = currentSession();
    if (!session) return;
    try {
      const sources = await call('records.sources', { profileId: session.profileId });
      if (stillCurrent(session)) set({ isPractice: sources.some((source) => source.label === practiceSourceLabel) });
    } catch {
      // Keep what was known; the next change of the record tries again.
    }
  },
}));

registerReset(() => usePracticeStore.setState({ isPractice: false }));
