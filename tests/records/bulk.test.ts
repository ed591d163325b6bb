import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultFhirFunctions } from '../../src-main/records/fhir-functions';
import { canonicalJson, contentHash } from '../../src-main/records/hashing';
import { importFiles } from '../../src-main/records/import-files';
import { bloodPressure, condition, counts, dumpDerived, glucose, gp, lab, medicationStatement, openTestProfile, received, type TestProfile } from './helpers';

const profiles: TestProfile[] = [];
afterEach(() => {
  for (const p of profiles.splice(0)) p.remove();
});
function open(...args: Parameters<typeof openTestProfile>): TestProfile {
  const p = openTestProfile(...args);
  profiles.push(p);
  return p;
}

/** Reopens the profile and checks that it loads the same document and derived rows. */
function reopenedSame(p: TestProfile): TestProfile {
  const state = Y.encodeStateAsUpdate(p.store.doc);
  const derived = dumpDerived(p.db);
  const again = p.reopen();
  expect(Y.encodeStateAsUpdate(again.store.doc)).toEqual(state);
  expect(dumpDerived(again.db)).toEqual(derived);
  return again;
}

/** Distinct content per prefix and index, so nothing is attached to another source's twin. */
const glucoses = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => received(glucose(`${prefix}${i}`, 4 + i / 100, `2024-01-01T08:00:00+01:00`, { note: [{ text: prefix }] })));

describe('large writes', () => {
  it('stores a write that makes the log due as one snapshot, and restores the same document', () => {
    // Every write is "large" here: its update alone exceeds maxBytes.
    let p = open({ compaction: { maxUpdates: 500, maxBytes: 1000 } });
    const seen: Uint8Array[] = [];
    p.store.onUpdate((update) => seen.push(update));

    // First write into an empty profile: its update is the whole document.
    p.store.importResources(gp, glucoses('g', 20));
    expect(counts(p.db)).toMatchObject({ yjs_update: 0, yjs_snapshot: 1 });
    expect(seen).toHaveLength(1);
    p = reopenedSame(p);

    // A later one (document not empty, a snapshot stored): a new snapshot of everything replaces the old.
    p.store.importResources(lab, glucoses('l', 10));
    expect(counts(p.db)).toMatchObject({ yjs_update: 0, yjs_snapshot: 1 });
    // A small one is logged again.
    p.store.importResources(gp, [received(glucose('g0', 9.9, '2024-01-01'))]);
    expect(counts(p.db)).toMatchObject({ yjs_update: 1, yjs_snapshot: 1 });
    p = reopenedSame(p);
    expect(p.store.list().total).toBe(30);
  });

  it('announces updates that went into a snapshot, so another device still receives them', () => {
    const a = open({ compaction: { maxUpdates: 500, maxBytes: 1000 } });
    const b = open();
    a.store.onUpdate((update, origin) => {
      if (origin === 'local') b.store.applyRemoteUpdate(update);
    });
    a.store.importResources(gp, glucoses('g', 5));
    a.store.importResources(gp, [received(condition('c1', 'Astma', 'active', '2010-01-01'))]);
    b.store.putBodies(a.store.readBodies(b.store.missingBodies()));
    expect(Y.encodeStateAsUpdate(b.store.doc)).toEqual(Y.encodeStateAsUpdate(a.store.doc));
    expect(dumpDerived(b.db)).toEqual(dumpDerived(a.db));
  });

  it('logs a bulk import as one update: into an empty profile the snapshot itself, later what it added, nothing when it changed nothing', () => {
    // Each of these writes makes the log due (maxBytes): it is stored as a snapshot.
    let p = open({ compaction: { maxUpdates: 500, maxBytes: 1000 } });
    const seen: Array<{ update: Uint8Array; origin: string }> = [];
    p.store.onUpdate((update, origin) => seen.push({ update, origin }));

    p.store.importResources(gp, glucoses('g', 2500));
    expect(seen.map(({ origin }) => origin)).toEqual(['local']);
    expect(counts(p.db)).toMatchObject({ yjs_update: 0, yjs_snapshot: 1 });
    // The one update is the whole document, stored as the snapshot without encoding it again.
    expect(new Uint8Array(p.db.prepare('SELECT data FROM yjs_snapshot').pluck().get() as Buffer)).toEqual(seen[0]!.update);

    // Into a profile holding data: the update holds what this import added.
    const more = () => [...glucoses('l', 2400), received(glucose('g7', 9.9, '2024-01-01T08:00:00+01:00'))];
    p.store.importResources(lab, more());
    expect(seen).toHaveLength(2);
    const elsewhere = new Y.Doc();
    for (const { update } of seen) Y.applyUpdate(elsewhere, update);
    expect(Y.encodeStateAsUpdate(elsewhere)).toEqual(Y.encodeStateAsUpdate(p.store.doc));

    // The same again changes nothing: nothing announced, nothing stored.
    const snapshots = p.db.prepare('SELECT id FROM yjs_snapshot').pluck().all();
    expect(p.store.importResources(lab, more())).toMatchObject({ ok: true, created: 0, unchanged: 2401 });
    expect(seen).toHaveLength(2);
    expect(p.db.prepare('SELECT id FROM yjs_snapshot').pluck().all()).toEqual(snapshots);
    expect(counts(p.db)).toMatchObject({ yjs_update: 0 });

    p = reopenedSame(p);
    expect(p.store.list().total).toBe(4901);

    // Not due: the one update is logged as it is.
    const logged = open();
    const announced: Uint8Array[] = [];
    logged.store.onUpdate((update) => announced.push(update));
    logged.store.importResources(gp, glucoses('g', 2500));
    expect(announced).toHaveLength(1);
    expect(logged.db.prepare('SELECT data FROM yjs_update').pluck().all().map((data) => new Uint8Array(data as Buffer))).toEqual(announced);
  });

  it('logs the large update a joining device starts from as it came, and a later large one as what it added', () => {
    const a = open();
    a.store.importResources(gp, glucoses('g', 2500));
    const whole = Y.encodeStateAsUpdate(a.store.doc);
    expect(whole.length).toBeGreaterThan(1024 * 1024); // large enough to count as bulk
    const b = open();
    const seen: Array<{ update: Uint8Array; origin: string }> = [];
    b.store.onUpdate((update, origin) => seen.push({ update, origin }));
    b.store.applyRemoteUpdate(whole);
    expect(seen).toEqual([{ update: whole, origin: 'remote' }]);
    expect(b.db.prepare('SELECT data FROM yjs_update').pluck().all().map((data) => new Uint8Array(data as Buffer))).toEqual([whole]);
    // Not empty any more: a large update holding much that is known logs only what is new.
    a.store.importResources(lab, glucoses('l', 2500));
    b.store.applyRemoteUpdate(Y.encodeStateAsUpdate(a.store.doc));
    expect(seen).toHaveLength(2);
    expect(seen[1]!.update.length).toBeLessThan(Y.encodeStateAsUpdate(a.store.doc).length * 0.75);
    b.store.putBodies(a.store.readBodies(b.store.missingBodies()));
    expect(Y.encodeStateAsUpdate(b.store.doc)).toEqual(Y.encodeStateAsUpdate(a.store.doc));
    expect(dumpDerived(b.db)).toEqual(dumpDerived(a.db));
    reopenedSame(b);
  });

  it('keeps the part of a remote update that waits for missing structs when the first write becomes a snapshot', () => {
    const a = open();
    const c = open();
    const fromA: Uint8Array[] = [];
    a.store.onUpdate((update) => fromA.push(update));
    a.store.importResources(gp, glucoses('g', 5));
    a.store.importResources(gp, glucoses('g', 5).map((r) => received({ ...r.json, valueQuantity: { value: 9, unit: 'mmol/l' } })));
    c.store.importResources(lab, glucoses('l', 5));
    let b = open({ compaction: { maxUpdates: 500, maxBytes: 1000 } });
    // C's update can be integrated, A's second one must wait for A's first.
    b.store.applyRemoteUpdate(Y.mergeUpdates([Y.encodeStateAsUpdate(c.store.doc), fromA[1]!]));
    expect(counts(b.db)).toMatchObject({ yjs_update: 0, yjs_snapshot: 1 });
    b = b.reopen();
    b.store.applyRemoteUpdate(fromA[0]!);
    const expected = new Y.Doc();
    Y.applyUpdate(expected, Y.encodeStateAsUpdate(a.store.doc));
    Y.applyUpdate(expected, Y.encodeStateAsUpdate(c.store.doc));
    expect(b.store.doc.getMap('records').toJSON()).toEqual(expected.getMap('records').toJSON());
  });

  it('logs small writes as before and compacts when the log is due', () => {
    let p = open({ compaction: { maxUpdates: 3, maxBytes: 1 << 30 } });
    p.store.importResources(gp, [received(glucose('g1', 5.4, '2024-03-12'))]);
    p.store.importResources(gp, [received(condition('c1', 'Astma', 'active', '2010-01-01'))]);
    expect(counts(p.db)).toMatchObject({ yjs_update: 2, yjs_snapshot: 0 });
    p.store.importResources(lab, [received(glucose('l1', 3.3, '2024-02-01'))]);
    expect(counts(p.db)).toMatchObject({ yjs_update: 0, yjs_snapshot: 1 });
    const state = Y.encodeStateAsUpdate(p.store.doc);
    p = p.reopen();
    expect(Y.encodeStateAsUpdate(p.store.doc)).toEqual(state);
  });

  it('keeps the empty-document shortcut correct after a failed first write', () => {
    let failOn: string | null = 'g3';
    let p = open({
      compaction: { maxUpdates: 500, maxBytes: 1000 },
      fhir: {
        indexFields: (r4) => {
          if (r4.id === failOn) throw new Error('disk on fire');
          return defaultFhirFunctions.indexFields(r4);
        },
      },
    });
    expect(() => p.store.importResources(gp, glucoses('g', 5))).toThrow('disk on fire');
    expect(counts(p.db)).toMatchObject({ yjs_update: 0, yjs_snapshot: 0, record: 0, body: 0 });
    failOn = null;
    p.store.importResources(lab, glucoses('l', 5));
    p.store.importResources(gp, glucoses('g', 5));
    p = reopenedSame(p);
    expect(p.store.list().total).toBe(10);
  });

  it('gives a bulk import a larger page cache while it writes, into an empty profile and one with records, and restores the setting, also after a failure', () => {
    let fail = false;
    // The page cache each resource was derived with.
    const seen = new Set<number>();
    const p: TestProfile = open({
      fhir: {
        indexFields: (r4) => {
          seen.add(p.db.pragma('cache_size', { simple: true }) as number);
          if (fail && r4.id === 'x1999') throw new Error('disk on fire');
          return defaultFhirFunctions.indexFields(r4);
        },
      },
    });
    p.db.pragma('cache_size = -3000');
    const report = p.store.importResources(gp, glucoses('b', 2000));
    expect(report).toMatchObject({ ok: true, created: 2000 });
    expect([...seen]).toEqual([-128 * 1024]);
    expect(p.db.pragma('cache_size', { simple: true })).toBe(-3000);
    seen.clear();
    expect(p.store.importResources(lab, glucoses('y', 2000))).toMatchObject({ ok: true, created: 2000 });
    expect([...seen]).toEqual([-128 * 1024]);
    expect(p.db.pragma('cache_size', { simple: true })).toBe(-3000);
    fail = true;
    expect(() => p.store.importResources(lab, glucoses('x', 2000))).toThrow('disk on fire');
    expect(p.db.pragma('cache_size', { simple: true })).toBe(-3000);
    expect(p.store.list().total).toBe(4000);
    expect(p.store.search({ query: 'glucose', limit: 5 })).toMatchObject({ total: 4000, byType: [{ resourceType: 'Observation', count: 4000 }] });
  });

  it('builds the lists\' indexes once at the end of a bulk write into an empty profile and of a rebuild: the same indexes, rows and plans as one by one', () => {
    const schema = (db: TestProfile['db']) => db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
    const plan = (db: TestProfile['db']) =>
      db.prepare("EXPLAIN QUERY PLAN SELECT id FROM record WHERE hidden = 0 AND section = 'lab' ORDER BY sort_date DESC, id DESC LIMIT 10").all();
    let fail = false;
    // Whether the list index on codes was there while each resource was derived.
    const seen = new Set<number>();
    const bulk: TestProfile = open({
      fhir: {
        indexFields: (r4) => {
          if (fail && r4.id === 'b1999') throw new Error('disk on fire');
          seen.add(bulk.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'record_by_code'").pluck().get() as number);
          return defaultFhirFunctions.indexFields(r4);
        },
      },
    });
    const small = open();
    const before = schema(bulk.db);
    // A failed first bulk write: rolled back whole, the indexes it dropped with it.
    fail = true;
    expect(() => bulk.store.importResources(gp, glucoses('b', 2000))).toThrow('disk on fire');
    expect(schema(bulk.db)).toEqual(before);
    fail = false;
    seen.clear();
    bulk.store.importResources(gp, glucoses('b', 2000));
    expect([...seen]).toEqual([0]);
    for (let i = 0; i < 2000; i += 500) small.store.importResources(gp, glucoses('b', 2000).slice(i, i + 500));
    expect(schema(bulk.db)).toEqual(before);
    expect(plan(bulk.db)).toEqual(plan(small.db));
    expect(JSON.stringify(plan(bulk.db))).toContain('record_by_section_date');
    const rows = (p: TestProfile) =>
      JSON.stringify([
        p.db.prepare('SELECT section, title, sort_date, value_text, code, hidden FROM record ORDER BY value_text, sort_date').all(),
        p.db.prepare('SELECT source_resource_id FROM record_source ORDER BY source_resource_id').pluck().all(),
        p.db.prepare("SELECT count(*) FROM record_fts WHERE record_fts MATCH 'glucose'").pluck().get(),
      ]);
    expect(rows(bulk)).toEqual(rows(small));
    expect(bulk.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Re-deriving everything (a new derivedVersion) writes every row again: built once at its end too.
    seen.clear();
    bulk.store.rebuildDerived();
    expect([...seen]).toEqual([0]);
    expect(schema(bulk.db)).toEqual(before);
    expect(rows(bulk)).toEqual(rows(small));
    // Not empty any more: the next bulk write keeps them as they are and adds to them.
    seen.clear();
    bulk.store.importResources(lab, glucoses('l', 2000));
    expect([...seen]).toEqual([1]);
    expect(schema(bulk.db)).toEqual(before);
    expect(bulk.store.list({ section: 'lab' }).total + bulk.store.list({ section: 'overig' }).total).toBe(4000);
    expect(bulk.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('builds a dropped index as soon as a statement of the bulk write needs it: a record derived twice, tombstones of a joining device', () => {
    const schema = (db: TestProfile['db']) => db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
    // Which of the indexes on record ids were there while some resources were derived.
    const seen: Record<string, number[]> = {};
    const bulk: TestProfile = open({
      fhir: {
        indexFields: (r4) => {
          if (r4.id === 'g500' || r4.id === 'g2099') {
            (seen[String(r4.id)] ??= []).push(
              bulk.db.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('record_fact_by_record', 'record_ref_by_record')").pluck().get() as number,
            );
          }
          return defaultFhirFunctions.indexFields(r4);
        },
      },
    });
    const before = schema(bulk.db);
    // The same resource twice in one input, in different chunks, saying something else the second time:
    // its record is derived again, deleting its fact and reference rows first.
    const resources = glucoses('g', 2500);
    resources.splice(1500, 0, received(glucose('g7', 9.9, '2024-01-01T08:00:00+01:00', { note: [{ text: 'opnieuw' }] })));
    const now = new Date('2024-06-01T12:00:00.000Z');
    expect(bulk.store.importResources(gp, resources, { now })).toMatchObject({ ok: true, created: 2500, updated: 1 });
    // Dropped at first; built while the second chunk derived g7 again, so there for the third chunk.
    expect(seen).toEqual({ g500: [0], g2099: [2] });
    expect(schema(bulk.db)).toEqual(before);
    const small = open();
    for (let i = 0; i < resources.length; i += 500) small.store.importResources(gp, resources.slice(i, i + 500), { now });
    expect(dumpDerived(bulk.db)).toEqual(dumpDerived(small.db));
    expect(bulk.db.pragma('integrity_check', { simple: true })).toBe('ok');

    // A device joining a profile with deleted records: their tombstones delete the rows of their links.
    for (const id of small.store.list({ limit: 20 }).items.map((item) => item.id)) small.store.deleteRecord(id);
    const joining = open();
    joining.store.applyRemoteUpdate(Y.encodeStateAsUpdate(small.store.doc));
    joining.store.putBodies(small.store.readBodies(joining.store.missingBodies()));
    expect(schema(joining.db)).toEqual(before);
    expect(dumpDerived(joining.db)).toEqual(dumpDerived(small.db));
    expect(joining.store.list().total).toBe(2480);
    expect(joining.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('builds the lookup indexes of an import of several sources before its first lookup: twins across them as one by one', () => {
    const schema = (db: TestProfile['db']) => db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
    const lookupIndexes = "SELECT count(*) FROM sqlite_master WHERE name IN ('record_by_content', 'record_source_by_source')";
    // Whether the twin and link lookups' indexes were there while these resources were derived.
    const seen: Record<string, number[]> = {};
    const bulk: TestProfile = open({
      fhir: {
        indexFields: (r4) => {
          if (r4.id === 'g500' || r4.id === 'n1') (seen[String(r4.id)] ??= []).push(bulk.db.prepare(lookupIndexes).pluck().get() as number);
          return defaultFhirFunctions.indexFields(r4);
        },
      },
    });
    const before = schema(bulk.db);
    const fromGp = glucoses('g', 2500);
    // The lab sends 300 of the same results (twins: they become a second source of the GP's records) and 200 of its own.
    const fromLab = [...glucoses('g', 300), ...glucoses('n', 200)];
    const now = new Date('2024-06-01T12:00:00.000Z');
    const report = bulk.store.importBatches(
      [
        { source: gp, resources: fromGp },
        { source: lab, resources: fromLab },
      ],
      { now },
    );
    expect(report).toMatchObject({ ok: true, created: 2700, updated: 300 });
    // Dropped while the GP's file was written (no lookups); built before the lab's first lookup.
    expect(seen).toEqual({ g500: [0], n1: [2] });
    expect(schema(bulk.db)).toEqual(before);
    const small = open();
    for (let i = 0; i < fromGp.length; i += 500) small.store.importResources(gp, fromGp.slice(i, i + 500), { now });
    small.store.importResources(lab, fromLab, { now });
    expect(dumpDerived(bulk.db)).toEqual(dumpDerived(small.db));
    expect(bulk.store.list().total).toBe(2700);
    expect(bulk.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('round-trips bodies of any size through compression', () => {
    const p = open();
    // ~120 KB of barely compressible base64: larger than one compression window and one output chunk.
    const big = Buffer.from(Array.from({ length: 90_000 }, (_, i) => (i * 7919 + (i >> 3) * 104729) % 251));
    const tiny = { resourceType: 'Basic', id: 't' };
    p.store.importResources(gp, [
      received({ resourceType: 'Binary', id: 'b1', contentType: 'application/octet-stream', data: big.toString('base64') }),
      received(tiny),
      received(bloodPressure('bp1', 120, 80, '2024-01-01')),
    ]);
    for (const item of p.store.list().items) {
      const detail = p.store.get(item.id);
      expect(JSON.parse(detail.originals[0]!.text)).toEqual(detail.resource);
    }
    const binary = p.store.list({ resourceTypes: ['Binary'] }).items[0]!;
    expect(Buffer.from(String(p.store.get(binary.id).resource.data), 'base64').equals(big)).toBe(true);
  });
});

describe('content hashes', () => {
  it('stay byte for byte what earlier versions stored', () => {
    // Values computed with the original implementation; stored records and sync peers depend on them.
    expect(contentHash(glucose('g1', 5.4, '2024-03-12'))).toBe('0b0d926d3abafde98b02ad688ea9d28f0384c22f2dbe25c6806bbcc8ae7ac317');
    expect(
      contentHash({
        ...bloodPressure('bp1', 120, 80, '2024-01-01'),
        note: [{ text: 'Één "quote" \u2028' }],
        extra: [1, null, { z: 1, a: undefined, m: [true, 0.1] }],
      }),
    ).toBe('a550d5aabe687286f24047a2532f75b5214d868c166cd3ef74219c2220259cdf');
  });

  it('canonical JSON sorts keys, drops undefined properties and keeps JSON.stringify for the rest', () => {
    // eslint-disable-next-line no-sparse-arrays
    const sparse = [1, , 3];
    expect(canonicalJson({ b: 1, a: [undefined, null, 'x"'], c: undefined, d: { z: NaN, y: -0 } })).toBe(
      '{"a":[null,null,"x\\""],"b":1,"d":{"y":0,"z":null}}',
    );
    expect(canonicalJson(sparse)).toBe('[1,,3]');
    // Keys are quoted as JSON.stringify quotes them, also the second time one is seen.
    expect(canonicalJson({ 'é\n': 1, 'a"b': { 'a"b': 2, '\u2028': 3 } })).toBe('{"a\\"b":{"a\\"b":2,"\u2028":3},"é\\n":1}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('gives the same rows whether the workers or the main thread work them out: a file import and bodies shipped by another device', () => {
    const resources = [
      ...Array.from({ length: 700 }, (_, i) => glucose(`g${i}`, 4 + i / 100, '2024-01-01T08:00:00+01:00')),
      ...Array.from({ length: 700 }, (_, i) => bloodPressure(`b${i}`, 120 + (i % 40), 80, '2024-02-01')),
      ...Array.from({ length: 400 }, (_, i) => condition(`c${i}`, `Aandoening ${i}`, i % 2 ? 'active' : 'resolved', '2010-01-01')),
      ...Array.from({ length: 400 }, (_, i) => medicationStatement(`m${i}`, `Middel ${i} 10 mg tablet`, '2024-01-01')),
    ];
    const file = { name: 'export.json', content: Buffer.from(JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) }, null, 2)) };
    const withWorkers = open();
    // Other (equal) FHIR functions: the store then works out every row itself.
    const onMainThread = open({ fhir: { indexFields: (r4) => defaultFhirFunctions.indexFields(r4) } });
    for (const p of [withWorkers, onMainThread]) expect(importFiles(p.store, [file], { now: Date.parse('2025-03-01T10:00:00Z') })).toMatchObject({ ok: true, created: 2200 });
    const derived = dumpDerived(withWorkers.db);
    expect(derived.record).toHaveLength(2200);
    expect(derived.record_medication).toHaveLength(400);
    expect(dumpDerived(onMainThread.db)).toEqual(derived);

    // A second device: the bodies as stored (checked, and the records' own worked out, on workers), then the document.
    const joined = open();
    const normalized = new Set(Array.from(withWorkers.store.doc.getMap('records').values(), (entry) => (entry as { normalized: string }).normalized));
    const all = [...withWorkers.store.storedBodiesInBatches([...new Set([...normalized, ...originalsOf(withWorkers)])])];
    expect(all).toHaveLength(4400);
    joined.store.putStoredBodies(all, normalized);
    joined.store.applyRemoteUpdate(Y.encodeStateAsUpdate(withWorkers.store.doc));
    expect(dumpDerived(joined.db)).toEqual(derived);
    expect(joined.store.missingBodies()).toEqual([]);
  });
});

/** The hashes of every original body the profile's records were received as. */
function originalsOf(p: TestProfile): string[] {
  return Array.from(p.store.doc.getMap('provenance').values(), (link) => (link as { original: string }).original);
}
