import DatabaseConstructor from 'better-sqlite3-multiple-ciphers';
import { RegieError } from '../core/errors';
import { enableBackgroundCheckpoint } from './background-checkpoint';
import { migrate } from './migrations';

export type Database = DatabaseConstructor.Database;

/**
 * Opens (or with `create`, creates) a profile's SQLCipher database with the raw 32-byte data key and
 * brings its schema up to date. Callers pass an already unwrapped key, so a key that does not open
 * the file means the file is damaged, not that a password was wrong.
 */
export function openProfileDatabase(file: string, dataKey: Buffer, options: { create?: boolean } = {}): Database {
  if (dataKey.length !== 32) throw new Error('data key must be 32 bytes');
  let db: Database;
  try {
    db = new DatabaseConstructor(file, { fileMustExist: !options.create });
  } catch {
    throw new RegieError('vault-damaged', undefined, 'profile database missing or unreadable');
  }
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    // Raw key (x'…'): no second key derivation inside SQLCipher; Argon2 already did that work.
    db.pragma(`key="x'${dataKey.toString('hex')}'"`);
    // The first real read is where SQLCipher notices a wrong key or a damaged file.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma('journal_mode = WAL');
    db.pragma('temp_store = MEMORY'); // no plaintext temp files on disk
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON'); // deleted rows are overwritten, not left in free pages
    migrate(db);
    enableBackgroundCheckpoint(db, file, dataKey);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof RegieError) throw error;
    throw new RegieError('vault-damaged', undefined, 'profile database cannot be opened with its key');
  }
}
