/**
 * `regie fetch` end to end: the real CLI in a child process, the real provider simulator, and a
 * BROWSER command (a tiny node script) that logs in on the simulated DigiD page like a person would.
 */
import { TOTP, URI } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGIE_SAMPLE_CLIENT_ID } from '../../src-main/medmij/lists/samples';
import { startProviderSimulator, type ProviderSimulator } from '../../src-main/medmij/simulator/index';
import { FORMERLY_TRUSTED_PORT, startImpostorSimulator } from '../helpers/impostor-simulator';
import { runCli, runCliAsync } from '../helpers/run-cli';
import { writeSimulatedBrowser } from '../helpers/simulated-browser';
import { makeTempDir } from '../helpers/temp-dir';

const password = 'paarse-olifant-danst-op-zolder';

let temp: ReturnType<typeof makeTempDir>;
let sim: ProviderSimulator;
let browser: string;
let session: string;


const regieSync = (args: string[], env: Record<string, string> = {}) => runCli(temp.dir, args, env);

/** Async: the simulator runs in this process and must keep answering while the CLI works. */
const regie = (args: string[], env: Record<string, string> = {}) =>
  runCliAsync(temp.dir, args, { REGIE_MEDMIJ_SIMULATOR: sim.origin, BROWSER: browser, ...env });

beforeAll(async () => {
  temp = makeTempDir('regie-cli-fetch-');
  sim = await startProviderSimulator({ clients: [REGIE_SAMPLE_CLIENT_ID] });
  browser = writeSimulatedBrowser(temp.dir);
  const created = regieSync(['profile', 'create', 'Jan', '--json'], { REGIE_PASSWORD: password });
  expect(created.code).toBe(0);
  const totp = URI.parse((JSON.parse(created.stdout) as { otpauthUri: string }).otpauthUri) as TOTP;
  const unlocked = regieSync(['unlock', '--profile', 'Jan', '--json'], { REGIE_PASSWORD: password, REGIE_TOTP: totp.generate() });
  expect(unlocked.code).toBe(0);
  session = (JSON.parse(unlocked.stdout) as { session: string }).session;
}, 60_000);
afterAll(async () => {
  await sim.close();
  temp.remove();
});

describe('regie fetch', () => {
  it('logs in through $BROWSER, fetches and imports, and prints counts per type and per query', async () => {
    const res = await regie(['fetch', '--provider', 'delinde@medmij', '--service', '48', '--service', '63', '--json'], { REGIE_SESSION: session });
    expect(res.stderr).toMatch(/http:\/\/127\.0\.0\.1:\d+\/delinde\/oauth\/authorize\?response_type=code/);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as {
      provider: { id: string };
      byType: Record<string, number>;
      services: Array<{ serviceId: string; stage: string; queries: Array<{ id: string; status: string; received: number }> }>;
    };
    expect(out.provider.id).toBe('delinde@medmij');
    expect(out.services.map((s) => [s.serviceId, s.stage])).toEqual([['48', 'done'], ['63', 'done']]);
    expect(out.services[0]!.queries.every((q) => q.status === 'done')).toBe(true);
    expect(out.byType.Patient).toBeGreaterThan(0);
    expect(out.byType.Immunization).toBeGreaterThan(0);

    const list = regieSync(['list', '--type', 'Immunization', '--json'], { REGIE_SESSION: session });
    expect((JSON.parse(list.stdout) as unknown[]).length).toBeGreaterThan(0);
  }, 60_000);

  it('exits non-zero with the reason when a query fails, having imported the others', async () => {
    sim.injectFailure({ provider: 'delinde', resourceType: 'AllergyIntolerance', mode: 'error', status: 500, times: 1 });
    const res = await regie(['fetch', '--provider', 'Huisartsenpraktijk De Linde', '--service', '48'], { REGIE_SESSION: session });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/regie: .*HTTP 500/);
    expect(res.stdout).toMatch(/✗ Allergieën en overgevoeligheden/);
    expect(res.stdout).toMatch(/✓ Problemen en diagnosen/);
  }, 60_000);

  it(`without REGIE_MEDMIJ_SIMULATOR runs its own practice providers, never another program's on port ${FORMERLY_TRUSTED_PORT}`, async () => {
    const impostor = await startImpostorSimulator();
    try {
      const res = await runCliAsync(temp.dir, ['fetch', '--provider', 'delinde@medmij', '--service', '48', '--json'], { BROWSER: browser, REGIE_SESSION: session });
      expect(res.code).toBe(0);
      const login = /(http:\/\/127\.0\.0\.1:\d+)\/delinde\/oauth\/authorize\?/.exec(res.stderr);
      expect(login?.[1]).toBeDefined();
      expect([impostor.origin, sim.origin]).not.toContain(login?.[1]);
      expect((JSON.parse(res.stdout) as { services: Array<{ stage: string }> }).services.map((s) => s.stage)).toEqual(['done']);
      expect(impostor.requests).toEqual([]);
    } finally {
      await impostor.close();
    }
  }, 60_000);

  it('refuses an unknown provider with a usage error', async () => {
    const res = await regie(['fetch', '--provider', 'nergens-te-vinden'], { REGIE_SESSION: session });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/no care provider matches/);
  }, 60_000);
});
