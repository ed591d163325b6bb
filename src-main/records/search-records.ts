/**
 * Full-text search over every record's readable text, a page at a time: newest first (the default,
 * like the timeline) or best match first, optionally of one resource type, with how many matches
 * each type has so a person can narrow a large result down.
 */
import type { RecordSummary } from '../../src-preload/contract/records';
import type { Database } from '../vault/database';
import { ftsQueryOf } from './fts-query';
import { type RecordRow, recordColumns, summariesOf } from './summaries';

export type SearchSort = 'date' | 'relevance';

export interface SearchQuery {
  query: string;
  offset?: number;
  limit?: number;
  sort?: SearchSort;
  /** Only records of this resource type. */
  resourceType?: string;
  /** Records to leave out: the parts of letters (letters.ts), found as their letter. */
  exclude?: readonly string[];
}

export interface SearchResult {
  /** Matches (of `resourceType`, when given). */
  total: number;
  items: RecordSummary[];
  /** Matches per resource type, whatever `resourceType` is; most first. */
  byType: Array<{ resourceType: string; count: number }>;
}

const orderBy: Record<SearchSort, string> = {
  // Dateless records last, as on the timeline ('' sorts before every date).
  date: 'r.sort_date DESC, r.id DESC',
  relevance: 'f.rank, r.sort_date DESC, r.id DESC',
};

export function searchRecords(db: Database, search: SearchQuery, lastVisit: string | null): SearchResult {
  const match = ftsQueryOf(search.query);
  if (!match) return { total: 0, items: [], byType: [] };
  // Records the person hid leave search as they leave every list; so do the parts of letters.
  const excluding = search.exclude !== undefined && search.exclude.length > 0;
  const from = `FROM record_fts f JOIN record r ON r.rowid = f.rowid WHERE record_fts MATCH ? AND r.hidden = 0${excluding ? ' AND r.id NOT IN (SELECT value FROM json_each(?))' : ''}`;
  const matchParams = excluding ? [match, JSON.stringify(search.exclude)] : [match];
  const byType = db
    .prepare(`SELECT r.resource_type AS resourceType, count(*) AS count ${from} GROUP BY r.resource_type ORDER BY count DESC, resourceType`)
    .all(...matchParams) as SearchResult['byType'];
  const typeClause = search.resourceType === undefined ? '' : ' AND r.resource_type = ?';
  const params = search.resourceType === undefined ? matchParams : [...matchParams, search.resourceType];
  const total =
    search.resourceType === undefined
      ? byType.reduce((sum, type) => sum + type.count, 0)
      : (byType.find((type) => type.resourceType === search.resourceType)?.count ?? 0);
  const rows = db
    .prepare(`SELECT ${recordColumns} ${from}${typeClause} ORDER BY ${orderBy[search.sort ?? 'date']} LIMIT ? OFFSET ?`)
    .all(...params, search.limit ?? 50, search.offset ?? 0) as RecordRow[];
  return { total, items: summariesOf(db, rows, lastVisit), byType };
}
