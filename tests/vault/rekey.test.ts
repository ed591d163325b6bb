/**
 * Issue 9.8: changing the password (optionally) and recovery renew the data key, so an old vault.json
 * from a backup plus the old password no longer opens today's database; a renewal cut off half-way is
 * finished or dropped at the next unlock.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveKey } from '../../src-main/vault/kdf';
import { unwrapKey } from '../../src-main/vault/key-wrap';
import { openProfileDatabase } from '../../src-main/vault/database';
import { rekeyDatabase } from '../../src-main/vault/rekey';
import type { VaultHeader } from '../../src-main/vault/header';
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

describe('renewing the data key', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let clock: TestClock;
  let vault: Vault;
  beforeEach(() => {
    temp = makeTempDir();
    clock = new TestClock();
    vault = makeVault(temp.dir, clock);
  });
  afterEach(() => {
    vault.lockAll('manual');
    temp.remove();
  });

  const dirOf = (id: string) => join(temp.dir, 'profiles', id);
  const headerOf = (id: string) => JSON.parse(readFileSync(join(dirOf(id), 'vault.json'), 'utf8')) as VaultHeader;

  /** The data key an attacker gets from a header and a password (what Regie's own unlock does first). */
  async function keyFrom(header: VaultHeader, password: string): Promise<Buffer | null> {
    const kek = await deriveKey(password, Buffer.from(header.slots.password.salt, 'base64'), header.kdf);
    return unwrapKey(header.slots.password.wrapped, kek, { profileId: header.profileId, slot: 'password' });
  }

  function opens(id: string, key: Buffer): boolean {
    try {
      openProfileDatabase(join(dirOf(id), 'profile.db'), key).close();
      return true;
    } catch {
      return false;
    }
  }

  it('without renewal, an old header and the old password still open the database (the finding)', async () => {
    const { id, secret } = await createProfile(vault, clock);
    const backup = headerOf(id);
    clock.nextStep();
    await vault.changePassword(id, strongPassword, codeAt(secret, clock.time), otherStrongPassword);
    expect(opens(id, (await keyFrom(backup, strongPassword))!)).toBe(true);
  });

  it('with renewal, the old header and password open nothing; the new password and recovery code work, data kept', async () => {
    const { id, secret } = await createProfile(vault, clock);
    vault.database(id).prepare("INSERT INTO meta (key, value) VALUES ('test.marker', 'bewaard')").run();
    const backup = headerOf(id);
    clock.nextStep();
    const { recoveryCode } = await vault.changePassword(id, strongPassword, codeAt(secret, clock.time), otherStrongPassword, { renewKey: true });
    expect(recoveryCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    // Still open in this process, with the new key.
    expect(vault.database(id).prepare("SELECT value FROM meta WHERE key = 'test.marker'").pluck().get()).toBe('bewaard');
    vault.lock(id, 'manual');
    expect(opens(id, (await keyFrom(backup, strongPassword))!)).toBe(false);
    expect(headerOf(id).pending).toBeUndefined();
    clock.nextStep();
    await expect(vault.unlock(id, otherStrongPassword, codeAt(secret, clock.time))).resolves.toMatchObject({ id });
    vault.lock(id, 'manual');
    await expect(vault.beginRecovery(id, recoveryCode!, strongPassword)).resolves.toHaveProperty('enrollmentId');
  });

  it('renews the key on recovery', async () => {
    const { id, recoveryCode } = await createProfile(vault, clock);
    vault.lockAll('manual');
    const backup = headerOf(id);
    const enrollment = await vault.beginRecovery(id, recoveryCode, otherStrongPassword);
    clock.nextStep();
    await vault.completeRecovery(enrollment.enrollmentId, codeAt(enrollment.secret, clock.time));
    vault.lockAll('manual');
    expect(opens(id, (await keyFrom(backup, strongPassword))!)).toBe(false);
    clock.nextStep();
    await expect(vault.unlock(id, otherStrongPassword, codeAt(enrollment.secret, clock.time))).resolves.toMatchObject({ id });
  });

  it('refuses to renew while another process holds the profile, and changes nothing', async () => {
    const { id, secret } = await createProfile(vault, clock);
    const oldKey = (await keyFrom(headerOf(id), strongPassword))!;
    const other = openProfileDatabase(join(dirOf(id), 'profile.db'), oldKey);
    try {
      other.prepare('SELECT count(*) FROM meta').get();
      clock.nextStep();
      await expectRegieError(
        vault.changePassword(id, strongPassword, codeAt(secret, clock.time), otherStrongPassword, { renewKey: true }),
        'profile-in-use',
      );
    } finally {
      other.close();
    }
    expect(headerOf(id).pending).toBeUndefined();
    expect(opens(id, oldKey)).toBe(true);
    vault.lock(id, 'manual');
    clock.nextStep();
    await expect(vault.unlock(id, strongPassword, codeAt(secret, clock.time))).resolves.toMatchObject({ id });
  });

  describe('after a crash between re-encrypting and writing the header', () => {
    /** Leaves the profile as a crash right after re-encryption would: header with `pending`, database under the new key. */
    async function crashAfterRekey(id: string, secret: string, rekeyed: boolean) {
      const copy = join(temp.dir, 'vault.json.before');
      const db = join(dirOf(id), 'profile.db');
      copyFileSync(join(dirOf(id), 'vault.json'), copy);
      const before = headerOf(id);
      clock.nextStep();
      await vault.changePassword(id, strongPassword, codeAt(secret, clock.time), otherStrongPassword, { renewKey: true });
      vault.lockAll('manual');
      const after = headerOf(id);
      const newKey = (await keyFrom(after, otherStrongPassword))!;
      // The header as it was between the two steps: old slots plus the pending renewal.
      const oldKey = (await keyFrom(before, strongPassword))!;
      const { wrapKey } = await import('../../src-main/vault/key-wrap');
      writeFileSync(
        join(dirOf(id), 'vault.json'),
        JSON.stringify({ ...before, pending: { ...after.slots, previous: wrapKey(oldKey, newKey, { profileId: id, slot: 'previous' }) } }),
      );
      if (!rekeyed) {
        const handle = openProfileDatabase(db, newKey);
        rekeyDatabase(handle, oldKey);
        handle.close();
      }
      return { oldKey, newKey };
    }

    it('finishes with the new password', async () => {
      const { id, secret } = await createProfile(vault, clock);
      vault.lockAll('manual');
      const { oldKey } = await crashAfterRekey(id, secret, true);
      clock.nextStep();
      await expect(vault.unlock(id, otherStrongPassword, codeAt(secret, clock.time))).resolves.toMatchObject({ id });
      expect(headerOf(id).pending).toBeUndefined();
      expect(opens(id, oldKey)).toBe(false);
    });

    it('finishes re-encrypting when it had not happened yet, with the new password', async () => {
      const { id, secret } = await createProfile(vault, clock);
      vault.lockAll('manual');
      const { oldKey, newKey } = await crashAfterRekey(id, secret, false);
      expect(opens(id, oldKey)).toBe(true);
      clock.nextStep();
      await expect(vault.unlock(id, otherStrongPassword, codeAt(secret, clock.time))).resolves.toMatchObject({ id });
      vault.lockAll('manual');
      expect(opens(id, newKey)).toBe(true);
      expect(opens(id, oldKey)).toBe(false);
    });

    it('drops the renewal when it never happened and the old password is used', async () => {
      const { id, secret } = await createProfile(vault, clock);
      vault.lockAll('manual');
      await crashAfterRekey(id, secret, false);
      clock.nextStep();
      await expect(vault.unlock(id, strongPassword, codeAt(secret, clock.time))).resolves.toMatchObject({ id });
      expect(headerOf(id).pending).toBeUndefined();
    });

    it('refuses the old password once the database was re-encrypted', async () => {
      const { id, secret } = await createProfile(vault, clock);
      vault.lockAll('manual');
      await crashAfterRekey(id, secret, true);
      clock.nextStep();
      await expectRegieError(vault.unlock(id, strongPassword, codeAt(secret, clock.time)), 'wrong-credentials');
    });
  });
});
