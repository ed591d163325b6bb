/**
 * `regie fetch --relay …` end to end: the real CLI in a child process, the relay as `npm run relay`
 * runs it (a child process with its own HOME and TMPDIR), the test provider with mutual TLS, and a
 * BROWSER (relay-browser.mjs) that logs in like a person. Afterwards the relay's memory holds no
 * token or code, its disk nothing, its log no health data. The refused cases each say why in plain
 * words and import nothing. Only 127.0.0.1; certificates from openssl at run time.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Relay } from '../../relay/src/server';
import {
  hasOpenssl,
  heapStrings,
  relayHost,
  startRelayCliWorld,
  startRelayInProcess,
  type RelayProcess,
  type RelayWorld,
} from '../helpers/relay-world';
import { cliProfileSession, runCli, runCliAsync } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';

const password = 'paarse-olifant-danst-op-zolder';
let temp: ReturnType<typeof makeTempDir>;
let world: RelayWorld;
let relay: RelayProcess;
let relayHome: string;
let browser: string;
let report: string;
let session: string;
const extraRelays: Relay[] = [];

const regieSync = (args: string[], env: Record<string, string> = {}) => runCli(temp.dir, args, env);

/** The CLI, trusting the test CA (the relay's certificate), with the test browser as $BROWSER. */
function regie(args: string[], options: { relayPort?: number; mode?: string } = {}) {
  return runCliAsync(temp.dir, args, {
    BROWSER: browser,
    NODE_EXTRA_CA_CERTS: world.ca.certPath,
    REGIE_SESSION: session,
    ...world.browserEnv(options.relayPort ?? relay.port, { RELAY_TEST_REPORT: report, RELAY_TEST_MODE: options.mode ?? 'login' }),
  });
}

function recordCount(): number {
  const listed = regieSync(['list', '--json'], { REGIE_SESSION: session });
  expect(listed.code).toBe(0);
  return (JSON.parse(listed.stdout) as unknown[]).length;
}

/** What the browser saw on its last run. */
function lastBrowserRun(): { mode: string; steps: Array<{ host?: string; status?: number; title?: string | null }> } {
  const lines = readFileSync(report, 'utf8').trim().split('\n');
  return JSON.parse(lines.at(-1)!) as ReturnType<typeof lastBrowserRun>;
}

async function relayInTest(name: string, changes: Record<string, unknown>): Promise<Relay> {
  const one = await startRelayInProcess(world.writeConfig(name, changes), { log: () => undefined });
  extraRelays.push(one);
  return one;
}

const fetchArgs = (relayOrigin: string, ...more: string[]) => ['fetch', '--relay', relayOrigin, '--provider', 'delinde@medmij', '--service', '48', ...more];

describe.skipIf(!hasOpenssl())('regie fetch --relay (needs the openssl binary)', () => {
  beforeAll(async () => {
    temp = makeTempDir('regie-cli-relay-');
    ({ world, relay, relayHome, browser } = await startRelayCliWorld(temp.dir, { inspect: true }));
    report = join(temp.dir, 'browser.jsonl');
    session = cliProfileSession(temp.dir, 'Jan', password);
  }, 90_000);
  afterAll(async () => {
    for (const one of extraRelays) await one.close();
    await relay?.stop();
    await world?.close();
    temp?.remove();
  });

  it('fetches through the relay, says which relay, and imports; the relay keeps no token, no file and logs no health data', async () => {
    const res = await regie([...fetchArgs(relay.origin), '--json']);
    expect(res.stderr).toContain(`(through the relay 127.0.0.1:${relay.port})`);
    expect(res.stderr).toContain(`https://zorg.test/delinde/oauth/authorize?response_type=code&client_id=${relayHost}`);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as { byType: Record<string, number>; services: Array<{ stage: string; relay?: string }> };
    expect(out.services).toMatchObject([{ stage: 'done', relay: `127.0.0.1:${relay.port}` }]);
    expect(out.byType.Patient).toBeGreaterThan(0);
    expect(recordCount()).toBeGreaterThan(10);

    const { codes, tokens } = world.sim.issued();
    expect(tokens.length).toBeGreaterThan(0);
    // Memory: every string still reachable in the relay's heap after a full garbage collection.
    const strings = new Set(await heapStrings(relay.inspector!));
    for (const secret of [...tokens, ...codes]) expect(strings.has(secret), 'a token or code in the relay’s memory').toBe(false);
    const joined = [...strings].join('\n');
    for (const secret of tokens) expect(joined.includes(secret)).toBe(false);
    // Disk: nothing in its HOME/TMPDIR.
    expect(readdirSync(relayHome)).toEqual([]);
    // Log: one line per request, nothing of the fetch.
    const log = relay.output();
    expect(log).toContain('"event":"provider"');
    for (const secret of [...tokens, ...codes]) expect(log).not.toContain(secret);
    // A BSN (999…), not any 999: a time stamp's milliseconds or a port may hold that.
    expect(log).not.toMatch(/state=|code=|\?|Bearer|resourceType|Jan|Vries|999\d{6}/);
  }, 120_000);

  it('refuses when the relay has no client certificate: the provider does not admit it; nothing is imported', async () => {
    const before = recordCount();
    const bare = await relayInTest('no-cert', { clientCertificate: null });
    const port = Number(new URL(bare.origin).port);
    const res = await regie(fetchArgs(bare.origin), { relayPort: port });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/did not admit the relay 127\.0\.0\.1:\d+ as a MedMij participant/);
    expect(recordCount()).toBe(before);
  }, 120_000);

  it('a return with a wrong state goes nowhere: the browser hears why, Regie stops waiting, nothing is imported', async () => {
    const before = recordCount();
    const res = await regie([...fetchArgs(relay.origin), '--login-timeout', '4'], { mode: 'tamper-state' });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/Logging in at the care provider took too long\. Please start again\./);
    expect(lastBrowserRun().steps.find((s) => s.host?.startsWith(relayHost))).toMatchObject({ status: 400, title: 'Onbekend verzoek' });
    expect(recordCount()).toBe(before);
  }, 120_000);

  it('a replayed code (one already redeemed, handed to a new fetch) is refused by the provider; nothing is imported', async () => {
    const before = recordCount();
    const used = world.sim.issued().codes[0]!;
    const res = await regie(fetchArgs(relay.origin), { mode: `inject-code:${used}` });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/did not grant access \(invalid_grant\)/);
    expect(recordCount()).toBe(before);
  }, 120_000);

  it('an expired fetch is said to be expired; nothing is imported', async () => {
    const before = recordCount();
    const quick = await relayInTest('quick', { limits: { loginTimeoutMs: 1000 } });
    const res = await regie(fetchArgs(quick.origin), { relayPort: Number(new URL(quick.origin).port), mode: 'wait:1600' });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/took too long and has expired/);
    expect(recordCount()).toBe(before);
  }, 120_000);

  it('regie relay set / show / clear: the setting is checked, saved and used by a later fetch', async () => {
    const invalid = regieSync(['relay', 'set', 'ftp://relay.example.nl']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/not a usable address for a relay/);
    const notRelay = await runCliAsync(temp.dir, ['relay', 'set', `https://127.0.0.1:${world.sim.port}`], { NODE_EXTRA_CA_CERTS: world.ca.certPath });
    expect(notRelay.code).toBe(1);
    expect(notRelay.stderr).toMatch(/There is no relay for Regie at 127\.0\.0\.1/);

    const set = await runCliAsync(temp.dir, ['relay', 'set', relay.origin, '--json'], { NODE_EXTRA_CA_CERTS: world.ca.certPath });
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({
      relay: { url: relay.origin, listsViaRelay: true, label: `127.0.0.1:${relay.port}`, hostname: relayHost },
      fromCommand: false,
    });
    expect(regieSync(['relay']).stdout).toContain(`Relay: ${relay.origin} (${relayHost}); MedMij's lists come through the relay.`);

    // The saved relay is used without --relay, MedMij's lists coming through it.
    const res = await runCliAsync(temp.dir, ['fetch', '--provider', 'delinde@medmij', '--service', '63', '--json'], {
      BROWSER: browser,
      NODE_EXTRA_CA_CERTS: world.ca.certPath,
      REGIE_SESSION: session,
      ...world.browserEnv(relay.port, { RELAY_TEST_REPORT: report }),
    });
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ services: [{ stage: 'done', relay: `127.0.0.1:${relay.port}` }] });

    const cleared = regieSync(['relay', 'clear', '--json']);
    expect(JSON.parse(cleared.stdout)).toEqual({ relay: null, fromCommand: false });
    rmSync(join(temp.dir, 'medmij-relay.json'), { force: true });
  }, 180_000);
});
