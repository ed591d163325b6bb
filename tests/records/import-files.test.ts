import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../src-main/records/import-files';
import { counts, openTestProfile, type TestProfile } from './helpers';

const fixture = (name: string) => ({ name, content: readFileSync(join(import.meta.dirname, '../fixtures/fhir', name)) });

let profile: TestProfile;
afterEach(() => profile?.remove());

describe('importing files through the FHIR layer', () => {
  it('imports the BgZ fixtures in STU3 and R4, JSON and XML; re-importing changes nothing', () => {
    profile = openTestProfile();
    const files = ['stu3-bgz-bundle.json', 'stu3-bgz-bundle.xml', 'r4-bgz-bundle.json', 'r4-bgz-bundle.xml'].map(fixture);
    const report = importFiles(profile.store, files);
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    expect(report.created).toBeGreaterThan(5);
    const before = counts(profile.db);
    expect(importFiles(profile.store, files)).toMatchObject({ ok: true, created: 0, updated: 0 });
    expect(counts(profile.db)).toMatchObject({ record: before.record, record_source: before.record_source, body: before.body });
    // Every file is its own source; the same bundle as JSON and as XML is the same content.
    expect(profile.store.sources()).toHaveLength(4);
    const counted = profile.store.sectionCounts();
    expect(counted.personalia).toBeGreaterThan(0);
    // Every record is in a section, but the parts of a letter count as their letter (letters.ts).
    expect(Object.values(counted).reduce((a, b) => a + b, 0)).toBe((before.record ?? 0) - profile.store.letters().parts.size);
  });

  it('refuses a resource type FHIR does not define, naming it, and stores nothing', () => {
    profile = openTestProfile();
    const before = counts(profile.db);
    const report = importFiles(profile.store, [{ name: 'ding.json', content: Buffer.from('{"resourceType":"NoSuchThing","id":"x"}') }]);
    expect(report).toMatchObject({
      ok: false,
      problems: [{ file: 'ding.json', message: { nl: expect.stringContaining('"NoSuchThing"'), en: expect.stringContaining('"NoSuchThing"') } }],
    });
    expect(counts(profile.db)).toEqual(before);
    expect(profile.store.list().total).toBe(0);
  });

  it('imports nothing from any file when one file fails', () => {
    profile = openTestProfile();
    const before = counts(profile.db);
    const report = importFiles(profile.store, [fixture('r4-bgz-bundle.json'), fixture('hostile-bundle-one-bad-entry.json')]);
    expect(report.ok).toBe(false);
    if (report.ok) return;
    expect(report.problems[0]).toMatchObject({ file: 'hostile-bundle-one-bad-entry.json', entryPath: expect.stringContaining('entry') });
    expect(report.problems[0]!.message.nl).toBeTruthy();
    expect(counts(profile.db)).toEqual(before);
  });
});
