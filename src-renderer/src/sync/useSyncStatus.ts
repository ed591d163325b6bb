/**
 * The core runs sync rounds itself (src-main/sync/scheduler.ts); a window only shows what they did.
 * While a profile is open: its status once, then again after each background round the core
 * announces ('sync.round'), reloading the record screens when something arrived. Neither asking for
 * the status nor the event counts as activity, so an open window never keeps the profile unlocked.
 */
import { useEffect } from 'react';
import type { Events } from '../../../src-preload/contract/api';
import { onEvent } from '../api/client';
import { useSyncStore } from './store';

export function useSyncStatus(profileId: string | null): void {
  useEffect(() => {
    if (!profileId) return;
    void useSyncStore.getState().loadStatus();
    return onEvent((message) => {
      if (message.event !== 'sync.round') return;
      const round = message.payload as Events['sync.round'];
      if (round.profileId === profileId) useSyncStore.getState().backgroundRoundDone(round);
    });
  }, [profileId]);
}
