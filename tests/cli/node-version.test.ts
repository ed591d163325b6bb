/**
 * Wrong Node, clear words: on a Node other than 24 every entry point stops with one line and exit
 * code 2 before a native module loads (those crash an older Node with a bare segmentation fault),
 * and npm refuses to install.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeVersionProblem, requiredNodeMajor } from '../../src-main/common/require-node.mjs';
import { makeTempDir } from '../helpers/temp-dir';

const repo = resolve(import.meta.dirname, '../..');
const expectedLine = (version: string) =>
  `Regie heeft Node.js 24 nodig (dit is ${version}): zie README / Regie needs Node.js 24 (this is ${version}): see README`;

/** Makes the child believe it is Node `version`, before anything else loads. */
const pretend = (version: string) =>
  `data:text/javascript,Object.defineProperty(process.versions,'node',{value:'${version}'});Object.defineProperty(process,'version',{value:'v${version}'});`;

function run(node: string, args: string[], cwd = repo) {
  const result = spawnSync(node, args, { cwd, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '', HOME: cwd } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The machine's own Node when it is another major than 24 (Debian's is 20), else null. */
function systemNodeOfOtherMajor(): { path: string; version: string } | null {
  const path = '/usr/bin/node';
  if (!existsSync(path)) return null;
  const version = spawnSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
  return version && !version.startsWith(`${requiredNodeMajor}.`) ? { path, version } : null;
}

/** npm's own script (npm is a Node program), found through PATH. */
function npmCliPath(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
  if (!found) return null;
  const script = realpathSync(found);
  return script.endsWith('.js') ? script : join(dirname(script), '../lib/node_modules/npm/bin/npm-cli.js');
}

const temp: Array<{ remove(): void }> = [];
afterEach(() => temp.splice(0).forEach((t) => t.remove()));

describe('the Node version check', () => {
  it('names the Node it needs and the one it found; the required major is package.json engines and .nvmrc', () => {
    expect(nodeVersionProblem('24.21.0')).toBeNull();
    expect(nodeVersionProblem('20.20.2')).toBe(expectedLine('20.20.2'));
    expect(nodeVersionProblem('25.0.0')).toBe(expectedLine('25.0.0'));
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe(`>=${requiredNodeMajor} <${requiredNodeMajor + 1}`);
    expect(readFileSync(join(repo, '.nvmrc'), 'utf8').trim()).toBe(String(requiredNodeMajor));
  });

  it.each([
    ['CLI', 'src-main/cli/index.ts', ['profile', 'list']],
    ['test host', 'src-main/testhost/start.ts', []],
    ['provider simulator', 'src-main/medmij/simulator/start.ts', []],
    ['bench', 'bench/index.ts', ['records']],
  ])('the %s stops with one line and exit code 2 on Node 20', (_name, entry, args) => {
    const dir = makeTempDir();
    temp.push(dir);
    const result = run(process.execPath, ['--import', pretend('20.20.2'), '--import', 'tsx', entry, '--data-dir', dir.dir, ...args]);
    expect(result.stderr).toBe(`${expectedLine('20.20.2')}\n`);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
  });

  it('npm scripts check before starting a tool (plain JavaScript, no tsx needed)', () => {
    const result = run(process.execPath, ['--import', pretend('22.1.0'), 'src-main/common/require-node.mjs']);
    expect(result).toEqual({ code: 2, stdout: '', stderr: `${expectedLine('22.1.0')}\n` });
    expect(run(process.execPath, ['src-main/common/require-node.mjs'])).toEqual({ code: 0, stdout: '', stderr: '' });
    const scripts = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['start', 'dev', 'start:browser', 'regie', 'provider-sim', 'bench', 'test']) {
      expect(scripts[name], name).toMatch(/^node src-main\/common\/require-node\.mjs && /);
    }
  });

  const system = systemNodeOfOtherMajor();
  it.skipIf(!system)(`the CLI on this machine's own Node (${system?.version ?? 'none other than 24 here'}) says so instead of crashing`, () => {
    const dir = makeTempDir();
    temp.push(dir);
    const result = run(system!.path, ['--import', 'tsx', 'src-main/cli/index.ts', '--data-dir', dir.dir, 'profile', 'list']);
    expect(result).toEqual({ code: 2, stdout: '', stderr: `${expectedLine(system!.version)}\n` });
  });

  it.skipIf(!npmCliPath())('npm refuses to install on another Node (engine-strict)', () => {
    const dir = makeTempDir();
    temp.push(dir);
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { engines: unknown };
    writeFileSync(join(dir.dir, 'package.json'), JSON.stringify({ name: 'engine-probe', version: '1.0.0', private: true, engines: pkg.engines }));
    copyFileSync(join(repo, '.npmrc'), join(dir.dir, '.npmrc'));
    // The npm on PATH, run by a Node that says it is 20.
    const npmCli = npmCliPath()!;
    const args = ['install', '--offline', '--no-audit', '--no-fund'];
    const refused = run(process.execPath, ['--import', pretend('20.20.2'), npmCli, ...args], dir.dir);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('EBADENGINE');
    expect(run(process.execPath, [npmCli, ...args], dir.dir).code).toBe(0);
  });
});
