/** The list of profiles on this computer (labels and lock state only). */
import { create } from 'zustand';
import type { ProfileSummary } from '../../../src-preload/contract/api';
import { call } from '../api/client';

interface ProfilesState {
  profiles: ProfileSummary[];
  loaded: boolean;
  reload(): Promise<ProfileSummary[]>;
  upsert(profile: ProfileSummary): void;
  remove(profileId: string): void;
}

let generation = 0;

export const useProfilesStore = create<ProfilesState>()((set) => ({
  profiles: [],
  loaded: false,
  async reload() {
    const mine = ++generation;
    const profiles = await call('profiles.list', {});
    // Only the newest answer counts when several reloads overlap.
    if (mine === generation) set({ profiles, loaded: true });
    return profiles;
  },
  upsert: (profile) =>
    set((state) => {
      const exists = state.profiles.some((p) => p.id === profile.id);
      return {
        profiles: exists
          ? state.profiles.map((p) => (p.id === profile.id ? profile : p))
          : [...state.profiles, profile],
      };
    }),
  remove: (profileId) => set((state) => ({ profiles: state.profiles.filter((p) => p.id !== profileId) })),
}));
