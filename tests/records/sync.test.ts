import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordStore } from '../../src-main/records/record-store';
import { condition, counts, dumpDerived, glucose, gp, lab, letterFile, openTestProfile, received, type TestProfile } from './helpers';

const profiles: TestProfile[] = [];
afterEach(() => {
  for (const p of profiles.splice(0)) p.remove();
});
function open(...args: Parameters<typeof openTestProfile>): TestProfile {
  const p = openTestProfile(...args);
  profiles.push(p);
  return p;
}

/** What sync will do: exchange missing updates both ways, then the bodies the other side lacks. */
function exchange(a: RecordStore, b: RecordStore): void {
  const toB = Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc));
  const toA = Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc));
  b.applyRemoteUpdate(toB);
  a.applyRemoteUpdate(toA);
  b.putBodies(a.readBodies(b.missingBodies()));
  a.putBodies(b.readBodies(a.missingBodies()));
}

describe('persistence inside SQLCipher', () => {
  it('restores the same document after reopening, from the log and after compaction', () => {
    let p = open({ compaction: { maxUpdates: 3, maxBytes: 1 << 30 } });
    p.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12'))]);
    p.store.importResources(gp, [received(condition('c1', 'Astma', 'active', '2010-01-01'))]);
    expect(counts(p.db)).toMatchObject({ yjs_update: 2, yjs_snapshot: 0 });
    const state = Y.encodeStateAsUpdate(p.store.doc);
    const derived = dumpDerived(p.db);

    p = p.reopen();
    expect(Y.encodeStateAsUpdate(p.store.doc)).toEqual(state);
    expect(dumpDerived(p.db)).toEqual(derived);

    p.store.importResources(lab, [received(glucose('l1', 3.3, '2024-02-01'))]); // third update: compaction
    expect(counts(p.db)).toMatchObject({ yjs_update: 0, yjs_snapshot: 1 });
    p.store.importResources(lab, [received(glucose('l2', 4.4, '2024-02-02'))]);
    expect(counts(p.db)).toMatchObject({ yjs_update: 1, yjs_snapshot: 1 });
    const later = Y.encodeStateAsUpdate(p.store.doc);
    const laterDerived = dumpDerived(p.db);
    p = p.reopen();
    expect(Y.encodeStateAsUpdate(p.store.doc)).toEqual(later);
    expect(dumpDerived(p.db)).toEqual(laterDerived);
    expect(p.store.list().total).toBe(4);
  });

  it('keeps no readable health data in the database file', async () => {
    const p = open();
    p.store.importResources(gp, [received(condition('c1', 'Zeldzame-ziekte-van-Pompe', 'active', '2010-01-01'))]);
    p.store.compact();
    p.db.pragma('wal_checkpoint(TRUNCATE)');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(p.file).includes('Zeldzame')).toBe(false);
  });
});

describe('two devices', () => {
  it('converge to identical derived tables after concurrent edits, and deletions stay deleted', () => {
    const a = open();
    const b = open();
    a.store.importResources(gp, [
      received(glucose('g1', 5.4, '2024-03-12')),
      received(condition('c1', 'Astma', 'active', '2010-01-01')),
      received(condition('c2', 'Migraine', 'active', '2012-01-01')),
    ]);
    exchange(a.store, b.store);
    expect(dumpDerived(b.db)).toEqual(dumpDerived(a.db));
    const astma = a.store.search('astma').items[0]!.id;

    // Offline: A deletes Astma and imports a lab result; B edits Astma (new content from the GP) and imports a letter.
    a.store.deleteRecord(astma);
    a.store.importResources(lab, [received(glucose('l1', 3.3, '2024-02-01'))]);
    b.store.importResources(gp, [received(condition('c1', 'Astma (ernstig)', 'active', '2010-01-01'))]);
    b.store.importResources(letterFile, [received({ resourceType: 'DocumentReference', id: 'd1', status: 'current', description: 'Brief cardioloog', date: '2024-01-20' })]);
    expect(b.store.get(astma).title).toBe('Astma (ernstig)');

    exchange(a.store, b.store);
    const da = dumpDerived(a.db);
    expect(dumpDerived(b.db)).toEqual(da);
    expect(da.record!.map((r) => (r as { title: string }).title).sort()).toEqual(['Brief cardioloog', 'Glucose nuchter', 'Glucose nuchter', 'Migraine']);
    expect(() => b.store.get(astma)).toThrow();
    // Both rebuild to the same rows, and a reopened device still agrees.
    b.store.rebuildDerived();
    expect(dumpDerived(b.db)).toEqual(da);
    const b2 = b.reopen();
    profiles.push(b2);
    expect(dumpDerived(b2.db)).toEqual(da);
  });

  it('the same item edited on both resolves the same way on both', () => {
    const a = open();
    const b = open();
    a.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12'))]);
    exchange(a.store, b.store);
    a.store.importResources(gp, [received(glucose('g1', 6.0, '2024-03-12'))]);
    b.store.importResources(gp, [received(glucose('g1', 7.0, '2024-03-12'))]);
    exchange(a.store, b.store);
    expect(dumpDerived(a.db)).toEqual(dumpDerived(b.db));
    expect(a.store.list().total).toBe(1);
  });

  it('the same file imported on two devices gives one record, not two', () => {
    const a = open();
    const b = open();
    a.store.importResources(letterFile, [received(glucose('g1', 5.4, '2024-03-12'))]);
    b.store.importResources(letterFile, [received(glucose('g1', 5.4, '2024-03-12'))]);
    exchange(a.store, b.store);
    expect(a.store.list().total).toBe(1);
    expect(dumpDerived(a.db).record).toEqual(dumpDerived(b.db).record);
  });

  it('shows a record before its body arrives and fills it in afterwards', () => {
    const a = open();
    const b = open();
    a.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12'))]);
    b.store.applyRemoteUpdate(Y.encodeStateAsUpdate(a.store.doc));
    expect(b.store.list().items[0]).toMatchObject({ title: 'Meting of uitslag', valueText: null });
    expect(b.store.missingBodies()).toHaveLength(2);
    b.store.putBodies(a.store.readBodies(b.store.missingBodies()));
    expect(dumpDerived(b.db)).toEqual(dumpDerived(a.db));
    expect(() => b.store.putBodies([{ hash: 'f'.repeat(64), data: Buffer.from('vervalst') }])).toThrow('hash');
  });

  it('rejects a malformed remote update and stays as it was', () => {
    const a = open();
    a.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12'))]);
    const before = { counts: counts(a.db), doc: Y.encodeStateAsUpdate(a.store.doc) };
    expect(() => a.store.applyRemoteUpdate(new Uint8Array([1, 2, 3, 250, 7]))).toThrow();
    expect(counts(a.db)).toEqual(before.counts);
    expect(Y.encodeStateAsUpdate(a.store.doc)).toEqual(before.doc);
  });
});
