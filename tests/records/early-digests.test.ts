/**
 * A large file's digests begin on a worker while the file is still read and checked
 * (records/early-digests.ts). Whether they do or not, the import must store exactly the same.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DigestPool } from '../../src-main/records/digest-pool';
import { EarlyDigests } from '../../src-main/records/early-digests';
import { importFiles, prepareImportFile, storePreparedFiles } from '../../src-main/records/import-files';
import { dumpDerived, openTestProfile, type TestProfile } from './helpers';

const profiles: TestProfile[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const p of profiles.splice(0)) p.remove();
});
function open(): TestProfile {
  const p = openTestProfile();
  profiles.push(p);
  return p;
}

const now = new Date('2024-06-01T12:00:00.000Z');
const filler = 'lange toelichting '.repeat(110);
/** Resources without anything that tells FHIR versions apart, each about 2 KB: 2,500 of them are read entry by entry. */
const basics = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ resourceType: 'Basic', id: `b${i}`, code: { text: `Notitie ${i}: ${filler}` } }));
const fileOf = (resources: readonly object[]) => ({
  name: 'export.json',
  content: Buffer.from(JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) }, null, 2)),
});

/** The same file imported without early digests. */
function importedPlainly(file: ReturnType<typeof fileOf>): TestProfile {
  const p = open();
  const prepared = prepareImportFile(file);
  if (!prepared.ok) throw new Error('fixture');
  expect(storePreparedFiles(p.store, [prepared.file], { now })).toMatchObject({ ok: true });
  return p;
}

const stored = (p: TestProfile) => ({
  derived: dumpDerived(p.db),
  bodies: p.db.prepare('SELECT hash, size FROM body ORDER BY hash').all(),
  records: p.store.doc.getMap('records').toJSON(),
  provenance: p.store.doc.getMap('provenance').toJSON(),
});

describe('early digests', () => {
  it('begin while a large file is read, and the import stores what it stores without them', () => {
    const handOver = vi.spyOn(EarlyDigests.prototype, 'handOver');
    const file = fileOf(basics(2500));
    expect(file.content.length).toBeGreaterThan(4 * 1024 * 1024); // read entry by entry
    const p = open();
    expect(importFiles(p.store, [file], { now })).toMatchObject({ ok: true, created: 2500 });
    // Each of the three chunks (1,000, 1,000, 500) had begun on a worker before the write.
    expect(handOver.mock.results[0]?.value).toMatchObject({ tickets: [expect.anything(), expect.anything(), expect.anything()] });
    expect(stored(p)).toEqual(stored(importedPlainly(file)));
  });

  it('are dropped when the file is read again as another FHIR version, and the import is the same', () => {
    const handOver = vi.spyOn(EarlyDigests.prototype, 'handOver');
    const stu3Condition = {
      resourceType: 'Condition', id: 'c1', clinicalStatus: 'active', code: { text: 'Astma' },
      meta: { profile: ['http://nictiz.nl/fhir/StructureDefinition/zib-Problem'] },
    };
    const file = fileOf([...basics(2500), stu3Condition]);
    const p = open();
    expect(importFiles(p.store, [file], { now })).toMatchObject({ ok: true, created: 2501 });
    // The first reading took them for R4 and began their digests; read again as STU3, none are used.
    expect(handOver.mock.results[0]?.value).toMatchObject({ tickets: [] });
    expect(p.db.prepare("SELECT fhir_version FROM record_source WHERE source_resource_id = 'c1'").pluck().get()).toBe('STU3');
    expect(stored(p)).toEqual(stored(importedPlainly(file)));
  });

  it('store nothing when a later file is refused, and end their workers', () => {
    const close = vi.spyOn(EarlyDigests.prototype, 'close');
    const p = open();
    const report = importFiles(p.store, [fileOf(basics(2500)), { name: 'kapot.json', content: Buffer.from('{"resourceType": "Bundle", "entry": [') }], { now });
    expect(report.ok).toBe(false);
    expect(close).toHaveBeenCalled();
    expect(p.store.list().total).toBe(0);
    expect(p.db.prepare('SELECT count(*) FROM body').pluck().get()).toBe(0);
  });

  it('never make a failure of their own the input\'s problem', () => {
    const handOver = vi.spyOn(EarlyDigests.prototype, 'handOver');
    // The first early group fails to go out; the write's own chunks go to the worker as ever.
    vi.spyOn(DigestPool.prototype, 'submit').mockImplementationOnce(() => {
      throw new Error('no memory for a copy');
    });
    const p = open();
    expect(importFiles(p.store, [fileOf(basics(2500))], { now })).toMatchObject({ ok: true, created: 2500 });
    expect(handOver.mock.results[0]?.value).toMatchObject({ tickets: [] });
  });

  it('keep no more than their window out, and none for a small input', () => {
    const small = new EarlyDigests(1000, 2000, true, 3);
    small.group(basics(1000) as never);
    expect(small.handOver([])).toBeNull();
    const windowed = new EarlyDigests(10, 20, false, 3);
    const prepared = prepareImportFile(fileOf(basics(2500)));
    if (!prepared.ok) throw new Error('fixture');
    const resources = prepared.file.batch.resources;
    for (let k = 0; k < 10; k++) windowed.group(resources.slice(k * 10, (k + 1) * 10));
    const chunks = Array.from({ length: 10 }, (_, k) => resources.slice(k * 10, (k + 1) * 10).map((resource) => ({ resource })));
    const start = windowed.handOver(chunks);
    expect(start?.tickets).toHaveLength(3);
    const digests = start!.pool.take(start!.tickets[0]!);
    expect([...digests.keys()]).toEqual(resources.slice(0, 10));
    start!.pool.close();
  });
});
