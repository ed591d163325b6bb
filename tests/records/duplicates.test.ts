/**
 * The same clinical fact from two sources is one record with two sources; two different facts are
 * never merged.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clinicalContent, factKeysOf } from '../../src-main/records/fact-keys';
import { indexFields } from '../../src-main/fhir/summary';
import { importFiles, type ImportFile } from '../../src-main/records/import-files';
import { counts, gp, lab, letterFile, openTestProfile, received, type TestProfile } from './helpers';

const fixture = (name: string): ImportFile => ({ name, content: readFileSync(join(import.meta.dirname, '../fixtures/fhir', name)) });
const now = Date.parse('2026-11-20T10:00:00Z');

let profile: TestProfile;
afterEach(() => profile?.remove());

function overviewTitles() {
  const overview = profile.store.overview(now);
  return {
    problems: overview.activeProblems.map((r) => [r.title, r.sources.length] as const),
    allergies: overview.allergies.map((r) => [r.title, r.sources.length] as const),
    results: overview.recentResults.filter((r) => r.title === 'HbA1c').map((r) => [r.title, r.sources.length] as const),
  };
}

const hba1c = (id: string, date: string, value: number, extra: Record<string, unknown> = {}) => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '59261-8', display: 'HbA1c' }], text: 'HbA1c' },
  subject: { reference: `Patient/${id}-patient`, display: 'Jan de Vries' },
  effectiveDateTime: date,
  valueQuantity: { value, unit: 'mmol/mol', system: 'http://unitsofmeasure.org', code: 'mmol/mol' },
  ...extra,
});

describe('the same fact from two files', () => {
  it('shows "Suikerziekte type 2", "Penicilline" and HbA1c once, each with both files as sources', () => {
    profile = openTestProfile();
    expect(importFiles(profile.store, [fixture('stu3-bgz-bundle.json')], { now })).toMatchObject({ ok: true });
    const afterFirst = counts(profile.db).record ?? 0;
    const second = importFiles(profile.store, [fixture('r4-bgz-bundle.json')], { now });
    expect(second).toMatchObject({ ok: true });
    expect(overviewTitles()).toEqual({
      problems: [['Suikerziekte type 2', 2]],
      allergies: [['Penicilline', 2]],
      results: [['HbA1c', 2]],
    });
    // Only what really differs between the two files is a record of its own (the STU3 Binary and R4 DocumentReference
    // share an id but are different resources).
    expect((counts(profile.db).record ?? 0) - afterFirst).toBeLessThanOrEqual(1);

    // Importing both again changes nothing.
    expect(importFiles(profile.store, [fixture('stu3-bgz-bundle.json'), fixture('r4-bgz-bundle.json')], { now })).toMatchObject({
      ok: true,
      created: 0,
      updated: 0,
    });
    expect(overviewTitles().problems).toEqual([['Suikerziekte type 2', 2]]);
  });

  it('also when both files are imported at once', () => {
    profile = openTestProfile();
    expect(importFiles(profile.store, [fixture('stu3-bgz-bundle.json'), fixture('r4-bgz-bundle.json')], { now })).toMatchObject({ ok: true });
    expect(overviewTitles()).toEqual({
      problems: [['Suikerziekte type 2', 2]],
      allergies: [['Penicilline', 2]],
      results: [['HbA1c', 2]],
    });
  });
});

describe('twins across the chunks of one large import', () => {
  const bundleOf = (prefix: string, n: number) =>
    Buffer.from(JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: Array.from({ length: n }, (_, i) => ({ resource: hba1c(`${prefix}${i}`, `2024-01-01T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z`, 40 + i) })) }));

  it('attaches a second file to the first one’s records, in an empty profile and in one holding records already', () => {
    for (const before of [false, true]) {
      profile?.remove();
      profile = openTestProfile();
      if (before) profile.store.importResources(gp, [received(hba1c('ouder', '2020-01-01', 99))]);
      const report = importFiles(profile.store, [{ name: 'a.json', content: bundleOf('a', 1_500) }, { name: 'b.json', content: bundleOf('b', 1_500) }], { now });
      expect(report).toMatchObject({ ok: true, created: 1_500, updated: 1_500 });
      expect(counts(profile.db).record).toBe(1_500 + (before ? 1 : 0));
      expect(profile.db.prepare('SELECT count(*) FROM record_source').pluck().get()).toBe(3_000 + (before ? 1 : 0));
      // The same file again (its own source): unchanged, not attached to the other file's records.
      expect(importFiles(profile.store, [{ name: 'b.json', content: bundleOf('b', 1_500) }], { now })).toMatchObject({ ok: true, created: 0, updated: 0 });
    }
  });
});

describe('never two different facts', () => {
  it('keeps results on different dates, with different values, from different specimens, or of different medicines apart', () => {
    profile = openTestProfile();
    profile.store.importResources(gp, [
      received(hba1c('a1', '2024-03-04', 56)),
      received(hba1c('a2', '2024-06-04', 52)),
      received({ resourceType: 'MedicationDispense', id: 'd1', status: 'completed', medicationReference: { reference: 'Medication/metformine' }, whenHandedOver: '2024-03-05' }),
      received(hba1c('a3', '2024-09-01', 50, { specimen: { reference: 'Specimen/s1' } })),
    ]);
    const report = profile.store.importResources(lab, [
      received(hba1c('b1', '2024-03-05', 56)), // another date
      received(hba1c('b2', '2024-06-04', 53)), // another value
      received({ resourceType: 'MedicationDispense', id: 'd1', status: 'completed', medicationReference: { reference: 'Medication/insuline' }, whenHandedOver: '2024-03-05' }),
      received(hba1c('b3', '2024-09-01', 50, { specimen: { reference: 'Specimen/s2' } })), // another specimen
    ]);
    expect(report).toMatchObject({ ok: true, created: 4, updated: 0 });
    expect(counts(profile.db).record).toBe(8);
  });

  it('merges the same fact whatever its labels, ids and subject; a shared identifier only with the same code, date and value', () => {
    profile = openTestProfile();
    const id = [{ system: 'urn:oid:2.16.840.1.113883.2.4.6.1', value: 'lab-123' }];
    profile.store.importResources(gp, [
      received(hba1c('x', '2024-03-04', 56, { code: { coding: [{ system: 'http://loinc.org', code: '59261-8', display: 'Hemoglobin A1c' }] } })),
      received(hba1c('y', '2024-06-04', 52, { identifier: id, note: [{ text: 'nuchter' }] })),
    ]);
    const report = profile.store.importResources(lab, [
      // The same result: another id, other labels, the person named differently.
      received(hba1c('other-id', '2024-03-04', 56, { code: { coding: [{ system: 'http://loinc.org', code: '59261-8' }], text: 'Geglyceerd Hb' } })),
      // The same identifier, code, date and value: the same result, although the lab adds no note.
      received(hba1c('z', '2024-06-04', 52, { identifier: id })),
      // The same identifier with another value: a correction is never hidden behind the first result.
      received(hba1c('w', '2024-06-04', 60, { identifier: id })),
    ]);
    expect(report).toMatchObject({ ok: true, created: 1, updated: 2 });
    const results = profile.store.list({ resourceTypes: ['Observation'] }).items;
    expect(results.map((r) => [r.date, r.valueText, r.sources.length]).sort()).toEqual([
      ['2024-03-04', expect.stringContaining('56'), 2],
      ['2024-06-04', expect.stringContaining('52'), 2],
      ['2024-06-04', expect.stringContaining('60'), 1],
    ]);
  });

  it('keeps identical resources within one source apart, as before', () => {
    profile = openTestProfile();
    const report = profile.store.importResources(letterFile, [received(hba1c('p', '2024-03-04', 56)), received(hba1c('q', '2024-03-04', 56))]);
    expect(report).toMatchObject({ created: 2 });
  });

  it('lets a source’s copy leave the shared record once it says something else', () => {
    profile = openTestProfile();
    profile.store.importResources(gp, [received(hba1c('g', '2024-03-04', 56))]);
    profile.store.importResources(lab, [received(hba1c('l', '2024-03-04', 56, { code: { coding: [{ system: 'http://loinc.org', code: '59261-8' }] } }))]);
    expect(profile.store.list().items.map((r) => r.sources.length)).toEqual([2]);
    // A note that differs is something else the copy says: not the same fact.
    expect(profile.store.importResources(gp, [received(hba1c('n', '2024-03-04', 56, { note: [{ text: 'huisarts' }] }))])).toMatchObject({ created: 1 });
    profile.store.deleteRecord(profile.store.list().items.find((r) => r.sources.length === 1)!.id);

    // The lab corrects its value: its copy is now a record of its own; the GP's record keeps the GP's value.
    const corrected = profile.store.importResources(lab, [received(hba1c('l', '2024-03-04', 58))]);
    expect(corrected).toMatchObject({ ok: true, created: 1 });
    const items = profile.store.list().items;
    expect(items.map((r) => [r.valueText, r.sources.map((s) => s.source.label)]).sort()).toEqual([
      [expect.stringContaining('56'), [gp.label]],
      [expect.stringContaining('58'), [lab.label]],
    ]);
  });
});

describe('fact keys', () => {
  it('leave out labels, the person, narrative and STU3 leftovers, and keep everything that tells facts apart', () => {
    const base = hba1c('a', '2024-03-04', 56, {
      interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0078', code: 'H', display: 'Hoog' }] }],
      performer: [{ reference: 'Practitioner/1', display: 'Dr. A' }],
    });
    expect(clinicalContent(base)).toEqual({
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '59261-8' }] },
      effectiveDateTime: '2024-03-04',
      valueQuantity: { value: 56, unit: 'mmol/mol', system: 'http://unitsofmeasure.org', code: 'mmol/mol' },
      interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'H' }] }],
      performer: [{ reference: 'Practitioner/1' }],
    });
    // A reference without a target keeps its display: it is all there is.
    expect(clinicalContent({ resourceType: 'Observation', performer: [{ display: 'Dr. A' }] })).toEqual({
      resourceType: 'Observation',
      performer: [{ display: 'Dr. A' }],
    });
    expect(factKeysOf(base, indexFields)).toHaveLength(1);
    expect(factKeysOf({ ...base, identifier: [{ system: 's', value: '1' }, { value: 'no system' }] }, indexFields)).toHaveLength(2);
  });
});
