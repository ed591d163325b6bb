import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TOTP, URI } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';

const repo = resolve(import.meta.dirname, '../..');
const password = 'paarse-olifant-danst-op-zolder';

let temp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  temp = makeTempDir('regie-cli-');
});
afterAll(() => temp.remove());

const regie = (args: string[], env: Record<string, string> = {}) => runCli(temp.dir, args, env);

function createProfile(name: string) {
  const res = regie(['profile', 'create', name, '--json'], { REGIE_PASSWORD: password });
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  const created = JSON.parse(res.stdout) as { profile: string; otpauthUri: string; recoveryCode: string };
  const totp = URI.parse(created.otpauthUri) as TOTP;
  /** Codes for successive time steps, so one test can authenticate a few times without waiting. */
  const code = (stepOffset = 0) => totp.generate({ timestamp: Date.now() + stepOffset * 30_000 });
  return { ...created, code };
}

describe('regie CLI', () => {
  it('creates and lists profiles as JSON', () => {
    const created = createProfile('Jan');
    expect(created.profile).toMatch(/^[a-z0-9]{26}$/);
    expect(created.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=[A-Z2-7]+/);
    expect(created.otpauthUri).toMatch(/algorithm=SHA1/);
    expect(created.recoveryCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    const list = JSON.parse(regie(['profile', 'list', '--json']).stdout) as { id: string; label: string }[];
    expect(list.map((p) => p.label)).toContain('Jan');
  });

  it('unlocks into a session that later commands use until lock ends it', () => {
    const created = createProfile('Piet');
    const unlocked = regie(['unlock', '--profile', 'Piet', '--json'], { REGIE_PASSWORD: password, REGIE_TOTP: created.code() });
    expect(unlocked.code).toBe(0);
    const { session } = JSON.parse(unlocked.stdout) as { session: string };
    expect(session.startsWith(`${created.profile}.`)).toBe(true);

    expect(regie(['lock'], { REGIE_SESSION: session }).code).toBe(0);
    const afterLock = regie(['profile', 'delete', created.profile, '--yes'], { REGIE_SESSION: session });
    expect(afterLock.code).toBe(1);
    expect(afterLock.stderr.trim().split('\n')).toHaveLength(1);
    expect(afterLock.stderr).toMatch(/session has expired or was ended/);
    expect(existsSync(join(temp.dir, 'profiles', created.profile))).toBe(true);
  });

  it('refuses a wrong password, a wrong code and a reused code with one and the same line', () => {
    const created = createProfile('Klaas');
    const wrongPassword = regie(['unlock', '--profile', created.profile], { REGIE_PASSWORD: 'not-the-password', REGIE_TOTP: created.code() });
    expect(wrongPassword.code).toBe(1);
    expect(wrongPassword.stderr).toMatch(/^regie: Password or code incorrect\. .*\n$/);

    const wrongCode = regie(['unlock', '--profile', created.profile], { REGIE_PASSWORD: password, REGIE_TOTP: '000000' === created.code() ? '111111' : '000000' });
    expect(wrongCode.code).toBe(1);
    expect(wrongCode.stderr).toBe(wrongPassword.stderr);

    const code = created.code();
    expect(regie(['unlock', '--profile', created.profile], { REGIE_PASSWORD: password, REGIE_TOTP: code }).code).toBe(0);
    const reused = regie(['unlock', '--profile', created.profile], { REGIE_PASSWORD: password, REGIE_TOTP: code });
    expect(reused.code).toBe(1);
    expect(reused.stderr).toBe(wrongPassword.stderr);
  });

  it('changes the password from REGIE_NEW_PASSWORD', () => {
    const created = createProfile('Marie');
    const newPassword = 'zeven-groene-kikkers-zingen-luid';
    const changed = regie(['profile', 'passwd', created.profile], {
      REGIE_PASSWORD: password,
      REGIE_TOTP: created.code(),
      REGIE_NEW_PASSWORD: newPassword,
    });
    expect(changed.stderr).toBe('');
    expect(changed.code).toBe(0);
    expect(regie(['unlock', '--profile', created.profile], { REGIE_PASSWORD: password, REGIE_TOTP: created.code(1) }).code).toBe(1);
    expect(regie(['unlock', '--profile', created.profile], { REGIE_PASSWORD: newPassword, REGIE_TOTP: created.code(1) }).code).toBe(0);
  });

  it('deletes a profile with every file of it', () => {
    const created = createProfile('Tijdelijk');
    const unlocked = JSON.parse(
      regie(['unlock', '--profile', created.profile, '--json'], { REGIE_PASSWORD: password, REGIE_TOTP: created.code() }).stdout,
    ) as { session: string };
    const deleted = regie(['profile', 'delete', created.profile, '--yes'], { REGIE_SESSION: unlocked.session });
    expect(deleted.code).toBe(0);
    expect(existsSync(join(temp.dir, 'profiles', created.profile))).toBe(false);
    expect(readdirSync(join(temp.dir, 'profiles'))).not.toContain(created.profile);
  });

  it('refuses bad arguments with exit code 2 and never takes a password as an argument', () => {
    expect(regie(['frobnicate']).code).toBe(2);
    const withPassword = regie(['unlock', '--profile', 'Jan', '--password', 'x']);
    expect(withPassword.code).toBe(2);
    expect(withPassword.stderr).toMatch(/password/);
    const noSecret = regie(['unlock', '--profile', 'Jan']);
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toMatch(/REGIE_PASSWORD is not set/);
    expect(regie(['unlock', '--profile', 'Niemand'], { REGIE_PASSWORD: password, REGIE_TOTP: '123456' }).code).toBe(2);
  });
});

describe('regie CLI: records', () => {
  const fixtures = join(repo, 'tests/fixtures/fhir');

  function session() {
    const created = createProfile(`Records ${Math.random().toString(36).slice(2, 8)}`);
    const unlocked = regie(['unlock', '--profile', created.profile, '--json'], { REGIE_PASSWORD: password, REGIE_TOTP: created.code() });
    expect(unlocked.code).toBe(0);
    return (JSON.parse(unlocked.stdout) as { session: string }).session;
  }

  it('imports STU3 and R4 files all-or-nothing, then lists and shows records', () => {
    const env = { REGIE_SESSION: session() };
    const imported = regie(['import', join(fixtures, 'stu3-bgz-bundle.xml'), join(fixtures, 'r4-patient-jan-de-vries.json'), '--json'], env);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const report = JSON.parse(imported.stdout) as { created: number; byType: Record<string, number> };
    expect(report.created).toBeGreaterThan(20);
    expect(report.byType.Observation).toBeGreaterThan(0);
    expect(report.byType.ServiceRequest ?? 0).toBeGreaterThan(0); // STU3 ProcedureRequest, normalized

    const again = JSON.parse(regie(['import', join(fixtures, 'stu3-bgz-bundle.xml'), '--json'], env).stdout) as { created: number };
    expect(again.created).toBe(0);

    const before = JSON.parse(regie(['list', '--json'], env).stdout) as unknown[];
    const hostile = regie(['import', join(fixtures, 'r4-observation-gewicht-2024-03.json'), join(fixtures, 'hostile-xxe.xml'), '--all-or-nothing'], env);
    expect(hostile.code).toBe(1);
    expect(hostile.stderr.trim().split('\n')).toHaveLength(1);
    expect(hostile.stderr).toMatch(/Nothing has been imported.*hostile-xxe\.xml/);
    expect(JSON.parse(regie(['list', '--json'], env).stdout)).toHaveLength(before.length);

    const observations = JSON.parse(regie(['list', '--type', 'Observation', '--json'], env).stdout) as { id: string; resourceType: string }[];
    expect(observations.length).toBeGreaterThan(0);
    expect(observations.every((r) => r.resourceType === 'Observation')).toBe(true);

    const shown = JSON.parse(regie(['show', observations[0]!.id, '--json'], env).stdout) as { resourceType: string };
    expect(shown.resourceType).toBe('Observation');
    const original = regie(['show', observations[0]!.id, '--original', '--json'], env);
    const originals = JSON.parse(original.stdout) as { fhirVersion: string; format: string; text: string }[];
    expect(originals[0]?.format).toBe('xml');
    expect(originals[0]?.text).toMatch(/^<Observation xmlns="http:\/\/hl7\.org\/fhir"/);
  });

  it('searches a page at a time, newest first or by relevance, with everyday words', () => {
    const env = { REGIE_SESSION: session() };
    expect(regie(['import', join(fixtures, 'r4-bgz-bundle.json'), '--json'], env).code).toBe(0);
    type Page = { total: number; offset: number; items: Array<{ id: string; date: string | null }>; byType: Array<{ resourceType: string; count: number }> };
    const all = JSON.parse(regie(['search', 'suiker', '--limit', '200', '--json'], env).stdout) as Page;
    expect(all.total).toBeGreaterThan(2); // "suiker" finds diabetes and the glucose meter
    expect(all.byType.reduce((sum, type) => sum + type.count, 0)).toBe(all.total);
    const dates = all.items.map((item) => item.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    const second = JSON.parse(regie(['search', 'suiker', '--offset', '1', '--limit', '1', '--json'], env).stdout) as Page;
    expect(second).toMatchObject({ total: all.total, offset: 1 });
    expect(second.items.map((item) => item.id)).toEqual([all.items[1]!.id]);
    const relevance = JSON.parse(regie(['search', 'suiker', '--sort', 'relevance', '--limit', '200', '--json'], env).stdout) as Page;
    expect(relevance.items.map((item) => item.id).sort()).toEqual(all.items.map((item) => item.id).sort());
    const wrong = regie(['search', 'suiker', '--sort', 'alfabet'], env);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--sort/);
    expect(regie(['search', '--json'], env).code).toBe(2);
  });

  it('refuses import without a session, a missing file, and an unknown record id', () => {
    const noSession = regie(['import', join(fixtures, 'r4-bgz-bundle.json')]);
    expect(noSession.code).toBe(2);
    expect(noSession.stderr).toMatch(/REGIE_SESSION/);
    const env = { REGIE_SESSION: session() };
    const missing = regie(['import', join(fixtures, 'does-not-exist.json')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read/);
    const unknown = regie(['show', 'no-such-record'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/does not exist/);
  });
});
