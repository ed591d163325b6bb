/**
 * Persists a Yjs document inside the profile's SQLCipher database, never in plaintext storage:
 * an append-only log of every update plus compacted snapshots. Loading = the latest snapshot, then
 * the updates logged after it. Compaction runs inside the caller's SQL transaction, so a crash
 * leaves either the old log or the new snapshot, never neither.
 */
import * as Y from 'yjs';
import type { Database } from '../vault/database';

export interface CompactionPolicy {
  /** Compact when this many updates are logged since the last snapshot… */
  maxUpdates: number;
  /** …or when they add up to this many bytes. */
  maxBytes: number;
}

export const defaultCompaction: CompactionPolicy = { maxUpdates: 500, maxBytes: 8 * 1024 * 1024 };

export class DocPersistence {
  private pendingUpdates = 0;
  private pendingBytes = 0;

  constructor(
    private readonly db: Database,
    private readonly policy: CompactionPolicy = defaultCompaction,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A fresh document holding everything stored. */
  load(): Y.Doc {
    const doc = new Y.Doc();
    const snapshot = this.db
      .prepare('SELECT data, up_to_seq AS upToSeq FROM yjs_snapshot ORDER BY id DESC LIMIT 1')
      .get() as { data: Buffer; upToSeq: number } | undefined;
    const updates = this.db
      .prepare('SELECT data FROM yjs_update WHERE seq > ? ORDER BY seq')
      .pluck()
      .all(snapshot?.upToSeq ?? 0) as Buffer[];
    // One transaction: observers (none yet) and the 'update' event fire once, not per stored update.
    doc.transact(() => {
      if (snapshot) Y.applyUpdate(doc, snapshot.data);
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    this.pendingUpdates = updates.length;
    this.pendingBytes = updates.reduce((sum, update) => sum + update.length, 0);
    return doc;
  }

  /** Appends one update; call inside the SQL transaction of the change that produced it. */
  append(update: Uint8Array, origin: string): void {
    this.db
      .prepare('INSERT INTO yjs_update (data, origin, created_at) VALUES (?, ?, ?)')
      .run(update, origin, this.now().toISOString());
    this.pendingUpdates += 1;
    this.pendingBytes += update.length;
  }

  compactIfDue(doc: Y.Doc): boolean {
    if (this.pendingUpdates < this.policy.maxUpdates && this.pendingBytes < this.policy.maxBytes) return false;
    this.compact(doc);
    return true;
  }

  /** Replaces the log and older snapshots by one snapshot of the whole document. */
  compact(doc: Y.Doc): void {
    const upToSeq = (this.db.prepare('SELECT coalesce(max(seq), 0) FROM yjs_update').pluck().get() as number) ?? 0;
    const snapshot = Y.encodeStateAsUpdate(doc);
    this.db
      .prepare('INSERT INTO yjs_snapshot (data, up_to_seq, created_at) VALUES (?, ?, ?)')
      .run(snapshot, upToSeq, this.now().toISOString());
    const latest = this.db.prepare('SELECT max(id) FROM yjs_snapshot').pluck().get() as number;
    this.db.prepare('DELETE FROM yjs_snapshot WHERE id < ?').run(latest);
    this.db.prepare('DELETE FROM yjs_update WHERE seq <= ?').run(upToSeq);
    this.pendingUpdates = 0;
    this.pendingBytes = 0;
  }

  /** After a rolled-back transaction the counters must match the database again. */
  resync(): void {
    const upToSeq = (this.db.prepare('SELECT coalesce(max(up_to_seq), 0) FROM yjs_snapshot').pluck().get() as number) ?? 0;
    const row = this.db
      .prepare('SELECT count(*) AS n, coalesce(sum(length(data)), 0) AS bytes FROM yjs_update WHERE seq > ?')
      .get(upToSeq) as { n: number; bytes: number };
    this.pendingUpdates = row.n;
    this.pendingBytes = row.bytes;
  }
}
