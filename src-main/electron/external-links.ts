/**
 * Only https links may leave the app, and only to the system browser; plain http only to this
 * computer's loopback, where the local MedMij provider simulator runs.
 */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1');
  } catch {
    return false;
  }
}
