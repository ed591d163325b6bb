/**
 * Crash safety, proven (issue 11.6): a child process importing, pushing, pulling or compacting is
 * killed (SIGKILL) at a random moment, many times. Every time the profile unlocks, each import is
 * whole or absent, nothing that was acknowledged is lost, the derived tables match the document,
 * and the next rounds complete and converge on both devices. REGIE_KILL_RUNS sets the kills per kind
 * of work (default 4 here; the bench's longer run uses more).
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { TOTP, URI } from 'otpauth';
import { afterAll, describe, expect, it } from 'vitest';
import { RecordStores } from '../../src-main/core/record-stores';
import { SyncService } from '../../src-main/sync/service';
import { fastKdfParams } from '../../src-main/vault/kdf';
import { Vault } from '../../src-main/vault/vault';
import { makeTempDir } from '../helpers/temp-dir';
import { dumpDerived } from '../records/helpers';
import { batchSize, crashBatch, crashTuning } from './crash-data';

const runs = Number(process.env.REGIE_KILL_RUNS ?? 4);
const repo = resolve(import.meta.dirname, '../..');
const password = 'paarse-olifant-danst-op-zolder';
const temps: Array<{ remove(): void }> = [];
afterAll(() => temps.forEach((t) => t.remove()));

/** A virtual clock for authenticator codes: every unlock, in any process, gets a later 30-second step. */
let clock = Date.now();
const tick = () => (clock += 60_000);

interface Profile {
  name: string;
  dir: string;
  profileId: string;
  secret: string;
}

async function createProfile(name: string): Promise<Profile> {
  const temp = makeTempDir(`regie-crash-${name}-`);
  temps.push(temp);
  const vault = new Vault({ dataDir: temp.dir, kdf: fastKdfParams, now: () => clock });
  const enrollment = await vault.beginCreate(name, password);
  const secret = (URI.parse(enrollment.otpauthUri) as TOTP).secret.base32;
  const { profile } = await vault.completeCreate(enrollment.enrollmentId, { unconfirmed: true });
  vault.lockAll('manual');
  return { name, dir: temp.dir, profileId: profile.id, secret };
}

/** Unlocks the profile the way the app does (password + authenticator code); throws if it does not. */
async function open(profile: Profile) {
  const now = tick();
  const vault = new Vault({ dataDir: profile.dir, kdf: fastKdfParams, now: () => now });
  await vault.unlock(profile.profileId, password, new TOTP({ secret: profile.secret }).generate({ timestamp: now }));
  const stores = new RecordStores(vault);
  const sync = new SyncService({ vault, recordStores: stores, now: () => now, deviceName: () => profile.name, engine: crashTuning });
  return {
    sync,
    store: stores.of(profile.profileId),
    db: vault.database(profile.profileId),
    round: () => sync.syncNow(profile.profileId),
    close: () => vault.lockAll('manual'),
  };
}
type Open = Awaited<ReturnType<typeof open>>;

/** Runs the worker on `profile` and kills it at a random moment once it is at work; the acknowledged writes. */
async function killDuring(profile: Profile, mode: string, run: number, maxDelayMs: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/sync/crash-worker.ts'], {
    cwd: repo,
    env: {
      PATH: process.env.PATH ?? '',
      REGIE_CRASH_DIR: profile.dir,
      REGIE_CRASH_PROFILE: profile.profileId,
      REGIE_CRASH_PASSWORD: password,
      REGIE_CRASH_TOTP: profile.secret,
      REGIE_CRASH_NOW: String(tick()),
      REGIE_CRASH_MODE: mode,
      REGIE_CRASH_RUN: String(run),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((done) => child.on('exit', (code, signal) => done(signal ?? code)));
  const started = Date.now();
  while (!stdout.includes('ready\n')) {
    if (child.exitCode !== null || Date.now() - started > 60_000) throw new Error(`worker did not start: ${stderr}`);
    await sleep(20);
  }
  await sleep(Math.random() * maxDelayMs);
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('ack '))
    .map((line) => line.slice(4));
}

/** How many resources of one import are stored: all of them or none. */
function countOf(db: Open['db'], tag: string): number {
  return db.prepare('SELECT count(*) FROM record_source WHERE source_resource_id LIKE ?').pluck().get(`${tag}-%`) as number;
}

function hasResource(db: Open['db'], id: string): boolean {
  return db.prepare('SELECT 1 FROM record_source WHERE source_resource_id = ?').get(id) !== undefined;
}

function expectDerivedMatchesDocument(device: Open): void {
  const before = dumpDerived(device.db);
  device.store.rebuildDerived();
  expect(dumpDerived(device.db)).toEqual(before);
}

async function converge(a: Open, b: Open): Promise<void> {
  for (let i = 0; i < 2; i += 1) {
    for (const device of [a, b]) expect((await device.round()).rejected).toEqual([]);
  }
  expect(dumpDerived(b.db)).toEqual(dumpDerived(a.db));
  expect(b.store.missingBodies()).toEqual([]);
}

async function pairedProfiles(): Promise<[Profile, Profile]> {
  const folder = makeTempDir('regie-crash-folder-');
  temps.push(folder);
  const a = await createProfile('Laptop');
  const b = await createProfile('Desktop');
  const [x, y] = [await open(a), await open(b)];
  x.sync.setFolder(a.profileId, folder.dir);
  y.sync.setFolder(b.profileId, folder.dir);
  const { code } = x.sync.pairCreate(a.profileId);
  await y.sync.pairJoin(b.profileId, code);
  await x.round();
  expect((await y.round()).join).toBe('joined');
  x.close();
  y.close();
  return [a, b];
}

describe('killed at a random moment', () => {
  it('during imports: the profile unlocks, each import is whole or absent, acknowledged ones stay', async () => {
    const profile = await createProfile('Import');
    for (let run = 0; run < runs; run += 1) {
      const acked = await killDuring(profile, 'import', run, 3_000);
      const device = await open(profile);
      for (let i = 0; i <= acked.length; i += 1) {
        const count = countOf(device.db, `${run}-${i}`);
        if (i < acked.length) expect(count).toBe(batchSize);
        else expect([0, batchSize]).toContain(count);
      }
      expectDerivedMatchesDocument(device);
      device.close();
    }
  }, 600_000);

  it('during sync pushes: both devices converge and hold every acknowledged write', async () => {
    const [a, b] = await pairedProfiles();
    const acked: string[] = [];
    for (let run = 0; run < runs; run += 1) {
      acked.push(...(await killDuring(a, 'push', run, 3_000)));
      const [x, y] = [await open(a), await open(b)];
      await converge(x, y);
      for (const tag of acked) {
        expect(countOf(y.db, tag)).toBe(40);
        expect(hasResource(y.db, `own-${tag}`)).toBe(true);
      }
      expectDerivedMatchesDocument(y);
      x.close();
      y.close();
    }
  }, 600_000);

  it('during sync pulls: the next rounds complete and converge', async () => {
    const [a, b] = await pairedProfiles();
    for (let run = 0; run < runs; run += 1) {
      const x = await open(a);
      x.store.importResources({ kind: 'file', label: `pull ${run}.json` }, crashBatch(`p${run}`, 400));
      await x.round();
      x.close();
      await killDuring(b, 'pull', run, 2_500);
      const [again, y] = [await open(a), await open(b)];
      await converge(again, y);
      expect(countOf(y.db, `p${run}`)).toBe(400);
      expectDerivedMatchesDocument(y);
      again.close();
      y.close();
    }
  }, 600_000);

  it('during compaction: the next rounds converge, and a device paired afterwards gets everything', async () => {
    const [a, b] = await pairedProfiles();
    const acked: string[] = [];
    for (let run = 0; run < runs; run += 1) {
      acked.push(...(await killDuring(a, 'compact', run, 3_000)));
      const [x, y] = [await open(a), await open(b)];
      await converge(x, y);
      for (const tag of acked) expect(hasResource(y.db, `own-${tag}`)).toBe(true);
      x.close();
      y.close();
    }
    const c = await createProfile('Later');
    const [x, z] = [await open(a), await open(c)];
    z.sync.setFolder(c.profileId, x.sync.status(a.profileId).folder!);
    const { code } = x.sync.pairCreate(a.profileId);
    await z.sync.pairJoin(c.profileId, code);
    await x.round();
    expect((await z.round()).join).toBe('joined');
    await converge(x, z);
    x.close();
    z.close();
  }, 600_000);
});

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
