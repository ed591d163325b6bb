import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Owner-only: profile files are nobody else's business on a shared computer. */
export const privateFileMode = 0o600;
export const privateDirMode = 0o700;

/**
 * Replaces `file` so that a crash leaves either the old or the new content, never a torn file:
 * write a temp file in the same folder, fsync it, rename over the target, fsync the folder.
 */
export function writeFileAtomic(file: string, content: string): void {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, 'wx', privateFileMode);
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncDirectory(dirname(file));
}

/** Makes the rename itself durable. Not possible on Windows (folders cannot be opened), hence best effort. */
function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // The data itself is already fsynced; only the rename's durability is at stake.
  }
}
