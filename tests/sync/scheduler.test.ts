/**
 * Sync in the core (issue 11.5): the scheduler runs rounds by itself — after a local change, on an
 * interval, on wake — for every unlocked profile with a folder; real profiles and a real folder,
 * fake timers. Through createCore: rounds are no activity, stop on lock and resume after unlock.
 */
import { TOTP, URI } from 'otpauth';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventMessage, Events } from '../../src-preload/contract/api';
import { createCore } from '../../src-main/core/create-core';
import { SyncScheduler, type SyncRoundEvent } from '../../src-main/sync/scheduler';
import { fastKdfParams } from '../../src-main/vault/kdf';
import { glucose, gp, received } from '../records/helpers';
import { makeTempDir } from '../helpers/temp-dir';
import { type Device, twoPairedDevices } from './helpers';

const cleanup: Array<() => void> = [];
afterEach(() => {
  vi.useRealTimers();
  for (const remove of cleanup.splice(0).reverse()) remove();
});

function scheduler(device: Device, rounds: SyncRoundEvent[]): SyncScheduler {
  const scheduler = new SyncScheduler({
    vault: device.vault,
    recordStores: device.recordStores,
    sync: device.sync,
    intervalMs: 60_000,
    afterChangeMs: 2_000,
    onRound: (event) => rounds.push(event),
  });
  scheduler.start();
  cleanup.push(() => scheduler.stop());
  return scheduler;
}

describe('the sync scheduler', () => {
  it('syncs a change shortly after it is made, the other device on its interval, and both on wake', async () => {
    const [a, b] = await twoPairedDevices(cleanup);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const atA: SyncRoundEvent[] = [];
    const atB: SyncRoundEvent[] = [];
    const schedulerA = scheduler(a, atA);
    scheduler(b, atB);
    expect(schedulerA.profiles()).toEqual([a.profileId]);
    // The first round after starting: nothing new anywhere.
    await vi.advanceTimersByTimeAsync(2_000);
    expect(atA).toHaveLength(1);
    expect(atB).toHaveLength(1);

    // A burst of local changes: one round, 2 s after the last.
    a.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12'))]);
    await vi.advanceTimersByTimeAsync(1_000);
    a.store.importResources(gp, [received(glucose('g2', 6.1, '2024-03-13'))]);
    await vi.advanceTimersByTimeAsync(1_900);
    expect(atA).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(atA).toHaveLength(2);
    expect(atA[1]!.counts!.pushed.updates + atA[1]!.counts!.pushed.snapshots).toBe(1);
    expect(b.store.list().total).toBe(0);

    // B has no change of its own: its interval brings the records in.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(atB.at(-1)).toMatchObject({ error: null });
    expect(atB.at(-1)!.counts!.pulled.bodies).toBeGreaterThan(0);
    expect(b.store.list().total).toBe(2);

    // What a round brings in is no local change: B does not answer it with a round of its own.
    const roundsAtB = atB.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(atB).toHaveLength(roundsAtB);

    // Waking: a round at once, not at the next interval.
    b.store.importResources(gp, [received(glucose('g3', 7.0, '2024-03-14'))]);
    await vi.advanceTimersByTimeAsync(2_000);
    schedulerA.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(a.store.list().total).toBe(3);
  });

  it('skips a profile without a folder and stops with its lock', async () => {
    const [a] = await twoPairedDevices(cleanup);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    a.sync.setFolder(a.profileId, null);
    const rounds: SyncRoundEvent[] = [];
    const s = scheduler(a, rounds);
    await vi.advanceTimersByTimeAsync(130_000);
    expect(rounds).toEqual([]);
    a.vault.lock(a.profileId, 'manual');
    expect(s.profiles()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('background sync in the core', () => {
  it('runs without any window, is no activity, stops on lock and starts again after unlocking', async () => {
    const temp = makeTempDir();
    cleanup.push(temp.remove);
    const idleMs = 1_500;
    const core = createCore({
      dataDir: `${temp.dir}/data`,
      host: 'browser',
      kdf: fastKdfParams,
      idleLockMsOverride: idleMs,
      backgroundSync: { intervalMs: 100, afterChangeMs: 20 },
    });
    cleanup.push(() => core.shutdown());
    const events: EventMessage[] = [];
    core.onEvent((message) => events.push(message));
    const password = 'paarse-olifant-danst-op-zolder';
    const begun = await core.call('profiles.beginCreate', { label: 'Opa', password });
    if (!begun.ok) throw new Error(begun.error.code);
    const totp = URI.parse(begun.value.otpauthUri) as TOTP;
    const created = await core.call('profiles.completeCreate', { enrollmentId: begun.value.enrollmentId, code: totp.generate({ timestamp: Date.now() - 30_000 }) });
    if (!created.ok) throw new Error(created.error.code);
    const profileId = created.value.profile.id;
    expect((await core.call('sync.setFolder', { profileId, folder: temp.dir })).ok).toBe(true);

    const rounds = () => events.filter((e) => e.event === 'sync.round').map((e) => e.payload as Events['sync.round']);
    await until(() => events.some((e) => e.event === 'profile.locked'), idleMs * 3);
    const beforeLock = rounds().length;
    // Several rounds ran, none of them failed, and none kept the profile open.
    expect(beforeLock).toBeGreaterThan(3);
    expect(rounds().every((r) => r.profileId === profileId && r.error === null)).toBe(true);
    expect(events.find((e) => e.event === 'profile.locked')!.payload).toMatchObject({ reason: 'idle' });
    await sleep(400);
    expect(rounds().length).toBe(beforeLock);
    expect(core.backgroundSync!.profiles()).toEqual([]);

    expect((await core.call('auth.unlock', { profileId, password, code: totp.generate() })).ok).toBe(true);
    await until(() => rounds().length > beforeLock + 1, 3_000);
    expect(rounds().slice(beforeLock).every((r) => r.error === null)).toBe(true);
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await sleep(20);
  }
}
