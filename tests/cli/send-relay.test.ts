/**
 * `regie send --relay …` end to end: the real CLI in a child process, the relay as `npm run relay`
 * runs it (own HOME and TMPDIR), the test provider with mutual TLS (it admits only the relay's
 * certificate and client_id), and the test browser logging in like a person. The send's login and
 * its POST go through the relay, the person is told which relay, the answer lands in Verstuurd; the
 * relay's log holds no health data. A refusal by the provider through the relay marks nothing sent.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasOpenssl, relayHost, startRelayCliWorld, type RelayProcess, type RelayWorld } from '../helpers/relay-world';
import { cliProfileSession, runCli, runCliAsync } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';

const password = 'paarse-olifant-danst-op-zolder';
let temp: ReturnType<typeof makeTempDir>;
let world: RelayWorld;
let relay: RelayProcess;
let relayHome: string;
let browser: string;
let session: string;

const regieSync = (args: string[], env: Record<string, string> = {}) => runCli(temp.dir, args, { REGIE_SESSION: session, ...env });

function regie(args: string[]) {
  return runCliAsync(temp.dir, args, {
    BROWSER: browser,
    NODE_EXTRA_CA_CERTS: world.ca.certPath,
    REGIE_SESSION: session,
    ...world.browserEnv(relay.port, { RELAY_TEST_REPORT: join(temp.dir, 'browser.jsonl') }),
  });
}

const sendArgs = (...more: string[]) => ['send', '--relay', relay.origin, '--provider', 'delinde@medmij', '--service', '53', '--kind', 'bloeddruk', '--yes', ...more];

interface SentLogEntry {
  outcome: string;
  service: { id: string };
  items: Array<{ detail: string; status: string }>;
}
const sentLog = () => JSON.parse(regieSync(['sent', '--json']).stdout) as SentLogEntry[];

describe.skipIf(!hasOpenssl())('regie send --relay (needs the openssl binary)', () => {
  beforeAll(async () => {
    temp = makeTempDir('regie-cli-send-relay-');
    ({ world, relay, relayHome, browser } = await startRelayCliWorld(temp.dir));
    session = cliProfileSession(temp.dir, 'Jan', password);
    expect(regieSync(['measure', 'add', 'bloeddruk', '137', '86', '--at', '2026-11-03T08:30']).code).toBe(0);
  }, 90_000);
  afterAll(async () => {
    await relay?.stop();
    await world?.close();
    temp?.remove();
  });

  it('sends through the relay, says which relay, is accepted and logged in Verstuurd; the relay logs no health data', async () => {
    const received = world.sim.received.length;
    const res = await regie([...sendArgs(), '--json']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toContain(`Through the relay 127.0.0.1:${relay.port}.`);
    // The login is the relay's: its client_id at the provider's authorize endpoint.
    expect(res.stderr).toContain(`https://zorg.test/delinde/oauth/authorize?response_type=code&client_id=${relayHost}`);
    const out = JSON.parse(res.stdout) as { result: { relay?: string; answer: { outcome: string } } };
    expect(out.result).toMatchObject({ relay: `127.0.0.1:${relay.port}`, answer: { outcome: 'accepted' } });
    expect(world.sim.received.length).toBe(received + 1);
    expect(sentLog()[0]).toMatchObject({ outcome: 'accepted', service: { id: '53' } });
    expect(sentLog()[0]!.items.map((i) => [i.detail, i.status])).toContainEqual(['137/86 mmHg', 'accepted']);

    // The provider saw the relay as its client: the token and the POST came over its back channel.
    const { tokens } = world.sim.issued();
    expect(tokens.length).toBeGreaterThan(0);
    expect(readdirSync(relayHome)).toEqual([]);
    const log = relay.output();
    expect(log).toContain('"event":"provider"');
    for (const secret of tokens) expect(log).not.toContain(secret);
    // The measurement as written (137/86), not any 137: a time stamp's milliseconds or a port may hold that.
    expect(log).not.toMatch(/137\/86|mmHg|Bloeddruk|resourceType|Observation|Bearer|code=|state=|Jan/);
  }, 120_000);

  it('a provider that refuses through the relay: exit 1 with its reason, nothing marked as sent', async () => {
    const received = world.sim.received.length;
    world.sim.injectFailure({ provider: 'delinde', match: '/fhir/stu3', mode: 'error', status: 400 });
    const res = await regie(sendArgs());
    world.sim.clearFailures();
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`Through the relay 127.0.0.1:${relay.port}.`);
    expect(res.stderr).toMatch(/refused it \(HTTP 400\)/);
    expect(world.sim.received.length).toBe(received);
    const latest = sentLog()[0]!;
    expect(latest.outcome).toBe('refused');
    expect(latest.items.some((i) => i.status === 'accepted')).toBe(false);
  }, 120_000);
});
