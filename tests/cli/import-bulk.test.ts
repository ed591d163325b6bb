/**
 * `regie import` of folders and archives: the core reads the paths itself (no 100-file cap, no
 * base64 message), a line per file and the totals, exit 1 when a file was refused, --all-or-nothing
 * for scripts, --documents for letters in folders, the count on stderr at a terminal, Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TOTP, URI } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRunReport } from '../../src-preload/contract/imports';
import { runCli } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { makeZip } from '../helpers/zip-writer';
import { fixtures, heartRate, writeFile } from '../import/helpers';

const repo = resolve(import.meta.dirname, '../..');
const password = 'paarse-olifant-danst-op-zolder';

let temp: ReturnType<typeof makeTempDir>;
let files: string;
beforeAll(() => {
  temp = makeTempDir('regie-cli-bulk-');
  files = join(temp.dir, 'files');
});
afterAll(() => temp.remove());

const regie = (args: string[], env: Record<string, string> = {}) => runCli(join(temp.dir, 'data'), args, env);

function session(): Record<string, string> {
  const created = regie(['profile', 'create', `P ${Math.random().toString(36).slice(2, 8)}`, '--json'], { REGIE_PASSWORD: password });
  const { profile, otpauthUri } = JSON.parse(created.stdout) as { profile: string; otpauthUri: string };
  const code = (URI.parse(otpauthUri) as TOTP).generate();
  const unlocked = regie(['unlock', '--profile', profile, '--json'], { REGIE_PASSWORD: password, REGIE_TOTP: code });
  return { REGIE_SESSION: (JSON.parse(unlocked.stdout) as { session: string }).session };
}

const count = (env: Record<string, string>) => (JSON.parse(regie(['list', '--json'], env).stdout) as unknown[]).length;

describe('regie import: folders and archives', () => {
  it('imports a folder of 271 files (the 100-file cap is gone) with a line per file and the totals', () => {
    const env = session();
    const folder = join(files, 'nictiz');
    for (let i = 0; i < 271; i++) writeFile(join(folder, `voorbeeld-${String(i).padStart(3, '0')}.json`), heartRate(i));
    writeFile(join(folder, 'README.md'), '# voorbeelden');

    const json = regie(['import', folder, '--json'], env);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as ImportRunReport & { created: number };
    expect(report.counts).toEqual({ imported: 271, unchanged: 0, refused: 0, skipped: 1 });
    expect(report.created).toBe(271);
    expect(report.files.find((f) => f.file === 'nictiz/README.md')?.reason?.code).toBe('not-fhir');
    expect(count(env)).toBe(271);

    const human = regie(['import', folder], { ...env, LANG: 'nl_NL.UTF-8' });
    expect(human.code).toBe(0);
    const lines = human.stdout.trim().split('\n');
    expect(lines).toHaveLength(273);
    expect(lines[0]).toBe('nictiz/README.md: overgeslagen — Overgeslagen: dit is geen bestand met medische gegevens (FHIR, .json of .xml), geen brief of foto en geen zip-archief.');
    expect(lines[1]).toBe('nictiz/voorbeeld-000.json: ongewijzigd (0 nieuw, 0 bijgewerkt, 1 waren er al)');
    expect(lines.at(-1)).toBe('Samenvatting: 0 geïmporteerd, 271 ongewijzigd, 0 geweigerd, 1 overgeslagen; 271 gegevens (0 nieuw, 0 bijgewerkt, 271 waren er al)');
  }, 60_000);

  it('imports a zip export with nested folders; a hostile entry is refused with its reason and exit 1', () => {
    const env = session();
    const zip = writeFile(
      join(files, 'export.zip'),
      makeZip([
        { name: 'huisarts/bgz.json', data: readFileSync(join(fixtures, 'r4-bgz-bundle.json')) },
        { name: 'huisarts/metingen/hartslag.json', data: heartRate(1) },
        { name: '../../ontsnapt.json', data: heartRate(2) },
      ]),
    );
    const run = regie(['import', zip], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^export\.zip\/huisarts\/bgz\.json: imported \(\d+ new, 0 updated, 0 already there\)$/m);
    expect(run.stdout).toMatch(/^export\.zip\/\.\.\/\.\.\/ontsnapt\.json: refused — Refused for safety: the name of this file in the archive points to a place outside the archive\.$/m);
    expect(run.stderr).toBe('regie: 1 of 3 files refused (first: "export.zip/../../ontsnapt.json": Refused for safety: the name of this file in the archive points to a place outside the archive.).\n');
    expect(count(env)).toBeGreaterThan(2);
  });

  it('--all-or-nothing stores nothing when one file is refused, and everything in one go otherwise', () => {
    const env = session();
    const folder = join(files, 'script');
    writeFile(join(folder, 'a.json'), heartRate(1));
    writeFile(join(folder, 'b.json'), heartRate(2));
    const bad = writeFile(join(files, 'kapot.json'), '{ "resourceType": "Observation", ');
    const refused = regie(['import', folder, bad, '--all-or-nothing', '--json'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^regie: Nothing has been imported \(all or nothing\)\. 1 of 3 files refused \(first: "kapot\.json": The file "kapot\.json" is damaged/);
    const report = JSON.parse(refused.stdout) as ImportRunReport;
    expect(report.files.map((f) => f.reason?.code)).toEqual(['held-back', 'held-back', 'fhir-problems']);
    expect(count(env)).toBe(0);

    const stored = regie(['import', folder, '--all-or-nothing', '--json'], env);
    expect(stored.code).toBe(0);
    expect((JSON.parse(stored.stdout) as ImportRunReport).records.created).toBe(2);
    expect(count(env)).toBe(2);
  });

  it('skips letters in a folder unless --documents, and refuses a named letter among FHIR files without it', () => {
    const env = session();
    const folder = join(files, 'portaal');
    writeFile(join(folder, 'Ontslagbrief.pdf'), '%PDF-1.4\n%%EOF\n');
    writeFile(join(folder, 'a.json'), heartRate(1));
    const skipped = regie(['import', folder], env);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toMatch(/portaal\/Ontslagbrief\.pdf: skipped — Skipped: a letter or photo among other files/);
    expect(skipped.stdout).toMatch(/use --documents/);

    const added = regie(['import', folder, '--documents', '--date', '2026-03-05', '--json'], env);
    expect(added.code).toBe(0);
    const letter = (JSON.parse(added.stdout) as ImportRunReport).files.find((f) => f.file.endsWith('.pdf'))!;
    expect(letter.status).toBe('imported');
    const shown = JSON.parse(regie(['show', letter.recordId!, '--json'], env).stdout) as { description: string; content: Array<{ attachment: { creation: string } }> };
    expect(shown.description).toBe('Ontslagbrief');
    expect(shown.content[0]!.attachment.creation).toBe('2026-03-05');

    const mixed = regie(['import', join(folder, 'Ontslagbrief.pdf'), join(folder, 'a.json')], env);
    expect(mixed.code).toBe(2);
    expect(regie(['import', folder, '--documents', '--all-or-nothing'], env).code).toBe(2);
    expect(regie(['import', join(files, 'bestaat-niet')], env).code).toBe(2);
  });

  it('shows the count on stderr at a terminal, and Ctrl-C stops after the current file', async () => {
    const env = session();
    const folder = join(files, 'groot');
    for (let i = 0; i < 400; i++) writeFile(join(folder, `h-${String(i).padStart(3, '0')}.json`), heartRate(i));
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/tty-cli.ts', '--data-dir', join(temp.dir, 'data'), 'import', folder, '--json'], {
      cwd: repo,
      env: { PATH: process.env.PATH ?? '', HOME: temp.dir, LANG: 'en_US.UTF-8', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!interrupted && /Importing: [1-9]\d* of 400 files/.test(stderr)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((done) => child.on('close', done));
    // The line is rewritten in place: carriage return, erase line, the count.
    expect(stderr).toContain('\r\u001b[KImporting: ');
    expect(stderr).toMatch(/Importing: \d+ of 400 files/);
    expect(stderr).toMatch(/Stopping after this file…/);
    expect(stderr).toMatch(/regie: Stopped as you asked\./);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as ImportRunReport;
    expect(report.stopped).toBe('canceled');
    expect(report.counts.imported).toBeLessThan(400);
    expect(count(env)).toBe(report.counts.imported);
  }, 60_000);
});
