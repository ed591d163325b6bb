import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { TOTP, URI } from 'otpauth';
import { afterAll, describe, expect, it } from 'vitest';
import { cliInvocation, runCli } from '../helpers/run-cli';
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
  return {
    dir: temp.dir,
    env,
    run: (args: string[]) => regie([...args, '--json'], env),
    text: (args: string[]) => regie(args, env),
  };
}

/** Two computers paired through a fresh folder, the laptop holding one imported record. */
function pairedComputers() {
  const folder = makeTempDir('regie-sync-cli-folder-');
  temps.push(folder);
  const laptop = computer();
  const desktop = computer();
  expect(laptop.run(['import', join(repo, 'tests/fixtures/fhir/r4-patient-jan-de-vries.json')]).code).toBe(0);
  const { code } = JSON.parse(laptop.run(['pair', 'create', '--folder', folder.dir]).stdout) as { code: string };
  expect(desktop.run(['pair', 'join', code, '--folder', folder.dir]).code).toBe(0);
  expect(laptop.run(['sync']).code).toBe(0);
  expect(desktop.run(['sync']).code).toBe(0);
  return { folder: folder.dir, laptop, desktop };
}

interface DeviceRow {
  id: string;
  name: string;
  current: boolean;
  revoked: boolean;
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

  it('lists, renames and revokes devices (by id, start of id or name), with the devices paired through it unless kept', () => {
    const { laptop, desktop } = pairedComputers();
    const devices = JSON.parse(laptop.run(['sync', 'devices']).stdout) as DeviceRow[];
    expect(devices).toHaveLength(2);
    const self = devices.find((d) => d.current)!;
    const other = devices.find((d) => !d.current)!;
    expect(laptop.text(['sync', 'devices']).stdout).toContain(`${self.id}  ${self.name}  (dit apparaat / this device)`);

    const renamed = JSON.parse(laptop.run(['sync', 'rename', other.id.slice(0, 6), 'Computer boven']).stdout) as DeviceRow[];
    expect(renamed.find((d) => d.id === other.id)!.name).toBe('Computer boven');
    expect(laptop.run(['sync', 'rename', 'onbekend', 'X']).code).toBe(2);
    expect(laptop.run(['sync', 'rename', other.id]).code).toBe(2);

    const revoked = JSON.parse(laptop.run(['sync', 'revoke', 'computer boven']).stdout) as DeviceRow[];
    expect(revoked.find((d) => d.id === other.id)!.revoked).toBe(true);
    expect(laptop.run(['sync']).code).toBe(0);
    // The revoked computer's next files are refused; it learns it was revoked.
    desktop.run(['sync']);
    expect((JSON.parse(laptop.run(['sync', 'devices']).stdout) as DeviceRow[]).find((d) => d.id === other.id)!.revoked).toBe(true);
    expect(laptop.run(['sync', 'revoke', self.id]).code).not.toBe(0);
    expect(laptop.text(['--help']).stdout).toContain('sync revoke DEVICE [--keep DEVICE...]');
  });

  it('sync --watch keeps syncing until Ctrl+C, a line per round', async () => {
    const { laptop, desktop } = pairedComputers();
    const { args, options } = cliInvocation(desktop.dir, ['sync', '--watch', '--interval', '5', '--json'], desktop.env);
    const child = spawn(process.execPath, args, options);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    const lines = () => stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { watching?: string; received?: boolean; error?: unknown });
    try {
      await until(() => lines().some((l) => l.received === false), 30_000);
      expect(laptop.run(['measure', 'add', 'gewicht', '82,4']).code).toBe(0);
      expect(laptop.run(['sync']).code).toBe(0);
      await until(() => lines().some((l) => l.received === true), 30_000);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(lines()[0]!.watching).toMatch(/^[a-z0-9]{26}$/);
    expect(lines().filter((l) => 'error' in l).every((l) => l.error === null)).toBe(true);
    expect(JSON.parse(desktop.run(['list']).stdout)).toEqual(JSON.parse(laptop.run(['list']).stdout));
  }, 120_000);
});

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
