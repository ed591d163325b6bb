/**
 * The shape of a profile's Yjs document, the synced source of truth for the health record.
 *
 * Every map value is a plain JSON object, never a nested Y type: small updates and little memory,
 * and a value is replaced as a whole (last writer wins, decided by Yjs the same way on every device).
 * Resource bodies are not in the document; it holds their sha256 (see bodies.ts).
 *
 * - `records`:    recordId → RecordEntry
 * - `provenance`: `${recordId}:${sourceId}` → LinkEntry. One key per (record, source) rather than a
 *                 sources object inside RecordEntry, so two devices adding different sources to the
 *                 same record concurrently both keep theirs.
 * - `sources`:    sourceId → SourceEntry
 * - `deleted`:    recordId → ISO time. Tombstones: a record is present only when it is in `records` and
 *                 not here. A Y.Map delete alone would lose against a concurrent set on another device
 *                 (the set wins in Yjs) and so resurrect the record; tombstones are never removed.
 * - `visits`:     deviceId → ISO time of the person's last visit on that device; the last visit is the
 *                 latest of them, so it follows the person across devices and never moves backwards.
 * - `personSettings`: key → plain JSON value. Settings that follow the person to every device (e.g.
 *                 the MedMij representation); last writer wins per key. See person-settings.ts, which
 *                 also says why some settings (auto-lock) stay device-local.
 * - `hidden`:     recordId → HiddenEntry, or null once shown again. Records the person hid (a received
 *                 record that is wrong, a duplicate, someone else's): they stay, but leave every list.
 *                 Showing again stores null rather than deleting the key, so hide and show are ordinary
 *                 writes that resolve last-writer-wins (as personSettings does).
 * - `revisions`:  `${recordId}:${revisionId}` → RevisionEntry: what an own entry said before each
 *                 correction (its history). One key per correction, so corrections made on two devices
 *                 at once both stay in the history while the record itself resolves last-writer-wins.
 * - `sent`:       sendId → the Verstuurd entry of one send to a care provider (src-main/sharing: what,
 *                 to whom, when, the answer). Written once, never changed: an append-only log.
 */
import * as Y from 'yjs';
import type { FhirFormat, FhirVersion } from '../fhir/types';
import type { HideReason } from '../../src-preload/contract/record-sections';
import type { RecordSource } from '../../src-preload/contract/records';

export interface RecordEntry {
  type: string;
  /** sha256 of the normalized R4 JSON body. */
  normalized: string;
  /** sha256 of the content that makes two copies "the same" (see hashing.contentHash). */
  content: string;
  createdAt: string;
  updatedAt: string;
}

export interface LinkEntry {
  /** Kept here too, so a link can be derived without its record entry (sync may deliver them apart). */
  resourceType: string;
  /** The id the source gave the resource (or a synthetic key when it had none). */
  sourceResourceId: string;
  /** sha256 of the original text body. */
  original: string;
  fhirVersion: FhirVersion;
  format: FhirFormat;
  receivedAt: string;
  fullUrl: string | null;
}

export type SourceEntry = RecordSource & { createdAt: string };

export interface HiddenEntry {
  reason: HideReason;
  note: string | null;
  hiddenAt: string;
}

/** An own entry as it was before a correction, in the words it was shown with then. */
export interface RevisionEntry {
  recordId: string;
  /** When it was replaced. */
  changedAt: string;
  /** The clinically relevant date it had. */
  date: string | null;
  valueText: string | null;
  note: string | null;
}

export interface RecordDoc {
  doc: Y.Doc;
  records: Y.Map<RecordEntry>;
  provenance: Y.Map<LinkEntry>;
  sources: Y.Map<SourceEntry>;
  deleted: Y.Map<string>;
  visits: Y.Map<string>;
  personSettings: Y.Map<unknown>;
  hidden: Y.Map<HiddenEntry | null>;
  revisions: Y.Map<RevisionEntry>;
  /** Plain JSON entries, validated by their reader (src-main/sharing/sent-log.ts). */
  sent: Y.Map<unknown>;
}

export function recordDocOf(doc: Y.Doc): RecordDoc {
  return {
    doc,
    records: doc.getMap<RecordEntry>('records'),
    provenance: doc.getMap<LinkEntry>('provenance'),
    sources: doc.getMap<SourceEntry>('sources'),
    deleted: doc.getMap<string>('deleted'),
    visits: doc.getMap<string>('visits'),
    personSettings: doc.getMap<unknown>('personSettings'),
    hidden: doc.getMap<HiddenEntry | null>('hidden'),
    revisions: doc.getMap<RevisionEntry>('revisions'),
    sent: doc.getMap<unknown>('sent'),
  };
}

/** The entry of a record that is present (in `records` and not tombstoned). */
export function presentRecord(model: RecordDoc, recordId: string): RecordEntry | null {
  if (model.deleted.has(recordId)) return null;
  return model.records.get(recordId) ?? null;
}

/** Whether the person hid this record (see `hidden` above). */
export function isHidden(model: RecordDoc, recordId: string): boolean {
  return Boolean(model.hidden.get(recordId));
}

/**
 * Origins of Yjs transactions; stored in yjs_update.origin so the log says where a change came from.
 * 'peer': read from the log after another process on this computer wrote it (already logged and derived).
 */
export const origins = { local: 'local', remote: 'remote', peer: 'peer' } as const;
