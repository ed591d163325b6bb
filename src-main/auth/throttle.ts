import { readFileSync, rmSync, statSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../common/atomic-file';

export const freeFailures = 5;
export const firstDelayMs = 5_000;
export const maxDelayMs = 15 * 60_000;

export interface ThrottleState {
  failures: number;
  lastFailureAt: number;
}

const stateSchema = z.object({ failures: z.number().int().min(0), lastFailureAt: z.number().finite() });

/** Wait after `failures` failed attempts: none for the first few, then 5 s doubling up to 15 min. */
export function backoffMs(failures: number): number {
  if (failures < freeFailures) return 0;
  return Math.min(firstDelayMs * 2 ** (failures - freeFailures), maxDelayMs);
}

/**
 * Failed unlock attempts of one profile, kept on disk (throttle.json) so that restarting the app
 * does not reset the backoff. The clock is passed in so tests can move time.
 */
export class Throttle {
  constructor(private readonly file: string) {}

  /** Milliseconds until the next attempt is allowed; 0 when allowed now. */
  check(now: number): number {
    const { failures, lastFailureAt } = this.read();
    const delay = backoffMs(failures);
    // Clamped to `delay` so a clock set back (or a future timestamp in the file) cannot lock someone out for longer.
    return Math.min(Math.max(lastFailureAt + delay - now, 0), delay);
  }

  recordFailure(now: number): ThrottleState {
    const state = { failures: this.read().failures + 1, lastFailureAt: now };
    writeFileAtomic(this.file, JSON.stringify(state));
    return state;
  }

  recordSuccess(): void {
    rmSync(this.file, { force: true });
  }

  read(): ThrottleState {
    let raw: string;
    try {
      raw = readFileSync(this.file, 'utf8');
    } catch {
      return { failures: 0, lastFailureAt: 0 };
    }
    try {
      return stateSchema.parse(JSON.parse(raw));
    } catch {
      // Corrupt (or tampered): cautious but not a permanent lockout. The file was last written at a failure.
      return { failures: freeFailures, lastFailureAt: this.modifiedAt() };
    }
  }

  private modifiedAt(): number {
    try {
      return statSync(this.file).mtimeMs;
    } catch {
      return 0;
    }
  }
}
