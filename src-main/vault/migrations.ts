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
  {
    version: 2,
    description: 'health records: Yjs update log and snapshots, content-addressed bodies, derived record tables',
    // The Yjs document (rebuilt from yjs_snapshot + yjs_update) is the source of truth; record, record_source,
    // record_ref, record_fts and source are derived from it and from body, and can be rebuilt at any time.
    up: (db) =>
      db.exec(`
        -- AUTOINCREMENT: seq must never be reused after compaction deletes the log, or new updates would
        -- sort before the snapshot's up_to_seq and be skipped when loading.
        CREATE TABLE yjs_update (seq INTEGER PRIMARY KEY AUTOINCREMENT, data BLOB NOT NULL, origin TEXT, created_at TEXT NOT NULL) STRICT;
        CREATE TABLE yjs_snapshot (
          id INTEGER PRIMARY KEY, data BLOB NOT NULL, up_to_seq INTEGER NOT NULL, created_at TEXT NOT NULL
        ) STRICT;
        CREATE TABLE body (hash TEXT PRIMARY KEY, size INTEGER NOT NULL, data BLOB NOT NULL) STRICT;

        CREATE TABLE source (
          id TEXT PRIMARY KEY, kind TEXT NOT NULL, label TEXT NOT NULL, provider TEXT, service TEXT,
          created_at TEXT NOT NULL
        ) STRICT;
        CREATE TABLE record (
          id TEXT PRIMARY KEY,
          resource_type TEXT NOT NULL,
          section TEXT NOT NULL,
          category TEXT,
          code TEXT,
          title TEXT NOT NULL,
          date TEXT,
          sort_date TEXT NOT NULL,
          status TEXT,
          value_text TEXT,
          out_of_range INTEGER NOT NULL,
          period_start TEXT,
          period_end TEXT,
          normalized_hash TEXT NOT NULL,
          content_hash TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX record_by_date ON record (sort_date, id);
        CREATE INDEX record_by_section_date ON record (section, sort_date, id);
        CREATE INDEX record_by_type_date ON record (resource_type, sort_date, id);
        CREATE INDEX record_by_code ON record (code);
        CREATE INDEX record_by_content ON record (content_hash);
        CREATE INDEX record_by_normalized ON record (normalized_hash);
        CREATE INDEX record_by_created ON record (created_at);
        CREATE TABLE record_source (
          record_id TEXT NOT NULL,
          source_id TEXT NOT NULL,
          source_resource_id TEXT NOT NULL,
          original_hash TEXT NOT NULL,
          fhir_version TEXT NOT NULL,
          format TEXT NOT NULL,
          received_at TEXT NOT NULL,
          full_url TEXT,
          PRIMARY KEY (record_id, source_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX record_source_by_source ON record_source (source_id, source_resource_id);
        CREATE TABLE record_ref (
          source_id TEXT NOT NULL, reference TEXT NOT NULL, record_id TEXT NOT NULL,
          PRIMARY KEY (source_id, reference, record_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX record_ref_by_record ON record_ref (record_id);
        CREATE VIRTUAL TABLE record_fts USING fts5 (record_id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2');
      `),
  },
  {
    version: 3,
    description: 'MedMij: connected providers (per data service) and their last retrieval',
    // Local state of this device, not synced: tokens are never stored, only when and how the last
    // retrieval went.
    up: (db) =>
      db.exec(`
        CREATE TABLE medmij_connection (
          provider_id TEXT NOT NULL,
          service_id TEXT NOT NULL,
          provider_name TEXT NOT NULL,
          service_name TEXT NOT NULL,
          last_retrieval_at TEXT NOT NULL,
          last_result TEXT NOT NULL CHECK (last_result IN ('complete', 'partial', 'failed')),
          PRIMARY KEY (provider_id, service_id)
        ) STRICT, WITHOUT ROWID;
      `),
  },
  {
    version: 4,
    description: 'sync between own devices: device keys, sync group keys, registry, stream positions, problems',
    // Device private keys and the group's epoch keys live only here, never in the sync folder.
    up: (db) =>
      db.exec(`
        CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
        -- members: the devices this key has been wrapped to (JSON array of device ids).
        CREATE TABLE sync_key (
          key_id INTEGER PRIMARY KEY, epoch INTEGER NOT NULL, creator TEXT NOT NULL, key BLOB NOT NULL, members TEXT NOT NULL
        ) STRICT;
        CREATE TABLE sync_device (id TEXT PRIMARY KEY, entry TEXT NOT NULL) STRICT;
        -- Next sequence number per (device, stream): for this device the next to write, for others the next to read.
        CREATE TABLE sync_stream (device TEXT NOT NULL, stream TEXT NOT NULL, next_seq INTEGER NOT NULL, PRIMARY KEY (device, stream)) STRICT, WITHOUT ROWID;
        CREATE TABLE sync_body_known (hash TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
        CREATE TABLE sync_pairing (
          id TEXT PRIMARY KEY, secret BLOB NOT NULL, expires_at TEXT NOT NULL, used_by TEXT, created_at TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE sync_incomplete (
          device TEXT NOT NULL, stream TEXT NOT NULL, seq INTEGER NOT NULL, digest TEXT NOT NULL, rounds INTEGER NOT NULL,
          PRIMARY KEY (device, stream, seq)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE sync_problem (
          id INTEGER PRIMARY KEY, at TEXT NOT NULL, device TEXT, stream TEXT, seq INTEGER, kind TEXT NOT NULL, detail TEXT
        ) STRICT;
      `),
  },
  {
    version: 5,
    description: 'Medicatie: what each medication record (and each target of its references) says, derived at write time',
    // Derived like record (see records/derived-tables.ts and records/medication-facts.ts), so that the
    // overview reads this one small table instead of bodies and the large record tables. kind: the
    // medication record's kind, or 'medication' / 'role' / 'party' for the targets of its references.
    // resource_type, date, sort_date, status: as in record. sources: JSON of the record's record_source
    // rows. codes, atc: JSON arrays of identity keys. References are resolved when read.
    up: (db) =>
      db.exec(`
        CREATE TABLE record_medication (
          record_id TEXT PRIMARY KEY,
          resource_type TEXT NOT NULL,
          kind TEXT NOT NULL,
          date TEXT,
          sort_date TEXT NOT NULL,
          status TEXT,
          sources TEXT,
          name TEXT,
          codes TEXT,
          atc TEXT,
          reference TEXT,
          reference_display TEXT,
          period_start TEXT,
          period_end TEXT,
          instructions TEXT,
          amount TEXT,
          days_supply REAL,
          by_display TEXT,
          by_reference TEXT,
          prescriber_display TEXT,
          prescriber_reference TEXT
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX record_medication_by_type_date ON record_medication (resource_type, sort_date, record_id);
      `),
  },
  {
    version: 6,
    description: 'hidden records: a record the person hid stays in record (for "Verborgen gegevens") but leaves every list',
    // hidden is derived from the document's `hidden` map (records/doc-model.ts). Lists ask for
    // hidden = 0, so the list indexes take it as an equality column before sort_date: a page or a
    // count is still read straight from an index.
    up: (db) =>
      db.exec(`
        ALTER TABLE record ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
        DROP INDEX record_by_date;
        DROP INDEX record_by_section_date;
        DROP INDEX record_by_type_date;
        CREATE INDEX record_by_date ON record (hidden, sort_date, id);
        CREATE INDEX record_by_section_date ON record (section, hidden, sort_date, id);
        CREATE INDEX record_by_type_date ON record (resource_type, hidden, sort_date, id);
      `),
  },
  {
    version: 7,
    description: 'the same clinical fact from two sources: fact keys of each record, derived at write time',
    // Derived like record (records/derived-tables.ts, records/fact-keys.ts): an import looks a new
    // resource's keys up here to attach it, as a second source, to the record that says the same.
    up: (db) =>
      db.exec(`
        CREATE TABLE record_fact (fact_key TEXT NOT NULL, record_id TEXT NOT NULL, PRIMARY KEY (fact_key, record_id)) STRICT, WITHOUT ROWID;
        CREATE INDEX record_fact_by_record ON record_fact (record_id);
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
