/**
 * Person settings: choices that belong to the person rather than to one computer, so they follow
 * them to every paired device (issue 5: "settings that should follow the person", "sharing
 * choices"). They live in the profile's Yjs document, map `personSettings` (see doc-model.ts), and
 * are written through RecordStore.setPersonSetting, i.e. the store's one write path: one SQL
 * transaction that persists the Yjs update, after which onUpdate listeners (sync) push it.
 *
 * Semantics:
 * - Each value is plain JSON, replaced as a whole; concurrent sets of the same key on two devices
 *   resolve last-writer-wins per key, decided by Yjs identically on every device. Different keys
 *   never interfere. Clearing a key stores JSON null (read as "unset") instead of a Y.Map delete:
 *   that makes a clear an ordinary write, so it competes with a concurrent set by the same
 *   last-writer-wins rule, and it advances the document's state vector, which is what sync looks
 *   at to decide there is something to push (a bare Yjs delete does not advance it).
 * - Readers validate with a schema; a value that does not match (e.g. written by a newer version)
 *   reads as null and is left untouched.
 *
 * Keys in use:
 * - `medmij.representation`: who a caregiver profile is for (MedMij representation parameters).
 * - `person.identity`: whom the profile belongs to (see person-identity.ts); all devices must agree.
 * - `questionnaires.draft/<id>`: the answers typed so far in a provider's questionnaire (questionnaires/state.ts).
 *
 * Deliberately NOT here: `autoLockMinutes` stays device-local in the profile's `settings` SQL table
 * (vault/settings.ts). How quickly a profile locks depends on the computer, not the person: a shared
 * family computer wants a short delay, a personal laptop may want a longer one, and syncing one
 * device's choice would silently weaken or annoy the other.
 *
 * Migration: settings that used to be device-local SQL rows (settings table) are moved into the
 * document on first read (adoptDeviceSetting), and the SQL row is deleted in the same transaction.
 */
import type { z } from 'zod';
import { RegieError } from '../core/errors';
import type { Database } from '../vault/database';

/** Known keys of person settings. */
export const personSettingKeys = { representation: 'medmij.representation', identity: 'person.identity' } as const;

/** A plain JSON copy of `value` (what is stored in the document); throws for anything JSON cannot hold. */
export function toJsonValue(key: string, value: unknown): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) throw new RegieError('invalid-request', undefined, `person setting ${key} is not JSON`);
  return JSON.parse(text) as unknown;
}

/** The stored value checked against `schema`; null when absent or not matching. */
export function parseSetting<T>(schema: z.ZodType<T>, value: unknown): T | null {
  if (value === undefined || value === null) return null;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** A legacy device-local setting row (settings table): its JSON value, or undefined when absent or unreadable. */
export function readDeviceSettingRow(db: Database, sqlKey: string): { present: boolean; value: unknown } {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(sqlKey) as { value: string } | undefined;
  if (!row) return { present: false, value: undefined };
  try {
    return { present: true, value: JSON.parse(row.value) as unknown };
  } catch {
    return { present: true, value: undefined };
  }
}

export function deleteDeviceSettingRow(db: Database, sqlKey: string): void {
  db.prepare('DELETE FROM settings WHERE key = ?').run(sqlKey);
}
