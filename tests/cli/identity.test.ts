/** `regie identity`: whom the profile belongs to, set once and corrected only as a typing mistake. */
import { TOTP, URI } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';

const password = 'paarse-olifant-danst-op-zolder';
let temp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  temp = makeTempDir('regie-cli-identity-');
});
afterAll(() => temp.remove());
const regie = (args: string[], env: Record<string, string> = {}) => runCli(temp.dir, args, env);

describe('regie identity', () => {
  it('sets, shows and corrects whom the profile belongs to', () => {
    const created = JSON.parse(regie(['profile', 'create', 'Jan', '--json'], { REGIE_PASSWORD: password }).stdout) as { profile: string; otpauthUri: string };
    const totp = URI.parse(created.otpauthUri) as TOTP;
    const unlocked = regie(['unlock', '--profile', 'Jan', '--json'], { REGIE_PASSWORD: password, REGIE_TOTP: totp.generate({ timestamp: Date.now() + 30_000 }) });
    expect(unlocked.code).toBe(0);
    const env = { REGIE_SESSION: (JSON.parse(unlocked.stdout) as { session: string }).session };

    expect(JSON.parse(regie(['identity', '--json'], env).stdout)).toEqual({ identity: null });
    const set = regie(['identity', 'set', '--name', 'Jan de Vris', '--birth-date', '14-03-1958', '--json'], env);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ identity: { name: 'Jan de Vris', birthDate: '1958-03-14' } });

    const again = regie(['identity', 'set', '--name', 'Jan de Vries', '--birth-date', '1958-03-14'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already set/);
    const corrected = regie(['identity', 'set', '--name', 'Jan de Vries', '--birth-date', '1958-03-14', '--correct', '--json'], env);
    expect(corrected.code).toBe(0);
    expect(JSON.parse(regie(['identity', '--json'], env).stdout)).toMatchObject({ identity: { name: 'Jan de Vries', origin: { kind: 'person' } } });

    const bad = regie(['identity', 'set', '--name', 'Jan', '--birth-date', '31-02-1958', '--correct'], env);
    expect(bad.code).toBe(2);
  });
});
