import { describe, expect, it } from 'vitest';
import { formatRecoveryCode, newRecoveryCode, normalizeRecoveryCode } from '../../src-main/auth/recovery-code';

describe('recovery code', () => {
  it('is 32 Crockford base32 characters in 8 groups of 4, and random', () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$/);
    expect(newRecoveryCode()).not.toBe(code);
    expect(normalizeRecoveryCode(code)).toBe(code.replaceAll('-', ''));
  });

  it('forgives case, spaces, dashes and look-alike letters', () => {
    const canonical = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    expect(normalizeRecoveryCode(formatRecoveryCode(canonical))).toBe(canonical);
    expect(normalizeRecoveryCode(' o123 4567 89ab cdef ghjk mnpq rstv wxyz ')).toBe(canonical);
    expect(normalizeRecoveryCode('O1I1L1' + canonical.slice(6))).toBe('011111' + canonical.slice(6));
  });

  it('rejects wrong length and characters outside the alphabet', () => {
    const code = newRecoveryCode();
    expect(normalizeRecoveryCode(code.slice(0, -1))).toBeNull();
    expect(normalizeRecoveryCode(`${code}A`)).toBeNull();
    expect(normalizeRecoveryCode('')).toBeNull();
    expect(normalizeRecoveryCode('U'.repeat(32))).toBeNull();
    expect(normalizeRecoveryCode('!'.repeat(32))).toBeNull();
  });
});
