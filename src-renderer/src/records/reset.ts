/**
 * Everything the UI holds of the health record is cleared in one go: when the profile locks, when
 * another profile opens, or when the person goes back to the profile picker. Every record store
 * registers its reset here; the session store's epoch (which changes on every open/clear) triggers it.
 */
import { useSessionStore } from '../profiles/session';

const resetters = new Set<() => void>();

export function registerReset(reset: () => void): void {
  resetters.add(reset);
}

export function clearRecordState(): void {
  for (const reset of resetters) reset();
}

useSessionStore.subscribe((state, previous) => {
  if (state.epoch !== previous.epoch) clearRecordState();
});

/** The open profile's id and the session epoch, to tag a request and drop late answers. */
export function currentSession(): { profileId: string; epoch: number } | null {
  const { profile, epoch } = useSessionStore.getState();
  return profile ? { profileId: profile.id, epoch } : null;
}

export function stillCurrent(session: { epoch: number }): boolean {
  return useSessionStore.getState().epoch === session.epoch;
}
