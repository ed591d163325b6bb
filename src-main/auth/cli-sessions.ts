import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RegieError } from '../core/errors';
import { privateDirMode, writeFileAtomic } from '../common/atomic-file';
import { unwrapKey, wrapKey, type WrapContext } from '../vault/key-wrap';
import { newRandomId, sessionFileOf, sessionsDirOf } from '../vault/profile-paths';

/**
 * CLI sessions, like `bw unlock`: the token carries a session key, the session file carries the data
 * key wrapped with that session key. The token alone or the files alone open nothing.
 *
 * Token: `<profileId>.<sessionId>.<base64url 32-byte session key>`.
 */
const tokenPattern = /^([a-z0-9]{26})\.([a-z0-9]{26})\.([A-Za-z0-9_-]{43})$/;

const sessionFileSchema = z.object({
  version: z.literal(1),
  createdAt: z.number(),
  lastUsedAt: z.number(),
  idleMs: z.number().int().positive(),
  wrapped: z.string(),
});
type SessionFile = z.infer<typeof sessionFileSchema>;

const contextOf = (profileId: string, sessionId: string): WrapContext => ({ profileId, slot: `session/${sessionId}` });

export function createSession(
  profileDir: string,
  profileId: string,
  dataKey: Buffer,
  idleMs: number,
  now: number = Date.now(),
): string {
  pruneExpiredSessions(profileDir, now);
  const sessionId = newRandomId();
  const sessionKey = randomBytes(32);
  try {
    const session: SessionFile = {
      version: 1,
      createdAt: now,
      lastUsedAt: now,
      idleMs: Math.max(1, Math.round(idleMs)),
      wrapped: wrapKey(dataKey, sessionKey, contextOf(profileId, sessionId)),
    };
    mkdirSync(sessionsDirOf(profileDir), { recursive: true, mode: privateDirMode });
    writeFileAtomic(sessionFileOf(profileDir, sessionId), JSON.stringify(session));
    return `${profileId}.${sessionId}.${sessionKey.toString('base64url')}`;
  } finally {
    sessionKey.fill(0);
  }
}

/** The profile and data key a token opens; refreshes its idle clock. Anything wrong → 'session-invalid'. */
export function openSession(profilesDir: string, token: string, now: number): { profileId: string; dataKey: Buffer } {
  const match = tokenPattern.exec(token.trim());
  if (!match) throw invalid();
  const [, profileId, sessionId, encodedKey] = match as unknown as [string, string, string, string];
  const profileDir = join(profilesDir, profileId);
  const file = sessionFileOf(profileDir, sessionId);
  const session = readSession(file);
  if (!session) throw invalid();
  if (now - session.lastUsedAt > session.idleMs) {
    rmSync(file, { force: true });
    throw invalid();
  }
  const sessionKey = Buffer.from(encodedKey, 'base64url');
  const dataKey = unwrapKey(session.wrapped, sessionKey, contextOf(profileId, sessionId));
  sessionKey.fill(0);
  if (!dataKey) throw invalid();
  try {
    writeFileAtomic(file, JSON.stringify({ ...session, lastUsedAt: Math.max(now, session.lastUsedAt) }));
  } catch {
    dataKey.fill(0);
    throw invalid();
  }
  return { profileId, dataKey };
}

/** Ends every CLI session of a profile (`regie lock`, password change, recovery). */
export function endSessions(profileDir: string): void {
  rmSync(sessionsDirOf(profileDir), { recursive: true, force: true });
}

function pruneExpiredSessions(profileDir: string, now: number): void {
  let names: string[];
  try {
    names = readdirSync(sessionsDirOf(profileDir));
  } catch {
    return;
  }
  for (const name of names) {
    // Only finished session files: a temp file may belong to another process's write in progress.
    if (!/^[a-z0-9]{26}\.json$/.test(name)) continue;
    const file = join(sessionsDirOf(profileDir), name);
    const session = readSession(file);
    if (!session || now - session.lastUsedAt > session.idleMs) rmSync(file, { force: true });
  }
}

function readSession(file: string): SessionFile | null {
  try {
    return sessionFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

const invalid = (): RegieError => new RegieError('session-invalid');
