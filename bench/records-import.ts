/**
 * Health record import, as `regie import bundle.json` does it: the file's bytes → parse → convert →
 * validate → one atomic import (bodies hashed and deflated, Yjs history, derived tables, FTS).
 * Baseline, in the same run on the same file: parse it (JSON.parse of the whole text) and insert one
 * row per resource (its JSON) into a bare SQLCipher table in one transaction — the floor any
 * encrypted store pays. Neither side counts copying the WAL into the database file afterwards (the
 * import leaves that to a worker thread; its time is printed on a row of its own). Sizes: 50,000 and 100,000 resources (REGIE_BENCH_RECORDS=20000 for a quick
 * run, e.g. under `node --cpu-prof`). Each import and baseline runs in its own process
 * (records-import-worker.ts), so its peak RSS is its own; the baseline runs before and after the
 * import and counts with its mean, so a machine that gets busier in between skews neither side.
 * After the largest import: the timeline, search, Medicatie, Overzicht and reopening on it.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReceivedResource } from '../src-main/fhir/types';
import { stages, type Stage } from '../src-main/common/stage-clock';
import { ms, ratio } from './stats';

const sizes = process.env.REGIE_BENCH_RECORDS ? process.env.REGIE_BENCH_RECORDS.split(',').map(Number) : [50_000, 100_000];
const perFile = 50_000;

/** What records-import-worker.ts prints. */
export interface WorkerResult {
  ms: number;
  /** CPU time of the measured work (user + system). */
  cpuMs: number;
  /** Peak RSS of the worker process, and its RSS before the work (bytes). */
  peakRss: number;
  rssBefore: number;
  stages?: Record<Stage, number>;
  /** After the import: its background checkpoint, waited for (ms). */
  checkpointMs?: number;
  queries?: Record<string, number>;
  notes?: string[];
}

function runWorker(mode: 'baseline' | 'import' | 'import+queries' | 'import-each', files: string[]): WorkerResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'records-import-worker.ts'), mode, ...files], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`records bench worker (${mode}) failed with ${result.status}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as WorkerResult;
}

export async function runRecordsImportBenchmark() {
  const dir = mkdtempSync(join(tmpdir(), 'regie-bench-records-'));
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  const perSecond = (count: number, elapsed: number) => `${Math.round((count / elapsed) * 1000).toLocaleString('en')}/s`;
  const rows: Array<Record<string, string>> = [];
  const notes: string[] = [];
  try {
    for (const [n, total] of sizes.entries()) {
      // One input may be at most 100 MB: 100,000 resources come as two files of 50,000, imported together (one atomic import).
      const files: string[] = [];
      for (let first = 0; first < total; first += perFile) {
        const file = join(dir, `bundle-${total}-${first}.json`);
        writeBundleFile(file, Math.min(perFile, total - first), first);
        files.push(file);
      }
      const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
      const inFiles = files.length > 1 ? ` in ${files.length} files` : '';
      const before = runWorker('baseline', files);
      const imported = runWorker(n === sizes.length - 1 ? 'import+queries' : 'import', files);
      // Several files: also as `regie import` takes them by default, one at a time, each its own transaction.
      const each = files.length > 1 ? runWorker('import-each', files) : null;
      const after = runWorker('baseline', files);
      const baseline = (before.ms + after.ms) / 2;
      const baselineCpu = (before.cpuMs + after.cpuMs) / 2;
      const count = total.toLocaleString('en');
      rows.push(
        { step: `${count} resources (${mb(bytes)} JSON${inFiles}): baseline, parse + bare SQLCipher rows (mean of ${ms(before.ms)}, ${ms(after.ms)})`, time: ms(baseline), rate: perSecond(total, baseline), 'vs baseline': '1.0×', cpu: ms(baselineCpu), 'cpu vs baseline': '1.0×', 'peak RSS': mb(before.peakRss) },
        { step: `${count} resources: regie import of the file${files.length > 1 ? 's' : ''}, one atomic import`, time: ms(imported.ms), rate: perSecond(total, imported.ms), 'vs baseline': ratio(imported.ms, baseline), cpu: ms(imported.cpuMs), 'cpu vs baseline': ratio(imported.cpuMs, baselineCpu), 'peak RSS': mb(imported.peakRss) },
      );
      for (const stage of stages) {
        const spent = imported.stages?.[stage] ?? 0;
        rows.push({ step: `  stage: ${stage}`, time: ms(spent), rate: '', 'vs baseline': ratio(spent, baseline), cpu: '', 'cpu vs baseline': '', 'peak RSS': '' });
      }
      rows.push({ step: '  afterwards, on a worker thread: copying the WAL into the database file (waited for)', time: ms(imported.checkpointMs ?? 0), rate: '', 'vs baseline': '', cpu: '', 'cpu vs baseline': '', 'peak RSS': '' });
      if (each) {
        rows.push({ step: `${count} resources: regie import of the ${files.length} files, one at a time (the default, each its own transaction)`, time: ms(each.ms), rate: perSecond(total, each.ms), 'vs baseline': ratio(each.ms, baseline), cpu: ms(each.cpuMs), 'cpu vs baseline': ratio(each.cpuMs, baselineCpu), 'peak RSS': mb(each.peakRss) });
      }
      notes.push(`${count}: peak RSS of the import process ${mb(imported.peakRss)} (${mb(imported.rssBefore)} before the import, holding the file's bytes); of the baseline ${mb(before.peakRss)}.`);
      for (const [step, time] of Object.entries(imported.queries ?? {})) rows.push({ step, time: ms(time), rate: '', 'vs baseline': '', cpu: '', 'cpu vs baseline': '', 'peak RSS': '' });
      notes.push(...(imported.notes ?? []));
      for (const file of files) rmSync(file);
    }
    return { title: `Importing a FHIR Bundle file (${sizes.map((s) => s.toLocaleString('en')).join(' and ')} resources) into a profile`, rows, notes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A collection Bundle of `count` generated resources (those from `first` on in the generated
 * sequence), written entry by entry, pretty as exports are.
 */
export function writeBundleFile(file: string, count: number, first = 0): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, '{\n  "resourceType": "Bundle",\n  "type": "collection",\n  "entry": [\n');
    let i = 0;
    for (const json of resourceJsons(first + count)) {
      if (i++ < first) continue;
      const entry = JSON.stringify({ fullUrl: `urn:uuid:00000000-0000-4000-8000-${String(i - 1).padStart(12, '0')}`, resource: json }, null, 2);
      writeSync(fd, `${i > first + 1 ? ',\n' : ''}${entry.replace(/^/gm, '    ')}`);
    }
    writeSync(fd, '\n  ]\n}\n');
  } finally {
    closeSync(fd);
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

/** Also for the sync benchmark: the same mix, as received resources. */
export function generateResources(count: number): ReceivedResource[] {
  const list: ReceivedResource[] = [];
  let i = 0;
  for (const json of resourceJsons(count)) {
    const originalText = JSON.stringify(json, null, 2);
    list.push({ resourceType: String(json.resourceType), id: String(json.id), fhirVersion: 'R4', format: 'json', originalText, json, entryPath: `Bundle.entry[${i}].resource` });
    i++;
  }
  return list;
}

/** R4 (zib2020 nl-core profiles), deterministic. */
function* resourceJsons(count: number): Generator<Record<string, unknown>> {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const dateAt = (i: number) => new Date(Date.UTC(2005, 0, 1) + (i * 7_200_000 + Math.floor(random() * 3_600_000))).toISOString();
  const meta = (profile: string) => ({ meta: { versionId: '1', lastUpdated: '2024-03-01T10:00:00Z', profile: [`http://nictiz.nl/fhir/StructureDefinition/nl-core-${profile.replace(/^zib-/, '')}`] } });
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
    yield json;
  }
}
