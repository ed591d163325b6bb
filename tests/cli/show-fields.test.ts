/** `regie show ID --fields`: the record in words through the same presentation model as the app. */
import { resolve } from 'node:path';
import { URI, type TOTP } from 'otpauth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';

const fixtures = resolve(import.meta.dirname, '../fixtures/fhir');
const password = 'paarse-olifant-danst-op-zolder';
let temp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  temp = makeTempDir('regie-cli-fields-');
});
afterAll(() => temp.remove());
const regie = (args: string[], env: Record<string, string> = {}) => runCli(temp.dir, args, env);

it('shows a record as labelled words, in Dutch or English, without codes', () => {
  const created = JSON.parse(regie(['profile', 'create', 'Jan', '--json'], { REGIE_PASSWORD: password }).stdout) as { otpauthUri: string };
  const code = (URI.parse(created.otpauthUri) as TOTP).generate();
  const { session } = JSON.parse(regie(['unlock', '--profile', 'Jan', '--json'], { REGIE_PASSWORD: password, REGIE_TOTP: code }).stdout) as { session: string };
  const env = { REGIE_SESSION: session };
  expect(regie(['import', resolve(fixtures, 'r4-bgz-bundle.json'), '--json'], env).code).toBe(0);
  const conditions = JSON.parse(regie(['list', '--type', 'Condition', '--json'], env).stdout) as Array<{ id: string }>;
  const id = conditions[0]!.id;

  const text = regie(['show', id, '--fields'], env);
  expect(text.code).toBe(0);
  expect(text.stdout).toContain('problem: Suikerziekte type 2');
  expect(text.stdout).toContain('clinicalStatus: actief');
  expect(text.stdout).not.toMatch(/44054006|SNOMED/);

  const json = JSON.parse(regie(['show', id, '--fields', '--lang', 'en', '--json'], env).stdout) as { fields: Array<{ key: string; text: string }> };
  expect(json.fields).toContainEqual({ key: 'clinicalStatus', text: 'active' });

  const wrong = regie(['show', id, '--fields', '--lang', 'fr'], env);
  expect(wrong.code).not.toBe(0);
  expect(wrong.stderr).toMatch(/--lang is nl or en/);
});
