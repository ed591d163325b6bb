/**
 * Unlock cost. Baseline: opening a SQLCipher database with a raw key and reading from it, the floor
 * any encrypted profile pays. Measured: Argon2id alone at the default parameters, and a full
 * Vault unlock (throttle check, Argon2id, unwrap, open, TOTP check, lock).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { TOTP, URI } from 'otpauth';
import { defaultKdfParams, deriveKey } from '../src-main/vault/kdf';
import { Vault } from '../src-main/vault/vault';
import { ms, ratio, timeMedian } from './stats';

const runs = 15;

export async function runUnlockBenchmark() {
  const dir = mkdtempSync(join(tmpdir(), 'regie-bench-'));
  try {
    const key = randomBytes(32).toString('hex');
    const baselineFile = join(dir, 'baseline.db');
    const setup = new Database(baselineFile);
    setup.pragma("cipher='sqlcipher'");
    setup.pragma('legacy=4');
    setup.pragma(`key="x'${key}'"`);
    setup.exec('CREATE TABLE t (v TEXT); INSERT INTO t VALUES (1)');
    setup.close();
    const baseline = await timeMedian(runs, () => {
      const db = new Database(baselineFile);
      db.pragma("cipher='sqlcipher'");
      db.pragma('legacy=4');
      db.pragma(`key="x'${key}'"`);
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      db.close();
    });

    const salt = randomBytes(16);
    const argon = await timeMedian(runs, () => deriveKey('paarse-olifant-danst-op-zolder', salt, defaultKdfParams));

    // The clock moves one TOTP step per unlock, so every unlock gets a fresh, unused code.
    let clock = Date.now();
    const vault = new Vault({ dataDir: join(dir, 'data'), now: () => clock });
    const password = 'paarse-olifant-danst-op-zolder';
    const enrollment = await vault.beginCreate('Bench', password);
    const totp = URI.parse(enrollment.otpauthUri) as TOTP;
    const { profile } = await vault.completeCreate(enrollment.enrollmentId, { unconfirmed: true });
    vault.lock(profile.id, 'manual');
    const unlock = await timeMedian(runs, async () => {
      clock += 30_000;
      await vault.unlock(profile.id, password, totp.generate({ timestamp: clock }));
      vault.lock(profile.id, 'manual');
    });

    const kdf = `Argon2id m=${defaultKdfParams.memoryKiB / 1024} MiB, t=${defaultKdfParams.iterations}, p=${defaultKdfParams.parallelism}`;
    return {
      title: `Unlocking a profile (median of ${runs})`,
      rows: [
        { step: 'baseline: open SQLCipher with raw key + read', median: ms(baseline), 'vs baseline': '1.0×' },
        { step: `key derivation (${kdf})`, median: ms(argon), 'vs baseline': ratio(argon, baseline) },
        { step: 'full unlock: Argon2id + unwrap + open + TOTP + lock', median: ms(unlock), 'vs baseline': ratio(unlock, baseline) },
      ],
      notes: [`Target: key derivation 250–500 ms on this machine, so guessing offline costs the same per try.`],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
