/**
 * The relay in use (a setting of this computer, not of a profile): loaded by the Zorgaanbieders
 * screen, changed by RelaySetting, read wherever the person should see which relay is used.
 */
import { create } from 'zustand';
import type { RelayState } from '../../../src-preload/contract/medmij';
import { call } from '../api/client';

interface RelayStore {
  state: RelayState | null;
  load(): Promise<void>;
  saved(state: RelayState): void;
}

export const useRelayStore = create<RelayStore>((set) => ({
  state: null,
  async load() {
    try {
      set({ state: await call('medmij.getRelay', {}) });
    } catch {
      // Shown as "no relay" until the next load; fetching says so itself if the relay is unreachable.
    }
  },
  saved(state) {
    set({ state });
  },
}));
