import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** Lowercase base32 alphabet: 32 symbols, so `byte & 31` picks one without bias. */
const idAlphabet = 'abcdefghijklmnopqrstuvwxyz234567';
const idPattern = /^[a-z0-9]{26}$/;

/** A random 26-character id (130 bits): used for profile folders and session files, never a person's name. */
export function newRandomId(): string {
  const bytes = randomBytes(26);
  let id = '';
  for (const byte of bytes) id += idAlphabet[byte & 31];
  return id;
}

export const newProfileId = newRandomId;

/** Checked before an id is ever joined into a path, so a crafted id cannot escape the profiles folder. */
export function isProfileId(value: string): boolean {
  return idPattern.test(value);
}

export const profilesDirOf = (dataDir: string): string => join(dataDir, 'profiles');
export const profileDirOf = (dataDir: string, profileId: string): string => join(profilesDirOf(dataDir), profileId);
export const headerFileOf = (profileDir: string): string => join(profileDir, 'vault.json');
export const databaseFileOf = (profileDir: string): string => join(profileDir, 'profile.db');
export const throttleFileOf = (profileDir: string): string => join(profileDir, 'throttle.db');
/** Where versions before 0.2 kept the counter (taken over once). */
export const legacyThrottleFileOf = (profileDir: string): string => join(profileDir, 'throttle.json');
export const sessionsDirOf = (profileDir: string): string => join(profileDir, 'sessions');
export const sessionFileOf = (profileDir: string, sessionId: string): string =>
  join(sessionsDirOf(profileDir), `${sessionId}.json`);
