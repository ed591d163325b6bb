/**
 * Issue 9.2: background work (sync rounds, status polling) must not keep a profile open; only a
 * person's actions count as activity. Through the real core with a real sync folder.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TOTP, URI } from 'otpauth';
import { createCore, type Core } from '../../src-main/core/create-core';
import { fastKdfParams } from '../../src-main/vault/kdf';
import { makeTempDir } from '../helpers/temp-dir';

const idleMs = 600;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('auto-lock with background work', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  let profileId: string;
  let totp: TOTP;
  const password = 'paarse-olifant-danst-op-zolder';
  const internalErrors = vi.spyOn(console, 'error');

  beforeEach(async () => {
    temp = makeTempDir();
    core = createCore({ dataDir: `${temp.dir}/data`, host: 'browser', kdf: fastKdfParams, idleLockMsOverride: idleMs });
    const begun = await core.call('profiles.beginCreate', { label: 'Opa', password });
    if (!begun.ok) throw new Error(begun.error.code);
    totp = URI.parse(begun.value.otpauthUri) as TOTP;
    // The previous 30-second step (still accepted), so the current one is left for the unlock below.
    const code = totp.generate({ timestamp: Date.now() - 30_000 });
    const created = await core.call('profiles.completeCreate', { enrollmentId: begun.value.enrollmentId, code });
    if (!created.ok) throw new Error(created.error.code);
    profileId = created.value.profile.id;
    const folder = await core.call('sync.setFolder', { profileId, folder: temp.dir });
    if (!folder.ok) throw new Error(folder.error.code);
    internalErrors.mockClear();
  });
  afterEach(() => {
    core.shutdown();
    temp.remove();
  });

  it('locks on time although sync rounds and status polls keep running', async () => {
    const locks: string[] = [];
    core.onEvent((message) => {
      if (message.event === 'profile.locked') locks.push((message.payload as { reason: string }).reason);
    });
    const started = Date.now();
    let lockedAfter: number | null = null;
    const codes = new Set<string>();
    while (Date.now() - started < idleMs * 4) {
      const round = await core.call('sync.syncNow', { profileId });
      const status = await core.call('sync.status', { profileId });
      await core.call('records.overview', { profileId });
      if (!round.ok) codes.add(round.error.code);
      if (!status.ok) codes.add(status.error.code);
      if (!round.ok && lockedAfter === null) lockedAfter = Date.now() - started;
      await sleep(50);
    }
    expect(locks).toEqual(['idle']);
    expect(lockedAfter).not.toBeNull();
    expect(lockedAfter!).toBeLessThan(idleMs * 3);
    expect([...codes]).toEqual(['profile-locked']);
    // Background work stopped cleanly: refused as locked, no internal error.
    expect(internalErrors).not.toHaveBeenCalled();
  });

  it('counts what the person does, and sync resumes after the next unlock', async () => {
    const started = Date.now();
    while (Date.now() - started < idleMs * 2) {
      await core.call('auth.activity', { profileId });
      await sleep(100);
    }
    expect((await core.call('sync.syncNow', { profileId })).ok).toBe(true);
    await sleep(idleMs * 2);
    expect((await core.call('sync.syncNow', { profileId })).ok).toBe(false);
    const unlocked = await core.call('auth.unlock', { profileId, password, code: totp.generate() });
    expect(unlocked.ok).toBe(true);
    expect((await core.call('sync.syncNow', { profileId })).ok).toBe(true);
  });
});
