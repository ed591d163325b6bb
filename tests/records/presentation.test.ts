/**
 * The presentation model (src-main/records/presentation): one reading of FHIR for every view. Names
 * instead of `Type/id` and codes, value sets in words, letters as one item, label keys the renderer
 * knows in both languages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PresentedField, RecordDetail } from '../../src-preload/contract/records';
import { keesCompleetResources } from '../../src-main/medmij/simulator/kees-compleet';
import { importFiles } from '../../src-main/records/import-files';
import { fieldKeys, groupKeys } from '../../src-main/records/presentation/presenters';
import { recordsEn } from '../../src-renderer/src/i18n/records.en';
import { recordsNl } from '../../src-renderer/src/i18n/records.nl';
import { gp, openTestProfile, received, type TestProfile } from './helpers';

const now = new Date('2026-11-23T12:00:00Z');
let profile: TestProfile;
afterEach(() => profile?.remove());

function importKees(): void {
  const resources = keesCompleetResources('R4');
  const bundle = {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: resources.map((r) => ({ fullUrl: `http://127.0.0.1/fhir/${String(r.resourceType)}/${String(r.id)}`, resource: r })),
  };
  const report = importFiles(profile.store, [{ name: 'kees-compleet.json', content: Buffer.from(JSON.stringify(bundle)) }], { now });
  expect(report.ok).toBe(true);
}

const field = (detail: RecordDetail, key: string) => detail.fields.find((f) => f.key === key);
const allTexts = (detail: RecordDetail): string[] => [
  detail.title,
  ...detail.fields.flatMap((f: PresentedField) => [f.text, f.label ?? '']),
  ...detail.groups.flatMap((g) => g.items.flatMap((i) => [i.title ?? '', ...i.fields.flatMap((f) => [f.text, f.label ?? ''])])),
  ...detail.related.map((r) => r.title),
];
/** `Type/id` as a reference is written (any FHIR type Kees has); codes with their system name. */
const typeId = new RegExp(
  `\\b(${[...new Set(keesCompleetResources('R4').map((r) => String(r.resourceType)))].join('|')})/[A-Za-z0-9\\-.]+`,
);
const codeWithSystem = /\b(SNOMED|LOINC|ICPC|ATC|G-Standaard|UCUM)\b/;

function agreementFor(title: string, valueText: string): RecordDetail {
  const item = profile.store.list({ resourceTypes: ['MedicationRequest'], limit: 50 }).items.find((r) => r.valueText === valueText);
  expect(item?.title).toBe(title);
  return profile.store.get(item!.id, 'nl');
}

describe("Kees Compleet's acenocoumarol agreement", () => {
  it('names the medicine, prescriber and reason in every view, never Type/id', () => {
    profile = openTestProfile({ now: () => now });
    importKees();
    const detail = agreementFor('Acenocoumarol 1 mg tablet', 'Volgens schema van de trombosedienst');
    expect(detail.title).toBe('Acenocoumarol 1 mg tablet');
    expect(field(detail, 'medication')).toMatchObject({ text: 'Acenocoumarol 1 mg tablet' });
    expect(field(detail, 'prescriber')?.text).toBe('H. Huisman, huisarts (fictief), Huisartsenpraktijk Compleetstad (fictief)');
    expect(field(detail, 'reason')?.text).toBe('Boezemfibrilleren');
    expect(field(detail, 'dosage')?.text).toBe('Volgens schema van de trombosedienst');
    expect(field(detail, 'status')?.text).toBe('actief');
    // Each name opens the record it names.
    const medication = field(detail, 'medication')!.names![0]!;
    expect(profile.store.get(medication.recordId!).resourceType).toBe('Medication');
    expect(profile.store.get(field(detail, 'reason')!.names![0]!.recordId!).resourceType).toBe('Condition');

    // Overzicht and search name it the same way.
    const overview = profile.store.overview(now);
    expect(overview.currentMedication.map((m) => m.title)).toContain('Acenocoumarol 1 mg tablet');
    expect(overview.currentMedication.map((m) => m.title)).not.toContain('Medicatieafspraak');
    const found = profile.store.search({ query: 'trombosedienst', limit: 50 }).items;
    expect(found.filter((r) => r.resourceType === 'MedicationRequest').map((r) => r.title)).toContain('Acenocoumarol 1 mg tablet');
  });

  it('words the same fields in English when asked', () => {
    profile = openTestProfile({ now: () => now });
    importKees();
    const nl = agreementFor('Levodopa/carbidopa 100/25 mg tablet', '3 maal daags 1 tablet, een half uur vóór de maaltijd');
    const en = profile.store.get(nl.id, 'en');
    expect(field(en, 'status')?.text).toBe('active');
    expect(field(en, 'usePeriod')?.text).toBe('from 4 March 2024');
    expect(field(nl, 'usePeriod')?.text).toBe('vanaf 4 maart 2024');
    expect(en.fields.map((f) => f.key)).toEqual(nl.fields.map((f) => f.key));
  });

  it('no record of his shows Type/id or a code in its presented fields', () => {
    profile = openTestProfile({ now: () => now });
    importKees();
    const ids = [...profile.store.list({ limit: 500 }).items.map((r) => r.id)];
    // The parts of a letter are reachable from it: check them too.
    ids.push(...profile.store.letters().parts);
    expect(ids.length).toBeGreaterThan(100);
    for (const id of ids) {
      const detail = profile.store.get(id, 'nl');
      for (const text of allTexts(detail)) {
        expect(text, `${detail.resourceType} ${detail.title}`).not.toMatch(typeId);
        expect(text, `${detail.resourceType} ${detail.title}`).not.toMatch(codeWithSystem);
      }
    }
  });
});

describe('references', () => {
  it('says "onbekend" with the reason when the target was not sent', () => {
    profile = openTestProfile({ now: () => now });
    profile.store.importResources(gp, [
      received({
        resourceType: 'MedicationRequest',
        id: 'ma-1',
        status: 'active',
        intent: 'order',
        medicationReference: { reference: 'Medication/not-here' },
        requester: { identifier: { system: 'http://fhir.nl/fhir/NamingSystem/agb-z', value: '01234567' } },
        reasonReference: [{ reference: '#cond' }],
        contained: [{ resourceType: 'Condition', id: 'cond', code: { text: 'Hoge bloeddruk' } }],
      }),
    ]);
    const [item] = profile.store.list().items;
    const detail = profile.store.get(item!.id, 'nl');
    expect(field(detail, 'medication')?.text).toBe('onbekend (niet meegestuurd)');
    expect(field(detail, 'prescriber')?.text).toBe('onbekend (alleen een nummer meegestuurd)');
    expect(field(detail, 'reason')?.text).toBe('Hoge bloeddruk');
    expect(profile.store.get(item!.id, 'en').fields.find((f) => f.key === 'medication')?.text).toBe('unknown (not sent)');
  });

  it('names a medication record by a Medication that arrives later', () => {
    profile = openTestProfile({ now: () => now });
    const agreement = { resourceType: 'MedicationRequest', id: 'ma-2', status: 'active', intent: 'order', medicationReference: { reference: 'Medication/m2' } };
    profile.store.importResources(gp, [received(agreement)]);
    expect(profile.store.list().items[0]?.title).toBe('Medicatieafspraak');
    profile.store.importResources(gp, [received({ resourceType: 'Medication', id: 'm2', code: { text: 'Metoprolol 50 mg tablet' } })]);
    const item = profile.store.list({ resourceTypes: ['MedicationRequest'] }).items[0]!;
    expect(item.title).toBe('Metoprolol 50 mg tablet');
    expect(field(profile.store.get(item.id), 'medication')?.text).toBe('Metoprolol 50 mg tablet');
  });
});

describe('value sets and codes', () => {
  it('words HL7 value sets in Dutch and keeps codes for the technical view', () => {
    profile = openTestProfile({ now: () => now });
    const report = importFiles(profile.store, [{ name: 'r4-bgz-bundle.json', content: readFileSync(join(import.meta.dirname, '../fixtures/fhir/r4-bgz-bundle.json')) }]);
    expect(report.ok).toBe(true);
    const condition = profile.store.list({ resourceTypes: ['Condition'] }).items[0]!;
    const detail = profile.store.get(condition.id, 'nl');
    expect(field(detail, 'problem')?.text).toBe('Suikerziekte type 2');
    expect(field(detail, 'clinicalStatus')?.text).toBe('actief');
    expect(field(detail, 'verificationStatus')?.text).toBe('bevestigd');
    expect(detail.codes).toEqual(expect.arrayContaining([{ system: 'SNOMED CT', code: '44054006', display: 'Diabetes mellitus type 2' }, expect.objectContaining({ system: 'ICPC', code: 'T90.02' })]));
    for (const text of allTexts(detail)) expect(text).not.toMatch(/44054006|T90/);

    const encounter = profile.store.list({ resourceTypes: ['Encounter'] }).items[0]!;
    expect(field(profile.store.get(encounter.id, 'nl'), 'encounterClass')?.text).toBe('poliklinisch bezoek');
    const observation = profile.store.list({ resourceTypes: ['Observation'] }).items.find((r) => r.title === 'Bloeddruk')!;
    const bp = profile.store.get(observation.id, 'nl');
    expect(field(bp, 'category')?.text).toBe('vitale functies');
    expect(bp.groups[0]).toMatchObject({ key: 'components', items: [{ title: 'Systolische bloeddruk' }, { title: 'Diastolische bloeddruk' }] });
  });

  it('titles a contact with only a class, and a file, in Dutch', () => {
    profile = openTestProfile({ now: () => now });
    profile.store.importResources(gp, [
      received({ resourceType: 'Encounter', id: 'e1', status: 'finished', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP', display: 'inpatient encounter' } }),
      received({ resourceType: 'Binary', id: 'b1', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4').toString('base64') }),
    ]);
    const titles = profile.store.list().items.map((r) => r.title).sort();
    expect(titles).toEqual(['Opname', 'PDF-document']);
    const binary = profile.store.list({ resourceTypes: ['Binary'] }).items[0]!;
    const detail = profile.store.get(binary.id, 'nl');
    expect(detail.fields.map((f) => [f.key, f.text])).toEqual([
      ['fileType', 'PDF-document'],
      ['size', '8 B'],
    ]);
  });
});

describe('letters', () => {
  it('shows a letter as one item; its file, list and structured twin hang under it', () => {
    profile = openTestProfile({ now: () => now });
    const report = importFiles(profile.store, [{ name: 'r4-bgz-bundle.json', content: readFileSync(join(import.meta.dirname, '../fixtures/fhir/r4-bgz-bundle.json')) }]);
    expect(report.ok).toBe(true);
    const documents = profile.store.list({ section: 'documenten' });
    expect(documents.items.map((r) => [r.resourceType, r.title])).toEqual([['DocumentReference', 'Ontslagbrief']]);
    expect(profile.store.sectionCounts().documenten).toBe(1);
    expect(profile.store.search({ query: 'ontslagbrief', limit: 50 }).items.map((r) => r.resourceType)).toEqual(['DocumentReference']);

    const letter = profile.store.get(documents.items[0]!.id, 'nl');
    expect(letter.related.map((r) => r.resourceType).sort()).toEqual(expect.arrayContaining(['Binary', 'Composition', 'DocumentManifest']));
    expect(letter.attachments).toHaveLength(1);
    expect(field(letter, 'fileType')?.text).toBe('PDF-document');
    // The category repeats the type in English ("Discharge summary"): not shown.
    expect(allTexts(letter).join(' ')).not.toMatch(/Discharge/);
    expect(letter.fields.find((f) => f.key === 'author')?.text).toBe('Ziekenhuis Rijnoever');

    const binary = profile.store.get(letter.related.find((r) => r.resourceType === 'Binary')!.id, 'nl');
    expect(binary.fields.some((f) => f.text.startsWith('JVBER'))).toBe(false);
    expect(binary.related.map((r) => r.resourceType)).toContain('DocumentReference');
  });
});

describe('label keys', () => {
  it('every field and group key the core can give has a Dutch and an English label', () => {
    for (const key of fieldKeys) {
      expect(recordsNl.fields, key).toHaveProperty(key);
      expect(recordsEn.fields, key).toHaveProperty(key);
    }
    for (const key of groupKeys) {
      expect(recordsNl.blocks, key).toHaveProperty(key);
      expect(recordsEn.blocks, key).toHaveProperty(key);
      expect(recordsNl.groupItem, key).toHaveProperty(key);
    }
  });
});
