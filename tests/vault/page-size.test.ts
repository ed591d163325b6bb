/**
 * New profile databases have 16 KiB pages; those made before (SQLCipher 4's 4 KiB) open as they are,
 * and take writes, checkpoints and a new key; a wrong key still reads as a damaged file.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import DatabaseConstructor from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src-main/records/import-files';
import { RecordStore } from '../../src-main/records/record-store';
import { openProfileDatabase } from '../../src-main/vault/database';
import { rekeyDatabase } from '../../src-main/vault/rekey';
import { makeTempDir } from '../helpers/temp-dir';

const temps: Array<{ remove(): void }> = [];
afterEach(() => {
  for (const temp of temps.splice(0)) temp.remove();
});

function bundle(n: number): Buffer {
  const entry = Array.from({ length: n }, (_, i) => ({ resource: { resourceType: 'Observation', id: `o${i}`, status: 'final', code: { text: `Meting ${i}` } } }));
  return Buffer.from(JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry }));
}

/** A database as Regie made them before: SQLCipher 4 defaults (4 KiB pages), WAL. */
function oldFormat(file: string, key: Buffer): void {
  const db = new DatabaseConstructor(file);
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${key.toString('hex')}'"`);
  db.pragma('journal_mode = WAL');
  db.close();
}

describe('profile database page size', () => {
  it('a new profile has 16 KiB pages', () => {
    const temp = makeTempDir('regie-pages-');
    temps.push(temp);
    const db = openProfileDatabase(join(temp.dir, 'p.db'), randomBytes(32), { create: true });
    expect(db.pragma('page_size', { simple: true })).toBe(16_384);
    // A larger page needs a larger cache to hold as many of them (a cap: filled only as pages are read).
    expect(db.pragma('cache_size', { simple: true })).toBe(-64 * 1024);
    db.close();
  });

  it('a profile made with 4 KiB pages opens as it is, takes a bulk import, its checkpoint and a new key', async () => {
    const temp = makeTempDir('regie-pages-');
    temps.push(temp);
    const file = join(temp.dir, 'p.db');
    const key = randomBytes(32);
    oldFormat(file, key);
    let db = openProfileDatabase(file, key);
    expect(db.pragma('page_size', { simple: true })).toBe(4_096);
    let store = RecordStore.open(db);
    const sizeBefore = statSync(file).size;
    expect(importFiles(store, [{ name: 'b.json', content: bundle(6_000) }])).toMatchObject({ ok: true, created: 6_000 });
    // The background checkpoint reads it with its page size: the database file grows without a write here.
    for (const end = Date.now() + 10_000; statSync(file).size < sizeBefore + 1024 * 1024 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
    expect(statSync(file).size).toBeGreaterThan(sizeBefore + 1024 * 1024);
    const newKey = randomBytes(32);
    rekeyDatabase(db, newKey);
    store.close();
    db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(() => openProfileDatabase(file, key)).toThrow(expect.objectContaining({ code: 'vault-damaged' }));
    db = openProfileDatabase(file, newKey);
    expect(db.pragma('page_size', { simple: true })).toBe(4_096);
    store = RecordStore.open(db);
    expect(store.list().total).toBe(6_000);
    store.close();
    db.close();
  });
});
