/**
 * Persists a Yjs document inside the profile's SQLCipher database, never in plaintext storage:
 * an append-only log of every update plus compacted snapshots. Loading = the latest snapshot, then
 * the updates logged after it. Compaction runs inside the caller's SQL transaction, so a crash
 * leaves either the old log or the new snapshot, never neither.
 */
import type BetterSqlite from 'better-sqlite3-multiple-ciphers';
import * as Y from 'yjs';
import type { Database } from '../vault/database';

export interface CompactionPolicy {
  /** Compact when this many updates are logged since the last snapshot… */
  maxUpdates: number;
  /** …or when they add up to this many bytes. */
  maxBytes: number;
}

export const defaultCompaction: CompactionPolicy = { maxUpdates: 500, maxBytes: 8 * 1024 * 1024 };

export interface LoggedUpdate {
  update: Uint8Array;
  origin: string;
}

export class DocPersistence {
  private pendingUpdates = 0;
  private pendingBytes = 0;
  /** Whether a snapshot is stored; without one and with an empty log, the document is empty. */
  private hasSnapshot = false;
  private readonly statements: Record<
    'latestSnapshot' | 'updatesAfter' | 'insertUpdate' | 'maxSeq' | 'insertSnapshot' | 'deleteOlderSnapshots' | 'deleteUpdatesUpTo',
    BetterSqlite.Statement
  >;

  constructor(
    private readonly db: Database,
    private readonly policy: CompactionPolicy = defaultCompaction,
    private readonly now: () => Date = () => new Date(),
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.statements = {
      latestSnapshot: p('SELECT data, up_to_seq AS upToSeq FROM yjs_snapshot ORDER BY id DESC LIMIT 1'),
      updatesAfter: p('SELECT data FROM yjs_update WHERE seq > ? ORDER BY seq').pluck(),
      insertUpdate: p('INSERT INTO yjs_update (data, origin, created_at) VALUES (?, ?, ?)'),
      maxSeq: p('SELECT coalesce(max(seq), 0) FROM yjs_update').pluck(),
      insertSnapshot: p('INSERT INTO yjs_snapshot (data, up_to_seq, created_at) VALUES (?, ?, ?)'),
      deleteOlderSnapshots: p('DELETE FROM yjs_snapshot WHERE id < ?'),
      deleteUpdatesUpTo: p('DELETE FROM yjs_update WHERE seq <= ?'),
    };
  }

  /** A fresh document holding everything stored. */
  load(): Y.Doc {
    const doc = new Y.Doc();
    const snapshot = this.statements.latestSnapshot.get() as { data: Buffer; upToSeq: number } | undefined;
    const updates = this.statements.updatesAfter.all(snapshot?.upToSeq ?? 0) as Buffer[];
    // One transaction: observers (none yet) and the 'update' event fire once, not per stored update.
    doc.transact(() => {
      if (snapshot) Y.applyUpdate(doc, snapshot.data);
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    this.hasSnapshot = snapshot !== undefined;
    this.pendingUpdates = updates.length;
    this.pendingBytes = updates.reduce((sum, update) => sum + update.length, 0);
    return doc;
  }

  /** Appends one update; call inside the SQL transaction of the change that produced it. */
  append(update: Uint8Array, origin: string): void {
    this.statements.insertUpdate.run(update, origin, this.now().toISOString());
    this.pendingUpdates += 1;
    this.pendingBytes += update.length;
  }

  /**
   * Stores the updates one write made to `doc`; call at the end of that write's SQL transaction.
   * They are appended to the log, unless that would make the log due for compaction: then one snapshot
   * replaces the log right away and the updates are not written twice (a large import would otherwise
   * log its whole update only to copy it into a snapshot and delete it again in the same transaction).
   * With no updates it still compacts a log that is due (e.g. one loaded that way). Returns whether it compacted.
   */
  persist(doc: Y.Doc, updates: readonly LoggedUpdate[]): boolean {
    const bytes = updates.reduce((sum, { update }) => sum + update.length, 0);
    if (!this.isDue(this.pendingUpdates + updates.length, this.pendingBytes + bytes)) {
      for (const { update, origin } of updates) this.append(update, origin);
      return false;
    }
    // Nothing stored before this write means the document was empty: its one update is the whole state,
    // unless part of a remote update still waits for missing structs (a snapshot keeps those, an update event does not).
    const waiting = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
    const whole = !this.hasSnapshot && this.pendingUpdates === 0 && updates.length === 1 && !waiting ? updates[0]!.update : undefined;
    this.writeSnapshot(whole ?? Y.encodeStateAsUpdate(doc));
    return true;
  }

  /** Replaces the log and older snapshots by one snapshot of the whole document. */
  compact(doc: Y.Doc): void {
    this.writeSnapshot(Y.encodeStateAsUpdate(doc));
  }

  /** After a rolled-back transaction the counters must match the database again. */
  resync(): void {
    const upToSeq = (this.db.prepare('SELECT coalesce(max(up_to_seq), 0) FROM yjs_snapshot').pluck().get() as number) ?? 0;
    const row = this.db
      .prepare('SELECT count(*) AS n, coalesce(sum(length(data)), 0) AS bytes FROM yjs_update WHERE seq > ?')
      .get(upToSeq) as { n: number; bytes: number };
    this.hasSnapshot = this.db.prepare('SELECT 1 FROM yjs_snapshot LIMIT 1').get() !== undefined;
    this.pendingUpdates = row.n;
    this.pendingBytes = row.bytes;
  }

  private isDue(updates: number, bytes: number): boolean {
    return updates >= this.policy.maxUpdates || bytes >= this.policy.maxBytes;
  }

  /** `snapshot` must hold the whole document, including every update logged so far. */
  private writeSnapshot(snapshot: Uint8Array): void {
    const upToSeq = (this.statements.maxSeq.get() as number) ?? 0;
    const { lastInsertRowid } = this.statements.insertSnapshot.run(snapshot, upToSeq, this.now().toISOString());
    this.statements.deleteOlderSnapshots.run(lastInsertRowid);
    this.statements.deleteUpdatesUpTo.run(upToSeq);
    this.hasSnapshot = true;
    this.pendingUpdates = 0;
    this.pendingBytes = 0;
  }
}
