/**
 * Copying committed pages from the WAL into the database file (a checkpoint) on a worker thread with
 * a connection of its own, instead of inside a write. SQLite runs a checkpoint in whichever commit
 * takes the WAL over 1,000 pages: after a 50,000-resource import that is about 200 MB, 1.8 s inside
 * the import, or inside the next small write after it, during which nothing else could be answered.
 * A write is durable once its commit is in the WAL; the checkpoint only moves it, and readers read
 * the WAL meanwhile.
 *
 * So a profile's main connection has SQLite's automatic checkpoint off, and after a write its owner
 * asks checkpointWhenDue(): once the WAL holds more than a few MB, the worker runs a PASSIVE
 * checkpoint, which never waits for or blocks the main connection. The worker opens its connection
 * on the first request; it closes it, and ends, before the main connection closes (the profile locks)
 * and before a re-encryption: no connection outlives the lock. Where no worker can start, SQLite's
 * own checkpoint is turned on again.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database } from './database';

interface Checkpointer {
  /** Asks the worker for a checkpoint unless one is under way. */
  request(): void;
  /** Ends the worker (waiting for its connection to close); with `stop`, for good. */
  release(stop: boolean, newKey?: Buffer): void;
}

const checkpointers = new WeakMap<Database, Checkpointer>();

/** A WAL this large is worth a checkpoint (SQLite's own default: 1,000 pages of 4 KiB). */
const dueBytes = 4 * 1024 * 1024;
/** How long closing the main connection waits for the worker to close its own (a checkpoint may be running). */
const closeWaitMs = 15_000;

/**
 * The worker's program: plain JavaScript; the native module is loaded from the path the main thread
 * uses. Shared counters: [0] checkpoints finished, [1] its connection is closed.
 */
const workerSource = `'use strict';
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const shared = new Int32Array(workerData.shared);
let db = null;
parentPort.on('message', (message) => {
  if (message === 'stop') {
    try { if (db) db.close(); } catch {}
    db = null;
    Atomics.store(shared, 1, 1);
    Atomics.notify(shared, 1);
    parentPort.close();
    return;
  }
  try {
    if (!db) {
      db = new Database(workerData.file, { fileMustExist: true });
      db.pragma("cipher='sqlcipher'");
      db.pragma('legacy=4');
      db.pragma('legacy_page_size=' + workerData.pageSize);
      db.pragma('key="x' + "'" + Buffer.from(workerData.key).toString('hex') + "'" + '"');
      db.pragma('busy_timeout = 0');
    }
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or closed: a later request (or the last connection's close) does it instead.
  }
  Atomics.add(shared, 0, 1);
});
`;

interface Running {
  thread: Worker;
  shared: Int32Array;
  requested: number;
}

/**
 * Lets `db` (a profile's main connection to `file`) hand its checkpoints to a worker thread, and
 * turns SQLite's automatic checkpoint off on it. Closing `db` first closes the worker's connection,
 * waiting for it: a lock leaves no connection open.
 */
export function enableBackgroundCheckpoint(db: Database, file: string, dataKey: Buffer, pageSize: number): void {
  let running: Running | null = null;
  let stopped = false;
  let key = Buffer.from(dataKey);
  /** No worker here (or it died): SQLite's own checkpoint does it from now on. */
  const ownCheckpoints = () => {
    if (stopped) return;
    stopped = true;
    running = null;
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  };
  const checkpointer: Checkpointer = {
    request() {
      if (stopped) return;
      try {
        running ??= startWorker(file, key, pageSize, ownCheckpoints);
      } catch {
        ownCheckpoints();
        return;
      }
      if (Atomics.load(running.shared, 0) < running.requested) return; // one under way
      running.requested += 1;
      running.thread.postMessage('checkpoint');
    },
    release(stop, newKey) {
      if (stop) stopped = true;
      if (stop || newKey) key.fill(0);
      if (newKey) key = Buffer.from(newKey);
      if (!running) return;
      const { thread, shared } = running;
      running = null;
      thread.postMessage('stop');
      Atomics.wait(shared, 1, 0, closeWaitMs);
      void thread.terminate();
    },
  };
  db.pragma('wal_autocheckpoint = 0');
  checkpointers.set(db, checkpointer);
  const close = db.close.bind(db);
  db.close = () => {
    stopBackgroundCheckpoint(db);
    return close();
  };
}

/**
 * Call after a write: when the WAL has grown past a few MB, the worker copies it into the database
 * file (unless it is doing so already). Does nothing for a connection without a background worker
 * (SQLite's own checkpoint works there).
 */
export function checkpointWhenDue(db: Database): void {
  const checkpointer = checkpointers.get(db);
  if (!checkpointer) return;
  let size: number;
  try {
    size = statSync(`${db.name}-wal`).size;
  } catch {
    return; // no WAL (yet)
  }
  if (size >= dueBytes) checkpointer.request();
}

/** Ends the worker (its connection closes first); called when the main connection closes. */
export function stopBackgroundCheckpoint(db: Database): void {
  checkpointers.get(db)?.release(true);
  checkpointers.delete(db);
}

/**
 * Closes the worker's connection (waiting for it) so `db` is the only one, as re-encrypting needs;
 * a later checkpoint opens a new one, with `newKey` once the database is under it.
 */
export function releaseBackgroundConnection(db: Database, newKey?: Buffer): void {
  checkpointers.get(db)?.release(false, newKey);
}

function startWorker(file: string, dataKey: Buffer, pageSize: number, onError: () => void): Running {
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
  // The key as a copy of its bytes (transferred, so no copy stays behind in this thread).
  const key = new Uint8Array(dataKey);
  const shared = new Int32Array(new SharedArrayBuffer(8));
  const thread = new Worker(workerSource, {
    eval: true,
    workerData: { file, key, modulePath, pageSize, shared: shared.buffer },
    transferList: [key.buffer],
  });
  thread.unref();
  thread.on('error', () => {
    // A worker that died holds no connection: closing need not wait for it.
    Atomics.store(shared, 1, 1);
    onError();
  });
  return { thread, shared, requested: 0 };
}
