import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession, endSessions, openSession } from '../../src-main/auth/cli-sessions';
import { newProfileId, sessionsDirOf } from '../../src-main/vault/profile-paths';
import { expectRegieError, makeTempDir } from '../vault/helpers';

describe('cli sessions', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let profilesDir: string;
  const profileA = newProfileId();
  const profileB = newProfileId();
  const dataKey = randomBytes(32);
  const start = 1_700_000_000_000;
  const idleMs = 10 * 60_000;

  beforeEach(() => {
    temp = makeTempDir();
    profilesDir = join(temp.dir, 'profiles');
    for (const id of [profileA, profileB]) mkdirSync(join(profilesDir, id), { recursive: true });
  });
  afterEach(() => temp.remove());

  const dirOf = (id: string) => join(profilesDir, id);

  it('opens with its token and refreshes the idle clock', () => {
    const token = createSession(dirOf(profileA), profileA, dataKey, idleMs, start);
    expect(token).toMatch(/^[a-z0-9]{26}\.[a-z0-9]{26}\.[A-Za-z0-9_-]{43}$/);
    const opened = openSession(profilesDir, token, start + idleMs - 1);
    expect(opened.profileId).toBe(profileA);
    expect(opened.dataKey.equals(dataKey)).toBe(true);
    // Used just now, so it lives another idle period.
    expect(openSession(profilesDir, token, start + 2 * idleMs - 2).profileId).toBe(profileA);
  });

  it('keeps the data key out of the session file and the session key out of the files', () => {
    const token = createSession(dirOf(profileA), profileA, dataKey, idleMs, start);
    const sessionKey = token.split('.')[2]!;
    const files = readdirSync(sessionsDirOf(dirOf(profileA)));
    expect(files).toHaveLength(1);
    const content = readFileSync(join(sessionsDirOf(dirOf(profileA)), files[0]!), 'utf8');
    for (const secret of [dataKey.toString('hex'), dataKey.toString('base64'), dataKey.toString('base64url'), sessionKey]) {
      expect(content).not.toContain(secret);
    }
  });

  it('expires after the idle time and deletes the file', async () => {
    const token = createSession(dirOf(profileA), profileA, dataKey, idleMs, start);
    await expectRegieError(() => openSession(profilesDir, token, start + idleMs + 1), 'session-invalid');
    expect(readdirSync(sessionsDirOf(dirOf(profileA)))).toEqual([]);
  });

  it('refuses malformed, tampered and transplanted tokens', async () => {
    const token = createSession(dirOf(profileA), profileA, dataKey, idleMs, start);
    const [, sessionId, key] = token.split('.') as [string, string, string];
    const flipped = (key[0] === 'A' ? 'B' : 'A') + key.slice(1);
    for (const bad of ['', 'nonsense', `${profileA}.${sessionId}`, `${profileA}.${sessionId}.${flipped}`, `${profileA}.${newProfileId()}.${key}`]) {
      await expectRegieError(() => openSession(profilesDir, bad, start), 'session-invalid');
    }
    // Another profile's id in front of this session: no such file there.
    await expectRegieError(() => openSession(profilesDir, `${profileB}.${sessionId}.${key}`, start), 'session-invalid');
    // Even with the session file copied over, the wrapped key is bound to profile A.
    const from = join(sessionsDirOf(dirOf(profileA)), `${sessionId}.json`);
    mkdirSync(sessionsDirOf(dirOf(profileB)), { recursive: true });
    writeFileSync(join(sessionsDirOf(dirOf(profileB)), `${sessionId}.json`), readFileSync(from));
    await expectRegieError(() => openSession(profilesDir, `${profileB}.${sessionId}.${key}`, start), 'session-invalid');
    // The real token still works.
    expect(openSession(profilesDir, token, start).profileId).toBe(profileA);
  });

  it('ends all sessions of one profile only', async () => {
    const a1 = createSession(dirOf(profileA), profileA, dataKey, idleMs, start);
    const a2 = createSession(dirOf(profileA), profileA, dataKey, idleMs, start);
    const b = createSession(dirOf(profileB), profileB, dataKey, idleMs, start);
    endSessions(dirOf(profileA));
    expect(existsSync(sessionsDirOf(dirOf(profileA)))).toBe(false);
    await expectRegieError(() => openSession(profilesDir, a1, start), 'session-invalid');
    await expectRegieError(() => openSession(profilesDir, a2, start), 'session-invalid');
    expect(openSession(profilesDir, b, start).profileId).toBe(profileB);
  });
});
