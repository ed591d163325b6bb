import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ReceivedResource } from '../../src-main/fhir/types';
import { RecordStore, type RecordStoreOptions } from '../../src-main/records/record-store';
import type { SourceInput } from '../../src-main/records/types';
import { openProfileDatabase, type Database } from '../../src-main/vault/database';
import { makeTempDir } from '../helpers/temp-dir';

export interface TestProfile {
  db: Database;
  store: RecordStore;
  file: string;
  key: Buffer;
  reopen(options?: RecordStoreOptions): TestProfile;
  remove(): void;
}

/** A real SQLCipher profile database in a temp dir with a random key, and its record store. */
export function openTestProfile(options: RecordStoreOptions = {}): TestProfile {
  const temp = makeTempDir('regie-records-');
  const file = join(temp.dir, 'profile.db');
  const key = randomBytes(32);
  const make = (create: boolean, opts: RecordStoreOptions): TestProfile => {
    const db = openProfileDatabase(file, key, { create });
    const store = RecordStore.open(db, opts);
    const profile: TestProfile = {
      db,
      store,
      file,
      key,
      reopen: (next = opts) => {
        store.close();
        db.close();
        return make(false, next);
      },
      remove: () => {
        if (store.isOpen) store.close();
        if (db.open) db.close();
        temp.remove();
      },
    };
    return profile;
  };
  return make(true, options);
}

export const gp: SourceInput = {
  kind: 'provider',
  label: 'Huisartsenpraktijk De Linde — Basisgegevens zorg',
  provider: 'delinde',
  service: '48',
};
export const lab: SourceInput = { kind: 'provider', label: 'Saltro — Laboratoriumuitslagen', provider: 'saltro', service: '61' };
export const letterFile: SourceInput = { kind: 'file', label: 'brief-cardioloog.json' };

export function received(json: Record<string, unknown>, extra: Partial<ReceivedResource> = {}): ReceivedResource {
  return {
    resourceType: String(json.resourceType),
    id: typeof json.id === 'string' ? json.id : null,
    fhirVersion: 'R4',
    format: 'json',
    originalText: JSON.stringify(json, null, 1),
    json,
    entryPath: `Bundle.entry[?].resource`,
    ...extra,
  };
}

const loinc = 'http://loinc.org';
const snomed = 'http://snomed.info/sct';
const obsCategory = (code: string) => [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code }] }];

export function glucose(id: string, value: number, date: string, extra: Record<string, unknown> = {}) {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: obsCategory('laboratory'),
    code: { coding: [{ system: loinc, code: '14749-6', display: 'Glucose [mol/volume] in serum of plasma' }], text: 'Glucose nuchter' },
    effectiveDateTime: date,
    valueQuantity: { value, unit: 'mmol/l', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
    referenceRange: [{ low: { value: 4, unit: 'mmol/l' }, high: { value: 6.1, unit: 'mmol/l' } }],
    ...extra,
  };
}

export function bloodPressure(id: string, systolic: number, diastolic: number, date: string) {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: obsCategory('vital-signs'),
    code: { coding: [{ system: loinc, code: '85354-9', display: 'Bloeddruk' }] },
    effectiveDateTime: date,
    component: [
      { code: { coding: [{ system: loinc, code: '8480-6', display: 'Systolische bloeddruk' }] }, valueQuantity: { value: systolic, unit: 'mmHg' } },
      { code: { coding: [{ system: loinc, code: '8462-4', display: 'Diastolische bloeddruk' }] }, valueQuantity: { value: diastolic, unit: 'mmHg' } },
    ],
  };
}

export function condition(id: string, display: string, clinical: 'active' | 'resolved', onset: string) {
  return {
    resourceType: 'Condition',
    id,
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: clinical }] },
    code: { coding: [{ system: snomed, code: '44054006', display }] },
    onsetDateTime: onset,
  };
}

export function allergy(id: string, display: string) {
  return {
    resourceType: 'AllergyIntolerance',
    id,
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
    code: { coding: [{ system: snomed, code: '91935009', display }] },
    recordedDate: '2019-05-02',
  };
}

export function medicationStatement(id: string, display: string, start: string, end?: string) {
  return {
    resourceType: 'MedicationStatement',
    id,
    status: 'active',
    medicationCodeableConcept: { coding: [{ system: 'urn:oid:2.16.840.1.113883.2.4.4.7', code: '1234', display }] },
    effectivePeriod: { start, ...(end && { end }) },
    dosage: [{ text: '2 keer per dag 1 tablet' }],
  };
}

export function appointment(id: string, start: string, description: string) {
  return { resourceType: 'Appointment', id, status: 'booked', description, start, end: start.replace('T09', 'T10') };
}

/** Rows of every derived table, in a stable order and without SQLite rowids, for comparing stores. */
export function dumpDerived(db: Database): Record<string, unknown[]> {
  return {
    record: db.prepare('SELECT * FROM record ORDER BY id').all(),
    record_source: db.prepare('SELECT * FROM record_source ORDER BY record_id, source_id').all(),
    record_ref: db.prepare('SELECT * FROM record_ref ORDER BY source_id, reference, record_id').all(),
    record_fts: db.prepare('SELECT record_id, text FROM record_fts ORDER BY record_id').all(),
    source: db.prepare('SELECT * FROM source ORDER BY id').all(),
    record_medication: db.prepare('SELECT * FROM record_medication ORDER BY record_id').all(),
    record_fact: db.prepare('SELECT * FROM record_fact ORDER BY fact_key, record_id').all(),
  };
}

export function counts(db: Database): Record<string, number> {
  const tables = ['record', 'record_source', 'record_ref', 'record_fts', 'source', 'record_medication', 'body', 'yjs_update', 'yjs_snapshot'];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]));
}
