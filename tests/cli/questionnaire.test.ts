/**
 * `regie questionnaire list | show | answer` end to end: the real CLI in a child process, the real
 * provider simulator and a BROWSER script that logs in like a person. Answers come from a file; what
 * needs fixing is listed and nothing is sent; without --yes nothing is sent; with it the provider
 * receives the answers (service 60) and the questionnaire reads as sent.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOTP, URI } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionnaireSummary } from '../../src-preload/contract/questionnaires';
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
let id: string;

const regie = (args: string[]) => runCliAsync(temp.dir, args, { REGIE_MEDMIJ_SIMULATOR: sim.origin, BROWSER: browser, REGIE_SESSION: session, LANG: 'nl_NL.UTF-8' });
const file = (name: string, content: unknown) => {
  const path = join(temp.dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

beforeAll(async () => {
  temp = makeTempDir('regie-cli-questionnaire-');
  sim = await startProviderSimulator({ clients: [REGIE_SAMPLE_CLIENT_ID] });
  browser = writeSimulatedBrowser(temp.dir);
  const created = runCli(temp.dir, ['profile', 'create', 'Jan', '--json'], { REGIE_PASSWORD: password });
  expect(created.code).toBe(0);
  const totp = URI.parse((JSON.parse(created.stdout) as { otpauthUri: string }).otpauthUri) as TOTP;
  const unlocked = runCli(temp.dir, ['unlock', '--profile', 'Jan', '--json'], { REGIE_PASSWORD: password, REGIE_TOTP: totp.generate() });
  session = (JSON.parse(unlocked.stdout) as { session: string }).session;
  const fetched = await regie(['fetch', '--provider', 'delinde@medmij', '--service', '59']);
  expect(fetched.code, fetched.stderr).toBe(0);
}, 90_000);
afterAll(async () => {
  await sim.close();
  temp.remove();
});

describe('regie questionnaire', () => {
  it('lists the questionnaires and shows the questions with their codes', async () => {
    const listed = await regie(['questionnaire', 'list', '--json']);
    expect(listed.code).toBe(0);
    const list = JSON.parse(listed.stdout) as QuestionnaireSummary[];
    expect(list.map((q) => [q.title, q.status, q.providerId])).toEqual([['Voorbereiding op uw afspraak (fictief)', 'open', 'delinde@medmij']]);
    id = list[0]!.id;
    const shown = await regie(['questionnaire', 'show', id]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('gewicht: Wat is uw gewicht? (decimal; verplicht; kg; 20..300)');
    expect(shown.stdout).toContain('sigaretten: Hoeveel sigaretten rookt u per dag? (integer; verplicht; per dag; 1..100; alleen als roken = true)');
    expect(shown.stdout).toContain('"pijn" = Pijn');
    const help = runCli(temp.dir, ['--help']);
    expect(help.stdout).toContain('questionnaire answer ID --answers FILE.json [--yes]');
  });

  it('lists what needs fixing and sends nothing; without --yes nothing is sent either', async () => {
    const before = sim.requests.length;
    const wrong = await regie(['questionnaire', 'answer', id, '--answers', file('fout.json', { gewicht: 'zwaar', roken: 'ja' })]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('gewicht: Wat is uw gewicht? — Vul een getal in, bijvoorbeeld 72,5 (in kg).');
    expect(wrong.stdout).toContain('sigaretten: Hoeveel sigaretten rookt u per dag? — Vul hier een antwoord in.');
    const unsure = await regie(['questionnaire', 'answer', id, '--answers', file('goed.json', { gewicht: 81, roken: 'nee', klachten: 'geen' })]);
    expect(unsure.code).toBe(1);
    expect(unsure.stdout).toContain('Dit wordt verstuurd');
    expect(unsure.stderr).toContain('er is niets verstuurd');
    expect(sim.requests.slice(before).filter((r) => r.path.includes('/fhir/'))).toEqual([]);
    const bad = await regie(['questionnaire', 'answer', id, '--answers', file('kapot.json', '{"gewicht": ')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not valid JSON');
  });

  it('sends with --yes: the provider receives the answers and the questionnaire reads as sent', async () => {
    const sent = await regie(['questionnaire', 'answer', id, '--answers', file('goed.json', { gewicht: '81,5', roken: 'nee', klachten: ['geen'], vervoer: 'Fiets' }), '--yes', '--json']);
    expect(sent.code, sent.stderr).toBe(0);
    const out = JSON.parse(sent.stdout) as { sent: boolean; result: { answer: { outcome: string } } };
    expect(out.sent).toBe(true);
    expect(out.result.answer.outcome).toBe('accepted');
    expect(sim.received.at(-1)).toMatchObject({ serviceId: '60', personId: 'jan-de-vries' });
    const listed = JSON.parse((await regie(['questionnaire', 'list', '--json'])).stdout) as QuestionnaireSummary[];
    expect(listed[0]!.status).toBe('sent');
    const again = await regie(['questionnaire', 'answer', id, '--answers', file('goed.json', { gewicht: 80, roken: 'nee', klachten: ['geen'] }), '--yes']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('al verstuurd');
  });
});
