/**
 * Primitives of sync, all from Node's crypto (OpenSSL): AES-256-GCM (AEAD), X25519 + HKDF-SHA256 for
 * wrapping keys to a device, Ed25519 signatures per device, HMAC-SHA256 and a one-block AES PRP for
 * opaque file names. Keys are kept as raw bytes / JWK strings in the profile's SQLCipher database.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

export const keyBytes = 32;
const nonceBytes = 12;
const tagBytes = 16;

export function randomKey(): Buffer {
  return randomBytes(keyBytes);
}

export function hkdf(ikm: Uint8Array, salt: Uint8Array | string, info: string, length = keyBytes): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, typeof salt === 'string' ? Buffer.from(salt) : salt, info, length));
}

export function hmac(key: Uint8Array, data: Uint8Array | string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** What seal adds to a plaintext: its nonce and tag. */
export const sealOverhead = nonceBytes + tagBytes;

/** AES-256-GCM with a random 96-bit nonce; returns nonce ‖ ciphertext ‖ tag. */
export function seal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Buffer {
  const sealed = Buffer.allocUnsafe(plaintext.length + sealOverhead);
  sealInto(key, plaintext, aad, sealed, 0);
  return sealed;
}

/**
 * As seal, written into `target` from `offset` (plaintext.length + sealOverhead bytes): a body pack of
 * 64 MiB is copied once into the file it becomes, not once per concatenation.
 */
export function sealInto(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array, target: Buffer, offset: number): void {
  const nonce = randomBytes(nonceBytes);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  let at = offset + nonce.copy(target, offset);
  at += cipher.update(plaintext).copy(target, at);
  at += cipher.final().copy(target, at);
  cipher.getAuthTag().copy(target, at);
}

/** The plaintext, or null when the data was altered, truncated or sealed with another key / AAD. */
export function open(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Buffer | null {
  if (sealed.length < nonceBytes + tagBytes) return null;
  const data = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, nonceBytes));
    decipher.setAAD(aad);
    decipher.setAuthTag(data.subarray(data.length - tagBytes));
    const plaintext = decipher.update(data.subarray(nonceBytes, data.length - tagBytes));
    const rest = decipher.final(); // GCM has nothing left over: no copy of a large plaintext for it
    return rest.length === 0 ? plaintext : Buffer.concat([plaintext, rest]);
  } catch {
    return null;
  }
}

/**
 * A pseudorandom permutation of 16-byte blocks (one AES-256 block, no mode): deterministic, opaque to
 * anyone without the key, and invertible by members, so a member can list the folder and read which
 * device, stream and sequence number a file is without any plaintext in the name.
 */
export function prpEncrypt(key: Uint8Array, block: Uint8Array): Buffer {
  if (block.length !== 16) throw new Error('PRP block must be 16 bytes');
  const cipher = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]);
}

export function prpDecrypt(key: Uint8Array, block: Uint8Array): Buffer {
  if (block.length !== 16) throw new Error('PRP block must be 16 bytes');
  const decipher = createDecipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  return Buffer.concat([decipher.update(block), decipher.final()]);
}

// ——— device key pairs ———

export interface KeyPairJwk {
  /** Public key, raw 32 bytes base64url (the JWK "x"). */
  publicKey: string;
  /** Private JWK as JSON; lives only in the profile database. */
  privateJwk: string;
}

export function newKeyPair(kind: 'x25519' | 'ed25519'): KeyPairJwk {
  const { privateKey } = kind === 'x25519' ? generateKeyPairSync('x25519') : generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return { publicKey: String(jwk.x), privateJwk: JSON.stringify(jwk) };
}

function publicKeyOf(crv: 'X25519' | 'Ed25519', x: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv, x }, format: 'jwk' });
}

function privateKeyOf(privateJwk: string): KeyObject {
  return createPrivateKey({ key: JSON.parse(privateJwk) as import('node:crypto').JsonWebKey, format: 'jwk' });
}

export function signWith(privateJwk: string, data: Uint8Array): Buffer {
  return sign(null, data, privateKeyOf(privateJwk));
}

export function verifySignature(publicKey: string, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verify(null, data, publicKeyOf('Ed25519', publicKey), signature);
  } catch {
    return false;
  }
}

/**
 * Encrypts `plaintext` to a device's X25519 public key: an ephemeral key pair, ECDH, HKDF (salt: both
 * public keys, info: `context`), AES-GCM. Output: ephemeral public key (32) ‖ sealed.
 */
export function wrapTo(recipientPublicKey: string, plaintext: Uint8Array, context: string): Buffer {
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralPublic = Buffer.from(String(ephemeral.publicKey.export({ format: 'jwk' }).x), 'base64url');
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: publicKeyOf('X25519', recipientPublicKey) });
  const key = hkdf(shared, Buffer.concat([ephemeralPublic, Buffer.from(recipientPublicKey, 'base64url')]), `regie-sync wrap ${context}`);
  return Buffer.concat([ephemeralPublic, seal(key, plaintext, Buffer.from(context))]);
}

export function unwrapWith(keyPair: KeyPairJwk, wrapped: Uint8Array, context: string): Buffer | null {
  if (wrapped.length < 32 + nonceBytes + tagBytes) return null;
  const data = Buffer.from(wrapped);
  const ephemeralPublic = data.subarray(0, 32);
  try {
    const shared = diffieHellman({
      privateKey: privateKeyOf(keyPair.privateJwk),
      publicKey: publicKeyOf('X25519', ephemeralPublic.toString('base64url')),
    });
    const key = hkdf(shared, Buffer.concat([ephemeralPublic, Buffer.from(keyPair.publicKey, 'base64url')]), `regie-sync wrap ${context}`);
    return open(key, data.subarray(32), Buffer.from(context));
  } catch {
    return null;
  }
}
