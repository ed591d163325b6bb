/**
 * A second (third, …) process on the same data folder, for tests of what must hold across processes.
 * Usage: node --import tsx tests/helpers/vault-worker.ts '<json job>'
 * The job names a wall-clock moment to start at, so several workers act at the same instant.
 * Prints one JSON line: { ok: true } or { ok: false, code }.
 */
import { RegieError } from '../../src-main/core/errors';
import { fastKdfParams } from '../../src-main/vault/kdf';
import { Vault } from '../../src-main/vault/vault';

interface Job {
  dataDir: string;
  profileId: string;
  password: string;
  /** One code per round; round i runs at startAt + i * roundMs with the vault's clock at clockAt[i]. */
  codes: string[];
  clockAt: number[];
  startAt: number;
  roundMs: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
let clock = 0;
const vault = new Vault({ dataDir: job.dataDir, kdf: fastKdfParams, now: () => clock });
const results: Array<{ ok: boolean; code?: string }> = [];
for (let round = 0; round < job.codes.length; round++) {
  const at = job.startAt + round * job.roundMs;
  await new Promise((resolve) => setTimeout(resolve, Math.max(at - Date.now(), 0)));
  clock = job.clockAt[round]!;
  try {
    await vault.unlock(job.profileId, job.password, job.codes[round]!);
    vault.lock(job.profileId, 'manual');
    results.push({ ok: true });
  } catch (error) {
    results.push({ ok: false, code: error instanceof RegieError ? error.code : String(error) });
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
