import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import DatabaseConstructor from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProfileDatabase } from '../../src-main/vault/database';
import { readHeader, writeHeader, type VaultHeader } from '../../src-main/vault/header';
import { fastKdfParams } from '../../src-main/vault/kdf';
import { migrate, migrations, schemaVersion } from '../../src-main/vault/migrations';
import { newProfileId } from '../../src-main/vault/profile-paths';
import { expectRegieError, makeTempDir } from './helpers';

describe('profile database', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let file: string;
  const key = randomBytes(32);
  beforeEach(() => {
    temp = makeTempDir();
    file = join(temp.dir, 'profile.db');
  });
  afterEach(() => temp.remove());

  it('creates the schema and reopens with the same key', () => {
    const db = openProfileDatabase(file, key, { create: true });
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.prepare("INSERT INTO settings (key, value) VALUES ('a', '1')").run();
    db.close();
    const again = openProfileDatabase(file, key);
    expect(again.prepare("SELECT value FROM settings WHERE key = 'a'").get()).toEqual({ value: '1' });
    again.close();
  });

  it('cannot be opened with a wrong key, and does not create a missing file', async () => {
    openProfileDatabase(file, key, { create: true }).close();
    await expectRegieError(() => openProfileDatabase(file, randomBytes(32)), 'vault-damaged');
    await expectRegieError(() => openProfileDatabase(join(temp.dir, 'missing.db'), key), 'vault-damaged');
    expect(readdirSync(temp.dir).includes('missing.db')).toBe(false);
  });

  it('refuses a database written by a newer schema', async () => {
    const db = openProfileDatabase(file, key, { create: true });
    db.pragma('user_version = 999');
    db.close();
    await expectRegieError(() => openProfileDatabase(file, key), 'vault-damaged');
  });

  it('runs only the migrations not applied yet, each once', () => {
    const db = new DatabaseConstructor(':memory:');
    const applied: number[] = [];
    const list = [1, 2, 3].map((version) => ({
      version,
      description: `v${version}`,
      up: () => void applied.push(version),
    }));
    migrate(db, list.slice(0, 2));
    migrate(db, list);
    migrate(db, list);
    expect(applied).toEqual([1, 2, 3]);
    expect(schemaVersion(db)).toBe(3);
    db.close();
  });

  it('adds the derived Medicatie table to a database of schema 4, keeping what is there', () => {
    const db = new DatabaseConstructor(':memory:');
    migrate(db, migrations.filter((m) => m.version <= 4));
    db.prepare("INSERT INTO settings (key, value) VALUES ('a', '1')").run();
    const tableExists = () => db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'record_medication'").pluck().get();
    expect(tableExists()).toBe(0);
    migrate(db, migrations.filter((m) => m.version <= 5));
    expect(schemaVersion(db)).toBe(5);
    expect(tableExists()).toBe(1);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'a'").pluck().get()).toBe('1');
    db.close();
  });

  it('gives every record of a schema 5 database a hidden flag of 0, and list indexes that lead with it', () => {
    const db = new DatabaseConstructor(':memory:');
    migrate(db, migrations.filter((m) => m.version <= 5));
    db.prepare(
      `INSERT INTO record (id, resource_type, section, title, sort_date, out_of_range, normalized_hash, content_hash, created_at, updated_at)
       VALUES ('r1', 'Observation', 'lab', 'Glucose', '2024-03-01', 0, 'n', 'c', '2024-03-02', '2024-03-02')`,
    ).run();
    migrate(db, migrations.filter((m) => m.version <= 6));
    expect(schemaVersion(db)).toBe(6);
    expect(db.prepare("SELECT id, hidden FROM record").all()).toEqual([{ id: 'r1', hidden: 0 }]);
    const columns = (index: string) => (db.pragma(`index_info(${index})`) as Array<{ name: string }>).map((c) => c.name);
    expect(columns('record_by_date')).toEqual(['hidden', 'sort_date', 'id']);
    expect(columns('record_by_section_date')).toEqual(['section', 'hidden', 'sort_date', 'id']);
    expect(columns('record_by_type_date')).toEqual(['resource_type', 'hidden', 'sort_date', 'id']);
    db.close();
  });

  it('rolls back a failing migration together with its version', () => {
    const db = new DatabaseConstructor(':memory:');
    const failing = {
      version: 1,
      description: 'fails halfway',
      up: (target: typeof db) => {
        target.exec('CREATE TABLE half (x)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [failing])).toThrow('boom');
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('vault header', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  const slot = () => ({ salt: randomBytes(16).toString('base64'), wrapped: randomBytes(60).toString('base64') });
  const header = (): VaultHeader => ({
    format: 'regie-vault',
    version: 1,
    profileId: newProfileId(),
    label: 'Anna',
    createdAt: new Date().toISOString(),
    kdf: fastKdfParams,
    slots: { password: slot(), recovery: slot() },
  });

  it('round-trips and leaves no temp files behind', () => {
    const written = header();
    writeHeader(temp.dir, written);
    writeHeader(temp.dir, { ...written, label: 'Bert' });
    expect(readHeader(temp.dir)).toEqual({ ...written, label: 'Bert' });
    expect(readdirSync(temp.dir)).toEqual(['vault.json']);
  });

  it('reports a missing, unparsable or tampered header as damaged', async () => {
    await expectRegieError(() => readHeader(temp.dir), 'vault-damaged');
    const file = join(temp.dir, 'vault.json');
    writeFileSync(file, '{');
    await expectRegieError(() => readHeader(temp.dir), 'vault-damaged');
    const valid = header();
    for (const broken of [
      { ...valid, format: 'other' },
      { ...valid, version: 2 },
      { ...valid, kdf: { ...valid.kdf, memoryKiB: 1e9 } },
      { ...valid, slots: { password: valid.slots.password } },
      { ...valid, slots: { ...valid.slots, password: { ...slot(), salt: 'AAAA' } } },
    ]) {
      writeFileSync(file, JSON.stringify(broken));
      await expectRegieError(() => readHeader(temp.dir), 'vault-damaged');
    }
    writeFileSync(file, JSON.stringify(valid));
    expect(readHeader(temp.dir).profileId).toBe(valid.profileId);
    expect(JSON.parse(readFileSync(file, 'utf8')).label).toBe('Anna');
  });
});
