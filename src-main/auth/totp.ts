import { randomBytes, timingSafeEqual } from 'node:crypto';
import { HOTP, Secret, TOTP } from 'otpauth';

/** What every common authenticator app understands. */
const issuer = 'Regie';
const algorithm = 'SHA1';
const digits = 6;
export const totpPeriodSeconds = 30;

export function newTotpSecret(): string {
  const bytes = randomBytes(20);
  return new Secret({ buffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) }).base32;
}

export function totpUri(secretBase32: string, label: string): string {
  return new TOTP({ issuer, label, algorithm, digits, period: totpPeriodSeconds, secret: Secret.fromBase32(secretBase32) }).toString();
}

/** The 30-second time step a moment falls in. */
export function totpStep(now: number): number {
  return Math.floor(now / 1000 / totpPeriodSeconds);
}

export type TotpResult = { ok: true; step: number } | { ok: false; reason: 'wrong' | 'reused' };

/**
 * Accepts the code of the current step or a neighbour (clock drift), but never a step at or before
 * `lastUsedStep`: a code someone saw over a shoulder cannot be replayed.
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  { now, lastUsedStep }: { now: number; lastUsedStep: number | null },
): TotpResult {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return { ok: false, reason: 'wrong' };
  const secret = Secret.fromBase32(secretBase32);
  const current = totpStep(now);
  let reused = false;
  // Newest first: if a fresh step matches, it wins over an already used one.
  for (const step of [current + 1, current, current - 1]) {
    const expected = HOTP.generate({ secret, algorithm, digits, counter: step });
    if (!timingSafeEqual(Buffer.from(expected), Buffer.from(token))) continue;
    if (lastUsedStep !== null && step <= lastUsedStep) reused = true;
    else return { ok: true, step };
  }
  return { ok: false, reason: reused ? 'reused' : 'wrong' };
}
