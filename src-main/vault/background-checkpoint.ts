/**
 * Copying a large write's pages from the WAL into the database file (a checkpoint), on a worker
 * thread with a connection of its own, instead of inside the write. SQLite runs a checkpoint in the
 * commit that takes the WAL over 1,000 pages: after a 50,000-resource import that is about 200 MB,
 * 1.8 s of a 10 s import during which nothing else could be answered. The write itself is durable
 * once its commit is in the WAL; the checkpoint only moves it, and readers read the WAL meanwhile.
 *
 * A bulk write turns SQLite's automatic checkpoint off for its own commit (RecordStore.write) and
 * asks for one here afterwards; PASSIVE, so it never waits for or blocks the main connection. The
 * worker opens its connection on the first request and closes it, and ends, when the main
 * connection closes (the profile locks): no connection outlives the lock.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database } from './database';

interface Checkpointer {
  request(): void;
  /** Ends the worker (waiting for its connection to close); with `stopped`, for good. */
  release(stopped: boolean, newKey?: Buffer): void;
}

const checkpointers = new WeakMap<Database, Checkpointer>();

/** The worker's program: plain JavaScript; the native module is loaded from the path the main thread uses. */
const workerSource = `'use strict';
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.modulePath);
let db = null;
parentPort.on('message', (message) => {
  if (message === 'stop') {
    try { if (db) db.close(); } catch {}
    db = null;
    const closed = new Int32Array(workerData.closed);
    Atomics.store(closed, 0, 1);
    Atomics.notify(closed, 0);
    parentPort.close();
    return;
  }
  try {
    if (!db) {
      db = new Database(workerData.file, { fileMustExist: true });
      db.pragma("cipher='sqlcipher'");
      db.pragma('legacy=4');
      db.pragma('key="x' + "'" + Buffer.from(workerData.key).toString('hex') + "'" + '"');
      db.pragma('busy_timeout = 0');
    }
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // A busy or closed database: the next commit's own checkpoint (or the close) does it instead.
  }
});
`;

/** How long closing the main connection waits for the worker to close its own (a checkpoint may be running). */
const closeWaitMs = 15_000;

/**
 * Lets `db` (a profile's main connection to `file`) hand checkpoints to a worker thread. Closing
 * `db` first closes the worker's connection, waiting for it: a lock leaves no connection open.
 */
export function enableBackgroundCheckpoint(db: Database, file: string, dataKey: Buffer): void {
  let worker: { thread: Worker; closed: Int32Array } | null = null;
  let stopped = false;
  let key = Buffer.from(dataKey);
  const checkpointer: Checkpointer = {
    request() {
      if (stopped) return;
      try {
        worker ??= startWorker(file, key);
        worker.thread.postMessage('checkpoint');
      } catch {
        worker = null; // no worker here: SQLite's own checkpoint in a later commit does it
      }
    },
    release(stop, newKey) {
      if (stop) stopped = true;
      if (stop || newKey) key.fill(0);
      if (newKey) key = Buffer.from(newKey);
      if (!worker) return;
      const { thread, closed } = worker;
      worker = null;
      thread.postMessage('stop');
      Atomics.wait(closed, 0, 0, closeWaitMs);
      void thread.terminate();
    },
  };
  checkpointers.set(db, checkpointer);
  const close = db.close.bind(db);
  db.close = () => {
    stopBackgroundCheckpoint(db);
    return close();
  };
}

/** Asks for a checkpoint of what `db` committed; false when this connection has no background checkpointer. */
export function checkpointInBackground(db: Database): boolean {
  const checkpointer = checkpointers.get(db);
  checkpointer?.request();
  return checkpointer !== undefined;
}

/** Ends the worker (its connection closes first); call when the main connection closes. */
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

function startWorker(file: string, dataKey: Buffer): { thread: Worker; closed: Int32Array } {
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
  // The key as a copy of its bytes (transferred, so no copy stays behind in this thread).
  const key = new Uint8Array(dataKey);
  const closed = new Int32Array(new SharedArrayBuffer(4));
  const thread = new Worker(workerSource, {
    eval: true,
    workerData: { file, key, modulePath, closed: closed.buffer },
    transferList: [key.buffer],
  });
  thread.unref();
  thread.on('error', () => {
    Atomics.store(closed, 0, 1); // a worker that died holds no connection: closing need not wait for it
  });
  return { thread, closed };
}
