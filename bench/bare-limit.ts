/**
 * The bare limit: parse the input and insert one row per resource (its JSON) into a bare
 * SQLCipher table in one transaction — the floor any encrypted store pays. As for the import, SQLite's
 * automatic checkpoint is off: copying the WAL into the database file afterwards (a worker thread's
 * job in Regie, vault/background-checkpoint.ts) counts on neither side. Used by the records bench
 * (an import) and the sync bench (a second device that must hold the same resources).
 */
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';

type Row = { resourceType: string; id: string };

export class BareTable {
  private readonly insert;

  private constructor(private readonly db: Database.Database) {
    db.exec('CREATE TABLE resource (id TEXT PRIMARY KEY, type TEXT NOT NULL, json TEXT NOT NULL)');
    this.insert = db.prepare('INSERT INTO resource VALUES (?, ?, ?)');
  }

  /** A new bare SQLCipher database (SQLCipher 4 settings, a random raw key, WAL) at `file`. */
  static create(file: string): BareTable {
    const db = new Database(file);
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma(`key="x'${randomBytes(32).toString('hex')}'"`);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    return new BareTable(db);
  }

  /** Parses each text and stores every resource `resourcesOf` finds in it as one row, all in one transaction. */
  store(texts: Iterable<string>, resourcesOf: (parsed: unknown) => Iterable<Row>): void {
    this.db.transaction(() => {
      for (const text of texts) {
        for (const resource of resourcesOf(JSON.parse(text))) {
          this.insert.run(`${resource.resourceType}/${resource.id}`, resource.resourceType, JSON.stringify(resource));
        }
      }
    })();
  }

  close(): void {
    this.db.close();
  }
}
