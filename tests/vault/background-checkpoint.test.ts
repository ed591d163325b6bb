/**
 * Copying the WAL into the database file is left to a worker thread with a connection of its own
 * (vault/background-checkpoint.ts): no write checkpoints in the main thread, the worker does once the
 * WAL has grown, and closing the main connection (a lock) or re-encrypting closes the worker's first.
 */
import { existsSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { importFiles } from '../../src-main/records/import-files';
import { RecordStore } from '../../src-main/records/record-store';
import { openProfileDatabase } from '../../src-main/vault/database';
import { rekeyDatabase } from '../../src-main/vault/rekey';
import { openTestProfile, type TestProfile } from '../records/helpers';

const profiles: TestProfile[] = [];
afterEach(() => {
  for (const p of profiles.splice(0)) p.remove();
});

function bundle(n: number, first = 0): Buffer {
  const entry = Array.from({ length: n }, (_, k) => k + first).map((i) => ({
    resource: {
      resourceType: 'Observation', id: `o${i}`, status: 'final', code: { text: `Meting ${i}` },
      effectiveDateTime: new Date(Date.UTC(2021, 0, 1) + i * 60_000).toISOString(), valueQuantity: { value: i % 90, unit: 'mmol/l' },
    },
  }));
  return Buffer.from(JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry }, null, 1));
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('background checkpoint', () => {
  it('copies a bulk import into the database file after its commit, on a worker', async () => {
    const p = openTestProfile();
    profiles.push(p);
    const sizeBefore = statSync(p.file).size;
    expect(importFiles(p.store, [{ name: 'b.json', content: bundle(3_000) }])).toMatchObject({ ok: true, created: 3_000 });
    // SQLite's own checkpoint is off on this connection (neither the import nor the next small write
    // copies the WAL in this thread): the database file grows only through the worker.
    expect(p.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    expect(statSync(`${p.file}-wal`).size).toBeGreaterThan(4 * 1024 * 1024);
    await until(() => statSync(p.file).size > sizeBefore + 1024 * 1024);
    const log = p.db.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
    expect(log[0]!.checkpointed).toBe(log[0]!.log);
  });

  it('closing the main connection closes the worker first: no connection is left, the WAL is gone', () => {
    const p = openTestProfile();
    profiles.push(p);
    expect(importFiles(p.store, [{ name: 'b.json', content: bundle(3_000) }])).toMatchObject({ ok: true });
    p.store.close();
    p.db.close(); // at once, while the worker may still be checkpointing
    // Only the last connection to close removes the WAL (after copying it in): none of the worker's stayed open.
    expect(existsSync(`${p.file}-wal`)).toBe(false);
    const reopened = p.reopen();
    profiles.push(reopened);
    expect(reopened.store.list().total).toBe(3_000);
  });

  it('re-encrypting after a bulk import is not refused for the worker connection, and later checkpoints use the new key', async () => {
    const p = openTestProfile();
    profiles.push(p);
    expect(importFiles(p.store, [{ name: 'a.json', content: bundle(3_000) }])).toMatchObject({ ok: true });
    await until(() => existsSync(`${p.file}-wal`) && statSync(p.file).size > 1024 * 1024);
    const newKey = randomBytes(32);
    rekeyDatabase(p.db, newKey);
    const sizeBefore = statSync(p.file).size;
    expect(importFiles(p.store, [{ name: 'b.json', content: bundle(3_000, 3_000) }])).toMatchObject({ ok: true, created: 3_000 });
    await until(() => statSync(p.file).size > sizeBefore + 1024 * 1024);
    p.store.close();
    p.db.close();
    expect(existsSync(`${p.file}-wal`)).toBe(false);
    const db = openProfileDatabase(p.file, newKey);
    const store = RecordStore.open(db);
    expect(store.list().total).toBe(6_000);
    store.close();
    db.close();
  });
});
