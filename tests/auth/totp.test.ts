import { Secret, URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { newTotpSecret, totpStep, totpUri, verifyTotp } from '../../src-main/auth/totp';
import { codeAt } from '../vault/helpers';

const secret = newTotpSecret();
const now = Date.UTC(2025, 0, 15, 12, 0, 10);
const step = totpStep(now);

describe('totp', () => {
  it('makes 20-byte secrets and an otpauth URI authenticator apps understand', () => {
    expect(Secret.fromBase32(secret).bytes.length).toBe(20);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = totpUri(secret, 'Anna');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Regie:Anna\?/);
    const parsed = URI.parse(uri);
    expect(parsed.issuer).toBe('Regie');
    expect(parsed.secret.base32).toBe(secret);
    expect(uri).toContain('algorithm=SHA1');
    expect(uri).toContain('digits=6');
    expect(uri).toContain('period=30');
  });

  it('accepts the current step and one step of drift either way', () => {
    expect(verifyTotp(secret, codeAt(secret, now), { now, lastUsedStep: null })).toEqual({ ok: true, step });
    expect(verifyTotp(secret, codeAt(secret, now - 30_000), { now, lastUsedStep: null })).toEqual({ ok: true, step: step - 1 });
    expect(verifyTotp(secret, codeAt(secret, now + 30_000), { now, lastUsedStep: null })).toEqual({ ok: true, step: step + 1 });
  });

  it('refuses codes outside the window', () => {
    expect(verifyTotp(secret, codeAt(secret, now - 60_000), { now, lastUsedStep: null })).toEqual({ ok: false, reason: 'wrong' });
    expect(verifyTotp(secret, codeAt(secret, now + 60_000), { now, lastUsedStep: null })).toEqual({ ok: false, reason: 'wrong' });
  });

  it('refuses a code for another secret', () => {
    expect(verifyTotp(secret, codeAt(newTotpSecret(), now), { now, lastUsedStep: null })).toMatchObject({ ok: false });
  });

  it('refuses replay of the last used step and of any earlier step', () => {
    const code = codeAt(secret, now);
    expect(verifyTotp(secret, code, { now, lastUsedStep: step })).toEqual({ ok: false, reason: 'reused' });
    const previous = codeAt(secret, now - 30_000);
    expect(verifyTotp(secret, previous, { now, lastUsedStep: step })).toEqual({ ok: false, reason: 'reused' });
    // A newer step than the last used one is fine.
    expect(verifyTotp(secret, code, { now, lastUsedStep: step - 1 })).toEqual({ ok: true, step });
  });

  it('ignores spaces and refuses anything that is not six digits', () => {
    const code = codeAt(secret, now);
    expect(verifyTotp(secret, ` ${code.slice(0, 3)} ${code.slice(3)} `, { now, lastUsedStep: null })).toEqual({ ok: true, step });
    for (const bad of ['', '12345', '1234567', 'abcdef', `${code}0`, code.replace(/\d$/, 'x')]) {
      expect(verifyTotp(secret, bad, { now, lastUsedStep: null })).toEqual({ ok: false, reason: 'wrong' });
    }
  });
});
