/**
 * The Verstuurd log: one entry per send to a care provider — what went, to whom, when, and the
 * provider's answer per item. Entries live in the profile's Yjs document (doc-model `sent`), so they
 * are encrypted at rest with the record and follow the person to their other devices, and they are
 * written once and never changed: a later access log ("who saw or got what") can show them as they are.
 *
 * The entry type is the contract's SentEntry (version 1). Readers validate every entry; one that does
 * not match (written by a newer version, or damaged) is left out of the list rather than guessed at.
 */
import { z } from 'zod';
import type { SentEntry } from '../../src-preload/contract/sharing';
import type { RecordStore } from '../records/record-store';

const words = z.object({ nl: z.string(), en: z.string() });
const party = z.object({ id: z.string(), name: z.string() });

const sentEntrySchema: z.ZodType<SentEntry> = z.object({
  version: z.literal(1),
  id: z.string(),
  sentAt: z.string(),
  provider: party,
  service: party,
  outcome: z.enum(['accepted', 'partly-accepted', 'refused', 'unknown']),
  httpStatus: z.number().int().nullable(),
  message: words,
  providerSaid: z.array(z.string()),
  items: z.array(
    z.object({
      kind: z.enum(['measurement', 'document', 'photo', 'allergy', 'person', 'questionnaire-response', 'task']),
      label: words,
      detail: z.string(),
      date: z.string().nullable(),
      recordId: z.string().nullable(),
      status: z.enum(['accepted', 'refused', 'unknown', 'not-sent']),
      reason: words.nullable(),
    }),
  ),
});

export function recordSent(store: RecordStore, entry: SentEntry): void {
  store.addSentEntry(entry.id, sentEntrySchema.parse(entry));
}

/** The log, newest first. */
export function listSent(store: RecordStore): SentEntry[] {
  return store
    .sentEntries()
    .flatMap((value) => {
      const parsed = sentEntrySchema.safeParse(value);
      return parsed.success ? [parsed.data] : [];
    })
    .sort((a, b) => (a.sentAt < b.sentAt ? 1 : a.sentAt > b.sentAt ? -1 : a.id.localeCompare(b.id)));
}

/** The sends a record went out in (the record's detail can say "Verstuurd naar … op …"). */
export function sendsOfRecord(store: RecordStore, recordId: string): SentEntry[] {
  return listSent(store).filter((entry) => entry.items.some((item) => item.recordId === recordId));
}
