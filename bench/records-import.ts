/**
 * Health record import. Baseline: inserting the same JSON rows into a bare SQLCipher table in one
 * transaction, the floor any encrypted store pays. Measured: RecordStore.importResources of a
 * generated 100,000-resource mix (one atomic import: normalization, hashes, deflated bodies, Yjs
 * update log, derived tables, FTS), then the timeline's first page and full-text search on it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import Database from 'better-sqlite3-multiple-ciphers';
import type { ReceivedResource } from '../src-main/fhir/types';
import { RecordStore } from '../src-main/records/record-store';
import { openProfileDatabase } from '../src-main/vault/database';
import { ms, ratio, timeMedian } from './stats';

/** REGIE_BENCH_RECORDS=20000 for a quick run (e.g. under `node --cpu-prof`). */
const total = Number(process.env.REGIE_BENCH_RECORDS ?? 100_000);
const queryRuns = 50;

export async function runRecordsImportBenchmark() {
  const dir = mkdtempSync(join(tmpdir(), 'regie-bench-records-'));
  try {
    const resources = generateResources(total);
    const jsonBytes = resources.reduce((sum, r) => sum + Buffer.byteLength(r.originalText), 0);
    const key = randomBytes(32);

    const baselineDb = new Database(join(dir, 'baseline.db'));
    baselineDb.pragma("cipher='sqlcipher'");
    baselineDb.pragma('legacy=4');
    baselineDb.pragma(`key="x'${key.toString('hex')}'"`);
    baselineDb.pragma('journal_mode = WAL');
    baselineDb.exec('CREATE TABLE resource (id TEXT PRIMARY KEY, type TEXT NOT NULL, json TEXT NOT NULL)');
    const insert = baselineDb.prepare('INSERT INTO resource VALUES (?, ?, ?)');
    let start = performance.now();
    baselineDb.transaction(() => {
      for (const r of resources) insert.run(`${r.resourceType}/${r.id}`, r.resourceType, r.originalText);
    })();
    const baseline = performance.now() - start;
    baselineDb.close();

    const db = openProfileDatabase(join(dir, 'profile.db'), key, { create: true });
    const store = RecordStore.open(db);
    const rssBefore = process.memoryUsage().rss;
    start = performance.now();
    const report = store.importResources({ kind: 'provider', label: 'Benchmark', provider: 'bench', service: '48' }, resources);
    const imported = performance.now() - start;
    if (!report.ok || report.created !== total) throw new Error('benchmark import did not create every resource');
    const heapAfter = getHeapStatistics().used_heap_size;
    const peakRss = process.resourceUsage().maxRSS * 1024;

    const firstPage = await timeMedian(queryRuns, () => store.list({ limit: 100 }));
    const sectionPage = await timeMedian(queryRuns, () => store.list({ section: 'lab', limit: 100 }));
    const deepPage = await timeMedian(queryRuns, () => store.list({ offset: Math.floor(total * 0.9), limit: 100 }));
    const searchCommon = await timeMedian(queryRuns, () => store.search({ query: 'glucose', limit: 50 }));
    const searchRare = await timeMedian(queryRuns, () => store.search({ query: 'ontslagbrief cardiologie', limit: 50 }));
    // Medicatie groups every medication record by medicine from the bodies; Overzicht reuses that answer until the next write.
    const medicationCount = db.prepare("SELECT count(*) FROM record WHERE resource_type LIKE 'Medication%' AND resource_type <> 'Medication'").pluck().get() as number;
    start = performance.now();
    store.medication();
    const medicationFirst = performance.now() - start;
    const overview = await timeMedian(queryRuns, () => store.overview());

    store.close();
    start = performance.now();
    const reopened = RecordStore.open(db);
    const reopen = performance.now() - start;
    reopened.close();
    const sizes = db
      .prepare(
        `SELECT (SELECT coalesce(sum(length(data)), 0) FROM yjs_update) + (SELECT coalesce(sum(length(data)), 0) FROM yjs_snapshot) AS yjs,
                (SELECT sum(length(data)) FROM body) AS bodies`,
      )
      .get() as { yjs: number; bodies: number };
    db.close();

    const perSecond = (count: number, elapsed: number) => `${Math.round((count / elapsed) * 1000).toLocaleString('en')}/s`;
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    return {
      title: `Importing ${total.toLocaleString('en')} FHIR resources (${mb(jsonBytes)} JSON) into a profile`,
      rows: [
        { step: 'baseline: same JSON rows into a bare SQLCipher table', time: ms(baseline), rate: perSecond(total, baseline), 'vs baseline': '1.0×' },
        { step: 'RecordStore.importResources (one atomic import)', time: ms(imported), rate: perSecond(total, imported), 'vs baseline': ratio(imported, baseline) },
        { step: `timeline first page, 100 rows (median of ${queryRuns})`, time: ms(firstPage), rate: '', 'vs baseline': '' },
        { step: `section "lab" first page (median of ${queryRuns})`, time: ms(sectionPage), rate: '', 'vs baseline': '' },
        { step: `timeline page at offset ${Math.floor(total * 0.9).toLocaleString('en')} (median of ${queryRuns})`, time: ms(deepPage), rate: '', 'vs baseline': '' },
        { step: `search "glucose", 50 of many (median of ${queryRuns})`, time: ms(searchCommon), rate: '', 'vs baseline': '' },
        { step: `search "ontslagbrief cardiologie" (median of ${queryRuns})`, time: ms(searchRare), rate: '', 'vs baseline': '' },
        { step: `Medicatie: ${medicationCount.toLocaleString('en')} medication records by medicine, first load`, time: ms(medicationFirst), rate: '', 'vs baseline': '' },
        { step: `overview (median of ${queryRuns}; medication reused)`, time: ms(overview), rate: '', 'vs baseline': '' },
        { step: 'reopen: load Yjs snapshot + log', time: ms(reopen), rate: '', 'vs baseline': '' },
      ],
      notes: [
        `Peak RSS ${mb(peakRss)} (before import ${mb(rssBefore)}, includes the generated input); V8 heap in use after import ${mb(heapAfter)}.`,
        `Stored: Yjs state ${mb(sizes.yjs)}, deflated bodies (normalized + original) ${mb(sizes.bodies)}.`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ——— a realistic mix, 1–3 KB per resource ———

const loinc = 'http://loinc.org';
const snomed = 'http://snomed.info/sct';
const labTests = [
  ['14749-6', 'Glucose nuchter', 'mmol/l', 4, 6.1],
  ['4548-4', 'HbA1c', 'mmol/mol', 20, 42],
  ['2160-0', 'Kreatinine', 'µmol/l', 60, 110],
  ['2093-3', 'Cholesterol totaal', 'mmol/l', 0, 5],
  ['718-7', 'Hemoglobine', 'mmol/l', 8.5, 11],
] as const;
const problems = ['Diabetes mellitus type 2', 'Hypertensie', 'Astma', 'Artrose van de knie', 'Migraine', 'Depressie'];
const medicines = ['Metformine 500 mg tablet', 'Amlodipine 5 mg tablet', 'Salbutamol 100 µg inhalator', 'Omeprazol 20 mg capsule'];

/** Also for the sync benchmark: the same mix. */
export function generateResources(count: number): ReceivedResource[] {
  const list: ReceivedResource[] = [];
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const dateAt = (i: number) => new Date(Date.UTC(2005, 0, 1) + (i * 7_200_000 + Math.floor(random() * 3_600_000))).toISOString();
  const meta = (profile: string) => ({ meta: { versionId: '1', lastUpdated: '2024-03-01T10:00:00Z', profile: [`http://nictiz.nl/fhir/StructureDefinition/${profile}`] } });
  const subject = { subject: { reference: 'Patient/p1', display: 'Jan de Vries' } };
  for (let i = 0; i < count; i++) {
    const id = `r${i}`;
    const date = dateAt(i);
    const kind = i % 20;
    let json: Record<string, unknown>;
    if (kind < 8) {
      const [code, display, unit, low, high] = pick(labTests);
      const value = Math.round((low + (high - low) * (0.6 + random())) * 10) / 10;
      json = {
        resourceType: 'Observation', id, ...meta('zib-LaboratoryTestResult'), status: 'final',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory', display: 'Laboratory' }] }],
        code: { coding: [{ system: loinc, code, display }], text: display }, ...subject, effectiveDateTime: date,
        performer: [{ reference: 'Organization/lab', display: 'Saltro Diagnostisch Centrum' }],
        valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
        interpretation: value > high ? [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'H', display: 'Hoog' }] }] : [],
        referenceRange: [{ low: { value: low, unit }, high: { value: high, unit }, text: `${low} - ${high} ${unit}` }],
        specimen: { reference: `Specimen/s${i}` }, note: [{ text: 'Nuchter afgenomen, monster in goede staat ontvangen.' }],
      };
    } else if (kind < 12) {
      json = {
        resourceType: 'Observation', id, ...meta('zib-BloodPressure'), status: 'final',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
        code: { coding: [{ system: loinc, code: '85354-9', display: 'Bloeddruk' }, { system: snomed, code: '75367002', display: 'bloeddruk' }] },
        ...subject, effectiveDateTime: date,
        component: [
          { code: { coding: [{ system: loinc, code: '8480-6', display: 'Systolische bloeddruk' }] }, valueQuantity: { value: 110 + Math.floor(random() * 50), unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' } },
          { code: { coding: [{ system: loinc, code: '8462-4', display: 'Diastolische bloeddruk' }] }, valueQuantity: { value: 65 + Math.floor(random() * 30), unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' } },
        ],
        bodySite: { coding: [{ system: snomed, code: '368209003', display: 'rechter bovenarm' }] },
      };
    } else if (kind === 12) {
      json = {
        resourceType: 'Condition', id, ...meta('zib-Problem'), clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: random() < 0.3 ? 'active' : 'resolved' }] },
        category: [{ coding: [{ system: snomed, code: '55607006', display: 'Probleem' }] }],
        code: { coding: [{ system: snomed, code: '44054006', display: pick(problems) }] }, ...subject, onsetDateTime: date,
        note: [{ text: 'Vastgesteld door huisarts, controle volgens NHG-standaard.' }],
      };
    } else if (kind === 13 || kind === 14) {
      const type = kind === 13 ? 'MedicationStatement' : random() < 0.5 ? 'MedicationRequest' : 'MedicationDispense';
      json = {
        resourceType: type, id, ...meta(type === 'MedicationStatement' ? 'zib-MedicationUse' : type === 'MedicationRequest' ? 'zib-MedicationAgreement' : 'zib-Dispense'),
        status: type === 'MedicationDispense' ? 'completed' : random() < 0.2 ? 'active' : 'completed',
        ...(type === 'MedicationRequest' && { intent: 'order', authoredOn: date }),
        ...(type === 'MedicationDispense' && { whenHandedOver: date, quantity: { value: 30, unit: 'stuk' } }),
        ...(type === 'MedicationStatement' && { effectivePeriod: { start: date } }),
        medicationCodeableConcept: { coding: [{ system: 'urn:oid:2.16.840.1.113883.2.4.4.7', code: String(1000 + (i % 97)), display: pick(medicines) }] },
        ...subject,
        [type === 'MedicationRequest' ? 'dosageInstruction' : 'dosage']: [{ text: '2 maal per dag 1 tablet', timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } }, route: { coding: [{ system: 'urn:oid:2.16.840.1.113883.2.4.4.9', code: '9', display: 'Oraal' }] } }],
      };
    } else if (kind === 15) {
      json = {
        resourceType: 'Immunization', id, ...meta('zib-Vaccination'), status: 'completed', vaccineCode: { coding: [{ system: 'urn:oid:2.16.840.1.113883.2.4.4.7', code: '2101', display: 'Influenzavaccin' }] },
        patient: { reference: 'Patient/p1' }, occurrenceDateTime: date, lotNumber: `L${i}`, note: [{ text: 'Griepprik najaar, geen bijwerkingen.' }],
      };
    } else if (kind === 16 || kind === 17) {
      json = {
        resourceType: kind === 16 ? 'Encounter' : 'Procedure', id, ...meta(kind === 16 ? 'zib-Encounter' : 'zib-Procedure'),
        status: kind === 16 ? 'finished' : 'completed',
        ...(kind === 16
          ? { class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'Poliklinisch' }, period: { start: date, end: date }, reasonCode: [{ text: 'Controle diabetes' }] }
          : { code: { coding: [{ system: snomed, code: '80146002', display: 'Appendectomie' }] }, performedDateTime: date }),
        ...subject,
      };
    } else {
      const text = `Geachte collega, hierbij de ontslagbrief van de afdeling cardiologie. Patiënt werd opgenomen met pijn op de borst. ${'Beleid: controle over zes weken. '.repeat(10)}`;
      json = {
        resourceType: 'DocumentReference', id, ...meta('zib-DocumentReference'), status: 'current', type: { coding: [{ system: loinc, code: '18842-5', display: 'Ontslagbrief' }] },
        ...subject, date, description: i % 100 === 18 ? 'Ontslagbrief cardiologie' : 'Brief specialist',
        content: [{ attachment: { contentType: 'text/plain', data: Buffer.from(text).toString('base64'), title: 'brief.txt' } }],
      };
    }
    const originalText = JSON.stringify(json, null, 2);
    list.push({ resourceType: String(json.resourceType), id, fhirVersion: 'R4', format: 'json', originalText, json, entryPath: `Bundle.entry[${i}].resource` });
  }
  return list;
}
