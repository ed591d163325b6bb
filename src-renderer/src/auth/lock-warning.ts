/** The core's warning that a profile is about to lock itself for inactivity (event profile.lockSoon). */
import { create } from 'zustand';

interface LockWarningState {
  /** The open profile's warning: when it will lock (ms since epoch), or null. */
  warning: { profileId: string; locksAt: number } | null;
  warn(profileId: string, locksAt: number): void;
  clear(): void;
}

export const useLockWarning = create<LockWarningState>()((set) => ({
  warning: null,
  warn: (profileId, locksAt) => set({ warning: { profileId, locksAt } }),
  clear: () => set({ warning: null }),
}));
