/**
 * While a profile is open and has a sync folder: a round every 30 seconds, and one shortly after a
 * local change (an import, a new measurement: anything that bumps the records data version). Runs in
 * the renderer for now; rounds never overlap (see store.ts). Stops when the profile locks or closes.
 */
import { useEffect } from 'react';
import { useRecordsData } from '../records/data-store';
import { isLocalChange, useSyncStore } from './store';

export const backgroundIntervalMs = 30_000;
const afterChangeMs = 2_000;

export function useBackgroundSync(profileId: string | null): void {
  useEffect(() => {
    if (!profileId) return;
    let stopped = false;
    let changeTimer: ReturnType<typeof setTimeout> | null = null;
    const store = useSyncStore.getState();

    const round = () => {
      if (stopped || !useSyncStore.getState().status?.folder) return;
      void useSyncStore.getState().syncNow();
    };

    void store.loadStatus().then(() => round());
    const interval = setInterval(round, backgroundIntervalMs);
    const unsubscribe = useRecordsData.subscribe((state, previous) => {
      if (state.version === previous.version || !isLocalChange(state.version)) return;
      if (changeTimer) clearTimeout(changeTimer);
      changeTimer = setTimeout(round, afterChangeMs);
    });

    return () => {
      stopped = true;
      clearInterval(interval);
      if (changeTimer) clearTimeout(changeTimer);
      unsubscribe();
    };
  }, [profileId]);
}
