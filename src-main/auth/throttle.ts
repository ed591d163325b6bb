import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import DatabaseConstructor from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';

export const freeFailures = 5;
export const firstDelayMs = 5_000;
export const maxDelayMs = 15 * 60_000;

export interface ThrottleState {
  failures: number;
  lastFailureAt: number;
}

const legacySchema = z.object({ failures: z.number().int().min(0), lastFailureAt: z.number().finite() });

/** Wait after `failures` failed attempts: none for the first few, then 5 s doubling up to 15 min. */
export function backoffMs(failures: number): number {
  if (failures < freeFailures) return 0;
  return Math.min(firstDelayMs * 2 ** (failures - freeFailures), maxDelayMs);
}

/** Milliseconds to wait in `state` at `now`; clamped to the delay, so a clock set back cannot lock someone out for longer. */
function waitIn(state: ThrottleState, now: number): number {
  const delay = backoffMs(state.failures);
  return Math.min(Math.max(state.lastFailureAt + delay - now, 0), delay);
}

type Db = DatabaseConstructor.Database;

/**
 * Failed unlock attempts of one profile, kept on disk so that restarting the app does not reset the
 * backoff, and shared by every process on the computer (the app, several CLI commands at once).
 *
 * Why a (plain, unencrypted) SQLite file: the check and the count must be one atomic step across
 * processes, or parallel attempts all pass the check before any of them counts (a read-then-write
 * file cannot do that). SQLite's write lock (BEGIN IMMEDIATE) gives exactly that, is released when a
 * process dies, and needs no lock files of our own. It holds two numbers, nothing about the person.
 *
 * An attempt is counted as failed when it *starts* (begin), before any Argon2 work, and forgiven
 * when it succeeds: so N simultaneous guesses after the free ones cost one Argon2 run, not N.
 */
export class Throttle {
  constructor(
    private readonly file: string,
    /** The file of earlier versions (JSON), taken over once and removed. */
    private readonly legacyFile?: string,
  ) {}

  /** Milliseconds until the next attempt is allowed; 0 when allowed now. Counts nothing. */
  check(now: number): number {
    return waitIn(this.read(), now);
  }

  /**
   * Atomically: refuses while a wait is due (returns its milliseconds, counts nothing), or else counts
   * this attempt as a failure and returns 0. Call succeeded() when it turns out right.
   */
  begin(now: number): number {
    return this.update((state) => {
      const wait = waitIn(state, now);
      return wait > 0 ? { state, result: wait } : { state: { failures: state.failures + 1, lastFailureAt: now }, result: 0 };
    });
  }

  /** Counts one failure (outside begin: e.g. tests, or a second failure within one attempt). */
  recordFailure(now: number): ThrottleState {
    return this.update((state) => {
      const next = { failures: state.failures + 1, lastFailureAt: now };
      return { state: next, result: next };
    });
  }

  /** Takes back the count of an attempt that did no guessing (e.g. a malformed recovery code). */
  forgive(): void {
    this.update((state) => ({ state: { ...state, failures: Math.max(state.failures - 1, 0) }, result: undefined }));
  }

  /** A right answer: the counter starts again. */
  recordSuccess(): void {
    this.update(() => ({ state: { failures: 0, lastFailureAt: 0 }, result: undefined }));
  }

  read(): ThrottleState {
    return this.update((state) => ({ state, result: state }));
  }

  /** One read-modify-write under SQLite's write lock, so processes take turns. */
  private update<T>(change: (state: ThrottleState) => { state: ThrottleState; result: T }): T {
    const db = this.open();
    try {
      return db
        .transaction(() => {
          const state = this.current(db);
          const next = change(state);
          if (next.state.failures !== state.failures || next.state.lastFailureAt !== state.lastFailureAt) {
            db.prepare('INSERT OR REPLACE INTO throttle (id, failures, last_failure_at) VALUES (1, ?, ?)').run(
              next.state.failures,
              next.state.lastFailureAt,
            );
          }
          return next.result;
        })
        .immediate();
    } finally {
      db.close();
    }
  }

  private open(): Db {
    const db = this.tryOpen();
    if (db) return db;
    // Damaged (or not a database at all): cautious but not a permanent lockout. It was last written at a failure.
    const writtenAt = modifiedAt(this.file);
    rmSync(this.file, { force: true });
    const fresh = this.tryOpen();
    if (!fresh) throw new Error('throttle file cannot be created');
    fresh.prepare('INSERT OR REPLACE INTO throttle (id, failures, last_failure_at) VALUES (1, ?, ?)').run(freeFailures, writtenAt);
    return fresh;
  }

  private tryOpen(): Db | null {
    let db: Db | undefined;
    try {
      // Other processes hold the write lock only for a moment: wait for them rather than fail.
      db = new DatabaseConstructor(this.file, { timeout: 10_000 });
      db.exec('CREATE TABLE IF NOT EXISTS throttle (id INTEGER PRIMARY KEY CHECK (id = 1), failures INTEGER NOT NULL, last_failure_at REAL NOT NULL)');
      db.prepare('SELECT count(*) FROM throttle').get();
      return db;
    } catch (error) {
      db?.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') throw error;
      return null;
    }
  }

  /** The stored state; an earlier version's JSON file is taken over (and removed) inside the same lock. */
  private current(db: Db): ThrottleState {
    const row = db.prepare('SELECT failures, last_failure_at AS lastFailureAt FROM throttle WHERE id = 1').get() as ThrottleState | undefined;
    const state = row ?? { failures: 0, lastFailureAt: 0 };
    if (!this.legacyFile || !existsSync(this.legacyFile)) return state;
    const legacy = readLegacy(this.legacyFile);
    rmSync(this.legacyFile, { force: true });
    const merged = legacy.failures > state.failures ? legacy : state;
    db.prepare('INSERT OR REPLACE INTO throttle (id, failures, last_failure_at) VALUES (1, ?, ?)').run(merged.failures, merged.lastFailureAt);
    return merged;
  }
}

function readLegacy(file: string): ThrottleState {
  try {
    return legacySchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return { failures: freeFailures, lastFailureAt: modifiedAt(file) };
  }
}

function modifiedAt(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
