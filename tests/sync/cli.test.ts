import { join, resolve } from 'node:path';
import { TOTP, URI } from 'otpauth';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';

const repo = resolve(import.meta.dirname, '../..');
const password = 'paarse-olifant-danst-op-zolder';
const temps: Array<ReturnType<typeof makeTempDir>> = [];
afterAll(() => temps.forEach((t) => t.remove()));

/** The real CLI in a child process, with its own data dir (one simulated computer). */
function computer() {
  const temp = makeTempDir('regie-sync-cli-');
  temps.push(temp);
  const regie = (args: string[], env: Record<string, string> = {}) => runCli(temp.dir, args, env);
  const created = JSON.parse(regie(['profile', 'create', 'Jan', '--json'], { REGIE_PASSWORD: password }).stdout) as { profile: string; otpauthUri: string };
  const totp = URI.parse(created.otpauthUri) as TOTP;
  const unlocked = regie(['unlock', '--profile', created.profile, '--json'], { REGIE_PASSWORD: password, REGIE_TOTP: totp.generate() });
  const env = { REGIE_SESSION: (JSON.parse(unlocked.stdout) as { session: string }).session };
  return { run: (args: string[]) => regie([...args, '--json'], env) };
}

describe('regie sync / regie pair', () => {
  it('pairs two computers through a folder and syncs the record', () => {
    const folder = makeTempDir('regie-sync-cli-folder-');
    temps.push(folder);
    const laptop = computer();
    const desktop = computer();
    expect(laptop.run(['import', join(repo, 'tests/fixtures/fhir/r4-patient-jan-de-vries.json')]).code).toBe(0);

    const created = laptop.run(['pair', 'create', '--folder', folder.dir]);
    expect(created.stderr).toBe('');
    const { code } = JSON.parse(created.stdout) as { code: string };
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){8}$/);
    const joined = desktop.run(['pair', 'join', code, '--folder', folder.dir]);
    expect(JSON.parse(joined.stdout)).toEqual({ status: 'waiting' });

    const answered = laptop.run(['sync']);
    expect(answered.code).toBe(0);
    expect((JSON.parse(answered.stdout) as { pairing: { accepted: number } }).pairing.accepted).toBe(1);
    const pulled = desktop.run(['sync']);
    expect(pulled.code).toBe(0);
    const counts = JSON.parse(pulled.stdout) as { join: string; pulled: { snapshots: number; bodies: number }; rejected: unknown[] };
    expect(counts.join).toBe('joined');
    expect(counts.pulled.snapshots).toBe(1);
    expect(counts.pulled.bodies).toBeGreaterThan(0);
    expect(counts.rejected).toEqual([]);
    expect(JSON.parse(desktop.run(['list']).stdout)).toEqual(JSON.parse(laptop.run(['list']).stdout));

    expect(desktop.run(['pair', 'join', code]).code).not.toBe(0); // already paired
  });
});
