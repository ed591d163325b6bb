import { randomBytes } from 'node:crypto';

/** Crockford base32: no I, L, O or U, so the code survives being read aloud or written down. */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const codeLength = 32; // 20 bytes = 160 bits = 32 symbols of 5 bits
const groupSize = 4;

/** A fresh recovery code, formatted for display, e.g. "7K3M-…" (8 groups of 4). */
export function newRecoveryCode(): string {
  return formatRecoveryCode(encodeCrockford(randomBytes(20)));
}

export function formatRecoveryCode(normalized: string): string {
  return (normalized.match(new RegExp(`.{1,${groupSize}}`, 'g')) ?? []).join('-');
}

/**
 * The canonical form that goes into the key derivation, forgiving how people type:
 * case, spaces and dashes are ignored, O reads as 0 and I/L as 1. Null when it cannot be a recovery code.
 */
export function normalizeRecoveryCode(input: string): string | null {
  const normalized = input
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (normalized.length !== codeLength) return null;
  for (const char of normalized) if (!alphabet.includes(char)) return null;
  return normalized;
}

function encodeCrockford(bytes: Buffer): string {
  let output = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      output += alphabet[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1; // keep only the unread bits so the number stays small
  }
  if (bits > 0) output += alphabet[(buffer << (5 - bits)) & 31];
  return output;
}
