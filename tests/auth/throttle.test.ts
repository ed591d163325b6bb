import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backoffMs, Throttle } from '../../src-main/auth/throttle';
import { makeTempDir } from '../vault/helpers';

describe('throttle', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let file: string;
  let legacy: string;
  const start = 1_700_000_000_000;
  beforeEach(() => {
    temp = makeTempDir();
    file = join(temp.dir, 'throttle.db');
    legacy = join(temp.dir, 'throttle.json');
  });
  afterEach(() => temp.remove());

  it('lets the first failures through, then doubles from 5 s up to 15 min', () => {
    expect([0, 1, 4].map(backoffMs)).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8].map(backoffMs)).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoffMs(12)).toBe(640_000);
    expect(backoffMs(13)).toBe(900_000);
    expect(backoffMs(50)).toBe(900_000);
  });

  it('counts failures on disk, so a new instance sees them', () => {
    const throttle = new Throttle(file);
    for (let i = 0; i < 4; i++) throttle.recordFailure(start);
    expect(throttle.check(start)).toBe(0);
    throttle.recordFailure(start);
    expect(new Throttle(file).check(start)).toBe(5_000);
    expect(new Throttle(file).check(start + 4_000)).toBe(1_000);
    expect(new Throttle(file).check(start + 5_000)).toBe(0);
    expect(new Throttle(file).read()).toEqual({ failures: 5, lastFailureAt: start });
  });

  it('counts an attempt when it begins, refuses while waiting without counting, and forgets on success', () => {
    const throttle = new Throttle(file);
    for (let i = 0; i < 5; i++) expect(throttle.begin(start)).toBe(0);
    expect(throttle.read().failures).toBe(5);
    expect(throttle.begin(start + 1_000)).toBe(4_000);
    expect(throttle.read().failures).toBe(5);
    expect(throttle.begin(start + 5_000)).toBe(0);
    expect(throttle.read()).toEqual({ failures: 6, lastFailureAt: start + 5_000 });
    throttle.forgive();
    expect(throttle.read().failures).toBe(5);
    throttle.recordSuccess();
    expect(throttle.read().failures).toBe(0);
  });

  it('takes over the counter of an earlier version once', () => {
    writeFileSync(legacy, JSON.stringify({ failures: 7, lastFailureAt: start }));
    const throttle = new Throttle(file, legacy);
    expect(throttle.check(start)).toBe(20_000);
    expect(existsSync(legacy)).toBe(false);
    expect(new Throttle(file, legacy).read()).toEqual({ failures: 7, lastFailureAt: start });
  });

  it('resets on success', () => {
    const throttle = new Throttle(file);
    for (let i = 0; i < 7; i++) throttle.recordFailure(start);
    expect(throttle.check(start)).toBe(20_000);
    throttle.recordSuccess();
    expect(throttle.check(start)).toBe(0);
    expect(throttle.read().failures).toBe(0);
  });

  it('never waits longer than the current delay, even with a future timestamp', () => {
    new Throttle(file).recordFailure(start);
    for (let i = 0; i < 5; i++) new Throttle(file).recordFailure(start + 10 * 365 * 86_400_000);
    expect(new Throttle(file).check(start)).toBe(10_000);
  });

  it('treats a corrupt file as five failures at the time it was written', () => {
    writeFileSync(file, 'this is not a database, but it is long enough to look like a header of one');
    utimesSync(file, start / 1000, start / 1000);
    const throttle = new Throttle(file);
    expect(throttle.read().failures).toBe(5);
    expect(throttle.check(start + 1_000)).toBe(4_000);
    expect(throttle.check(start + 6_000)).toBe(0);
    throttle.recordFailure(start + 6_000);
    expect(throttle.read()).toEqual({ failures: 6, lastFailureAt: start + 6_000 });
  });
});
