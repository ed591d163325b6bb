/**
 * End-to-end encryption of what the relay returns to the desktop. The desktop makes an X25519 key
 * pair for each fetch and gives the relay only the public key; for every answer the relay makes a
 * fresh X25519 key pair, derives an AES-256-GCM key from the shared secret with HKDF-SHA256, and
 * encrypts. Only the desktop's private key opens the answer, so nothing between relay and desktop (a
 * TLS-terminating load balancer, a proxy) and nothing the relay might log can read it.
 *
 * Wire format: "RGE1" | relay's one-time public key (32) | nonce (12) | ciphertext | GCM tag (16).
 * The associated data binds an answer to the request it answers, so answers cannot be swapped.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

const magic = Buffer.from('RGE1', 'ascii');
const info = Buffer.from('regie-relay answer v1', 'ascii');
const keyBytes = 32;
const nonceBytes = 12;
const tagBytes = 16;
const headerBytes = magic.length + keyBytes + nonceBytes;

/** A raw X25519 public key as unpadded base64url (43 characters). */
export const publicKeyPattern = /^[A-Za-z0-9_-]{43}$/;

export interface FetchKeyPair {
  /** Raw X25519 public key, base64url: what the desktop gives the relay. */
  publicKey: string;
  /** Never leaves the desktop's memory. */
  privateKey: KeyObject;
}

export class EnvelopeError extends Error {
  constructor(message = 'the answer could not be decrypted') {
    super(message);
    this.name = 'EnvelopeError';
  }
}

export function newFetchKeyPair(): FetchKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return { publicKey: rawPublicKey(publicKey), privateKey };
}

/** Encrypts `plaintext` so that only the holder of `recipient`'s private key can read it. */
export function sealTo(recipient: string, plaintext: Uint8Array, context: string): Buffer {
  const recipientKey = publicKeyFrom(recipient);
  const oneTime = generateKeyPairSync('x25519');
  const oneTimePublic = Buffer.from(rawPublicKey(oneTime.publicKey), 'base64url');
  const key = deriveKey(diffieHellman({ privateKey: oneTime.privateKey, publicKey: recipientKey }), oneTimePublic, recipient);
  const nonce = randomBytes(nonceBytes);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([magic, oneTimePublic, nonce, body, cipher.getAuthTag()]);
}

/** Opens what sealTo made for this key pair and context; throws EnvelopeError on anything else. */
export function openSealed(keys: FetchKeyPair, sealed: Uint8Array, context: string): Buffer {
  const data = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (data.length < headerBytes + tagBytes || !data.subarray(0, magic.length).equals(magic)) throw new EnvelopeError();
  const oneTimePublic = data.subarray(magic.length, magic.length + keyBytes);
  const nonce = data.subarray(magic.length + keyBytes, headerBytes);
  try {
    const shared = diffieHellman({ privateKey: keys.privateKey, publicKey: publicKeyFrom(oneTimePublic.toString('base64url')) });
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(shared, oneTimePublic, keys.publicKey), nonce);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - tagBytes));
    return Buffer.concat([decipher.update(data.subarray(headerBytes, data.length - tagBytes)), decipher.final()]);
  } catch {
    throw new EnvelopeError();
  }
}

export function publicKeyFrom(raw: string): KeyObject {
  if (!publicKeyPattern.test(raw)) throw new EnvelopeError('not an X25519 public key');
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: raw }, format: 'jwk' });
}

function rawPublicKey(key: KeyObject): string {
  const x = key.export({ format: 'jwk' }).x;
  if (typeof x !== 'string') throw new EnvelopeError('not an X25519 public key');
  return x;
}

/** Both public keys go into the salt, so the key belongs to exactly this pair. */
function deriveKey(shared: Buffer, oneTimePublic: Buffer, recipient: string): Buffer {
  const salt = Buffer.concat([oneTimePublic, Buffer.from(recipient, 'base64url')]);
  return Buffer.from(hkdfSync('sha256', shared, salt, info, keyBytes));
}
