/**
 * Bodies another device shipped as stored (sync's packs), inflated and checked against their size and
 * hash on worker threads, which also work out what the records' own bodies say for their rows
 * (body-derivation.ts). Several checks may be under way at once — a pull checks the next pack while
 * it stores this one — on one pool whose workers answer in order, so checks must be finished (or
 * dropped) in the order they were started; one taken out of order makes the pool give up, and the
 * caller then checks on the main thread. The pool is kept between checks (KeptPool).
 */
import { type StoredBody, maxBodyBytes } from './bodies';
import type { DigestPool, KeptPool, Verified } from './digest-pool';

export interface PendingCheck {
  readonly pool: DigestPool;
  readonly tickets: ReadonlyArray<ReturnType<DigestPool['submitVerify']>>;
  finished: boolean;
}

export class BodyChecker {
  private pool: DigestPool | null = null;
  private underWay = 0;

  constructor(private readonly kept: KeptPool) {}

  /**
   * Starts checking `bodies`, working out the rows of those whose indexes are in `derive` and sending
   * back inflated those in `keep`; null when the workers cannot (no threads, or a body that must be
   * refused for its size, which the main thread's check words).
   */
  start(bodies: readonly StoredBody[], derive: readonly number[], keep: readonly number[]): PendingCheck | null {
    if (bodies.some((body) => !(body.size >= 0 && body.size <= maxBodyBytes))) return null;
    const pool = this.pool ?? this.kept.take();
    if (!pool) return null;
    this.pool = pool;
    this.underWay += 1;
    const per = Math.ceil(bodies.length / pool.size);
    const part = (indexes: readonly number[], k: number) => indexes.filter((i) => i >= k * per && i < (k + 1) * per).map((i) => i - k * per);
    const tickets = Array.from({ length: pool.size }, (_, k) => pool.submitVerify(bodies.slice(k * per, (k + 1) * per), part(derive, k), part(keep, k)));
    return { pool, tickets, finished: false };
  }

  /**
   * The bodies asked back inflated (null for the rest), with their derivations (JSON; null where none); null to check on the
   * main thread instead. Throws when one does not match its hash.
   */
  finish(check: PendingCheck): Verified | null {
    // Every answer is taken, also after a refusal, so the workers have none left over for the next check.
    const answers = this.takeAll(check);
    if (answers.some((verified) => verified?.ok === false)) throw new Error('body does not match its hash');
    const inflated: Array<Buffer | null> = [];
    const derivations: Array<string | null> = [];
    for (const verified of answers) {
      if (!verified?.ok) return null;
      inflated.push(...verified.inflated);
      derivations.push(...verified.derivations);
    }
    return { ok: true, inflated, derivations };
  }

  /** A check whose bodies will not be stored after all (the pull stopped before them). */
  drop(check: PendingCheck): void {
    this.takeAll(check);
  }

  close(): void {
    this.pool?.close();
    this.pool = null;
    this.underWay = 0;
    this.kept.close();
  }

  private takeAll(check: PendingCheck): Array<Verified | null> {
    if (check.finished) return [null];
    check.finished = true;
    const answers = check.tickets.map((ticket) => check.pool.takeVerified(ticket));
    if (check.pool !== this.pool) return answers; // started before close(): that pool is gone
    this.underWay -= 1;
    if (this.underWay === 0) {
      this.kept.giveBack(check.pool);
      this.pool = null;
    }
    return answers;
  }
}
