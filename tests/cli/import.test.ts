/**
 * `regie import`: another person's data is refused with exit 1, the app's words and nothing changed
 * (unless --other-person); a broken file gets a plain explanation; PDFs and photos become the
 * person's own documents with a title and a date.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TOTP, URI } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otherPersonMessage } from '../../src-preload/contract/identity';
import { runCli } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';

const repo = resolve(import.meta.dirname, '../..');
const fixtures = join(repo, 'tests/fixtures/fhir');
const password = 'paarse-olifant-danst-op-zolder';

let temp: ReturnType<typeof makeTempDir>;
let files: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  temp = makeTempDir('regie-cli-import-');
  files = makeTempDir('regie-cli-files-');
});
afterAll(() => {
  temp.remove();
  files.remove();
});

const regie = (args: string[], env: Record<string, string> = {}) => runCli(temp.dir, args, env);

function session(): Record<string, string> {
  const created = regie(['profile', 'create', `P ${Math.random().toString(36).slice(2, 8)}`, '--json'], { REGIE_PASSWORD: password });
  expect(created.code).toBe(0);
  const { profile, otpauthUri } = JSON.parse(created.stdout) as { profile: string; otpauthUri: string };
  const code = (URI.parse(otpauthUri) as TOTP).generate();
  const unlocked = regie(['unlock', '--profile', profile, '--json'], { REGIE_PASSWORD: password, REGIE_TOTP: code });
  expect(unlocked.code).toBe(0);
  return { REGIE_SESSION: (JSON.parse(unlocked.stdout) as { session: string }).session };
}

function file(name: string, content: string | Buffer): string {
  const path = join(files.dir, name);
  writeFileSync(path, content);
  return path;
}

const sanneBundle = () => join(fixtures, 'r4-bundle-other-person-sanne.json');

const count = (env: Record<string, string>) => (JSON.parse(regie(['list', '--json'], env).stdout) as unknown[]).length;

describe('regie import: one person per profile', () => {
  it('refuses another person’s bundle with exit 1 and the app’s words, changing nothing; --other-person stores it', () => {
    const env = session();
    expect(regie(['import', join(fixtures, 'r4-bgz-bundle.json')], env).code).toBe(0);
    const before = count(env);
    const other = sanneBundle();

    const refused = regie(['import', other], { ...env, LANG: 'nl_NL.UTF-8' });
    expect(refused.code).toBe(1);
    const words = otherPersonMessage(
      {
        kind: 'other-person',
        found: { name: 'Sanne Proef', birthDate: '1990-07-01', bsn: '999999959' },
        profile: { name: 'Jan de Vries', birthDate: '1958-03-14', bsn: '999911120' },
      },
      'nl',
    );
    expect(words).toContain('Deze gegevens zijn van Sanne Proef, geboren 1 juli 1990, maar dit profiel is van Jan de Vries');
    expect(refused.stderr).toBe(`regie: ${words} (weet u dat dit iemand anders is en wilt u het toch in dit profiel: gebruik --other-person)\n`);
    expect(count(env)).toBe(before);

    const json = regie(['import', other, '--json'], env);
    expect(json.code).toBe(1);
    const { error } = JSON.parse(json.stdout) as { error: { code: string; message: string; params: Record<string, string> } };
    expect(error).toMatchObject({ code: 'other-person', params: { foundName: 'Sanne Proef', profileName: 'Jan de Vries' } });
    expect(error.message).toMatch(/^This data is about Sanne Proef, born 1 July 1990, but this profile belongs to Jan de Vries/);
    expect(count(env)).toBe(before);

    const knowingly = regie(['import', other, '--other-person', '--json'], env);
    expect(knowingly.code).toBe(0);
    expect(count(env)).toBe(before + 2);
  });

  it('explains a broken file in plain words, with the technical detail after it', () => {
    const env = session();
    const broken = regie(['import', file('kapot.json', '{ "resourceType": "Bundle", type: 1 }')], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^regie: The file "kapot\.json" is damaged or incomplete, or it is not a file with health records \(FHIR\)\. Nothing has been imported\./);
    expect(broken.stderr).toMatch(/\(kapot\.json: \(input\): Invalid JSON/);
    expect(count(env)).toBe(0);
  });
});

describe('regie import: own documents', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a3b5f0d80000000049454e44ae426082', 'hex');

  it('stores a PDF with --title and --date as a DocumentReference "zelf ingevoerd"', () => {
    const env = session();
    const added = regie(['import', file('brief.pdf', pdf), '--title', 'Brief van de cardioloog', '--date', '05-03-2026', '--json'], env);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const { documents } = JSON.parse(added.stdout) as { documents: Array<{ recordId: string; title: string; date: string; titleFrom: string; dateFrom: string }> };
    expect(documents).toEqual([
      { recordId: expect.any(String), file: 'brief.pdf', title: 'Brief van de cardioloog', date: '2026-03-05', titleFrom: 'option', dateFrom: 'option' },
    ]);
    const shown = JSON.parse(regie(['show', documents[0]!.recordId, '--json'], env).stdout) as Record<string, unknown>;
    expect(shown).toMatchObject({
      resourceType: 'DocumentReference',
      status: 'current',
      description: 'Brief van de cardioloog',
      content: [{ attachment: { contentType: 'application/pdf', creation: '2026-03-05', size: pdf.length, data: pdf.toString('base64') } }],
    });
    const listed = JSON.parse(regie(['list', '--json'], env).stdout) as Array<{ title: string; date: string; sources: Array<{ source: { kind: string } }> }>;
    expect(listed).toEqual([expect.objectContaining({ title: 'Brief van de cardioloog', date: '2026-03-05' })]);
    expect(listed[0]!.sources[0]!.source.kind).toBe('self');
  });

  it('uses the file name and today when not told, and says so; a photo works the same way', () => {
    const env = session();
    const added = regie(['import', file('foto-recept.png', png)], { ...env, LANG: 'nl_NL.UTF-8' });
    expect(added.code).toBe(0);
    const today = new Date();
    const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect(added.stderr).toBe(`Geen --title: de bestandsnaam "foto-recept.png" is de titel.\nGeen --date: de datum is vandaag (${day}).\n`);
    expect(added.stdout).toMatch(new RegExp(`^Document toegevoegd als eigen document \\(zelf ingevoerd\\): "foto-recept\\.png", ${day} \\(`));
  });

  it('refuses what is not a PDF or photo, a future or impossible date, and mixing documents with FHIR', () => {
    const env = session();
    const fake = regie(['import', file('nep.pdf', 'dit is geen pdf')], env);
    expect(fake.code).toBe(1);
    expect(fake.stderr).toMatch(/This file is not a PDF, JPEG or PNG/);
    const future = regie(['import', file('brief2.pdf', pdf), '--date', '2999-01-01'], env);
    expect(future.code).toBe(1);
    expect(future.stderr).toMatch(/not in the future/);
    expect(regie(['import', file('brief3.pdf', pdf), '--date', '31-02-2024'], env).code).toBe(2);
    expect(regie(['import', file('brief4.pdf', pdf), join(fixtures, 'r4-bgz-bundle.json')], env).code).toBe(2);
    expect(count(env)).toBe(0);
  });
});
