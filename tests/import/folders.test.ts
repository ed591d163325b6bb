/**
 * Bulk import of folders through the core (imports.*): any number of files, read one at a time,
 * each imported whole or not at all, a summary per file, the count as it goes; links that loop
 * and files that are not FHIR get their reason; one person per profile is checked per file.
 */
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtures, heartRate, importPaths, ok, openCore, recordCount, statusOf, type TestCore, writeFile } from './helpers';

let t: TestCore;
afterEach(() => t?.remove());

describe('imports: folders', () => {
  it('imports a folder of 1,000 files in nested folders, one outcome per file, counting as it goes', async () => {
    t = await openCore();
    const folder = join(t.dir, 'export');
    for (let i = 0; i < 1000; i++) writeFile(join(folder, `map-${i % 7}`, `sub-${i % 3}`, `hartslag-${i}.json`), heartRate(i));
    writeFile(join(folder, 'LEESMIJ.txt'), 'Export van de huisarts');
    writeFile(join(folder, 'map-1', '.DS_Store'), Buffer.from([0, 0, 0, 1]));

    const report = await importPaths(t, [folder]);

    expect(report.counts).toEqual({ imported: 1000, unchanged: 0, refused: 0, skipped: 1 });
    expect(report.files).toHaveLength(1001);
    expect(statusOf(report, 'export/LEESMIJ.txt')).toBe('skipped:not-fhir');
    expect(report.files.some((f) => f.file.includes('.DS_Store'))).toBe(false);
    expect(statusOf(report, 'export/map-3/sub-1/hartslag-10.json')).toBe('imported');
    expect(report.records).toMatchObject({ created: 1000, updated: 0, unchanged: 0, byType: { Observation: 1000 } });
    expect(report.stopped).toBeNull();
    expect(await recordCount(t)).toBe(1000);
    // The count: the total is known before the first file, and ends at every file handled.
    expect(t.progress[0]).toMatchObject({ done: 0, total: 1001 });
    expect(t.progress.at(-1)).toMatchObject({ done: 1001, total: 1001 });

    // Again: every file unchanged, nothing new.
    const again = await importPaths(t, [folder]);
    expect(again.counts).toEqual({ imported: 0, unchanged: 1000, refused: 0, skipped: 1 });
    expect(await recordCount(t)).toBe(1000);
  }, 120_000);

  it('imports each file whole or not at all: a broken file is refused with its reason, the others are stored', async () => {
    t = await openCore();
    const folder = join(t.dir, 'map');
    writeFile(join(folder, 'a.json'), heartRate(1));
    writeFile(join(folder, 'b-kapot.json'), readFileSync(join(fixtures, 'hostile-bundle-one-bad-entry.json')));
    writeFile(join(folder, 'c.xml'), readFileSync(join(fixtures, 'r4-observation-gewicht-2024-03.xml')));
    writeFile(join(folder, 'd-leeg.json'), '');
    writeFile(join(folder, 'e.csv'), 'datum;waarde');

    const report = await importPaths(t, [folder]);
    expect(report.files.map((f) => [f.file, f.status, f.reason?.code])).toEqual([
      ['map/a.json', 'imported', undefined],
      ['map/b-kapot.json', 'refused', 'fhir-problems'],
      ['map/c.xml', 'imported', undefined],
      ['map/d-leeg.json', 'refused', 'empty'],
      ['map/e.csv', 'skipped', 'not-fhir'],
    ]);
    const broken = report.files[1]!;
    expect(broken.reason?.nl).toContain('"map/b-kapot.json"');
    expect(broken.problems?.[0]?.entryPath).toContain('entry');
    // The good entries of the broken bundle were not stored either.
    expect(await recordCount(t)).toBe(2);
  });

  it('reports a link that loops back into the folder, and one that points at itself, and goes on', async () => {
    t = await openCore();
    const folder = join(t.dir, 'lus');
    writeFile(join(folder, 'binnen', 'a.json'), heartRate(1));
    symlinkSync(folder, join(folder, 'binnen', 'terug'));
    symlinkSync(join(folder, 'zelf'), join(folder, 'zelf'));
    writeFile(join(folder, 'z.json'), heartRate(2));

    const report = await importPaths(t, [folder]);
    expect(statusOf(report, 'lus/binnen/terug')).toBe('skipped:link-loop');
    expect(statusOf(report, 'lus/zelf')).toBe('skipped:link-loop');
    expect(report.counts.imported).toBe(2);
    expect(report.files.find((f) => f.file === 'lus/zelf')?.reason?.nl).toMatch(/kringetje/);
  });

  it('checks whom each file is about: another person’s file is refused, unless the person says they know', async () => {
    t = await openCore();
    const folder = join(t.dir, 'twee');
    writeFile(join(folder, '1-jan.json'), readFileSync(join(fixtures, 'r4-bgz-bundle.json')));
    writeFile(join(folder, '2-sanne.json'), readFileSync(join(fixtures, 'r4-bundle-other-person-sanne.json')));
    writeFile(join(folder, '3-jan.json'), heartRate(3));

    const report = await importPaths(t, [folder]);
    expect(report.files.map((f) => `${f.file} ${f.status}`)).toEqual(['twee/1-jan.json imported', 'twee/2-sanne.json refused', 'twee/3-jan.json imported']);
    const sanne = report.files[1]!;
    expect(sanne.reason?.code).toBe('other-person');
    expect(sanne.otherPerson?.found).toBeTruthy();
    const before = await recordCount(t);

    const allowed = await importPaths(t, [join(folder, '2-sanne.json')], { allowOtherPerson: true });
    expect(allowed.counts.imported).toBe(1);
    expect(await recordCount(t)).toBeGreaterThan(before);
  });

  it('skips letters and photos in a folder unless documents are asked for, then adds them as own documents', async () => {
    t = await openCore();
    const folder = join(t.dir, 'portaal');
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 0x20), Buffer.from('\n%%EOF\n')]);
    writeFile(join(folder, 'Brief cardioloog.pdf'), pdf);
    writeFile(join(folder, 'nep.png'), 'geen plaatje');
    writeFile(join(folder, 'a.json'), heartRate(1));

    const skipped = await importPaths(t, [folder]);
    expect(statusOf(skipped, 'portaal/Brief cardioloog.pdf')).toBe('skipped:document-not-asked');
    expect(statusOf(skipped, 'portaal/nep.png')).toBe('skipped:document-not-asked');

    const added = await importPaths(t, [folder], { documents: true });
    expect(statusOf(added, 'portaal/Brief cardioloog.pdf')).toBe('imported');
    expect(statusOf(added, 'portaal/nep.png')).toBe('refused:document-rejected');
    const letter = added.files.find((f) => f.file.endsWith('.pdf'))!;
    const detail = await ok(t.core.call('records.get', { profileId: t.profileId, recordId: letter.recordId! }));
    expect(detail.title).toBe('Brief cardioloog');
  });

  it('all or nothing: one refused file stores nothing; without it every file is stored in one go', async () => {
    t = await openCore();
    const folder = join(t.dir, 'script');
    for (let i = 0; i < 5; i++) writeFile(join(folder, `ok-${i}.json`), heartRate(i));
    const bad = writeFile(join(folder, 'slecht.json'), '{"resourceType":"NoSuchThing","id":"x"}');
    writeFile(join(folder, 'notitie.txt'), 'overgeslagen, geen fout');

    const refused = await importPaths(t, [folder], { allOrNothing: true });
    expect(refused.allOrNothing).toBe(true);
    expect(statusOf(refused, 'script/slecht.json')).toBe('refused:fhir-problems');
    expect(statusOf(refused, 'script/ok-0.json')).toBe('refused:held-back');
    expect(statusOf(refused, 'script/notitie.txt')).toBe('skipped:not-fhir');
    expect(refused.counts).toEqual({ imported: 0, unchanged: 0, refused: 6, skipped: 1 });
    expect(await recordCount(t)).toBe(0);

    const { rmSync } = await import('node:fs');
    rmSync(bad);
    const stored = await importPaths(t, [folder], { allOrNothing: true });
    expect(stored.counts).toEqual({ imported: 5, unchanged: 0, refused: 0, skipped: 1 });
    expect(stored.records).toMatchObject({ created: 5, byType: { Observation: 5 } });
    expect(await recordCount(t)).toBe(5);
  });

  it('all or nothing: data about someone else stores nothing of the run', async () => {
    t = await openCore();
    const folder = join(t.dir, 'gemengd');
    writeFile(join(folder, 'jan.json'), readFileSync(join(fixtures, 'r4-bgz-bundle.json')));
    writeFile(join(folder, 'sanne.json'), readFileSync(join(fixtures, 'r4-bundle-other-person-sanne.json')));
    const report = await importPaths(t, [folder], { allOrNothing: true });
    expect(report.files.map((f) => f.reason?.code)).toEqual(['other-person', 'other-person']);
    expect(await recordCount(t)).toBe(0);
    expect(await ok(t.core.call('records.identity', { profileId: t.profileId }))).toBeNull();
  });

  it('refuses documents in an all-or-nothing run, and paths from anything but the CLI', async () => {
    t = await openCore();
    const mixed = await t.core.call('imports.begin', { profileId: t.profileId, allOrNothing: true, documents: true });
    expect(!mixed.ok && mixed.error.code).toBe('invalid-request');
    t.remove();

    t = await openCore({ host: 'browser' });
    const { importId } = await ok(t.core.call('imports.begin', { profileId: t.profileId }));
    const refused = await t.core.call('imports.addPaths', { importId, paths: ['/etc'] });
    expect(refused).toEqual({ ok: false, error: { code: 'host-unsupported' } });
    const pick = await t.core.call('imports.pick', { importId, what: 'files', title: 'Kies' });
    expect(!pick.ok && pick.error.code).toBe('host-unsupported');
    expect((await ok(t.core.call('app.info', {}))).canPickImport).toBe(false);
  });

  it('the desktop app: the core opens the system’s picker and reads what the person chose', async () => {
    const asked: unknown[] = [];
    let chosen: string[] = [];
    t = await openCore({
      host: 'electron',
      pickImport: async (options) => {
        asked.push(options);
        return chosen;
      },
    });
    expect((await ok(t.core.call('app.info', {}))).canPickImport).toBe(true);
    const folder = join(t.dir, 'gekozen');
    writeFile(join(folder, 'a.json'), heartRate(1));
    chosen = [folder];
    const { importId } = await ok(t.core.call('imports.begin', { profileId: t.profileId }));
    expect(await ok(t.core.call('imports.pick', { importId, what: 'folder', title: 'Kies een map' }))).toEqual({ picked: 1 });
    expect(asked).toEqual([{ what: 'folder', title: 'Kies een map' }]);
    const report = await ok(t.core.call('imports.finish', { importId }));
    expect(report.counts.imported).toBe(1);
    // The session is over.
    expect(await t.core.call('imports.finish', { importId })).toEqual({ ok: false, error: { code: 'import-not-found' } });
  });

  it('cancel stops between two files: what was imported stays, the rest is not read', async () => {
    t = await openCore();
    const folder = join(t.dir, 'veel');
    for (let i = 0; i < 300; i++) writeFile(join(folder, `h-${String(i).padStart(3, '0')}.json`), heartRate(i));
    const { importId } = await ok(t.core.call('imports.begin', { profileId: t.profileId }));
    await ok(t.core.call('imports.addPaths', { importId, paths: [folder] }));
    const stop = t.core.onEvent((message) => {
      if (message.event === 'imports.progress' && (message.payload as { done: number }).done >= 10) void t.core.call('imports.cancel', { importId });
    });
    const report = await ok(t.core.call('imports.finish', { importId }));
    stop();
    expect(report.stopped).toBe('canceled');
    expect(report.counts.imported).toBeGreaterThanOrEqual(10);
    expect(report.counts.imported).toBeLessThan(300);
    expect(await recordCount(t)).toBe(report.counts.imported);
  });

  it('a profile that locks during the run stops it, and says so', async () => {
    t = await openCore();
    const folder = join(t.dir, 'slot');
    for (let i = 0; i < 100; i++) writeFile(join(folder, `h-${String(i).padStart(3, '0')}.json`), heartRate(i));
    const { importId } = await ok(t.core.call('imports.begin', { profileId: t.profileId }));
    await ok(t.core.call('imports.addPaths', { importId, paths: [folder] }));
    const waiting = await ok(t.core.call('imports.begin', { profileId: t.profileId }));
    const stop = t.core.onEvent((message) => {
      if (message.event === 'imports.progress' && (message.payload as { done: number }).done >= 5) void t.core.call('auth.lock', { profileId: t.profileId });
    });
    const report = await ok(t.core.call('imports.finish', { importId }));
    stop();
    expect(report.stopped).toBe('locked');
    expect(report.counts.imported).toBeLessThan(100);
    // The lock ended the profile's other session too: nothing of it is kept.
    expect(await t.core.call('imports.finish', { importId: waiting.importId })).toEqual({ ok: false, error: { code: 'import-not-found' } });
  });
});
