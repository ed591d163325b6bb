/**
 * What may leave the app for the system browser: https links (including providers' MedMij
 * authorization pages), and plain http only to this computer's loopback, where the local MedMij
 * provider simulator runs. Never URLs with credentials in them.
 */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) return false;
    return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1');
  } catch {
    return false;
  }
}
