import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Vault } from '../../src-main/vault/vault';
import type { LockReason } from '../../src-preload/contract/api';
import {
  codeAt,
  createProfile,
  expectRegieError,
  makeTempDir,
  makeVault,
  otherStrongPassword,
  strongPassword,
  TestClock,
  wrongCodeAt,
} from './helpers';

describe('Vault: unlocking, backoff, password change, recovery', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let clock: TestClock;
  let vault: Vault;

  beforeEach(() => {
    temp = makeTempDir();
    clock = new TestClock();
    vault = makeVault(temp.dir, clock);
  });
  afterEach(() => {
    vi.useRealTimers();
    vault.lockAll('manual');
    temp.remove();
  });

  async function lockedProfile(label = 'Anna') {
    const created = await createProfile(vault, clock, label);
    vault.lock(created.id, 'manual');
    clock.nextStep();
    return created;
  }

  it('unlocks with password and current code', async () => {
    const { id, secret } = await lockedProfile();
    const profile = await vault.unlock(id, strongPassword, codeAt(secret, clock.time));
    expect(profile).toMatchObject({ id, label: 'Anna', unlocked: true });
    expect(vault.isUnlocked(id)).toBe(true);
    expect(vault.database(id).prepare('SELECT count(*) AS n FROM meta').get()).toEqual({ n: 2 });
  });

  it('refuses a wrong password, a wrong code and a reused code', async () => {
    const { id, secret } = await lockedProfile();
    await expectRegieError(vault.unlock(id, otherStrongPassword, codeAt(secret, clock.time)), 'wrong-credentials');
    await expectRegieError(vault.unlock(id, strongPassword, wrongCodeAt(secret, clock.time)), 'wrong-credentials');
    expect(vault.isUnlocked(id)).toBe(false);
    const code = codeAt(secret, clock.time);
    await vault.unlock(id, strongPassword, code);
    vault.lock(id, 'manual');
    await expectRegieError(vault.unlock(id, strongPassword, code), 'wrong-credentials');
    // The code from the creation step is older still.
    await expectRegieError(vault.unlock(id, strongPassword, codeAt(secret, clock.time - 30_000)), 'wrong-credentials');
    expect(vault.isUnlocked(id)).toBe(false);
    await expectRegieError(vault.unlock('b'.repeat(26), strongPassword, code), 'profile-not-found');
    await expectRegieError(vault.unlock('../../x', strongPassword, code), 'profile-not-found');
  });

  it('re-checks both factors when already unlocked', async () => {
    const { id, secret } = await createProfile(vault, clock);
    clock.nextStep();
    await expectRegieError(vault.unlock(id, otherStrongPassword, codeAt(secret, clock.time)), 'wrong-credentials');
    await expectRegieError(vault.unlock(id, strongPassword, wrongCodeAt(secret, clock.time)), 'wrong-credentials');
    expect(vault.isUnlocked(id)).toBe(true);
    await expect(vault.unlock(id, strongPassword, codeAt(secret, clock.time))).resolves.toMatchObject({ unlocked: true });
  });

  it('backs off after five failures, without running Argon2, and remembers it across restarts', async () => {
    const { id, secret } = await lockedProfile();
    for (let i = 0; i < 5; i++) await expectRegieError(vault.unlock(id, otherStrongPassword, '123456'), 'wrong-credentials');
    const throttled = await expectRegieError(vault.unlock(id, strongPassword, codeAt(secret, clock.time)), 'throttled');
    expect(throttled.params).toEqual({ seconds: 5 });

    clock.advance(5_000);
    await expectRegieError(vault.unlock(id, strongPassword, wrongCodeAt(secret, clock.time)), 'wrong-credentials');
    // Sixth failure: 10 s, and a fresh Vault on the same folder (an app restart) still knows.
    vault = makeVault(temp.dir, clock); // afterEach locks whatever this one opens
    const restarted = vault;
    expect((await expectRegieError(restarted.unlock(id, strongPassword, codeAt(secret, clock.time)), 'throttled')).params).toEqual({
      seconds: 10,
    });
    clock.advance(9_000);
    expect((await expectRegieError(restarted.unlock(id, strongPassword, codeAt(secret, clock.time)), 'throttled')).params).toEqual({
      seconds: 1,
    });
    clock.advance(1_000);
    await expectRegieError(restarted.unlock(id, otherStrongPassword, '123456'), 'wrong-credentials');
    expect((await expectRegieError(restarted.unlock(id, strongPassword, '123456'), 'throttled')).params).toEqual({ seconds: 20 });

    // While throttled, even the right factors are not evaluated.
    clock.advance(20_000);
    clock.nextStep();
    await restarted.unlock(id, strongPassword, codeAt(secret, clock.time));
    restarted.lockAll('manual');
    // Success resets the counter: five fresh free attempts.
    for (let i = 0; i < 5; i++) await expectRegieError(restarted.unlock(id, otherStrongPassword, '123456'), 'wrong-credentials');
    await expectRegieError(restarted.unlock(id, otherStrongPassword, '123456'), 'throttled');
  });

  it('changes the password, keeping the data; the old password stops working', async () => {
    const { id, secret } = await createProfile(vault, clock);
    vault.database(id).prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('kept', '"ja"');
    vault.setSettings(id, { autoLockMinutes: 30 });
    clock.nextStep();
    await expectRegieError(vault.changePassword(id, otherStrongPassword, codeAt(secret, clock.time), otherStrongPassword), 'wrong-credentials');
    await expectRegieError(vault.changePassword(id, strongPassword, wrongCodeAt(secret, clock.time), otherStrongPassword), 'wrong-credentials');
    await expectRegieError(vault.changePassword(id, strongPassword, codeAt(secret, clock.time), 'zwak'), 'weak-password');
    const code = codeAt(secret, clock.time);
    await vault.changePassword(id, strongPassword, code, otherStrongPassword);
    await expectRegieError(vault.changePassword(id, otherStrongPassword, code, strongPassword), 'wrong-credentials');
    vault.lock(id, 'manual');
    clock.nextStep();
    await expectRegieError(vault.unlock(id, strongPassword, codeAt(secret, clock.time)), 'wrong-credentials');
    await vault.unlock(id, otherStrongPassword, codeAt(secret, clock.time));
    expect(vault.database(id).prepare("SELECT value FROM settings WHERE key = 'kept'").get()).toEqual({ value: '"ja"' });
    expect(vault.getSettings(id)).toEqual({ autoLockMinutes: 30 });
    vault.lock(id, 'manual');
    // The CLI changes a password on a locked profile: both factors are still required, and it stays locked.
    await expectRegieError(vault.changePassword(id, otherStrongPassword, wrongCodeAt(secret, clock.time), strongPassword), 'wrong-credentials');
    clock.nextStep();
    await vault.changePassword(id, otherStrongPassword, codeAt(secret, clock.time), strongPassword);
    expect(vault.isUnlocked(id)).toBe(false);
    clock.nextStep();
    await vault.unlock(id, strongPassword, codeAt(secret, clock.time));
    expect(vault.getSettings(id)).toEqual({ autoLockMinutes: 30 });
  });

  it('recovers with the recovery code: new password and authenticator, new recovery code, data kept', async () => {
    const { id, secret: oldSecret, recoveryCode } = await createProfile(vault, clock);
    vault.database(id).prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('kept', '"ja"');
    vault.lock(id, 'manual');

    await expectRegieError(vault.beginRecovery(id, 'ABCD-EFGH', otherStrongPassword), 'wrong-recovery-code');
    const wrongButWellFormed = recoveryCode.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    await expectRegieError(vault.beginRecovery(id, wrongButWellFormed, otherStrongPassword), 'wrong-recovery-code');
    await expectRegieError(vault.beginRecovery(id, recoveryCode, 'zwak'), 'weak-password');

    // Typed sloppily: lowercase, spaces instead of dashes.
    const enrollment = await vault.beginRecovery(id, recoveryCode.toLowerCase().replaceAll('-', ' '), otherStrongPassword);
    expect(enrollment.secret).not.toBe(oldSecret);
    expect(vault.isUnlocked(id)).toBe(false);
    await expectRegieError(vault.completeRecovery(enrollment.enrollmentId, codeAt(oldSecret, clock.time)), 'wrong-code');
    const recovered = await vault.completeRecovery(enrollment.enrollmentId, codeAt(enrollment.secret, clock.time));
    expect(recovered.profile).toMatchObject({ id, unlocked: true });
    expect(recovered.recoveryCode).not.toBe(recoveryCode);
    expect(vault.database(id).prepare("SELECT value FROM settings WHERE key = 'kept'").get()).toEqual({ value: '"ja"' });
    vault.lock(id, 'manual');

    clock.nextStep();
    await expectRegieError(vault.unlock(id, strongPassword, codeAt(enrollment.secret, clock.time)), 'wrong-credentials');
    await expectRegieError(vault.unlock(id, otherStrongPassword, codeAt(oldSecret, clock.time)), 'wrong-credentials');
    await vault.unlock(id, otherStrongPassword, codeAt(enrollment.secret, clock.time));
    vault.lock(id, 'manual');

    await expectRegieError(vault.beginRecovery(id, recoveryCode, strongPassword), 'wrong-recovery-code');
    await expect(vault.beginRecovery(id, recovered.recoveryCode, strongPassword)).resolves.toHaveProperty('enrollmentId');
  });

  it('throttles recovery-code guessing too', async () => {
    const { id, recoveryCode } = await lockedProfile();
    const wrong = recoveryCode.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    for (let i = 0; i < 5; i++) await expectRegieError(vault.beginRecovery(id, wrong, otherStrongPassword), 'wrong-recovery-code');
    await expectRegieError(vault.beginRecovery(id, recoveryCode, otherStrongPassword), 'throttled');
  });

  describe('idle auto-lock', () => {
    it('locks after the idle time and reports "idle"', async () => {
      const quick = makeVault(join(temp.dir, 'quick'), clock, { idleLockMsOverride: 40 });
      const locked = new Promise<LockReason>((resolve) => quick.onLocked((_, why) => resolve(why)));
      const { id } = await createProfile(quick, clock);
      expect(quick.isUnlocked(id)).toBe(true);
      expect(await locked).toBe('idle');
      expect(quick.isUnlocked(id)).toBe(false);
    });

    it('restarts on activity and follows the auto-lock setting', async () => {
      const { id } = await createProfile(vault, clock);
      const reasons: LockReason[] = [];
      vault.onLocked((_, reason) => reasons.push(reason));
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      vault.touch(id); // re-arm under fake timers; default 5 minutes
      vi.advanceTimersByTime(4 * 60_000);
      vault.touch(id); // activity
      vi.advanceTimersByTime(4 * 60_000);
      vault.touch(id);
      vi.advanceTimersByTime(4 * 60_000);
      expect(vault.isUnlocked(id)).toBe(true);
      vault.setSettings(id, { autoLockMinutes: 1 });
      vi.advanceTimersByTime(59_000);
      expect(vault.isUnlocked(id)).toBe(true);
      vi.advanceTimersByTime(1_000);
      expect(vault.isUnlocked(id)).toBe(false);
      expect(reasons).toEqual(['idle']);
    });

    it('is not kept open by using the database (background work)', async () => {
      const { id } = await createProfile(vault, clock);
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      vault.touch(id); // re-arm under fake timers; default 5 minutes
      for (let round = 0; round < 9; round++) {
        vi.advanceTimersByTime(30_000);
        vault.database(id); // a sync round every 30 s
      }
      vi.advanceTimersByTime(30_000);
      expect(vault.isUnlocked(id)).toBe(false);
    });
  });
});
