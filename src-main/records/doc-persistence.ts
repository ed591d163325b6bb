/**
 * Persists a Yjs document inside the profile's SQLCipher database, never in plaintext storage:
 * an append-only log of every update plus compacted snapshots. Loading = the latest snapshot, then
 * the updates logged after it. Compaction runs inside the caller's SQL transaction, so a crash
 * leaves either the old log or the new snapshot, never neither.
 *
 * SEVERAL PROCESSES (the app and a CLI command) may hold the same profile, each with its own copy of
 * the document. Each remembers how far into the log it has read (`seenSeq`); before every write it
 * reads what others logged since (catchUp, inside the write's own IMMEDIATE transaction, so nobody
 * can log in between), applies it, and only then logs its own update or compacts. So a snapshot always
 * holds every logged update, including the other process's, and no write is lost. Readers notice
 * another process's commit through SQLite's data_version and catch up the same way.
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

interface SnapshotRow {
  id: number;
  data: Buffer;
  upToSeq: number;
}

interface UpdateRow {
  seq: number;
  data: Buffer;
}

export const defaultCompaction: CompactionPolicy = { maxUpdates: 500, maxBytes: 8 * 1024 * 1024 };

export interface LoggedUpdate {
  update: Uint8Array;
  origin: string;
}

/** What another process logged since this one last read the log. */
export interface CatchUp {
  /** A snapshot newer than anything this process read (another process compacted), if any. */
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
}

export class DocPersistence {
  /** The highest log position this process's document holds (read, written, or covered by a snapshot). */
  private seenSeq = 0;
  /** The snapshot this process loaded or wrote last. */
  private seenSnapshotId = 0;
  private pendingUpdates = 0;
  private pendingBytes = 0;
  /** Whether a snapshot is stored; without one and with an empty log, the document is empty. */
  private hasSnapshot = false;
  private readonly statements: Record<
    | 'latestSnapshot'
    | 'latestSnapshotId'
    | 'snapshotById'
    | 'updatesWithSeqAfter'
    | 'insertUpdate'
    | 'maxSeq'
    | 'insertSnapshot'
    | 'deleteOlderSnapshots'
    | 'deleteUpdatesUpTo',
    BetterSqlite.Statement
  >;

  constructor(
    private readonly db: Database,
    private readonly policy: CompactionPolicy = defaultCompaction,
    private readonly now: () => Date = () => new Date(),
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.statements = {
      latestSnapshot: p('SELECT id, data, up_to_seq AS upToSeq FROM yjs_snapshot ORDER BY id DESC LIMIT 1'),
      // Only the rowid: checked before every write, and a large profile's snapshot is tens of MB whose
      // overflow pages SQLite would walk (and decrypt) to reach any column stored after the data.
      latestSnapshotId: p('SELECT id FROM yjs_snapshot ORDER BY id DESC LIMIT 1').pluck(),
      snapshotById: p('SELECT id, data, up_to_seq AS upToSeq FROM yjs_snapshot WHERE id = ?'),
      updatesWithSeqAfter: p('SELECT seq, data FROM yjs_update WHERE seq > ? ORDER BY seq'),
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
    // One read transaction: another process cannot compact between reading the snapshot and the log.
    const { snapshot, updates } = this.db.transaction(() => {
      const snapshot = this.statements.latestSnapshot.get() as SnapshotRow | undefined;
      return { snapshot, updates: this.statements.updatesWithSeqAfter.all(snapshot?.upToSeq ?? 0) as UpdateRow[] };
    })();
    // One transaction: observers (none yet) and the 'update' event fire once, not per stored update.
    doc.transact(() => {
      if (snapshot) Y.applyUpdate(doc, snapshot.data);
      for (const { data } of updates) Y.applyUpdate(doc, data);
    });
    this.hasSnapshot = snapshot !== undefined;
    this.seenSnapshotId = snapshot?.id ?? 0;
    this.seenSeq = Math.max(snapshot?.upToSeq ?? 0, updates.at(-1)?.seq ?? 0);
    this.pendingUpdates = updates.length;
    this.pendingBytes = updates.reduce((sum, { data }) => sum + data.length, 0);
    return doc;
  }

  /**
   * What other processes logged since this one last read or wrote the log; null when nothing. Call
   * inside a transaction (a write's IMMEDIATE one before it logs anything, or a read transaction),
   * then apply the result to the document: from then on this process counts it as read.
   */
  catchUp(): CatchUp | null {
    const latestId = this.statements.latestSnapshotId.get() as number | undefined;
    // Another process compacted: its snapshot may hold what was never logged (a write that compacts
    // stores its own update only in the snapshot, see persist), so it is read whole, then the log after it.
    const snapshot =
      latestId !== undefined && latestId !== this.seenSnapshotId ? (this.statements.snapshotById.get(latestId) as SnapshotRow) : undefined;
    const compacted = snapshot !== undefined;
    const from = compacted ? snapshot.upToSeq : this.seenSeq;
    const rows = this.statements.updatesWithSeqAfter.all(from) as UpdateRow[];
    if (!compacted && rows.length === 0) return null;
    if (snapshot) this.seenSnapshotId = snapshot.id;
    this.seenSeq = Math.max(this.seenSeq, from, rows.at(-1)?.seq ?? 0);
    this.resync();
    return { snapshot: compacted ? snapshot.data : null, updates: rows.map(({ data }) => data) };
  }

  /** Appends one update; call inside the SQL transaction of the change that produced it. */
  append(update: Uint8Array, origin: string): void {
    const { lastInsertRowid } = this.statements.insertUpdate.run(update, origin, this.now().toISOString());
    // Inside a write every other process's entry was read first (catchUp), so nothing lies in between.
    this.seenSeq = Number(lastInsertRowid);
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
    this.seenSnapshotId = Number(lastInsertRowid);
    this.seenSeq = upToSeq;
    this.hasSnapshot = true;
    this.pendingUpdates = 0;
    this.pendingBytes = 0;
  }
}
