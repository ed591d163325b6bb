/**
 * The Voorbeeld-PGO (resources/voorbeeld-pgo): a fictitious patient's complete record. These tests
 * check the committed bundle and letters, that every BgZ section is there, and that the generator
 * is deterministic and its output is up to date.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ANCHOR_DATE,
  BUNDLE_FILE,
  FICTIEF,
  LETTERS_DIR,
  PATIENT_ID,
  buildVoorbeeldPgo,
  serializeBundle,
  type FhirResource,
  type VoorbeeldPgo,
} from '../../resources/voorbeeld-pgo/generate';

type Json = Record<string, unknown>;
interface Coding { system?: string; code?: string; display?: string }
interface CodeableConcept { coding?: Coding[]; text?: string }
interface Quantity { value?: number; unit?: string; code?: string }

const text = readFileSync(BUNDLE_FILE, 'utf8');
const bundle = JSON.parse(text) as { resourceType: string; type: string; entry: { fullUrl?: string; resource?: FhirResource }[] };
const resources = bundle.entry.map((e) => e.resource as FhirResource);
const byType = (type: string) => resources.filter((r) => r.resourceType === type) as (FhirResource & Json)[];
const codes = (c: unknown): string[] => ((c as CodeableConcept | undefined)?.coding ?? []).map((x) => x.code ?? '');
const hasCategory = (r: Json, code: string) => {
  const cat = r.category as CodeableConcept | CodeableConcept[] | string[] | undefined;
  const list = Array.isArray(cat) ? cat : cat ? [cat] : [];
  return list.some((c) => (typeof c === 'string' ? c === code : codes(c).includes(code) || c.text === code));
};
const observations = (category: string) => byType('Observation').filter((o) => hasCategory(o, category));
const withCode = (rs: Json[], code: string) => rs.filter((r) => codes(r.code).includes(code));
const anchor = new Date(`${ANCHOR_DATE}T00:00:00+01:00`).getTime();
const YEAR_MS = 365.25 * 86_400_000;

function spanYears(obs: Json[]): number {
  const times = obs.map((o) => Date.parse(o.effectiveDateTime as string)).filter((t) => !Number.isNaN(t));
  return (Math.max(...times) - Math.min(...times)) / YEAR_MS;
}

function visitReferences(node: unknown, found: string[]) {
  if (Array.isArray(node)) for (const x of node) visitReferences(x, found);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'reference' && typeof v === 'string') found.push(v);
      else visitReferences(v, found);
    }
  }
}

describe('Voorbeeld-PGO bundle', () => {
  it('is a FHIR R4 collection Bundle of a realistic size', () => {
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('collection');
    expect(resources.length).toBeGreaterThan(2000);
    expect(Buffer.byteLength(text)).toBeLessThan(5 * 1024 * 1024);
  });

  it('has a resource with resourceType, a unique id and a matching fullUrl in every entry', () => {
    const keys = new Set<string>();
    for (const e of bundle.entry) {
      expect(e.resource, JSON.stringify(e).slice(0, 100)).toBeDefined();
      const r = e.resource as FhirResource;
      expect(r.resourceType).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(r.id).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
      const key = `${r.resourceType}/${r.id}`;
      expect(keys.has(key), `duplicate ${key}`).toBe(false);
      keys.add(key);
      expect(e.fullUrl?.endsWith(`/${key}`)).toBe(true);
    }
  });

  it('resolves every reference inside the bundle', () => {
    const keys = new Set(resources.map((r) => `${r.resourceType}/${r.id}`));
    const found: string[] = [];
    visitReferences(resources, found);
    expect(found.length).toBeGreaterThan(1000);
    const unresolved = [...new Set(found.filter((ref) => !keys.has(ref)))];
    expect(unresolved).toEqual([]);
  });

  it('is clearly fictitious: test tag everywhere, a notice on the Patient and every document, a test-range BSN', () => {
    for (const r of resources) {
      const tags = ((r.meta as { tag?: Coding[] } | undefined)?.tag ?? []).map((t) => t.code);
      expect(tags, `${r.resourceType}/${r.id}`).toContain('HTEST');
    }
    const [patient] = byType('Patient');
    expect(patient?.id).toBe(PATIENT_ID);
    expect(JSON.stringify(patient?.meta)).toContain(FICTIEF);
    expect(JSON.stringify(patient?.text)).toContain(FICTIEF);
    const bsn = (patient?.identifier as { system: string; value: string }[]).find((i) => i.system === 'http://fhir.nl/fhir/NamingSystem/bsn');
    expect(bsn?.value).toMatch(/^9999\d{5}$/);
    for (const d of byType('DocumentReference')) expect(d.description).toContain(FICTIEF);
  });
});

describe('Voorbeeld-PGO covers every BgZ section', () => {
  it('personalia en contactpersonen', () => {
    expect(byType('Patient')).toHaveLength(1);
    expect(byType('RelatedPerson').length).toBeGreaterThanOrEqual(1);
    expect(byType('Practitioner').length).toBeGreaterThanOrEqual(3);
    expect(byType('PractitionerRole').length).toBeGreaterThanOrEqual(3);
    const names = byType('Organization').map((o) => o.name);
    expect(names).toContain('Huisartsenpraktijk De Linde');
    expect(byType('Organization').length).toBeGreaterThanOrEqual(4);
  });

  it('zorgverzekering, wilsverklaringen, alerts, allergieën', () => {
    expect(byType('Coverage').some((c) => c.status === 'active')).toBe(true);
    expect(byType('Consent').some((c) => hasCategory(c, 'acd'))).toBe(true);
    expect(byType('Flag').some((f) => f.status === 'active')).toBe(true);
    const allergies = byType('AllergyIntolerance');
    expect(allergies.some((a) => Array.isArray(a.reaction) && (a.reaction as Json[]).length > 0)).toBe(true);
  });

  it('functionele status en leefstijl (alcohol, tabak, woonsituatie)', () => {
    expect(observations('118228005').length).toBeGreaterThanOrEqual(1);
    const social = observations('social-history');
    for (const code of ['228273003', '365980008', '365508006']) expect(withCode(social, code), code).not.toHaveLength(0);
  });

  it('problemen: active diabetes type 2 and hypertension, and resolved ones', () => {
    const problems = byType('Condition').filter((c) => hasCategory(c, '55607006') || hasCategory(c, 'problem-list-item'));
    const active = problems.filter((c) => codes(c.clinicalStatus).includes('active'));
    expect(withCode(active, '44054006')).toHaveLength(1);
    expect(withCode(active, '59621000')).toHaveLength(1);
    expect(problems.filter((c) => codes(c.clinicalStatus).includes('resolved')).length).toBeGreaterThanOrEqual(2);
  });

  it('medicatie: afspraken, gebruik en verstrekkingen with ATC codes and dosage text', () => {
    const meds = byType('Medication');
    expect(meds.length).toBeGreaterThanOrEqual(3);
    for (const m of meds) expect(((m.code as CodeableConcept).coding ?? []).some((c) => c.system === 'http://www.whocc.no/atc')).toBe(true);
    const agreements = byType('MedicationRequest').filter((r) => hasCategory(r, '16076005'));
    expect(agreements.length).toBeGreaterThanOrEqual(3);
    expect(agreements.map((a) => (a.dosageInstruction as { text: string }[])[0]?.text)).toContain('1x per dag 1 tablet');
    expect(byType('MedicationStatement').filter((r) => hasCategory(r, '422979000')).length).toBeGreaterThanOrEqual(3);
    expect(byType('MedicationDispense').filter((r) => hasCategory(r, '373784005')).length).toBeGreaterThanOrEqual(20);
  });

  it('hulpmiddelen en vaccinaties (griep elk jaar, COVID, DTP)', () => {
    expect(byType('Device').length).toBeGreaterThanOrEqual(1);
    expect(byType('DeviceUseStatement').length).toBeGreaterThanOrEqual(1);
    const imm = byType('Immunization');
    const vaccine = (code: string) => imm.filter((i) => codes(i.vaccineCode).includes(code));
    const fluYears = new Set(vaccine('J07BB02').map((i) => (i.occurrenceDateTime as string).slice(0, 4)));
    for (let y = 2021; y <= 2026; y++) expect(fluYears.has(String(y)), `griep ${y}`).toBe(true);
    expect(vaccine('J07BN01').length).toBeGreaterThanOrEqual(2);
    expect(vaccine('J07CA01')).toHaveLength(1);
  });

  it('vitale functies over at least four years: blood pressure components, weight, height, heart rate, glucose', () => {
    const vitals = observations('vital-signs');
    const bp = withCode(vitals, '85354-9');
    expect(bp.length).toBeGreaterThan(100);
    for (const o of bp) expect((o.component as Json[]).flatMap((c) => codes(c.code))).toEqual(expect.arrayContaining(['8480-6', '8462-4']));
    for (const code of ['29463-7', '8302-2', '8867-4', '14743-9']) expect(withCode(vitals, code).length, code).toBeGreaterThan(0);
    expect(spanYears(vitals)).toBeGreaterThanOrEqual(4);
    expect(spanYears(withCode(vitals, '85354-9'))).toBeGreaterThanOrEqual(4);
    expect(spanYears(withCode(vitals, '14743-9'))).toBeGreaterThanOrEqual(4);
    for (const o of vitals) expect(Date.parse(o.effectiveDateTime as string)).toBeLessThan(anchor);
  });

  it('lab over years, with reference ranges, consistent H/L interpretation and values out of range', () => {
    const lab = observations('laboratory');
    expect(lab.length).toBeGreaterThan(50);
    expect(spanYears(lab)).toBeGreaterThanOrEqual(4);
    for (const code of ['59261-8', '14771-0', '14647-2', '62238-1', '59260-0', '14682-9']) expect(withCode(lab, code).length, code).toBeGreaterThan(1);
    let outOfRange = 0;
    for (const o of lab) {
      const v = (o.valueQuantity as Quantity).value as number;
      const range = (o.referenceRange as { low?: Quantity; high?: Quantity }[])[0];
      expect(range, String(o.id)).toBeDefined();
      const high = range?.high?.value;
      const low = range?.low?.value;
      const expected = high !== undefined && v > high ? 'H' : low !== undefined && v < low ? 'L' : 'N';
      expect(codes((o.interpretation as CodeableConcept[])[0]), String(o.id)).toEqual([expected]);
      if (expected !== 'N') outOfRange++;
    }
    expect(outOfRange).toBeGreaterThan(0);
    const reports = byType('DiagnosticReport');
    expect(reports.length).toBeGreaterThan(10);
    expect(reports.every((r) => (r.result as Json[]).length > 0)).toBe(true);
  });

  it('verrichtingen, contacten, geplande zorg after "today", vragenlijsten', () => {
    expect(byType('Procedure').length).toBeGreaterThanOrEqual(2);
    expect(byType('Encounter').length).toBeGreaterThanOrEqual(10);
    const future = byType('Appointment').filter((a) => Date.parse(a.start as string) > anchor && a.status === 'booked');
    expect(future.length).toBeGreaterThanOrEqual(2);
    expect(byType('ServiceRequest').some((s) => s.status === 'active')).toBe(true);
    const [questionnaire] = byType('Questionnaire');
    expect(questionnaire).toBeDefined();
    const responses = byType('QuestionnaireResponse');
    expect(responses.length).toBeGreaterThanOrEqual(1);
    for (const r of responses) expect(r.questionnaire).toBe(questionnaire?.url);
  });

  it('documenten: PDF letters in DocumentReference attachments with correct size and SHA-1, plus Binary', () => {
    const docs = byType('DocumentReference');
    expect(docs.length).toBeGreaterThanOrEqual(2);
    for (const d of docs) {
      const att = (d.content as { attachment: Json }[])[0]?.attachment as { contentType: string; data: string; size: number; hash: string; title: string; creation: string };
      expect(att.contentType).toBe('application/pdf');
      expect(att.title).toBeTruthy();
      expect(att.creation).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      const bytes = Buffer.from(att.data, 'base64');
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(att.size).toBe(bytes.length);
      expect(att.hash).toBe(createHash('sha1').update(bytes).digest('base64'));
    }
    const binaries = byType('Binary');
    expect(binaries.length).toBeGreaterThanOrEqual(1);
    for (const b of binaries) expect(Buffer.from(b.data as string, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

describe('Voorbeeld-PGO letters', () => {
  const files = () => byType('DocumentReference').map((d) => ({ id: d.id, bytes: Buffer.from(((d.content as { attachment: { data: string } }[])[0]?.attachment.data ?? ''), 'base64') }));

  it('say they are fictitious, in the XMP metadata and in the visible text', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    for (const { id, bytes } of files()) {
      const raw = bytes.toString('latin1');
      expect(raw.startsWith('%PDF-')).toBe(true);
      expect(raw).toContain('Fictieve voorbeeldgegevens');
      expect(raw).toContain('pdfaid:part');
      const task = pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 });
      const doc = await task.promise;
      const page = await doc.getPage(1);
      const content = await page.getTextContent();
      const visible = content.items.map((i) => ('str' in i ? i.str : '')).join(' ');
      expect(visible, id).toMatch(/fictief|Fictieve/i);
      expect(visible.toLowerCase()).toContain('de boer-visser');
      await task.destroy();
    }
  });

  it('are also written as files under letters/ identical to the embedded ones', () => {
    const sha1 = (b: Buffer) => createHash('sha1').update(b).digest('hex');
    const embedded = files().map((f) => sha1(f.bytes)).sort();
    const onDisk = readdirSync(LETTERS_DIR).filter((f) => f.endsWith('.pdf')).map((f) => sha1(readFileSync(join(LETTERS_DIR, f)))).sort();
    expect(onDisk).toEqual(embedded);
  });
});

describe('Voorbeeld-PGO generator', () => {
  let first: VoorbeeldPgo;
  beforeAll(async () => {
    first = await buildVoorbeeldPgo();
  });

  it('is deterministic: two builds give identical output', async () => {
    const second = await buildVoorbeeldPgo();
    expect(serializeBundle(second.bundle)).toBe(serializeBundle(first.bundle));
    expect(second.letters.map((l) => Buffer.from(l.bytes).toString('base64'))).toEqual(first.letters.map((l) => Buffer.from(l.bytes).toString('base64')));
  });

  it('matches the committed files (run `npx tsx resources/voorbeeld-pgo/generate.ts` after changing it)', () => {
    expect(serializeBundle(first.bundle) === text).toBe(true);
    for (const l of first.letters) {
      const onDisk = readFileSync(join(LETTERS_DIR, l.fileName));
      expect(Buffer.compare(onDisk, Buffer.from(l.bytes)), l.fileName).toBe(0);
    }
  });
});

// Another part of Regie owns the FHIR input parser; when it is present, the example must import.
const parseInputPath = resolve(import.meta.dirname, '../../src-main/fhir/parse-input.ts');
describe.runIf(existsSync(parseInputPath))('Voorbeeld-PGO through the FHIR import parser', () => {
  it('parses with ok: true and yields every resource', async () => {
    const mod = (await import(/* @vite-ignore */ pathToFileURL(parseInputPath).href)) as {
      parseFhirInput: (b: Buffer) => { ok: boolean; resources?: unknown[]; problems?: unknown[] };
    };
    const result = mod.parseFhirInput(readFileSync(BUNDLE_FILE));
    expect(result.problems ?? []).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.resources).toHaveLength(resources.length);
  });
});
