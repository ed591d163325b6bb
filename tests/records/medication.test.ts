import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Medicine } from '../../src-preload/contract/records';
import { dosageLine } from '../../src-main/records/dosage-text';
import { importFiles } from '../../src-main/records/import-files';
import { medicationRowsSql } from '../../src-main/records/medication';
import { dumpDerived, gp, openTestProfile, received, type TestProfile } from './helpers';

const fixture = (name: string) => ({ name, content: readFileSync(join(import.meta.dirname, '../fixtures/fhir', name)) });
const now = new Date('2026-11-23T12:00:00Z');
const snomed = 'http://snomed.info/sct';
const gpk = 'urn:oid:2.16.840.1.113883.2.4.4.1';
const atc = 'http://www.whocc.no/atc';
const pharmacy = { kind: 'provider' as const, label: 'Apotheek Domplein — Medicatiegegevens', provider: 'domplein', service: '31' };

let profile: TestProfile;
afterEach(() => profile?.remove());

const medication = (id: string, code: string, text: string, atcCode = 'A10BA02') => ({
  resourceType: 'Medication',
  id,
  code: { coding: [{ system: gpk, code, display: text.toUpperCase() }, { system: atc, code: atcCode, display: 'metformine' }], text },
});
const agreement = (id: string, medicationId: string, extra: Record<string, unknown> = {}) => ({
  resourceType: 'MedicationRequest',
  id,
  status: 'active',
  intent: 'order',
  category: [{ coding: [{ system: snomed, code: '16076005', display: 'Medicatieafspraak' }] }],
  medicationReference: { reference: `Medication/${medicationId}` },
  authoredOn: '2023-01-10',
  requester: { reference: 'PractitionerRole/rol-bakker', display: 'dr. A. Bakker, Huisartsenpraktijk De Linde' },
  dosageInstruction: [{ text: '2 maal per dag 1 tablet', timing: { repeat: { boundsPeriod: { start: '2023-01-10' } } } }],
  ...extra,
});
const dispense = (id: string, medicationId: string, date: string, quantity: number, extra: Record<string, unknown> = {}) => ({
  resourceType: 'MedicationDispense',
  id,
  status: 'completed',
  category: { coding: [{ system: snomed, code: '373784005', display: 'Verstrekking' }] },
  medicationReference: { reference: `Medication/${medicationId}` },
  performer: [{ actor: { reference: 'Organization/apotheek', display: 'Apotheek Domplein' } }],
  quantity: { value: quantity, unit: 'stuk' },
  daysSupply: { value: 90, unit: 'dag', system: 'http://unitsofmeasure.org', code: 'd' },
  whenHandedOver: date,
  ...extra,
});
const use = (id: string, concept: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  resourceType: 'MedicationStatement',
  id,
  status: 'active',
  medicationCodeableConcept: concept,
  dosage: [{ text: '1 maal per dag 1 tablet' }],
  ...extra,
});

const names = (list: Medicine[]) => list.map((m) => m.name);
const byName = (list: Medicine[], name: string) => list.find((m) => m.name === name)!;

describe('medication overview', () => {
  it('groups agreements, use and dispenses per medicine via the referenced Medication, and tells current from earlier', () => {
    profile = openTestProfile();
    profile.store.importResources(gp, [
      received(medication('met', '90001', 'Metformine tablet 500 mg')),
      received(medication('amox', '90009', 'Amoxicilline capsule 500 mg', 'J01CA04')),
      received(agreement('ma-met', 'met')),
      received(dispense('vs-met-1', 'met', '2026-03-02T10:00:00+01:00', 180)),
      received(dispense('vs-met-2', 'met', '2026-09-02T10:00:00+02:00', 180)),
      // The pharmacy's use record names the product by code only: same GPK, so the same medicine.
      received(
        use('mgb-met', { coding: [{ system: gpk, code: '90001' }] }, { effectivePeriod: { start: '2023-01-12' }, dosage: [{ text: '2 maal per dag 1 tablet, bij het eten' }] }),
      ),
      received(
        agreement('ma-amox', 'amox', {
          status: 'completed',
          authoredOn: '2024-02-01',
          dosageInstruction: [{ text: '3 maal per dag 1 capsule', timing: { repeat: { boundsPeriod: { start: '2024-02-01', end: '2024-02-08' } } } }],
        }),
      ),
      received(dispense('vs-amox', 'amox', '2024-02-01', 21)),
      // Active by status, but its period of use ended: earlier.
      received(use('mgb-oud', { text: 'Omeprazol capsule 20 mg' }, { effectivePeriod: { start: '2020-01-01', end: '2021-06-30' } })),
      received(use('mgb-pauze', { text: 'Simvastatine tablet 40 mg' }, { status: 'on-hold', effectivePeriod: { start: '2022-01-01' } })),
      received(use('mgb-straks', { text: 'Prednison tablet 5 mg' }, { status: 'intended', effectivePeriod: { start: '2026-12-01', end: '2026-12-14' } })),
    ]);
    const overview = profile.store.medication(now);
    expect(names(overview.current)).toEqual(['Metformine tablet 500 mg', 'Prednison tablet 5 mg', 'Simvastatine tablet 40 mg']);
    expect(names(overview.earlier)).toEqual(['Amoxicilline capsule 500 mg', 'Omeprazol capsule 20 mg']);

    const met = byName(overview.current, 'Metformine tablet 500 mg');
    expect(met).toMatchObject({
      phase: 'active',
      // The newest record's instructions: the use record is newer than the agreement.
      instructions: '2 maal per dag 1 tablet, bij het eten',
      start: '2023-01-10',
      end: null,
      prescriber: 'dr. A. Bakker, Huisartsenpraktijk De Linde',
      pharmacy: 'Apotheek Domplein',
      lastDispense: { date: '2026-09-02T10:00:00+02:00', quantity: '180 stuk', daysSupply: 90 },
    });
    expect(met.sources.map((s) => s.label)).toEqual([gp.label]);
    expect(met.records.map((r) => [r.kind, r.date])).toEqual([
      ['dispense', '2026-09-02T10:00:00+02:00'],
      ['dispense', '2026-03-02T10:00:00+01:00'],
      ['use', '2023-01-12'],
      ['agreement', '2023-01-10'],
    ]);
    // Every id opens in the record detail view.
    for (const item of met.records) expect(profile.store.get(item.id).resourceType).toBe(item.resourceType);

    expect(byName(overview.earlier, 'Amoxicilline capsule 500 mg')).toMatchObject({ phase: 'ended', start: '2024-02-01', end: '2024-02-08' });
    expect(byName(overview.earlier, 'Omeprazol capsule 20 mg')).toMatchObject({ phase: 'ended', end: '2021-06-30' });
    expect(byName(overview.current, 'Simvastatine tablet 40 mg').phase).toBe('paused');
    expect(byName(overview.current, 'Prednison tablet 5 mg')).toMatchObject({ phase: 'planned', start: '2026-12-01', end: '2026-12-14' });
  });

  it('resolves a Medication reference within its own source only, and reads contained ones', () => {
    profile = openTestProfile();
    profile.store.importResources(gp, [received(medication('m1', '90001', 'Metformine tablet 500 mg')), received(agreement('ma-1', 'm1'))]);
    profile.store.importResources(pharmacy, [
      received(medication('m1', '90008', 'Paracetamol tablet 500 mg', 'N02BE01')),
      received(dispense('vs-1', 'm1', '2026-11-01', 20, { daysSupply: undefined })),
      received({
        resourceType: 'MedicationRequest',
        id: 'ma-contained',
        status: 'active',
        intent: 'order',
        contained: [{ resourceType: 'Medication', id: 'med', code: { coding: [{ system: gpk, code: '90001' }], text: 'Metformine 500' } }],
        medicationReference: { reference: '#med' },
        authoredOn: '2025-01-01',
      }),
    ]);
    const overview = profile.store.medication(now);
    // The contained Metformine shares the GPK code with the GP's Medication: one medicine, named as the newest record writes it.
    expect(names(overview.current)).toEqual(['Metformine 500']);
    expect(overview.current[0]!.records).toHaveLength(2);
    expect(overview.current[0]!.sources.map((s) => s.label).sort()).toEqual([gp.label, pharmacy.label].sort());
    // Paracetamol: only a dispense without days of supply, so not known to be in use now.
    expect(overview.earlier).toMatchObject([{ name: 'Paracetamol tablet 500 mg', end: '2026-11-01', lastDispense: { quantity: '20 stuk', daysSupply: null } }]);
  });

  it('reads STU3 input after conversion the same as R4', () => {
    const summaries: unknown[] = [];
    for (const file of ['stu3-bgz-bundle.json', 'r4-bgz-bundle.json']) {
      profile = openTestProfile();
      expect(importFiles(profile.store, [fixture(file)]).ok).toBe(true);
      const overview = profile.store.medication(now);
      const metformine = byName(overview.current, 'Metformine 500 mg tablet');
      expect(metformine).toMatchObject({
        instructions: '2 maal per dag 1 tablet',
        start: '2023-01-10',
        prescriber: 'dr. A. Bakker', // STU3 requester.agent, R4 requester
        pharmacy: 'Apotheek Centrum Utrecht',
        lastDispense: { date: '2024-01-15', quantity: '180 stuk' },
      });
      expect(metformine.records.map((r) => r.kind).sort()).toEqual(['agreement', 'dispense', 'use']);
      // The flu shot, given once, is earlier use.
      expect(overview.earlier.map((m) => [m.name, m.phase, m.instructions])).toEqual([
        ['influenza, geïnactiveerd, split virus of oppervlakte-antigeen', 'ended', '0,5 ml'],
      ]);
      summaries.push(
        [...overview.current, ...overview.earlier].map(({ key, records, sources: _sources, lastDispense, ...rest }) => ({
          ...rest,
          key,
          kinds: records.map((r) => [r.kind, r.date, r.status, r.text, r.by]),
          lastDispense: lastDispense && { ...lastDispense, recordId: undefined },
        })),
      );
      profile.remove();
    }
    expect(summaries[0]).toEqual(summaries[1]);
  });

  it('copes with missing dates and statuses', () => {
    profile = openTestProfile();
    profile.store.importResources(gp, [
      received(use('zonder-datum', { text: 'Levothyroxine tablet 50 µg' }, { status: 'unknown' })),
      received(use('zonder-status', { text: 'Calcium/vitamine D kauwtablet' }, { status: undefined, effectivePeriod: { start: '2025-05' } })),
      received(dispense('vs-zonder-datum', 'niet-aanwezig', '', 30, { whenHandedOver: undefined, medicationReference: { display: 'Levothyroxine tablet 50 µg' } })),
      received(dispense('vs-oud', 'x', '2026-08-01', 30, { medicationReference: { display: 'Salbutamol inhalator 100 µg' } })),
      received(dispense('vs-recent', 'x', '2026-10-01', 30, { medicationReference: { display: 'Oxazepam tablet 10 mg' } })),
      received({ resourceType: 'MedicationStatement', id: 'leeg', status: 'active' }),
      received(use('fout', { text: 'Diclofenac tablet 50 mg' }, { status: 'entered-in-error' })),
    ]);
    const overview = profile.store.medication(now);
    const levo = byName(overview.current, 'Levothyroxine tablet 50 µg');
    expect(levo).toMatchObject({ phase: 'active', start: null, end: null, instructions: '1 maal per dag 1 tablet', lastDispense: { date: null } });
    // Undated records last in the history.
    expect(levo.records.map((r) => r.id)).toHaveLength(2);
    expect(byName(overview.current, 'Calcium/vitamine D kauwtablet')).toMatchObject({ phase: 'active', start: '2025-05' });
    // Known from dispenses only: current while the last supply (90 days) lasts.
    expect(byName(overview.current, 'Oxazepam tablet 10 mg').phase).toBe('active');
    expect(byName(overview.earlier, 'Salbutamol inhalator 100 µg').phase).toBe('ended');
    expect(byName(overview.current, 'Onbekend geneesmiddel').records).toHaveLength(1);
    // A record entered in error decides nothing.
    expect(byName(overview.earlier, 'Diclofenac tablet 50 mg').phase).toBe('ended');
  });

  it('reads the voorbeeld-PGO: current medicines with their pharmacy history, stopped courses as earlier', () => {
    profile = openTestProfile();
    importFiles(profile.store, [{ name: 'voorbeeld-pgo.r4.json', content: readFileSync(join(import.meta.dirname, '../../resources/voorbeeld-pgo/voorbeeld-pgo.r4.json')) }]);
    const overview = profile.store.medication(now);
    expect(names(overview.current)).toEqual([
      'Atorvastatine tablet 20 mg',
      'Gliclazide tablet 80 mg',
      'Hydrochloorthiazide tablet 12,5 mg',
      'Lisinopril tablet 10 mg',
      'Metformine tablet 500 mg',
      'Paracetamol tablet 500 mg',
    ]);
    expect(names(overview.earlier)).toEqual(['Nitrofurantoïne capsule 50 mg', 'Doxycycline tablet 100 mg']);
    const total = [...overview.current, ...overview.earlier].reduce((n, m) => n + m.records.length, 0);
    expect(total).toBe(139 + 8 + 7);
  });

  it('names and groups by a Medication that arrives after the records referring to it, and follows its changes', () => {
    profile = openTestProfile();
    profile.store.importResources(gp, [
      received(agreement('ma-met', 'met')),
      received(dispense('vs-met', 'met', '2026-11-01T10:00:00+01:00', 180)),
      received(use('mgb-met', { coding: [{ system: gpk, code: '90001' }], text: 'metformine 500' }, { effectivePeriod: { start: '2023-01-12' } })),
    ]);
    // Not here yet: each record stands alone, the pharmacy's use record named by its own text.
    expect(names(profile.store.medication(now).current)).toEqual(['metformine 500', 'Onbekend geneesmiddel', 'Onbekend geneesmiddel']);
    // The same Medication id from another source is another resource and changes nothing.
    profile.store.importResources(pharmacy, [received(medication('met', '90008', 'Paracetamol tablet 500 mg', 'N02BE01'))]);
    expect(names(profile.store.medication(now).current)).toEqual(['metformine 500', 'Onbekend geneesmiddel', 'Onbekend geneesmiddel']);

    profile.store.importResources(gp, [received(medication('met', '90001', 'Metformine tablet 500 mg'))]);
    const overview = profile.store.medication(now);
    // Agreement and dispense now share the GPK code with the use record: one medicine, named as the newest record writes it.
    expect(names(overview.current)).toEqual(['Metformine tablet 500 mg']);
    expect(overview.current[0]!.records.map((r) => r.kind)).toEqual(['dispense', 'use', 'agreement']);
    expect(overview.current[0]!.key).toBe(`code:${gpk}|90001`);
    expect(profile.store.overview(now).currentMedication.map((r) => r.title)).toHaveLength(1);

    // A changed Medication (another product code) is followed too.
    profile.store.importResources(gp, [received(medication('met', '90002', 'Metformine tablet 850 mg'))]);
    expect(names(profile.store.medication(now).current)).toEqual(['metformine 500', 'Metformine tablet 850 mg']);

    // The facts per record are derived from each record alone: the same rows as a full rebuild.
    const incremental = dumpDerived(profile.db);
    profile.store.rebuildDerived();
    expect(dumpDerived(profile.db)).toEqual(incremental);
  });

  it('forgets records once they are deleted', () => {
    profile = openTestProfile();
    profile.store.importResources(gp, [received(use('a', { text: 'Metformine' })), received(use('b', { text: 'Omeprazol' }))]);
    const first = profile.store.medication(now);
    expect(profile.store.medication(now)).toEqual(first);
    profile.store.deleteRecord(first.current.find((m) => m.name === 'Omeprazol')!.records[0]!.id);
    expect(names(profile.store.medication(now).current)).toEqual(['Metformine']);
  });

  it('reads only the facts derived when the medication records were written: no bodies, no large record tables', () => {
    profile = openTestProfile();
    const plan = (profile.db.prepare(`EXPLAIN QUERY PLAN ${medicationRowsSql}`).all() as Array<{ detail: string }>).map((row) => row.detail);
    expect(plan.join('\n')).toMatch(/^SEARCH m USING INDEX record_medication_by_type_date \(resource_type=\?\)$/);

    // Bodies are read when records are written, not when the overview is built.
    profile.store.importResources(gp, [received(use('a', { text: 'Metformine' }))]);
    profile.db.prepare('DELETE FROM body').run();
    expect(names(profile.store.medication(now).current)).toEqual(['Metformine']);
  });
});

describe('dosage in words', () => {
  it('prefers the text as written, else puts timing and dose simply', () => {
    expect(dosageLine({ text: ' 2x per dag 1 tablet ' })).toBe('2x per dag 1 tablet');
    expect(
      dosageLine({
        asNeededBoolean: true,
        timing: { repeat: { frequency: 3, period: 1, periodUnit: 'd' } },
        doseAndRate: [{ doseQuantity: { value: 2, unit: 'stuk' } }],
      }),
    ).toBe('zo nodig, 3 keer per dag, 2 stuk');
    expect(
      dosageLine({
        timing: { repeat: { frequency: 1, period: 2, periodUnit: 'wk', dayOfWeek: ['mon'], timeOfDay: ['08:00:00'] } },
        doseAndRate: [{ doseRange: { low: { value: 0.5, unit: 'stuk' }, high: { value: 1, unit: 'stuk' } } }],
      }),
    ).toBe('1 keer per 2 weken, op ma, om 08:00, 0,5 à 1 stuk');
    expect(dosageLine({ asNeededCodeableConcept: { text: 'pijn' } })).toBe('zo nodig bij pijn');
    expect(dosageLine({})).toBeNull();
  });

  it('falls back to the rendered instruction that nl-core R4 carries as an extension', () => {
    profile = openTestProfile();
    profile.store.importResources(gp, [
      received(
        use('mgb', { text: 'Metformine' }, {
          dosage: [{ timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } } }],
        }),
      ),
      received(
        use('mgb2', { text: 'Omeprazol' }, {
          dosage: undefined,
          extension: [{ url: 'http://nictiz.nl/fhir/StructureDefinition/ext-RenderedDosageInstruction', valueString: '1x per dag 1 capsule' }],
        }),
      ),
    ]);
    const overview = profile.store.medication(now);
    expect(byName(overview.current, 'Metformine').instructions).toBe('2 keer per dag');
    expect(byName(overview.current, 'Omeprazol').instructions).toBe('1x per dag 1 capsule');
  });
});
