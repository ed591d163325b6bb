/**
 * The open (unlocked) profile and everything the UI holds for it. `clear()` drops all of it at once,
 * which is what happens whenever the profile locks.
 */
import { create } from 'zustand';
import type { ProfileSettings, ProfileSummary } from '../../../src-preload/contract/api';

export const areas = ['overview', 'records', 'timeline', 'measurements', 'medication', 'questionnaires', 'providers', 'sharing', 'settings'] as const;
export type Area = (typeof areas)[number];

interface SessionData {
  profile: ProfileSummary | null;
  settings: ProfileSettings | null;
  area: Area;
  /** Increases on every open/clear, so late answers for an earlier session can be ignored. */
  epoch: number;
}

interface SessionState extends SessionData {
  open(profile: ProfileSummary): void;
  clear(): void;
  setSettings(settings: ProfileSettings): void;
  setLabel(label: string): void;
  setArea(area: Area): void;
}

const empty: Omit<SessionData, 'epoch'> = { profile: null, settings: null, area: 'overview' };

export const useSessionStore = create<SessionState>()((set) => ({
  ...empty,
  epoch: 0,
  open: (profile) => set((state) => ({ ...empty, profile, epoch: state.epoch + 1 })),
  clear: () => set((state) => ({ ...empty, epoch: state.epoch + 1 })),
  setSettings: (settings) => set({ settings }),
  setLabel: (label) => set((state) => (state.profile ? { profile: { ...state.profile, label } } : {})),
  setArea: (area) => set({ area }),
}));
