import type { Database } from './database';
import { RegieError } from '../core/errors';

/**
 * Schema changes, in order. `PRAGMA user_version` records the last one applied; each runs in its own
 * transaction together with the version bump, so a crash never leaves a half-migrated database.
 * To change the schema: append an entry with the next version. Never edit or reorder applied ones.
 */
export interface Migration {
  version: number;
  description: string;
  up: (db: Database) => void;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'auth state (meta) and profile settings',
    up: (db) =>
      db.exec(`
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      `),
  },
];

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Database, list: readonly Migration[] = migrations): void {
  const latest = list.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  // A newer Regie wrote this database; guessing at its schema could corrupt health data.
  if (current > latest) throw new RegieError('vault-damaged', undefined, `database schema ${current} is newer than ${latest}`);
  for (const migration of list) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
