/**
 * Unsent input and the screen the person was on, kept across a lock (issue: auto-lock came without
 * warning and a half-typed measurement was lost). Forms register what they hold; it goes to the core
 * (auth.putDraft), which keeps it encrypted in memory under the profile's key: never browser storage,
 * never disk. After unlocking, openProfile takes it back: the screen is restored and each form finds
 * its input once (takeRestored).
 */
import { call } from '../api/client';
import { useSessionStore, type Area } from '../profiles/session';
import { type RecordsView, useRecordsNavigation } from '../records/navigation';

interface Draft {
  place: { area: Area; stack: RecordsView[] };
  forms: Record<string, unknown>;
}

const pushDelayMs = 800;
const forms = new Map<string, unknown>();
let restored = new Map<string, unknown>();
let timer: ReturnType<typeof setTimeout> | null = null;

/** A form's unsent input (JSON-able), or null once it is saved, emptied or closed. */
export function setFormDraft(key: string, value: unknown): void {
  if (value === null) forms.delete(key);
  else forms.set(key, value);
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void pushDraft(), pushDelayMs);
}

/** What a form held before the lock, once: the form starts from it when it appears again. */
export function takeRestored<T>(key: string): T | undefined {
  const value = restored.get(key) as T | undefined;
  restored.delete(key);
  return value;
}

/** Sends the current screen and input to the core now (before a lock the person can see coming). */
export async function pushDraft(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const { profile, area } = useSessionStore.getState();
  if (!profile) return;
  const draft: Draft = { place: { area, stack: useRecordsNavigation.getState().stack }, forms: Object.fromEntries(forms) };
  await call('auth.putDraft', { profileId: profile.id, draft: JSON.stringify(draft) }).catch(() => undefined);
}

/** After unlocking: back to where the person was, with what they had typed. */
export async function restoreDraft(profileId: string): Promise<void> {
  forms.clear();
  restored = new Map();
  let text: string | null;
  try {
    ({ draft: text } = await call('auth.takeDraft', { profileId }));
  } catch {
    return;
  }
  if (!text || useSessionStore.getState().profile?.id !== profileId) return;
  let draft: Draft;
  try {
    draft = JSON.parse(text) as Draft;
  } catch {
    return;
  }
  restored = new Map(Object.entries(draft.forms ?? {}));
  useSessionStore.getState().setArea(draft.place.area);
  useRecordsNavigation.getState().restore(draft.place.stack ?? []);
}

/** Leaving the profile on purpose (another profile): nothing to bring back. */
export function forgetDrafts(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  forms.clear();
  restored = new Map();
}
