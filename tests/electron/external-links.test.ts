import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../src-main/electron/external-links';

describe('links that may open in the system browser', () => {
  it('allows https and the loopback simulator', () => {
    expect(isAllowedExternalUrl('https://www.medmij.nl/')).toBe(true);
    // The practice simulator's port is picked by the system, so any loopback port.
    expect(isAllowedExternalUrl('http://127.0.0.1:41873/delinde/oauth/authorize?state=x')).toBe(true);
  });

  it('refuses everything else', () => {
    for (const url of [
      'http://example.org/',
      'http://localhost:41873/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'regie://app/index.html',
      'https://user:secret@example.org/',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});
