/** `regie measure …`, `regie hide|unhide|hidden`: own measurements and hidden records from the command line. */
import { join, resolve } from 'node:path';
import { TOTP, URI } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';

const repo = resolve(import.meta.dirname, '../..');
const fixtures = join(repo, 'tests/fixtures/fhir');
const password = 'paarse-olifant-danst-op-zolder';

let temp: ReturnType<typeof makeTempDir>;
let env: Record<string, string>;
beforeAll(() => {
  temp = makeTempDir('regie-cli-measure-');
  const created = runCli(temp.dir, ['profile', 'create', 'Metingen', '--json'], { REGIE_PASSWORD: password });
  expect(created.code).toBe(0);
  const { profile, otpauthUri } = JSON.parse(created.stdout) as { profile: string; otpauthUri: string };
  const code = (URI.parse(otpauthUri) as TOTP).generate();
  const unlocked = runCli(temp.dir, ['unlock', '--profile', profile, '--json'], { REGIE_PASSWORD: password, REGIE_TOTP: code });
  expect(unlocked.code).toBe(0);
  env = { REGIE_SESSION: (JSON.parse(unlocked.stdout) as { session: string }).session };
});
afterAll(() => temp.remove());

const regie = (args: string[], extra: Record<string, string> = {}) => runCli(temp.dir, args, { ...env, ...extra });
const json = <T>(args: string[]): T => {
  const result = regie([...args, '--json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as T;
};

interface Point {
  id: string;
  kind: string;
  date: string;
  value: number;
  value2?: number;
  valueText: string;
  own: boolean;
  corrected: boolean;
}

describe('regie measure', () => {
  it('adds, asks for confirmation of an unusual value, lists, corrects with history and deletes', () => {
    // 300/80: refused until the person confirms it, with the message the app shows and how to go on.
    const unusual = regie(['measure', 'add', 'bloeddruk', '300', '80', '--at', '2025-06-01T09:30+02:00']);
    expect(unusual.code).toBe(1);
    expect(unusual.stderr).toBe(
      'regie: Is this right? An upper pressure of 300 mmHg is unusually high. Confirm the measurement if the value is correct; ' +
        'nothing has been stored yet. (repeat with --confirm-implausible to store it anyway)\n',
    );
    const dutch = regie(['measure', 'add', 'bloeddruk', '300/80'], { LANG: 'nl_NL.UTF-8' });
    expect(dutch.stderr).toMatch(/^regie: Klopt dit\? Een bovendruk van 300 mmHg is ongebruikelijk hoog\..*--confirm-implausible/);
    expect(json<Point[]>(['measure', 'list']) as unknown).toMatchObject({ points: [] });

    const added = json<{ id: string; valueText: string }>([
      'measure', 'add', 'bloeddruk', '300', '80', '--at', '2025-06-01T09:30+02:00', '--note', 'thuis', '--confirm-implausible',
    ]);
    expect(added.valueText).toBe('300/80 mmHg');
    const weight = regie(['measure', 'add', 'gewicht', '82,4', '--unit', 'kg', '--at', '2025-06-02 08:00']);
    expect(weight.code).toBe(0);
    expect(weight.stdout).toMatch(/^Opgeslagen \/ stored: gewicht 82,4 kg\t/);

    // Impossible values and wrong usage never reach the record.
    const impossible = regie(['measure', 'add', 'bloeddruk', '120', '130', '--confirm-implausible']);
    expect(impossible.code).toBe(1);
    expect(impossible.stderr).toBe('regie: The lower pressure must be below the upper pressure. Nothing was stored.\n');
    expect(regie(['measure', 'add', 'gewicht', '82', '--unit', 'lb']).stderr).toMatch(/gewicht is entered in kg, not 'lb'/);
    expect(regie(['measure', 'add', 'bloeddruk', '120']).code).toBe(2);
    expect(regie(['measure', 'add', 'suiker', '5']).code).toBe(2);
    expect(regie(['measure', 'add', 'glucose', 'vijf']).code).toBe(2);
    expect(regie(['measure', 'add', 'glucose', '5,4', '--at', 'gisteren']).code).toBe(2);

    const listed = json<{ points: Point[] }>(['measure', 'list']);
    expect(listed.points.map((p) => [p.kind, p.valueText, p.own])).toEqual([
      ['blood-pressure', '300/80 mmHg', true],
      ['weight', '82,4 kg', true],
    ]);
    expect(json<{ points: Point[] }>(['measure', 'list', '--kind', 'gewicht']).points).toHaveLength(1);
    expect(json<{ points: Point[] }>(['measure', 'list', '--since', '2025-06-02']).points.map((p) => p.kind)).toEqual(['weight']);

    const corrected = json<{ valueText: string; note: string; revisions: Array<{ valueText: string; note: string }> }>([
      'measure', 'correct', added.id, '130', '80',
    ]);
    expect(corrected).toMatchObject({ valueText: '130/80 mmHg', note: 'thuis', revisions: [{ valueText: '300/80 mmHg', note: 'thuis' }] });
    const text = regie(['measure', 'list', '--kind', 'bloeddruk']);
    expect(text.stdout).toContain('130/80 mmHg\tZelf ingevoerd\t(corrected)');

    expect(regie(['measure', 'delete', added.id]).code).toBe(0);
    expect(json<{ points: Point[] }>(['measure', 'list']).points.map((p) => p.kind)).toEqual(['weight']);
    expect(regie(['measure', 'delete', added.id]).code).toBe(1);
  });

  it('hides a received record with a reason, lists it under hidden, and shows it again', () => {
    expect(regie(['import', join(fixtures, 'r4-observation-bloeddruk-2024-03.json'), '--source', 'Huisarts']).code).toBe(0);
    const received = json<{ points: Point[] }>(['measure', 'list', '--kind', 'bloeddruk']).points.find((p) => !p.own)!;
    expect(received).toMatchObject({ date: '2024-03-05T09:30:00+01:00', valueText: '142/88 mmHg' });

    // A received record is not the person's to change or delete.
    const notOwn = regie(['measure', 'correct', received.id, '120', '80']);
    expect(notOwn.code).toBe(1);
    expect(notOwn.stderr).toMatch(/Only measurements you entered yourself can be changed or deleted/);

    expect(regie(['hide', received.id]).code).toBe(2);
    const hidden = json<{ recordId: string; reason: string; note: string }>(['hide', received.id, '--reason', 'dubbel', '--note', 'Staat er al']);
    expect(hidden).toMatchObject({ recordId: received.id, reason: 'duplicate', note: 'Staat er al' });
    expect(json<{ points: Point[] }>(['measure', 'list', '--kind', 'bloeddruk']).points).toEqual([]);
    const list = regie(['hidden'], { LANG: 'nl_NL.UTF-8' });
    expect(list.stdout).toBe(`${received.id}\t2024-03-05T09:30:00+01:00\tBloeddruk\tDubbel\tStaat er al\n`);

    expect(regie(['unhide', received.id]).code).toBe(0);
    expect(json<unknown[]>(['hidden'])).toEqual([]);
    expect(json<{ points: Point[] }>(['measure', 'list', '--kind', 'bloeddruk']).points.map((p) => p.id)).toEqual([received.id]);
  });

  it('is in regie --help', () => {
    const help = regie(['--help']);
    for (const command of ['measure add KIND VALUE', 'measure list', 'measure correct ID', 'measure delete ID', 'hide RECORD-ID', 'unhide RECORD-ID', 'hidden']) {
      expect(help.stdout).toContain(command);
    }
  });
});
