/**
 * A BROWSER command for CLI tests against the provider simulator: a tiny node script that opens the
 * login URL, picks the first fictitious person (or REGIE_TEST_PERSON), logs in and follows the
 * redirect back to Regie, as a person at the simulated DigiD page would.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const script = `#!/usr/bin/env node
const url = process.argv[2];
const page = await fetch(url);
const html = await page.text();
const session = /name="session" value="([^"]+)"/.exec(html)[1];
const action = /<form method="post" action="([^"]+)"/.exec(html)[1];
const person = process.env.REGIE_TEST_PERSON || /name="person" value="([^"]+)"/.exec(html)[1];
const posted = await fetch(new URL(action, url), {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ session, person, action: 'login' }).toString(),
  redirect: 'manual',
});
await fetch(posted.headers.get('location'));
`;

/** Writes the script into `dir` and returns its path (for the BROWSER environment variable). */
export function writeSimulatedBrowser(dir: string): string {
  const path = join(dir, 'browser.mjs');
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return path;
}
