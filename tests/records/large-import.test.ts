/**
 * A large Bundle file is read entry by entry, kept as text and stored in Yjs transactions of a
 * thousand resources inside the one SQL transaction: what ends up stored must be exactly what the
 * whole-input path stores, the import stays all or nothing, and the work is split by stage.
 */
import { inflateRawSync } from 'node:zlib';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { startStageClock, stages, stopStageClock } from '../../src-main/common/stage-clock';
import { prepareImport, TextBackedResource } from '../../src-main/fhir/index';
import { sha256Hex } from '../../src-main/records/hashing';
import { importFiles } from '../../src-main/records/import-files';
import { counts, dumpDerived, openTestProfile, type TestProfile } from './helpers';

const profiles: TestProfile[] = [];
afterEach(() => {
  for (const p of profiles.splice(0)) p.remove();
});

const now = new Date('2026-03-01T10:00:00Z');
const padding = 'Nuchter afgenomen, monster in goede staat ontvangen. '.repeat(50);

/** A pretty-printed collection Bundle of `n` resources, about 3 KB each (over the 4 MiB threshold at 1,500). */
function bundleText(n: number, broken?: number): string {
  const entry = Array.from({ length: n }, (_, i) => ({
    fullUrl: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    resource:
      i % 10 === 3
        ? { resourceType: 'Condition', id: `c${i}`, code: { text: `Probleem ${i}` }, subject: { reference: 'Patient/p1' }, note: [{ text: padding }] }
        : {
            resourceType: 'Observation', id: `o${i}`, status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: '14749-6', display: 'Glucose nuchter' }] },
            subject: { reference: 'Patient/p1' }, effectiveDateTime: new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString(),
            valueQuantity: { value: i === broken ? 'veel' : 4 + (i % 40) / 10, unit: 'mmol/l' }, note: [{ text: padding }],
          },
  }));
  return JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry }, null, 2);
}

describe('importing a large Bundle file', () => {
  it('stores exactly what the whole-input path stores, in Yjs transactions of a thousand', () => {
    const text = bundleText(1_500);
    expect(text.length).toBeGreaterThan(4 * 1024 * 1024);
    const prepared = prepareImport(text);
    expect(prepared.ok && prepared.resources.every((r) => r instanceof TextBackedResource)).toBe(true);

    const streamed = openTestProfile();
    profiles.push(streamed);
    const updates: Uint8Array[] = [];
    streamed.store.onUpdate((update) => updates.push(update));
    startStageClock();
    const report = importFiles(streamed.store, [{ name: 'export.json', content: Buffer.from(text) }], { now });
    const spent = stopStageClock();
    expect(report).toMatchObject({ ok: true, created: 1_500 });
    expect(updates).toHaveLength(2);
    for (const stage of ['parse', 'validate', 'bodies', 'yjs', 'sql', 'fts', 'commit'] as const) expect(spent[stage], stage).toBeGreaterThan(0);
    expect(Object.keys(spent)).toEqual([...stages]);

    const whole = openTestProfile();
    profiles.push(whole);
    const objects = prepareImport(text, { streamAboveBytes: Number.MAX_SAFE_INTEGER });
    if (!objects.ok) throw new Error('fixture');
    expect(objects.resources.some((r) => r instanceof TextBackedResource)).toBe(false);
    whole.store.importBatches([{ source: { kind: 'file', label: 'export.json' }, resources: objects.resources, file: 'export.json' }], { now });

    expect(dumpDerived(streamed.db)).toEqual(dumpDerived(whole.db));
    expect(counts(streamed.db)).toEqual(counts(whole.db));
    expect(streamed.store.doc.getMap('records').toJSON()).toEqual(whole.store.doc.getMap('records').toJSON());
    expect(streamed.store.doc.getMap('provenance').toJSON()).toEqual(whole.store.doc.getMap('provenance').toJSON());
    // What was announced is the whole document, and it survives a reopen.
    const other = new Y.Doc();
    for (const update of updates) Y.applyUpdate(other, update);
    expect(other.getMap('records').size).toBe(1_500);
    const reopened = streamed.reopen();
    profiles.push(reopened);
    expect(reopened.store.list().total).toBe(1_500);
    expect(reopened.store.search('Probleem 1403').items.map((item) => item.title)).toContain('Probleem 1403');
  });

  it('digests a bulk import on worker threads into exactly the bodies the main thread makes', () => {
    const text = bundleText(2_500);
    const pooled = openTestProfile();
    profiles.push(pooled);
    startStageClock();
    expect(importFiles(pooled.store, [{ name: 'export.json', content: Buffer.from(text) }], { now })).toMatchObject({ ok: true, created: 2_500 });
    stopStageClock();

    const whole = openTestProfile();
    profiles.push(whole);
    const objects = prepareImport(text, { streamAboveBytes: Number.MAX_SAFE_INTEGER });
    if (!objects.ok) throw new Error('fixture');
    whole.store.importBatches([{ source: { kind: 'file', label: 'export.json' }, resources: objects.resources, file: 'export.json' }], { now });

    expect(dumpDerived(pooled.db)).toEqual(dumpDerived(whole.db));
    expect(pooled.store.doc.getMap('provenance').toJSON()).toEqual(whole.store.doc.getMap('provenance').toJSON());
    const bodies = (db: TestProfile['db']) =>
      (db.prepare('SELECT hash, size, data FROM body ORDER BY hash').all() as Array<{ hash: string; size: number; data: Buffer }>).map((row) => {
        const bytes = inflateRawSync(row.data);
        return { hash: row.hash, size: row.size, matches: bytes.length === row.size && sha256Hex(bytes) === row.hash, text: bytes.toString('utf8') };
      });
    const made = bodies(pooled.db);
    expect(made).toHaveLength(5_000);
    expect(made.every((body) => body.matches)).toBe(true);
    expect(made).toEqual(bodies(whole.db));
  });

  it('imports nothing when one entry late in a large file is wrong', () => {
    const p = openTestProfile();
    profiles.push(p);
    const before = counts(p.db);
    const report = importFiles(p.store, [{ name: 'export.json', content: Buffer.from(bundleText(1_500, 1_450)) }], { now });
    expect(report.ok).toBe(false);
    expect(!report.ok && report.problems.map((problem) => problem.entryPath)).toEqual(['Bundle.entry[1450].resource']);
    expect(counts(p.db)).toEqual(before);
  });
});
