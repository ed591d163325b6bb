import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { URI, type TOTP } from 'otpauth';

const repo = resolve(import.meta.dirname, '../..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real CLI in a child process (as `npm run -s regie -- …` runs it), on its own data dir, with no terminal. */
export function cliInvocation(dataDir: string, args: string[], env: Record<string, string>) {
  return {
    args: ['--import', 'tsx', 'src-main/cli/index.ts', '--data-dir', dataDir, ...args],
    options: {
      cwd: repo,
      // Only what the CLI needs: no REGIE_* secrets leak in from the test runner.
      env: { PATH: process.env.PATH ?? '', HOME: dataDir, LANG: 'en_US.UTF-8', ...env },
      stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'],
    },
  };
}

export function runCli(dataDir: string, args: string[], env: Record<string, string> = {}): CliResult {
  const { args: argv, options } = cliInvocation(dataDir, args, env);
  const result = spawnSync(process.execPath, argv, { ...options, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Asynchronous, for tests whose servers run in this process and must keep answering meanwhile. */
export function runCliAsync(dataDir: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const { args: argv, options } = cliInvocation(dataDir, args, env);
  return new Promise((done) => {
    const child = spawn(process.execPath, argv, options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** A new profile made and unlocked through the CLI; returns the REGIE_SESSION for later commands. */
export function cliProfileSession(dataDir: string, name: string, password: string): string {
  const created = runCli(dataDir, ['profile', 'create', name, '--json'], { REGIE_PASSWORD: password });
  if (created.code !== 0) throw new Error(`profile create failed: ${created.stderr}`);
  const totp = URI.parse((JSON.parse(created.stdout) as { otpauthUri: string }).otpauthUri) as TOTP;
  const unlocked = runCli(dataDir, ['unlock', '--profile', name, '--json'], { REGIE_PASSWORD: password, REGIE_TOTP: totp.generate() });
  if (unlocked.code !== 0) throw new Error(`unlock failed: ${unlocked.stderr}`);
  return (JSON.parse(unlocked.stdout) as { session: string }).session;
}
