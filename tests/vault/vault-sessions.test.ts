import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Vault } from '../../src-main/vault/vault';
import {
  codeAt,
  createProfile,
  expectRegieError,
  makeTempDir,
  makeVault,
  otherStrongPassword,
  strongPassword,
  TestClock,
} from './helpers';

describe('Vault: CLI sessions', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let clock: TestClock;
  let vault: Vault;
  const idleMs = 10 * 60_000;

  beforeEach(() => {
    temp = makeTempDir();
    clock = new TestClock();
    vault = makeVault(temp.dir, clock);
  });
  const processes: Vault[] = [];
  afterEach(() => {
    for (const other of processes.splice(0)) other.lockAll('manual');
    vault.lockAll('manual');
    temp.remove();
  });

  /** Each CLI command runs in a fresh process: a fresh Vault on the same folder. */
  const nextProcess = () => {
    const other = makeVault(temp.dir, clock);
    processes.push(other);
    return other;
  };

  async function sessionFor(label: string) {
    const created = await createProfile(vault, clock, label);
    vault.lock(created.id, 'manual');
    clock.nextStep();
    const { profile, token } = await vault.unlockForSession(
      label.toUpperCase(),
      strongPassword,
      codeAt(created.secret, clock.time),
      idleMs,
    );
    expect(profile.id).toBe(created.id);
    return { ...created, token };
  }

  it('opens a profile from its token in another process, without factors', async () => {
    const { id, token } = await sessionFor('Anna');
    vault.database(id).prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('seen', '1');
    const cli = nextProcess();
    expect(cli.isUnlocked(id)).toBe(false);
    expect(cli.openWithSession(token)).toMatchObject({ id, label: 'Anna', unlocked: true });
    expect(cli.database(id).prepare("SELECT value FROM settings WHERE key = 'seen'").get()).toEqual({ value: '1' });
  });

  it('is ended by `regie lock`, a password change and recovery', async () => {
    const { id, secret, token, recoveryCode } = await sessionFor('Anna');
    vault.endSessions(id);
    await expectRegieError(() => nextProcess().openWithSession(token), 'session-invalid');

    clock.nextStep();
    const second = (await vault.unlockForSession(id, strongPassword, codeAt(secret, clock.time), idleMs)).token;
    clock.nextStep();
    await vault.changePassword(id, strongPassword, codeAt(secret, clock.time), otherStrongPassword);
    await expectRegieError(() => nextProcess().openWithSession(second), 'session-invalid');

    clock.nextStep();
    const third = (await vault.unlockForSession(id, otherStrongPassword, codeAt(secret, clock.time), idleMs)).token;
    vault.lock(id, 'manual');
    const enrollment = await vault.beginRecovery(id, recoveryCode, strongPassword);
    await vault.completeRecovery(enrollment.enrollmentId, codeAt(enrollment.secret, clock.time));
    await expectRegieError(() => nextProcess().openWithSession(third), 'session-invalid');
  });

  it('expires after its idle time, and use keeps it alive', async () => {
    const { token } = await sessionFor('Anna');
    clock.advance(idleMs - 1_000);
    expect(nextProcess().openWithSession(token).unlocked).toBe(true);
    clock.advance(idleMs - 1_000);
    expect(nextProcess().openWithSession(token).unlocked).toBe(true);
    clock.advance(idleMs + 1);
    await expectRegieError(() => nextProcess().openWithSession(token), 'session-invalid');
  });

  it('refuses tampered tokens and tokens moved to another profile', async () => {
    const anna = await sessionFor('Anna');
    const bert = await sessionFor('Bert');
    const [, annaSession, annaKey] = anna.token.split('.') as [string, string, string];
    const [, bertSession] = bert.token.split('.') as [string, string, string];
    const flippedKey = (annaKey[0] === 'A' ? 'B' : 'A') + annaKey.slice(1);
    for (const bad of [
      `${bert.id}.${annaSession}.${annaKey}`,
      `${anna.id}.${bertSession}.${annaKey}`,
      `${anna.id}.${annaSession}.${flippedKey}`,
      `${anna.id}.${annaSession}`,
      'garbage',
    ]) {
      await expectRegieError(() => nextProcess().openWithSession(bad), 'session-invalid');
    }
    expect(nextProcess().openWithSession(anna.token).id).toBe(anna.id);
  });

  it('needs a unique label or the profile id', async () => {
    const first = await createProfile(vault, clock, 'Anna');
    clock.nextStep();
    await createProfile(vault, clock, 'anna');
    vault.lockAll('manual');
    clock.nextStep();
    await expectRegieError(vault.unlockForSession('ANNA', strongPassword, codeAt(first.secret, clock.time), idleMs), 'invalid-request');
    await expectRegieError(vault.unlockForSession('Carla', strongPassword, codeAt(first.secret, clock.time), idleMs), 'profile-not-found');
    const { token } = await vault.unlockForSession(first.id, strongPassword, codeAt(first.secret, clock.time), idleMs);
    expect(token.startsWith(`${first.id}.`)).toBe(true);
  });

  it('is refused after the profile is deleted', async () => {
    const { id, token } = await sessionFor('Anna');
    vault.delete(id, 'anna');
    await expectRegieError(() => nextProcess().openWithSession(token), 'session-invalid');
  });
});
