/** Flows that touch several stores: opening a profile, locking, reacting to core events. */
import type { EventMessage, LockReason, ProfileSummary } from '../../../src-preload/contract/api';
import { call, onEvent } from '../api/client';
import { useProfilesStore } from '../profiles/store';
import { useSessionStore } from '../profiles/session';
import { useRecordsData } from '../records/data-store';
import { clearRecordState } from '../records/reset';
import { useLockWarning } from '../auth/lock-warning';
import { forgetDrafts, pushDraft, restoreDraft } from './drafts';
import { useAppStore } from './store';

/**
 * Enter the app shell for an unlocked profile (after unlocking, creating, or from the picker). This
 * is a new visit: the overview is loaded first, so its count of new records is relative to the
 * previous visit, and then the core is told to remember this one (see records/data-store.ts).
 */
export function openProfile(profile: ProfileSummary): void {
  useSessionStore.getState().open(profile);
  useProfilesStore.getState().upsert(profile);
  useAppStore.getState().go({ name: 'shell', profileId: profile.id });
  void useRecordsData.getState().loadOverview();
  // After a lock: back to the screen the person was on, with what they had typed (see drafts.ts).
  void restoreDraft(profile.id);
  const epoch = useSessionStore.getState().epoch;
  call('settings.get', { profileId: profile.id })
    .then((settings) => {
      if (useSessionStore.getState().epoch === epoch) useSessionStore.getState().setSettings(settings);
    })
    .catch(() => undefined);
}

/** Choose a profile in the picker: straight in when unlocked, otherwise to the unlock screen. */
export function chooseProfile(profile: ProfileSummary): void {
  if (profile.unlocked) openProfile(profile);
  else useAppStore.getState().go({ name: 'unlock', profileId: profile.id });
}

/**
 * Back to the picker. Leaving locks the profile (on a shared computer the next person must not find
 * it open), unless the person chose "open laten" this time (`keepOpen: true`).
 */
export function leaveProfile(options: { keepOpen?: boolean } = {}): void {
  const profile = useSessionStore.getState().profile;
  const keepOpen = options.keepOpen === true;
  forgetDrafts();
  useLockWarning.getState().clear();
  useSessionStore.getState().clear();
  clearRecordState();
  useAppStore.getState().go({ name: 'picker' });
  const left = profile ? call('auth.leave', { profileId: profile.id, keepOpen }).catch(() => undefined) : Promise.resolve();
  void left.then(() => useProfilesStore.getState().reload()).catch(() => undefined);
}

export async function lockActiveProfile(): Promise<void> {
  const profile = useSessionStore.getState().profile;
  if (!profile) return;
  // What the person had typed comes back after unlocking.
  await pushDraft();
  // Clear right away; the 'profile.locked' event that follows finds nothing left to clear.
  handleLocked(profile.id, 'manual');
  await call('auth.lock', { profileId: profile.id }).catch(() => undefined);
}

/** A profile locked (by the person, idle timer, OS, deletion or password change). */
export function handleLocked(profileId: string, reason: LockReason | 'unknown'): void {
  const session = useSessionStore.getState();
  const app = useAppStore.getState();
  const screenProfile = 'profileId' in app.screen ? app.screen.profileId : null;
  if (useLockWarning.getState().warning?.profileId === profileId) useLockWarning.getState().clear();
  if (session.profile?.id === profileId) {
    const minutes = session.settings?.autoLockMinutes;
    session.clear();
    // Nothing of the health record stays in memory after a lock (session.clear() triggers this too).
    clearRecordState();
    if (reason === 'deleted') app.go({ name: 'picker', notice: 'deleted' });
    else app.go({ name: 'unlock', profileId, notice: { reason, ...(minutes !== undefined && { minutes }) } });
  } else if (reason === 'deleted' && screenProfile === profileId) {
    app.go({ name: 'picker', notice: 'deleted' });
  }
  void reloadProfiles();
}

/** Reload the list; if the open profile turns out to be locked (missed event), close it. */
export async function reloadProfiles(): Promise<void> {
  const epoch = useSessionStore.getState().epoch;
  let profiles: ProfileSummary[];
  try {
    profiles = await useProfilesStore.getState().reload();
  } catch {
    return;
  }
  const session = useSessionStore.getState();
  if (!session.profile || session.epoch !== epoch) return;
  const current = profiles.find((p) => p.id === session.profile?.id);
  if (!current) handleLocked(session.profile.id, 'deleted');
  else if (!current.unlocked) handleLocked(session.profile.id, 'unknown');
}

export function subscribeToCoreEvents(): () => void {
  return onEvent((message: EventMessage) => {
    if (message.event === 'profile.locked') {
      const payload = message.payload as { profileId: string; reason: LockReason };
      handleLocked(payload.profileId, payload.reason);
    } else if (message.event === 'profile.lockSoon') {
      const payload = message.payload as { profileId: string; locksAt: string };
      if (useSessionStore.getState().profile?.id !== payload.profileId) return;
      useLockWarning.getState().warn(payload.profileId, Date.parse(payload.locksAt));
      void pushDraft();
    } else if (message.event === 'profiles.changed') {
      void reloadProfiles();
    }
  });
}
