/**
 * Issue 9.5 and 9.6: what must hold when several processes (the app, CLI commands) work on one
 * profile at the same instant: a TOTP code is accepted once, and the brute-force backoff counts every
 * attempt before any Argon2 work. Real child processes on one data folder.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Throttle } from '../../src-main/auth/throttle';
import { throttleFileOf } from '../../src-main/vault/profile-paths';
import { codeAt, createProfile, makeTempDir, makeVault, strongPassword, TestClock, wrongCodeAt } from './helpers';

const repo = resolve(import.meta.dirname, '../..');

type Outcome = Array<{ ok: boolean; code?: string }>;

function worker(job: object): Promise<Outcome> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/vault-worker.ts', JSON.stringify(job)], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => (code === 0 ? done(JSON.parse(out) as Outcome) : fail(new Error(`worker exit ${code}: ${err}`))));
  });
}

describe('several processes on one profile', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let clock: TestClock;
  beforeEach(() => {
    temp = makeTempDir();
    clock = new TestClock();
  });
  afterEach(() => temp.remove());

  it('accepts a TOTP code in only one of two processes that use it at the same moment', async () => {
    const vault = makeVault(temp.dir, clock);
    const { id, secret } = await createProfile(vault, clock);
    vault.lockAll('manual');
    const rounds = 12;
    // Round i uses step i+1 after creation: fresh in every round, the same code in both processes.
    const clockAt = Array.from({ length: rounds }, (_, i) => clock.time + (i + 1) * 30_000);
    const codes = clockAt.map((time) => codeAt(secret, time));
    const job = { dataDir: temp.dir, profileId: id, password: strongPassword, codes, clockAt, startAt: Date.now() + 4_000, roundMs: 400 };
    const [a, b] = await Promise.all([worker(job), worker(job)]);
    for (let round = 0; round < rounds; round++) {
      const outcomes = [a[round]!, b[round]!];
      expect(outcomes.filter((outcome) => outcome.ok), `round ${round}`).toHaveLength(1);
      expect(outcomes.find((outcome) => !outcome.ok)?.code).toBe('wrong-credentials');
    }
  }, 60_000);

  it('lets only one of eight simultaneous guesses run after the free attempts, and counts it once', async () => {
    const vault = makeVault(temp.dir, clock);
    const { id, secret } = await createProfile(vault, clock);
    vault.lockAll('manual');
    const throttle = new Throttle(throttleFileOf(`${temp.dir}/profiles/${id}`));
    for (let i = 0; i < 5; i++) throttle.recordFailure(clock.time - 60_000);
    expect(throttle.check(clock.time)).toBe(0);
    const job = {
      dataDir: temp.dir,
      profileId: id,
      password: 'een verkeerd wachtwoord van iemand',
      codes: [wrongCodeAt(secret, clock.time)],
      clockAt: [clock.time],
      startAt: Date.now() + 5_000,
      roundMs: 0,
    };
    const outcomes = (await Promise.all(Array.from({ length: 8 }, () => worker(job)))).map(([outcome]) => outcome!.code);
    expect(outcomes.filter((code) => code === 'wrong-credentials')).toHaveLength(1);
    expect(outcomes.filter((code) => code === 'throttled')).toHaveLength(7);
    expect(throttle.read().failures).toBe(6);
  }, 60_000);
});
