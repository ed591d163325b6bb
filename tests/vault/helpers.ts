import { Secret, TOTP } from 'otpauth';
import { expect } from 'vitest';
import { RegieError } from '../../src-main/core/errors';
import type { ErrorCode } from '../../src-preload/contract/errors';
import { fastKdfParams } from '../../src-main/vault/kdf';
import { Vault, type VaultOptions } from '../../src-main/vault/vault';

export const strongPassword = 'paarse olifant danst op zolder';
export const otherStrongPassword = 'groene kikker zingt in de regen';

export { makeTempDir } from '../helpers/temp-dir';

/** A clock the test moves by hand; starts mid-step so ±1 step windows are unambiguous. */
export class TestClock {
  time = Date.UTC(2025, 0, 15, 12, 0, 10);
  readonly now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
  /** Moves to the next TOTP step, so a fresh code is available. */
  nextStep(): void {
    this.advance(30_000);
  }
}

export function codeAt(secretBase32: string, time: number): string {
  return TOTP.generate({ secret: Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: 6, period: 30, timestamp: time });
}

/** A well-formed code that is certainly not valid around `time` (a fixed '000000' could be right by chance). */
export function wrongCodeAt(secretBase32: string, time: number): string {
  const valid = new Set([-30_000, 0, 30_000].map((offset) => codeAt(secretBase32, time + offset)));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

export function makeVault(dataDir: string, clock: TestClock, extra: Partial<VaultOptions> = {}): Vault {
  return new Vault({ dataDir, kdf: fastKdfParams, now: clock.now, ...extra });
}

export interface CreatedProfile {
  id: string;
  secret: string;
  recoveryCode: string;
}

/** Creates a profile confirmed with the current code; it is left unlocked, as the Vault does. */
export async function createProfile(
  vault: Vault,
  clock: TestClock,
  label = 'Anna',
  password = strongPassword,
): Promise<CreatedProfile> {
  const enrollment = await vault.beginCreate(label, password);
  const { profile, recoveryCode } = await vault.completeCreate(enrollment.enrollmentId, {
    code: codeAt(enrollment.secret, clock.time),
  });
  return { id: profile.id, secret: enrollment.secret, recoveryCode };
}

/** Asserts a RegieError with the given code (and returns it for further checks). */
export async function expectRegieError(work: Promise<unknown> | (() => unknown), code: ErrorCode): Promise<RegieError> {
  let caught: unknown;
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected RegieError '${code}'`).toBeInstanceOf(RegieError);
  expect((caught as RegieError).code).toBe(code);
  return caught as RegieError;
}
