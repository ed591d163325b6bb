/**
 * The timeline and section lists: newest first, records without a date last, hidden records left out.
 * Filters map onto the indexes (hidden, sort_date, id), (section, hidden, sort_date, id) and
 * (resource_type, hidden, sort_date, id), so the first page of 100,000 records is read straight from
 * an index without sorting.
 */
import type { BgzSection } from '../../src-preload/contract/record-sections';
import type { RecordSummary } from '../../src-preload/contract/records';
import type { Database } from '../vault/database';
import { wallClock } from './overview';
import { type RecordRow, recordColumns, summariesOf } from './summaries';

export interface ListQuery {
  section?: BgzSection;
  resourceTypes?: string[];
  sourceId?: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD, inclusive. */
  from?: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD, inclusive (the whole month or year for a shorter form). */
  to?: string;
  offset?: number;
  limit?: number;
  /** Records to leave out: the parts of letters (letters.ts), which lists show as their letter. */
  exclude?: readonly string[];
}

export function listWhere(query: ListQuery): { where: string; params: unknown[] } {
  // Records the person hid leave every list (see doc-model `hidden`); the indexes lead with this.
  const clauses: string[] = ['r.hidden = 0'];
  const params: unknown[] = [];
  if (query.exclude && query.exclude.length > 0) {
    clauses.push('r.id NOT IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(query.exclude));
  }
  if (query.section) {
    clauses.push('r.section = ?');
    params.push(query.section);
  }
  if (query.resourceTypes && query.resourceTypes.length > 0) {
    if (query.resourceTypes.length === 1) {
      clauses.push('r.resource_type = ?');
      params.push(query.resourceTypes[0]);
    } else {
      clauses.push('r.resource_type IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(query.resourceTypes));
    }
  }
  if (query.sourceId) {
    clauses.push('EXISTS (SELECT 1 FROM record_source rs WHERE rs.record_id = r.id AND rs.source_id = ?)');
    params.push(query.sourceId);
  }
  if (query.from || query.to) clauses.push("r.sort_date <> ''");
  if (query.from) {
    clauses.push('r.sort_date >= ?');
    params.push(query.from);
  }
  if (query.to) {
    // '~' sorts after digits, '-', 'T' and ':', so "2024-03" covers every moment in March 2024.
    clauses.push('r.sort_date < ?');
    params.push(`${query.to}~`);
  }
  return { where: `WHERE ${clauses.join(' AND ')}`, params };
}

export function timelineSql(where: string): string {
  return `SELECT ${recordColumns} FROM record r ${where} ORDER BY r.sort_date DESC, r.id DESC LIMIT ? OFFSET ?`;
}

/**
 * `upcoming`: how many of the records lie after `now` (planned care, appointments). Newest first,
 * they are the first `upcoming` rows, so the timeline can mark "vandaag" right after them.
 */
export function listRecords(
  db: Database,
  query: ListQuery,
  lastVisit: string | null,
  now: Date,
): { total: number; items: RecordSummary[]; upcoming: number } {
  const { where, params } = listWhere(query);
  const total = db.prepare(`SELECT count(*) FROM record r ${where}`).pluck().get(...params) as number;
  const upcoming = db
    .prepare(`SELECT count(*) FROM record r ${where ? `${where} AND` : 'WHERE'} r.sort_date > ?`)
    .pluck()
    .get(...params, wallClock(now)) as number;
  const rows = db.prepare(timelineSql(where)).all(...params, query.limit ?? 100, query.offset ?? 0) as RecordRow[];
  return { total, items: summariesOf(db, rows, lastVisit), upcoming };
}
