import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveKey, fastKdfParams, validateKdfParams } from '../../src-main/vault/kdf';
import { unwrapKey, wrapKey } from '../../src-main/vault/key-wrap';
import { isProfileId, newProfileId } from '../../src-main/vault/profile-paths';
import { expectRegieError } from './helpers';

describe('key derivation', () => {
  const salt = randomBytes(16);

  it('derives the same 32-byte key for the same secret and salt only', async () => {
    const key = await deriveKey('geheim wachtwoord', salt, fastKdfParams);
    expect(key).toHaveLength(32);
    expect((await deriveKey('geheim wachtwoord', salt, fastKdfParams)).equals(key)).toBe(true);
    expect((await deriveKey('geheim wachtwoorD', salt, fastKdfParams)).equals(key)).toBe(false);
    expect((await deriveKey('geheim wachtwoord', randomBytes(16), fastKdfParams)).equals(key)).toBe(false);
  });

  it('refuses absurd parameters, e.g. from a tampered header', async () => {
    expect(validateKdfParams(fastKdfParams)).toEqual(fastKdfParams);
    const absurd = [
      { ...fastKdfParams, memoryKiB: 1024 },
      { ...fastKdfParams, memoryKiB: 64 * 1024 * 1024 },
      { ...fastKdfParams, iterations: 0 },
      { ...fastKdfParams, iterations: 1000 },
      { ...fastKdfParams, parallelism: 64 },
      { ...fastKdfParams, algorithm: 'argon2d' },
      null,
    ];
    for (const params of absurd) await expectRegieError(() => validateKdfParams(params), 'vault-damaged');
    await expectRegieError(deriveKey('x', salt, { ...fastKdfParams, iterations: 10_000 }), 'vault-damaged');
  });
});

describe('key wrapping', () => {
  const dataKey = randomBytes(32);
  const kek = randomBytes(32);
  const context = { profileId: newProfileId(), slot: 'password' };

  it('round-trips and never contains the key', () => {
    const wrapped = wrapKey(dataKey, kek, context);
    expect(wrapped).not.toContain(dataKey.toString('base64'));
    expect(Buffer.from(wrapped, 'base64').includes(dataKey)).toBe(false);
    expect(unwrapKey(wrapped, kek, context)?.equals(dataKey)).toBe(true);
    expect(wrapKey(dataKey, kek, context)).not.toBe(wrapped); // fresh IV each time
  });

  it('returns null for a wrong key, another slot or profile, or altered bytes', () => {
    const wrapped = wrapKey(dataKey, kek, context);
    expect(unwrapKey(wrapped, randomBytes(32), context)).toBeNull();
    expect(unwrapKey(wrapped, kek, { ...context, slot: 'recovery' })).toBeNull();
    expect(unwrapKey(wrapped, kek, { ...context, profileId: newProfileId() })).toBeNull();
    const bytes = Buffer.from(wrapped, 'base64');
    bytes[bytes.length - 1]! ^= 1;
    expect(unwrapKey(bytes.toString('base64'), kek, context)).toBeNull();
    expect(unwrapKey('', kek, context)).toBeNull();
  });
});

describe('profile ids', () => {
  it('are 26 random lowercase characters', () => {
    const ids = new Set(Array.from({ length: 100 }, newProfileId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(isProfileId(id)).toBe(true);
    expect(isProfileId('../../etc/passwd/aaaaaaaaaa')).toBe(false);
  });
});
