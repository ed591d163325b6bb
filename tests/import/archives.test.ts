/**
 * Zip archives in a bulk import: a provider's export with nested folders, and a hostile set (zip
 * bombs, names that leave the archive, links, encrypted and damaged files, an archive inside the
 * archive, a corrupt archive): each gets its reason, the good files still import, nothing crashes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readArchive } from '../../src-main/import/read-archive';
import { makeZip } from '../helpers/zip-writer';
import { fixtures, heartRate, importPaths, ok, openCore, recordCount, statusOf, type TestCore, writeFile } from './helpers';

let t: TestCore;
afterEach(() => t?.remove());

const fixture = (name: string) => readFileSync(join(fixtures, name));

describe('imports: zip archives', () => {
  it('imports a provider export with nested folders; letters and other files get their reason', async () => {
    t = await openCore();
    const zip = makeZip([
      { name: 'export/' },
      { name: 'export/huisarts/' },
      { name: 'export/huisarts/bgz.json', data: fixture('r4-bgz-bundle.json') },
      { name: 'export/huisarts/metingen/gewicht.xml', data: fixture('r4-observation-gewicht-2024-03.xml') },
      { name: 'export/ziekenhuis/lab/hartslag.json', data: heartRate(1), method: 0 },
      { name: 'export/brieven/ontslagbrief.pdf', data: '%PDF-1.4 brief' },
      { name: 'export/LEESMIJ.html', data: '<p>export</p>' },
      { name: '__MACOSX/export/._bgz.json', data: 'resource fork' },
    ]);
    const path = writeFile(join(t.dir, 'huisarts-export.zip'), zip);

    const report = await importPaths(t, [path]);
    expect(report.files.map((f) => `${f.file} ${f.status}${f.reason ? ` ${f.reason.code}` : ''}`)).toEqual([
      'huisarts-export.zip/export/huisarts/bgz.json imported',
      'huisarts-export.zip/export/huisarts/metingen/gewicht.xml imported',
      'huisarts-export.zip/export/ziekenhuis/lab/hartslag.json imported',
      'huisarts-export.zip/export/brieven/ontslagbrief.pdf skipped document-not-asked',
      'huisarts-export.zip/export/LEESMIJ.html skipped not-fhir',
    ]);
    // Every entry counts (folders and system files too) once the archive is open.
    expect(t.progress.at(-1)).toMatchObject({ done: 8, total: 8 });
    const stored = await recordCount(t);
    expect(stored).toBeGreaterThan(3);

    const again = await importPaths(t, [path]);
    expect(again.counts).toMatchObject({ imported: 0, unchanged: 3 });
    expect(await recordCount(t)).toBe(stored);
  });

  it('a hostile archive: every bad entry gets its own reason, the good one still imports', async () => {
    t = await openCore();
    const zeros = Buffer.alloc(20 * 1024 * 1024, 0x20);
    const zip = makeZip([
      { name: '../../buiten.json', data: heartRate(1) },
      { name: '/etc/absoluut.json', data: heartRate(2) },
      { name: 'C:/windows.json', data: heartRate(3) },
      { name: 'map\\..\\..\\backslash.json', data: heartRate(4) },
      { name: 'link.json', data: '/etc/passwd', symlink: true },
      { name: 'geheim.json', data: heartRate(5), encrypted: true },
      { name: 'binnen.zip', data: makeZip([{ name: 'a.json', data: heartRate(6) }]) },
      { name: 'verstopt.json', data: makeZip([{ name: 'a.json', data: heartRate(7) }]) },
      { name: 'bom.json', data: Buffer.concat([Buffer.from('{"resourceType":"Observation","x":"'), zeros, Buffer.from('"}')]) },
      { name: 'liegt.json', data: Buffer.alloc(3 * 1024 * 1024, 0x61), declaredSize: 100 },
      { name: 'kapot.json', data: heartRate(8), crc: 12345 },
      { name: 'goed.json', data: heartRate(9) },
    ]);
    const path = writeFile(join(t.dir, 'vijandig.zip'), zip);

    const report = await importPaths(t, [path]);
    const codes = Object.fromEntries(report.files.map((f) => [f.file.replace('vijandig.zip/', ''), `${f.status} ${f.reason?.code ?? ''}`.trim()]));
    expect(codes).toEqual({
      '../../buiten.json': 'refused unsafe-name',
      '/etc/absoluut.json': 'refused unsafe-name',
      'C:/windows.json': 'refused unsafe-name',
      'map/../../backslash.json': 'refused unsafe-name',
      'link.json': 'skipped archive-link',
      'geheim.json': 'refused encrypted',
      'binnen.zip': 'refused nested-archive',
      'verstopt.json': 'refused nested-archive',
      'bom.json': 'refused zip-bomb',
      'liegt.json': 'refused zip-bomb',
      'kapot.json': 'refused archive-damaged',
      'goed.json': 'imported',
    });
    expect(report.files.find((f) => f.reason?.code === 'zip-bomb')?.reason?.nl).toMatch(/zip-bom/);
    expect(await recordCount(t)).toBe(1);
  });

  it('a corrupt archive, a truncated one and a file that only says .zip are each one refused file', async () => {
    t = await openCore();
    const good = makeZip([{ name: 'a.json', data: heartRate(1) }, { name: 'b.json', data: heartRate(2) }]);
    const paths = [
      writeFile(join(t.dir, 'ruis.zip'), Buffer.from('dit is geen zip-bestand maar ruis')),
      writeFile(join(t.dir, 'afgebroken.zip'), good.subarray(0, good.length - 30)),
      writeFile(join(t.dir, 'leeg.zip'), ''),
    ];
    // A central directory whose second entry is broken: the first still imports.
    const broken = Buffer.from(good);
    const second = broken.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), broken.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 4);
    broken.writeUInt32LE(0xdeadbeef, second);
    paths.push(writeFile(join(t.dir, 'half.zip'), broken));

    const report = await importPaths(t, paths);
    expect(report.files.map((f) => `${f.file} ${f.status} ${f.reason?.code ?? ''}`.trim())).toEqual([
      'ruis.zip refused archive-damaged',
      'afgebroken.zip refused archive-damaged',
      'leeg.zip refused empty',
      'half.zip/a.json imported',
      'half.zip refused archive-damaged',
    ]);
    expect(await recordCount(t)).toBe(1);
  });

  it('stops inflating an archive once it grows past its total limit, whatever the headers say', async () => {
    // Many honest, modestly packed files that together exceed the archive limit (here 1 MB).
    const entries = Array.from({ length: 20 }, (_, i) => ({ name: `deel-${i}.json`, data: Buffer.alloc(100 * 1024, 0x30 + (i % 10)), method: 0 as const }));
    const zip = makeZip(entries);
    const seen: string[] = [];
    for await (const item of readArchive({ buffer: zip }, 'groot.zip', { documents: false, stopped: () => false, limits: { maxTotalBytes: 1024 * 1024 } })) {
      if (item.kind === 'file') seen.push(item.name);
      if (item.kind === 'problem') seen.push(`${item.outcome.file} ${item.outcome.reason?.code}`);
    }
    expect(seen.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => `groot.zip/deel-${i}.json`));
    expect(seen.at(-1)).toBe('groot.zip/deel-10.json zip-bomb');
    expect(seen).toHaveLength(11);
  });

  it('an archive with more entries than any export has is refused as a whole', async () => {
    const zip = makeZip(Array.from({ length: 30 }, (_, i) => ({ name: `x-${i}.json`, data: '{}' })));
    const items = [];
    for await (const item of readArchive({ buffer: zip }, 'veel.zip', { documents: false, stopped: () => false, limits: { maxEntries: 25 } })) items.push(item);
    expect(items).toEqual([{ kind: 'problem', outcome: expect.objectContaining({ file: 'veel.zip', reason: expect.objectContaining({ code: 'zip-bomb' }) }) }]);
  });

  it('uploads in chunks (the browser): each file imported when its last chunk arrives, skipped files answered at once', async () => {
    t = await openCore({ host: 'browser' });
    const zip = makeZip([{ name: 'map/a.json', data: heartRate(1) }, { name: 'map/b.json', data: heartRate(2) }]);
    const { importId, chunkBytes } = await ok(t.core.call('imports.begin', { profileId: t.profileId, expectedFiles: 3 }));
    expect(chunkBytes).toBeGreaterThan(1024 * 1024);
    const send = (name: string, bytes: Buffer, offset: number, end: number) =>
      t.core.call('imports.upload', { importId, name, size: bytes.length, offset, dataBase64: bytes.subarray(offset, end).toString('base64'), last: end === bytes.length });

    // A zip in three pieces.
    const thirds = [0, Math.floor(zip.length / 3), Math.floor((2 * zip.length) / 3), zip.length];
    expect(await ok(send('export.zip', zip, thirds[0]!, thirds[1]!))).toEqual({ received: thirds[1], outcomes: [] });
    // Out of order: refused, the upload goes on where it was.
    const skipped = await send('export.zip', zip, thirds[2]!, thirds[3]!);
    expect(!skipped.ok && skipped.error.code).toBe('invalid-request');
    await ok(send('export.zip', zip, thirds[1]!, thirds[2]!));
    const done = await ok(send('export.zip', zip, thirds[2]!, thirds[3]!));
    expect(done.outcomes.map((o) => `${o.file} ${o.status}`)).toEqual(['export.zip/map/a.json imported', 'export.zip/map/b.json imported']);

    // Not FHIR: answered at its first chunk, so the rest need not be sent.
    const text = Buffer.alloc(100_000, 0x61);
    const answered = await ok(send('notities.txt', text, 0, 10));
    expect(answered.received).toBe(text.length);
    expect(answered.outcomes.map((o) => o.reason?.code)).toEqual(['not-fhir']);

    const single = Buffer.from(heartRate(3));
    await ok(send('los.json', single, 0, single.length));
    const report = await ok(t.core.call('imports.finish', { importId }));
    expect(report.counts).toEqual({ imported: 3, unchanged: 0, refused: 0, skipped: 1 });
    // expectedFiles 3, the archive counted as its 2 files: 4 done of 4.
    expect(t.progress.at(-1)).toMatchObject({ done: 4, total: 4 });
  });

  it('an all-or-nothing run over an archive with one bad file stores nothing from it', async () => {
    t = await openCore();
    const zip = makeZip([
      { name: 'a.json', data: heartRate(1) },
      { name: '../b.json', data: heartRate(2) },
    ]);
    const report = await importPaths(t, [writeFile(join(t.dir, 'x.zip'), zip)], { allOrNothing: true });
    expect(report.files.map((f) => statusOf(report, f.file))).toEqual(['refused:held-back', 'refused:unsafe-name']);
    expect(await recordCount(t)).toBe(0);
  });

  it('an all-or-nothing run that is cancelled stores nothing, not even the files checked before', async () => {
    t = await openCore({ host: 'browser' });
    const { importId } = await ok(t.core.call('imports.begin', { profileId: t.profileId, allOrNothing: true }));
    const file = Buffer.from(heartRate(1));
    const checked = await ok(t.core.call('imports.upload', { importId, name: 'a.json', size: file.length, offset: 0, dataBase64: file.toString('base64'), last: true }));
    expect(checked.outcomes.map((o) => o.status)).toEqual(['imported']);
    await ok(t.core.call('imports.cancel', { importId }));
    // Uploads after the cancel are not read.
    const late = await ok(t.core.call('imports.upload', { importId, name: 'b.json', size: file.length, offset: 0, dataBase64: file.toString('base64'), last: true }));
    expect(late.outcomes).toEqual([]);
    const report = await ok(t.core.call('imports.finish', { importId }));
    expect(report).toMatchObject({ stopped: 'canceled', allOrNothing: true, counts: { imported: 0, refused: 1 } });
    expect(statusOf(report, 'a.json')).toBe('refused:canceled');
    expect(await recordCount(t)).toBe(0);
  });
});
