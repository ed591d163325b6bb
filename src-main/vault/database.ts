import DatabaseConstructor from 'better-sqlite3-multiple-ciphers';
import { RegieError } from '../core/errors';
import { enableBackgroundCheckpoint } from './background-checkpoint';
import { migrate } from './migrations';

export type Database = DatabaseConstructor.Database;

/**
 * Page sizes a profile database may have, tried in this order. New profiles get 16 KiB pages: a
 * quarter of the pages to encrypt, authenticate (HMAC-SHA512 per page) and link for the same data,
 * which made a 50,000-resource import about a tenth faster. Profiles made before keep SQLCipher 4's
 * 4 KiB. The size is inside the encrypted header, so a file is opened with each until one reads.
 */
export const profilePageSizes = [16_384, 4_096] as const;

/** The page cache of a profile's connection (KiB); a bulk write raises it for its own duration. */
const pageCacheKiB = 64 * 1024;

/**
 * Opens (or with `create`, creates) a profile's SQLCipher database with the raw 32-byte data key and
 * brings its schema up to date. Callers pass an already unwrapped key, so a key that does not open
 * the file means the file is damaged, not that a password was wrong.
 */
export function openProfileDatabase(file: string, dataKey: Buffer, options: { create?: boolean } = {}): Database {
  if (dataKey.length !== 32) throw new Error('data key must be 32 bytes');
  for (const pageSize of profilePageSizes) {
    const db = openWithPageSize(file, dataKey, pageSize, options.create === true);
    if (!db) continue;
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('temp_store = MEMORY'); // no plaintext temp files on disk
      db.pragma('foreign_keys = ON');
      db.pragma('secure_delete = ON'); // deleted rows are overwritten, not left in free pages
      // Up to 64 MiB of decrypted pages (a cap, filled only as pages are read): a search or list that
      // touches thousands of random record rows of a large profile then decrypts each page once, not on
      // every query (100,000 records: "glucose" 23 ms instead of 199, a rare term 4 ms instead of 89).
      db.pragma(`cache_size = -${pageCacheKiB}`);
      migrate(db);
      enableBackgroundCheckpoint(db, file, dataKey, pageSize);
      return db;
    } catch (error) {
      db.close();
      if (error instanceof RegieError) throw error;
      throw new RegieError('vault-damaged', undefined, 'profile database cannot be opened with its key');
    }
  }
  throw new RegieError('vault-damaged', undefined, 'profile database cannot be opened with its key');
}

/**
 * The database opened with the key and this page size, or null when the two do not read it (a wrong
 * key, another page size, or a damaged file). SQLCipher notices at the first real read.
 */
function openWithPageSize(file: string, dataKey: Buffer, pageSize: number, create: boolean): Database | null {
  let db: Database;
  try {
    db = new DatabaseConstructor(file, { fileMustExist: !create });
  } catch {
    throw new RegieError('vault-damaged', undefined, 'profile database missing or unreadable');
  }
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`legacy_page_size=${pageSize}`);
    // Raw key (x'…'): no second key derivation inside SQLCipher; Argon2 already did that work.
    db.pragma(`key="x'${dataKey.toString('hex')}'"`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch {
    db.close();
    return null;
  }
}
