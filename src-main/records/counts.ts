/** Counts per BgZ section, and the sources with how many records each delivered. */
import { bgzSections, type BgzSection } from '../../src-preload/contract/record-sections';
import type { RecordSource } from '../../src-preload/contract/records';
import type { Database } from '../vault/database';

/** `exclude`: records no list shows on their own (parts of letters, see letters.ts). */
export function sectionCounts(db: Database, exclude: readonly string[] = []): Record<BgzSection, number> {
  const counts = Object.fromEntries(bgzSections.map((section) => [section, 0])) as Record<BgzSection, number>;
  // Hidden records are not counted: they are in no section's list.
  const rows = db
    .prepare('SELECT section, count(*) AS n FROM record WHERE hidden = 0 AND id NOT IN (SELECT value FROM json_each(?)) GROUP BY section')
    .all(JSON.stringify(exclude)) as Array<{ section: string; n: number }>;
  for (const row of rows) if (row.section in counts) counts[row.section as BgzSection] = row.n;
  return counts;
}

export type SourceWithCounts = RecordSource & { recordCount: number; lastReceivedAt: string };

export function sourcesWithCounts(db: Database): SourceWithCounts[] {
  const rows = db
    .prepare(
      `SELECT s.id, s.kind, s.label, s.provider, s.service, s.created_at,
         (SELECT count(*) FROM record_source rs JOIN record r ON r.id = rs.record_id WHERE rs.source_id = s.id) AS record_count,
         (SELECT max(rs.received_at) FROM record_source rs WHERE rs.source_id = s.id) AS last_received_at
       FROM source s ORDER BY last_received_at DESC, s.label`,
    )
    .all() as Array<{
    id: string;
    kind: RecordSource['kind'];
    label: string;
    provider: string | null;
    service: string | null;
    created_at: string;
    record_count: number;
    last_received_at: string | null;
  }>;
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    label: row.label,
    ...(row.provider !== null && { provider: row.provider }),
    ...(row.service !== null && { service: row.service }),
    recordCount: row.record_count,
    lastReceivedAt: row.last_received_at ?? row.created_at,
  }));
}
