import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import DatabaseConstructor from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProfileDatabase } from '../../src-main/vault/database';
import { readHeader } from '../../src-main/vault/header';
import { deriveKey } from '../../src-main/vault/kdf';
import { unwrapKey } from '../../src-main/vault/key-wrap';
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

describe('Vault: creating, storing, locking, deleting', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let clock: TestClock;
  let vault: Vault;
  let locks: [string, LockReason][];
  const profileDir = (id: string) => join(temp.dir, 'profiles', id);

  beforeEach(() => {
    temp = makeTempDir();
    clock = new TestClock();
    vault = makeVault(temp.dir, clock);
    locks = [];
    vault.onLocked((id, reason) => locks.push([id, reason]));
  });
  afterEach(() => {
    vault.lockAll('manual');
    temp.remove();
  });

  async function unlock(id: string, secret: string, password = strongPassword) {
    clock.nextStep();
    return vault.unlock(id, password, codeAt(secret, clock.time));
  }

  it('creates an unlocked profile in a folder named by a random id', async () => {
    const enrollment = await vault.beginCreate('  Anna de Vries ', strongPassword);
    expect(enrollment.otpauthUri).toContain('issuer=Regie');
    expect(enrollment.otpauthUri).toContain(`secret=${enrollment.secret}`);
    expect(Date.parse(enrollment.expiresAt) - clock.time).toBe(15 * 60_000);
    const { profile, recoveryCode } = await vault.completeCreate(enrollment.enrollmentId, {
      code: codeAt(enrollment.secret, clock.time),
    });
    expect(profile).toMatchObject({ label: 'Anna de Vries', unlocked: true });
    expect(profile.id).toMatch(/^[a-z0-9]{26}$/);
    expect(recoveryCode).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(vault.list()).toEqual([profile]);
    expect(readdirSync(join(temp.dir, 'profiles'))).toEqual([profile.id]);
    const files = readdirSync(profileDir(profile.id));
    expect(files).toContain('vault.json');
    expect(files).toContain('profile.db');
    expect(files.join(' ')).not.toMatch(/anna/i);
    // The enrollment is used up.
    await expectRegieError(vault.completeCreate(enrollment.enrollmentId, { code: codeAt(enrollment.secret, clock.time) }), 'enrollment-expired');
  });

  it('keeps the enrollment after a wrong code and lets it expire after 15 minutes', async () => {
    const enrollment = await vault.beginCreate('Anna', strongPassword);
    await expectRegieError(vault.completeCreate(enrollment.enrollmentId, { code: wrongCodeAt(enrollment.secret, clock.time) }), 'wrong-code');
    await expectRegieError(vault.completeCreate(enrollment.enrollmentId, { code: 'abc' }), 'wrong-code');
    expect(existsSync(join(temp.dir, 'profiles'))).toBe(false);
    const created = await vault.completeCreate(enrollment.enrollmentId, { code: codeAt(enrollment.secret, clock.time) });
    expect(created.profile.unlocked).toBe(true);

    const late = await vault.beginCreate('Bert', strongPassword);
    clock.advance(15 * 60_000);
    await expectRegieError(vault.completeCreate(late.enrollmentId, { code: codeAt(late.secret, clock.time) }), 'enrollment-expired');
    await expectRegieError(vault.completeCreate('no-such-enrollment', { unconfirmed: true }), 'enrollment-expired');
  });

  it('validates the label', async () => {
    for (const label of ['', '   ', 'x'.repeat(61), 'Anna\nBert', 'Anna\u0007', 'tab\there']) {
      await expectRegieError(vault.beginCreate(label, strongPassword), 'invalid-label');
    }
    await expect(vault.beginCreate(` ${'é'.repeat(60)} `, strongPassword)).resolves.toBeTruthy();
  });

  it('refuses a weak password with a localized reason', async () => {
    const short = await expectRegieError(vault.beginCreate('Anna', 'kort'), 'weak-password');
    expect(short.detail).toBe('Gebruik minstens 10 tekens.');
    await expectRegieError(vault.beginCreate('Anna', 'wachtwoord1'), 'weak-password');
    const english = makeVault(temp.dir, clock, { language: () => 'en' });
    expect((await expectRegieError(english.beginCreate('Anna', 'short'), 'weak-password')).detail).toBe(
      'Use at least 10 characters.',
    );
  });

  it('leaves no partial profile when creation fails', async () => {
    const enrollment = await vault.beginCreate('Anna', strongPassword);
    writeFileSync(join(temp.dir, 'profiles'), 'not a folder');
    await expect(vault.completeCreate(enrollment.enrollmentId, { unconfirmed: true })).rejects.toThrow();
    expect(readdirSync(temp.dir)).toEqual(['profiles']);
    expect(vault.list()).toEqual([]);
  });

  it('encrypts the database: no key, a wrong key or the raw bytes reveal nothing', async () => {
    const { id } = await createProfile(vault, clock);
    const marker = 'MARKER-bloeddruk-135-85';
    vault.database(id).prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('note', JSON.stringify(marker));
    const dbFile = join(profileDir(id), 'profile.db');
    const bytesOnDisk = () =>
      readdirSync(profileDir(id))
        .filter((name) => name.startsWith('profile.db'))
        .map((name) => readFileSync(join(profileDir(id), name)));
    // While open (data may sit in the WAL) and after locking (checkpointed into the main file).
    for (const bytes of bytesOnDisk()) expect(bytes.includes(marker)).toBe(false);
    vault.lock(id, 'manual');
    for (const bytes of bytesOnDisk()) expect(bytes.includes(marker)).toBe(false);
    expect(readFileSync(dbFile).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');

    const withoutKey = new DatabaseConstructor(dbFile, { readonly: true });
    expect(() => withoutKey.prepare('SELECT * FROM settings').all()).toThrow();
    withoutKey.close();
    const wrongKey = new DatabaseConstructor(dbFile, { readonly: true });
    wrongKey.pragma(`cipher='sqlcipher'`);
    wrongKey.pragma('legacy=4');
    wrongKey.pragma(`key="x'${'ab'.repeat(32)}'"`);
    expect(() => wrongKey.prepare('SELECT * FROM settings').all()).toThrow();
    wrongKey.close();
  });

  it('keeps the data key out of the header; only the right password unwraps it', async () => {
    const { id } = await createProfile(vault, clock);
    vault.lock(id, 'manual');
    const header = readHeader(profileDir(id));
    const kek = await deriveKey(strongPassword, Buffer.from(header.slots.password.salt, 'base64'), header.kdf);
    const dataKey = unwrapKey(header.slots.password.wrapped, kek, { profileId: id, slot: 'password' });
    expect(dataKey).not.toBeNull();
    // It really is the database key…
    openProfileDatabase(join(profileDir(id), 'profile.db'), dataKey!).close();
    // …and it appears in no form in vault.json.
    const headerText = readFileSync(join(profileDir(id), 'vault.json'), 'utf8');
    for (const encoding of ['hex', 'base64', 'base64url'] as const) {
      expect(headerText).not.toContain(dataKey!.toString(encoding));
      expect(headerText.toLowerCase()).not.toContain(dataKey!.toString(encoding).toLowerCase().slice(0, 16));
    }
    const wrongKek = await deriveKey(otherStrongPassword, Buffer.from(header.slots.password.salt, 'base64'), header.kdf);
    expect(unwrapKey(header.slots.password.wrapped, wrongKek, { profileId: id, slot: 'password' })).toBeNull();
    // The password slot does not open the recovery slot either.
    expect(unwrapKey(header.slots.recovery.wrapped, kek, { profileId: id, slot: 'recovery' })).toBeNull();
  });

  it('locks: closes the database, forgets the key and tells listeners', async () => {
    const { id, secret } = await createProfile(vault, clock);
    const db = vault.database(id);
    vault.lock(id, 'manual');
    expect(vault.isUnlocked(id)).toBe(false);
    expect(db.open).toBe(false);
    expect(locks).toEqual([[id, 'manual']]);
    await expectRegieError(() => vault.database(id), 'profile-locked');
    vault.lock(id, 'manual'); // no-op
    vault.lock('unknown', 'manual'); // no-op
    expect(locks).toHaveLength(1);
    await expectRegieError(() => vault.database('a'.repeat(26)), 'profile-not-found');
    await unlock(id, secret);
    expect(vault.list()[0]?.unlocked).toBe(true);
    vault.lockAll('os');
    expect(locks).toEqual([
      [id, 'manual'],
      [id, 'os'],
    ]);
  });

  it('stores settings with defaults, and keeps them across lock and unlock', async () => {
    const { id, secret } = await createProfile(vault, clock);
    expect(vault.getSettings(id)).toEqual({ autoLockMinutes: 5 });
    expect(vault.setSettings(id, { autoLockMinutes: 15 })).toEqual({ autoLockMinutes: 15 });
    await expectRegieError(() => vault.setSettings(id, { autoLockMinutes: 0 }), 'invalid-request');
    // At most an hour, as Instellingen offers and SECURITY.md says: never 4 hours open on a shared computer.
    await expectRegieError(() => vault.setSettings(id, { autoLockMinutes: 61 }), 'invalid-request');
    await expectRegieError(() => vault.setSettings(id, { autoLockMinutes: 240 }), 'invalid-request');
    vault.lock(id, 'manual');
    await expectRegieError(() => vault.getSettings(id), 'profile-locked');
    await unlock(id, secret);
    expect(vault.getSettings(id)).toEqual({ autoLockMinutes: 15 });
  });

  it('lists profiles sorted by label, Dutch collation', async () => {
    await createProfile(vault, clock, 'émile');
    clock.nextStep();
    await createProfile(vault, clock, 'bert');
    clock.nextStep();
    const anna = await createProfile(vault, clock, 'Anna');
    vault.lock(anna.id, 'manual');
    expect(vault.list().map((p) => [p.label, p.unlocked])).toEqual([
      ['Anna', false],
      ['bert', true],
      ['émile', true],
    ]);
  });

  it('renames an unlocked profile only, with a valid label', async () => {
    const { id } = await createProfile(vault, clock);
    expect(vault.rename(id, '  Anna V. ')).toMatchObject({ id, label: 'Anna V.', unlocked: true });
    expect(vault.list()[0]?.label).toBe('Anna V.');
    await expectRegieError(() => vault.rename(id, ''), 'invalid-label');
    vault.lock(id, 'manual');
    await expectRegieError(() => vault.rename(id, 'Bert'), 'profile-locked');
  });

  it('deletes only with the matching label, and leaves no file behind', async () => {
    const { id } = await createProfile(vault, clock, 'Anna de Vries');
    const other = await createProfile(vault, clock, 'Bert');
    await expectRegieError(() => vault.delete(id, 'Anna'), 'confirmation-mismatch');
    expect(vault.isUnlocked(id)).toBe(true);
    vault.delete(id, '  anna DE vries ');
    expect(locks).toContainEqual([id, 'deleted']);
    expect(existsSync(profileDir(id))).toBe(false);
    expect(readdirSync(join(temp.dir, 'profiles'))).toEqual([other.id]);
    expect(vault.list().map((p) => p.id)).toEqual([other.id]);
    await expectRegieError(vault.unlock(id, strongPassword, '123456'), 'profile-not-found');
    vault.lock(other.id, 'manual');
    await expectRegieError(() => vault.delete(other.id, 'Bert'), 'profile-locked');
  });

  it('reports damaged files as vault-damaged, not as a crash', async () => {
    const { id, secret } = await createProfile(vault, clock, 'Anna');
    const second = await createProfile(vault, clock, 'Bert');
    vault.lockAll('manual');
    writeFileSync(join(profileDir(id), 'vault.json'), '{"format":"regie-vault"');
    await expectRegieError(unlock(id, secret), 'vault-damaged');
    expect(vault.list().map((p) => p.label)).toEqual(['Bert']);
    writeFileSync(join(profileDir(second.id), 'profile.db'), 'garbage that is not a database at all');
    await expectRegieError(unlock(second.id, second.secret), 'vault-damaged');
  });
});
