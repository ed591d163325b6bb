import { describe, expect, it } from 'vitest';
import { assessPassword } from '../../src-main/auth/password-policy';

describe('password policy', () => {
  it('refuses short passwords with a clear Dutch or English warning', () => {
    const nl = assessPassword('Xq7#mZ', 'nl', []);
    expect(nl.acceptable).toBe(false);
    expect(nl.warning).toBe('Gebruik minstens 10 tekens.');
    expect(assessPassword('Xq7#mZ', 'en', []).warning).toBe('Use at least 10 characters.');
  });

  it('refuses long but guessable passwords', () => {
    const result = assessPassword('wachtwoord123', 'nl', []);
    expect(result.acceptable).toBe(false);
    expect(result.score).toBeLessThan(3);
    expect(result.warning).toBeTruthy();
  });

  it('accepts a long passphrase', () => {
    const result = assessPassword('paarse olifant danst op zolder', 'nl', []);
    expect(result.acceptable).toBe(true);
    expect(result.score).toBeGreaterThanOrEqual(3);
  });

  it('refuses a common word or name with a year and a sign (issue 10.12), and says why', () => {
    for (const [password, label] of [
      ['Welkom2024!', 'Anna'],
      ['janjanssen1954', 'Jan'],
      ['Voorjaar2025!!', 'Piet'],
      ['Feyenoord1908!', 'Kees'],
    ] as const) {
      const result = assessPassword(password, 'nl', [label]);
      expect(result.acceptable, password).toBe(false);
      expect(result.score, password).toBeLessThan(3);
      expect(result.warning, password).toBeTruthy();
    }
  });

  it('still accepts unrelated words, with or without a number', () => {
    for (const password of ['groene kikker zingt in de regen', 'blauwe walvis zingt zacht in de nacht 31', 'zeven-groene-kikkers-zingen-luid']) {
      expect(assessPassword(password, 'nl', ['Jan']).acceptable, password).toBe(true);
    }
  });

  it('treats the profile label as guessable', () => {
    // Made-up words, so only the user input can make them guessable.
    const label = 'Zwirblonq Kapteyrox';
    const without = assessPassword('zwirblonqkapteyrox', 'nl', []);
    const withLabel = assessPassword('zwirblonqkapteyrox', 'nl', [label]);
    expect(without.acceptable).toBe(true);
    expect(withLabel.score).toBeLessThan(without.score);
    expect(withLabel.acceptable).toBe(false);
  });
});
