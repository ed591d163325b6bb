/** Turns derived rows into the contract's RecordSummary, with the provenance of each record. */
import type { BgzSection } from '../../src-preload/contract/record-sections';
import type { RecordProvenance, RecordSource, RecordSummary } from '../../src-preload/contract/records';
import type { Database } from '../vault/database';
import { isMedicationRecordType } from './medication-facts';
import { ReferenceResolver, targetName } from './reference-resolver';

export interface RecordRow {
  id: string;
  resource_type: string;
  section: string;
  code: string | null;
  title: string;
  date: string | null;
  status: string | null;
  value_text: string | null;
  out_of_range: number;
  normalized_hash: string;
  created_at: string;
}

/** Columns for RecordRow; the `r` alias is the record table. */
export const recordColumns =
  'r.id, r.resource_type, r.section, r.code, r.title, r.date, r.status, r.value_text, r.out_of_range, r.normalized_hash, r.created_at';

interface ProvenanceRow {
  record_id: string;
  source_id: string;
  received_at: string;
  fhir_version: 'STU3' | 'R4';
  format: 'json' | 'xml';
  kind: RecordSource['kind'] | null;
  label: string | null;
  provider: string | null;
  service: string | null;
}

export function provenanceOf(db: Database, recordIds: readonly string[]): Map<string, RecordProvenance[]> {
  const rows = db
    .prepare(
      `SELECT rs.record_id, rs.source_id, rs.received_at, rs.fhir_version, rs.format, s.kind, s.label, s.provider, s.service
       FROM record_source rs LEFT JOIN source s ON s.id = rs.source_id
       WHERE rs.record_id IN (SELECT value FROM json_each(?))
       ORDER BY rs.received_at, rs.source_id`,
    )
    .all(JSON.stringify(recordIds)) as ProvenanceRow[];
  const byRecord = new Map<string, RecordProvenance[]>();
  for (const row of rows) {
    const list = byRecord.get(row.record_id) ?? [];
    list.push({ source: sourceOf(row), receivedAt: row.received_at, fhirVersion: row.fhir_version, format: row.format });
    byRecord.set(row.record_id, list);
  }
  return byRecord;
}

export function sourceOf(row: Pick<ProvenanceRow, 'source_id' | 'kind' | 'label' | 'provider' | 'service'>): RecordSource {
  // A source entry may still be on its way from another device.
  const source: RecordSource = { id: row.source_id, kind: row.kind ?? 'file', label: row.label ?? 'Onbekende bron' };
  if (row.provider !== null) source.provider = row.provider;
  if (row.service !== null) source.service = row.service;
  return source;
}

export function summariesOf(db: Database, rows: readonly RecordRow[], lastVisit: string | null): RecordSummary[] {
  const provenance = provenanceOf(db, rows.map((row) => row.id));
  const medicines = medicineNames(db, rows.filter((row) => isMedicationRecordType(row.resource_type)).map((row) => row.id), provenance);
  return rows.map((row) => ({
    id: row.id,
    resourceType: row.resource_type,
    section: row.section as BgzSection,
    title: medicines.get(row.id) ?? row.title,
    code: row.code,
    date: row.date,
    status: row.status,
    valueText: row.value_text,
    outOfRange: row.out_of_range === 1,
    sources: provenance.get(row.id) ?? [],
    // On the first visit nothing is new: new means since a previous visit.
    isNew: lastVisit !== null && row.created_at > lastVisit,
  }));
}

/**
 * A medication record that names its product only by reference (medicationReference without a
 * display) is titled by the Medication it points to, resolved within its own sources when read, so
 * a Medication that arrives later names it too.
 */
export function medicineNames(
  db: Database,
  ids: readonly string[],
  provenance: Map<string, RecordProvenance[]> = provenanceOf(db, ids),
): Map<string, string> {
  const names = new Map<string, string>();
  if (ids.length === 0) return names;
  const unnamed = db
    .prepare(
      `SELECT record_id AS id, reference FROM record_medication
       WHERE record_id IN (SELECT value FROM json_each(?)) AND name IS NULL AND reference_display IS NULL AND reference IS NOT NULL`,
    )
    .all(JSON.stringify(ids)) as Array<{ id: string; reference: string }>;
  if (unnamed.length === 0) return names;
  const resolver = new ReferenceResolver(db);
  const sourcesOf = (id: string) => (provenance.get(id) ?? []).map((p) => p.source.id);
  for (const { id, reference } of unnamed) resolver.want(reference, sourcesOf(id));
  resolver.fetch();
  for (const { id, reference } of unnamed) {
    const target = resolver.resolve(reference, sourcesOf(id));
    if (target?.resourceType === 'Medication') names.set(id, targetName(target));
  }
  return names;
}
