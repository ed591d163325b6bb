/**
 * The draft answers of a questionnaire, kept in the profile's Yjs document (so they sync to the
 * person's other devices and live only in the encrypted database, never in browser storage), as a
 * person setting (records/person-settings.ts) `questionnaires.draft/<id>` = { answers (loose, as
 * typed), savedAt }: one key per questionnaire, last writer wins. What was sent, and the provider's
 * answer, is in the Verstuurd log (sharing/sent-log.ts), one entry per send; see sendsOf.
 */
import { z } from 'zod';
import type { SentEntry } from '../../src-preload/contract/sharing';
import type { RecordStore } from '../records/record-store';
import { sendsOfRecord } from '../sharing/sent-log';

const draftKey = (id: string) => `questionnaires.draft/${id}`;

const draftSchema = z.object({ answers: z.record(z.string(), z.unknown()), savedAt: z.string() });
export type Draft = z.infer<typeof draftSchema>;

export function readDraft(store: RecordStore, id: string): Draft | null {
  return store.getPersonSetting(draftKey(id), draftSchema);
}

/** Saves the answers as typed; no answers at all removes the draft. Returns when it was saved (null: removed). */
export function writeDraft(store: RecordStore, id: string, answers: Record<string, unknown>, now: Date): string | null {
  const kept = Object.fromEntries(Object.entries(answers).filter(([, v]) => !isEmpty(v)));
  if (Object.keys(kept).length === 0) {
    store.setPersonSetting(draftKey(id), null);
    return null;
  }
  const savedAt = now.toISOString();
  store.setPersonSetting(draftKey(id), { answers: kept, savedAt });
  return savedAt;
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every(isEmpty);
  return false;
}

/** The sends of this questionnaire's answers (data service 60), newest first; the first accepted one is what counts. */
export function sendsOf(store: RecordStore, id: string): { accepted: SentEntry | null; latest: SentEntry | null } {
  const sends = sendsOfRecord(store, id).filter((entry) => entry.service.id === '60');
  return { accepted: sends.find((entry) => entry.outcome === 'accepted') ?? null, latest: sends[0] ?? null };
}
