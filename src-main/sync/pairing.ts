/**
 * Pairing codes and the two pairing messages. A code carries a 128-bit one-time secret and its
 * expiry, nothing else: the folder's names and the sync group's keys reach the new device only in
 * the answer, encrypted with a key derived from the secret and, inside that, wrapped to the new
 * device's X25519 key. Someone with folder access but without the code can neither read nor forge
 * either message; the code is shown only on the unlocked first device and is single-use there.
 */
import { createHash } from 'node:crypto';
import { RegieError } from '../core/errors';
import { hkdf, hmac, open, seal } from './crypto';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U
const version = 1;
export const pairingTtlMs = 10 * 60 * 1000;
export const qrPrefix = 'regie-pair:';

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

function unbase32(text: string): Buffer {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new RegieError('pairing-code-invalid');
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** version ‖ secret (16) ‖ expiry in minutes since 1970 (u32) ‖ check (1) → 36 characters in groups of 4. */
export function encodeCode(secret: Buffer, expiresAtMs: number): { code: string; qrPayload: string } {
  const bytes = Buffer.alloc(22);
  bytes[0] = version;
  secret.copy(bytes, 1);
  bytes.writeUInt32BE(Math.ceil(expiresAtMs / 60_000), 17);
  bytes[21] = createHash('sha256').update(bytes.subarray(0, 21)).digest()[0]!;
  const text = base32(bytes);
  return { code: text.match(/.{1,4}/g)!.join('-'), qrPayload: `${qrPrefix}${text}` };
}

export function decodeCode(input: string): { secret: Buffer; expiresAtMs: number } {
  const cleaned = input
    .trim()
    .replace(new RegExp(`^${qrPrefix}`), '')
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== 36) throw new RegieError('pairing-code-invalid');
  const bytes = unbase32(cleaned);
  if (bytes.length !== 22 || bytes[0] !== version) throw new RegieError('pairing-code-invalid');
  if (createHash('sha256').update(bytes.subarray(0, 21)).digest()[0] !== bytes[21]) throw new RegieError('pairing-code-invalid');
  return { secret: Buffer.from(bytes.subarray(1, 17)), expiresAtMs: bytes.readUInt32BE(17) * 60_000 };
}

/** The folder (under p/) where requests and answers for this code live; reveals nothing about the code. */
export function pairingTag(secret: Uint8Array): string {
  return hmac(secret, 'regie-pair tag').subarray(0, 16).toString('hex');
}

export const requestName = (tag: string, requestId: string) => `p/${tag}/j-${requestId}`;
export const answerName = (tag: string, requestId: string) => `p/${tag}/a-${requestId}`;

export interface JoinRequest {
  deviceId: string;
  name: string;
  x25519: string;
  ed25519: string;
  at: string;
}

export type JoinAnswer =
  | {
      status: 'accepted';
      /** Group bundle (keys and the membership chain, which names the joiner) wrapped to the joiner's X25519 key (base64). */
      bundle: string;
      /** The device that answered. */
      by: string;
    }
  | { status: 'refused'; reason: 'expired' | 'used' };

function messageKey(secret: Uint8Array, purpose: 'join' | 'answer'): Buffer {
  return hkdf(secret, 'regie-pair', `regie-pair ${purpose}`);
}

export function sealMessage(secret: Uint8Array, purpose: 'join' | 'answer', requestId: string, message: unknown): Buffer {
  return seal(messageKey(secret, purpose), Buffer.from(JSON.stringify(message)), Buffer.from(`${purpose}:${requestId}`));
}

export function openMessage<T>(secret: Uint8Array, purpose: 'join' | 'answer', requestId: string, bytes: Uint8Array): T | null {
  const plain = open(messageKey(secret, purpose), bytes, Buffer.from(`${purpose}:${requestId}`));
  if (!plain) return null;
  try {
    return JSON.parse(plain.toString('utf8')) as T;
  } catch {
    return null;
  }
}
