/**
 * `regie send` and `regie sent` end to end: the real CLI in a child process, the real provider
 * simulator, and a BROWSER script that logs in on the simulated DigiD page like a person would.
 * Nothing is sent without --yes; the exit code says whether everything was accepted.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOTP, URI } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGIE_SAMPLE_CLIENT_ID } from '../../src-main/medmij/lists/samples';
import { startProviderSimulator, type ProviderSimulator } from '../../src-main/medmij/simulator/index';
import { runCli, runCliAsync } from '../helpers/run-cli';
import { writeSimulatedBrowser } from '../helpers/simulated-browser';
import { makeTempDir } from '../helpers/temp-dir';

const password = 'paarse-olifant-danst-op-zolder';

let temp: ReturnType<typeof makeTempDir>;
let sim: ProviderSimulator;
let browser: string;
let session: string;


const regie = (args: string[]) => runCliAsync(temp.dir, args, { REGIE_MEDMIJ_SIMULATOR: sim.origin, BROWSER: browser, REGIE_SESSION: session, LANG: 'nl_NL.UTF-8' });

beforeAll(async () => {
  temp = makeTempDir('regie-cli-send-');
  sim = await startProviderSimulator({ clients: [REGIE_SAMPLE_CLIENT_ID] });
  browser = writeSimulatedBrowser(temp.dir);
  const created = runCli(temp.dir, ['profile', 'create', 'Jan', '--json'], { REGIE_PASSWORD: password });
  expect(created.code).toBe(0);
  const totp = URI.parse((JSON.parse(created.stdout) as { otpauthUri: string }).otpauthUri) as TOTP;
  const unlocked = runCli(temp.dir, ['unlock', '--profile', 'Jan', '--json'], { REGIE_PASSWORD: password, REGIE_TOTP: totp.generate() });
  expect(unlocked.code).toBe(0);
  session = (JSON.parse(unlocked.stdout) as { session: string }).session;
  for (const [upper, lower, at] of [['135', '85', '2026-11-01T08:30'], ['128', '82', '2026-11-02T08:30']]) {
    expect(runCli(temp.dir, ['measure', 'add', 'bloeddruk', upper!, lower!, '--at', at!], { REGIE_SESSION: session }).code).toBe(0);
  }
}, 60_000);
afterAll(async () => {
  await sim.close();
  temp.remove();
});

describe('regie send', () => {
  it('without --yes prints what would be sent and sends nothing (exit 1)', async () => {
    const before = sim.requests.length;
    const res = await regie(['send', '--provider', 'delinde@medmij', '--service', '53', '--kind', 'bloeddruk', '--json']);
    expect(res.code).toBe(1);
    const out = JSON.parse(res.stdout) as { sent: boolean; preview: { items: Array<{ kind: string; detail: string }> } };
    expect(out.sent).toBe(false);
    expect(out.preview.items.filter((i) => i.kind === 'measurement').map((i) => i.detail)).toEqual(['135/85 mmHg', '128/82 mmHg']);
    expect(res.stderr).toContain('er is niets verstuurd; geef --yes om te versturen');
    expect(sim.requests.length).toBe(before);
  });

  it('with --yes logs in, sends and prints the answer per item (exit 0); regie sent shows it', async () => {
    const received = sim.received.length;
    const res = await regie(['send', '--provider', 'Huisartsenpraktijk De Linde', '--service', '53', '--kind', 'bloeddruk', '--since', '2026-11-02', '--yes']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('De zorgaanbieder heeft alles ontvangen en aangenomen.');
    expect(res.stdout).toContain('✓ Bloeddruk: 128/82 mmHg');
    expect(res.stdout).not.toContain('135/85');
    expect(sim.received.length).toBe(received + 1);

    const log = await regie(['sent', '--json']);
    expect(log.code).toBe(0);
    const entries = JSON.parse(log.stdout) as Array<{ outcome: string; service: { id: string }; items: Array<{ detail: string; status: string }> }>;
    expect(entries[0]).toMatchObject({ outcome: 'accepted', service: { id: '53' } });
    expect(entries[0]!.items.map((i) => [i.detail, i.status])).toContainEqual(['128/82 mmHg', 'accepted']);
  });

  it('a photo from a file; a refusal by the provider exits 1 with the reason', async () => {
    const photo = join(temp.dir, 'plek.png');
    writeFileSync(photo, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]));
    const sent = await regie(['send', '--provider', 'delinde@medmij', '--service', '55', '--file', photo, '--description', 'Plek op de arm', '--date', '2026-11-20', '--yes', '--json']);
    expect(sent.code, sent.stderr).toBe(0);
    expect((JSON.parse(sent.stdout) as { result: { answer: { outcome: string } } }).result.answer.outcome).toBe('accepted');

    sim.injectFailure({ provider: 'delinde', match: '/fhir/stu3', mode: 'error', status: 400 });
    const refused = await regie(['send', '--provider', 'delinde@medmij', '--service', '55', '--file', photo, '--description', 'Plek op de arm', '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('✗ Foto: Plek op de arm');
    expect(refused.stderr).toContain('De zorgaanbieder weigerde het (HTTP 400). Er is niets aangenomen.');
  });

  it('says what is wrong with the call (exit 2)', async () => {
    expect((await regie(['send', '--provider', 'delinde@medmij'])).code).toBe(2);
    const photoWithout = await regie(['send', '--provider', 'delinde@medmij', '--service', '55', '--yes']);
    expect(photoWithout.code).toBe(2);
    expect(photoWithout.stderr).toContain('--description');
    const notOffered = await regie(['send', '--provider', 'determ@medmij', '--service', '53', '--yes']);
    expect(notOffered.code).toBe(2);
  });
});
