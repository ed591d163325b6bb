/** Full-text search over every record's readable text, grouped by resource type (best match first). */
import type { RecordSummary } from '../../src-preload/contract/records';
import type { Database } from '../vault/database';
import { ftsQueryOf } from './fts-query';
import { type RecordRow, recordColumns, summariesOf } from './summaries';

export interface SearchResult {
  total: number;
  groups: Array<{ resourceType: string; items: RecordSummary[] }>;
}

export function searchRecords(db: Database, query: string, limit: number, lastVisit: string | null): SearchResult {
  const match = ftsQueryOf(query);
  if (!match) return { total: 0, groups: [] };
  const total = db.prepare('SELECT count(*) FROM record_fts WHERE record_fts MATCH ?').pluck().get(match) as number;
  const rows = db
    .prepare(
      `SELECT ${recordColumns} FROM record_fts f JOIN record r ON r.rowid = f.rowid
       WHERE record_fts MATCH ? ORDER BY f.rank, r.sort_date DESC LIMIT ?`,
    )
    .all(match, limit) as RecordRow[];
  const groups = new Map<string, RecordSummary[]>();
  for (const summary of summariesOf(db, rows, lastVisit)) {
    const group = groups.get(summary.resourceType) ?? [];
    group.push(summary);
    groups.set(summary.resourceType, group);
  }
  return { total, groups: [...groups].map(([resourceType, items]) => ({ resourceType, items })) };
}
