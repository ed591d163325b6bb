/**
 * Renewing a profile's data key: the whole SQLCipher database is re-encrypted under a new random key,
 * so an old copy of vault.json (from a backup) plus an old password no longer opens today's database.
 *
 * Crash safety. Re-encryption and writing the new header are two steps; a crash between them must not
 * leave a database no slot opens. So the header first gets a `pending` entry (the new key wrapped under
 * the new password and the new recovery code, and the old key wrapped under the new key), then the
 * database is re-encrypted (SQLCipher does this in one transaction: all pages or none), then the header
 * is promoted. An unlock that finds `pending` finishes or drops it (see settlePending in vault.ts).
 */
import { RegieError } from '../core/errors';
import { releaseBackgroundConnection } from './background-checkpoint';
import type { Database } from './database';

/**
 * Re-encrypts the open database under `newKey`. SQLCipher cannot re-encrypt in WAL mode, and leaving
 * WAL needs every other connection closed: another process holding the profile (the app beside a CLI
 * command) makes this fail with 'profile-in-use' and nothing changes.
 */
export function rekeyDatabase(db: Database, newKey: Buffer): void {
  if (newKey.length !== 32) throw new Error('data key must be 32 bytes');
  let mode: unknown;
  // This process's own checkpoint connection (background-checkpoint.ts) would count as another user.
  releaseBackgroundConnection(db);
  try {
    mode = db.pragma('journal_mode = DELETE', { simple: true });
  } catch {
    throw new RegieError('profile-in-use');
  }
  if (mode !== 'delete') {
    restoreWal(db);
    throw new RegieError('profile-in-use');
  }
  try {
    db.pragma(`rekey="x'${newKey.toString('hex')}'"`);
    releaseBackgroundConnection(db, newKey);
  } finally {
    restoreWal(db);
  }
}

function restoreWal(db: Database): void {
  try {
    db.pragma('journal_mode = WAL');
  } catch {
    // Stays in rollback-journal mode until the next open sets WAL again: slower, never unsafe.
  }
}
