/** "Verborgen gegevens": the records the person hid, with why (see doc-model `hidden`). */
import type { HiddenRecord } from '../../src-preload/contract/hidden';
import type { Database } from '../vault/database';
import type { RecordDoc } from './doc-model';
import { type RecordRow, recordColumns, summariesOf } from './summaries';

export function hiddenRecordsOf(db: Database, model: RecordDoc, lastVisit: string | null): HiddenRecord[] {
  const rows = db.prepare(`SELECT ${recordColumns} FROM record r WHERE r.hidden = 1`).all() as RecordRow[];
  return summariesOf(db, rows, lastVisit)
    .flatMap((summary) => {
      const hidden = model.hidden.get(summary.id);
      return hidden ? [{ ...summary, hidden }] : [];
    })
    .sort((a, b) => b.hidden.hiddenAt.localeCompare(a.hidden.hiddenAt) || a.id.localeCompare(b.id));
}
