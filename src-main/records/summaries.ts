/** Turns derived rows into the contract's RecordSummary, with the provenance of each record. */
import type { BgzSection } from '../../src-preload/contract/record-sections';
import type { RecordProvenance, RecordSource, RecordSummary } from '../../src-preload/contract/records';
import type { Database } from '../vault/database';

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
  return rows.map((row) => ({
    id: row.id,
    resourceType: row.resource_type,
    section: row.section as BgzSection,
    title: row.title,
    code: row.code,
    date: row.date,
    status: row.status,
    valueText: row.value_text,
    outOfRange: row.out_of_range === 1,
    sources: provenance.get(row.id) ?? [],
    isNew: lastVisit === null || row.created_at > lastVisit,
  }));
}
