/**
 * "nieuw": received after the person's previous visit. The core's own `isNew` counts from the visit
 * it remembers last, which (after records.markVisited at the start of a session) is this one; so the
 * badge uses the previous visit as it was when this session began, like the count on Overzicht.
 * On the first visit there is no previous one, so nothing is "nieuw".
 */
import type { RecordSummary } from '../../../../src-preload/contract/records';
import { useRecordsData, type Visit } from '../data-store';

export function isNewSince(record: RecordSummary, visit: Visit | null): boolean {
  if (!visit) return record.isNew;
  // The first visit has nothing to compare with: nothing is new yet, not even what arrives during it.
  if (visit.previous === null) return false;
  let first: string | null = null;
  for (const copy of record.sources) if (first === null || copy.receivedAt < first) first = copy.receivedAt;
  return first === null ? record.isNew : first > visit.previous;
}

export function useIsNew(record: RecordSummary): boolean {
  const visit = useRecordsData((s) => s.visit);
  return isNewSince(record, visit);
}
