/**
 * Voorbeeld-PGO generator: the complete, FICTITIOUS health record of "Anna de Boer-Visser".
 *
 * Regenerate (writes voorbeeld-pgo.r4.json and letters/*.pdf next to this file):
 *
 *     npx tsx resources/voorbeeld-pgo/generate.ts
 *
 * Everything here is invented ("Fictieve voorbeeldgegevens"): the person, the BSN (999999990, in the
 * 9999xxxxx range reserved for testing, never issued to a real person), the AGB/BIG/UZOVI numbers,
 * the organisations and their addresses. The shapes follow Nictiz's zib2020 / nl-core R4 profiles
 * (learned from their published examples; no example content was copied).
 *
 * Deterministic: a seeded PRNG and a fixed "today" (ANCHOR_DATE). `buildVoorbeeldPgo()` is pure (no
 * clock, no file I/O) so tests can run it twice and compare; only `main()` writes files.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PDFDocument, PDFHexString, PDFName, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

/** "Vandaag" in the example: appointments lie after it, measurements before it. */
export const ANCHOR_DATE = '2026-11-01';
export const SEED = 0x5eed2026;
export const PATIENT_ID = 'anna-de-boer-visser';
export const FICTIEF = 'Fictieve voorbeeldgegevens';
const BASE_URL = 'https://voorbeeld-pgo.regie.example/fhir';

type Json = Record<string, unknown>;
export interface FhirResource extends Json {
  resourceType: string;
  id: string;
}
export interface FhirBundle extends Json {
  resourceType: 'Bundle';
  type: 'collection';
  entry: { fullUrl: string; resource: FhirResource }[];
}
export interface Letter {
  fileName: string;
  title: string;
  bytes: Uint8Array;
}
export interface VoorbeeldPgo {
  bundle: FhirBundle;
  letters: Letter[];
}

// ---------------------------------------------------------------------------------------------
// Small deterministic helpers
// ---------------------------------------------------------------------------------------------

/** mulberry32: tiny, fast, good enough for example data. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    normal: (mean: number, sd: number) => {
      const u = Math.max(next(), 1e-12);
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
  };
}
type Rng = ReturnType<typeof prng>;

const round = (x: number, decimals: number) => Number(x.toFixed(decimals));
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A calendar day (UTC-based arithmetic, no clock). */
function day(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}
function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * 86_400_000);
}
function isoDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
/** Last Sunday of a month (1-based) in a year. */
function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0));
  return last.getUTCDate() - last.getUTCDay();
}
/** Europe/Amsterdam offset for a local date (DST switch hour ignored: good enough for examples). */
function nlOffset(d: Date): string {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const dd = d.getUTCDate();
  const summer = (m > 3 && m < 10) || (m === 3 && dd >= lastSunday(y, 3)) || (m === 10 && dd < lastSunday(y, 10));
  return summer ? '+02:00' : '+01:00';
}
/** FHIR dateTime in Dutch local time, seconds included as R4 requires. */
function dt(d: Date | string, hour: number, minute = 0): string {
  const date = typeof d === 'string' ? day(d) : d;
  return `${isoDate(date)}T${pad(hour)}:${pad(minute)}:00${nlOffset(date)}`;
}

const ANCHOR = day(ANCHOR_DATE);

// ---------------------------------------------------------------------------------------------
// Terminology
// ---------------------------------------------------------------------------------------------

const SCT = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const ATC = 'http://www.whocc.no/atc';
/** G-Standaard GPK (generiek product). The GPK numbers below are illustrative, see README. */
const GPK = 'urn:oid:2.16.840.1.113883.2.4.4.1';
const ICPC = 'urn:oid:2.16.840.1.113883.2.4.4.31.1';
const OBS_CAT = 'http://terminology.hl7.org/CodeSystem/observation-category';
const INTERP = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const ORG_TYPE = 'urn:oid:2.16.840.1.113883.2.4.15.1060';
const SPECIALISM = 'urn:oid:2.16.840.1.113883.2.4.6.7';
const NL = {
  bsn: 'http://fhir.nl/fhir/NamingSystem/bsn',
  agb: 'http://fhir.nl/fhir/NamingSystem/agb-z',
  big: 'http://fhir.nl/fhir/NamingSystem/big',
  uzovi: 'http://fhir.nl/fhir/NamingSystem/uzovi',
};

const coding = (system: string, code: string, display: string) => ({ system, code, display });
const cc = (system: string, code: string, display: string, text?: string) => ({
  coding: [coding(system, code, display)],
  ...(text !== undefined && { text }),
});
const qty = (value: number, unit: string, code: string) => ({ value, unit, system: UCUM, code });

const NICTIZ = 'http://nictiz.nl/fhir/StructureDefinition/';
/** HL7's "test health data" tag, on every resource: none of this is about a real person. */
const TEST_TAG = () => coding('http://terminology.hl7.org/CodeSystem/v3-ActReason', 'HTEST', 'test health data');
const meta = (profile: string) => ({ profile: [NICTIZ + profile], tag: [TEST_TAG()] });

// ---------------------------------------------------------------------------------------------
// The cast (all fictitious)
// ---------------------------------------------------------------------------------------------

const ref = (type: string, id: string, display?: string) => ({ reference: `${type}/${id}`, ...(display && { display }) });
const PATIENT = ref('Patient', PATIENT_ID, 'Anna de Boer-Visser');

const ORG = {
  huisarts: { id: 'org-huisartsenpraktijk-de-linde', name: 'Huisartsenpraktijk De Linde', type: ['Z3', 'Huisartspraktijk (zelfstandig of groepspraktijk)'], agb: '01999901', street: 'Lindeplein 4', postal: '3500 AA', city: 'Utrecht', phone: '+31300000001' },
  apotheek: { id: 'org-apotheek-domplein', name: 'Apotheek Domplein', type: ['J8', 'Openbare apotheek'], agb: '06999902', street: 'Voorbeeldgracht 17', postal: '3500 AB', city: 'Utrecht', phone: '+31300000002' },
  ziekenhuis: { id: 'org-ziekenhuis-vechtzicht', name: 'Ziekenhuis Vechtzicht', type: ['V4', 'Ziekenhuis'], agb: '06999903', street: 'Vechtzichtlaan 1', postal: '3500 AC', city: 'Utrecht', phone: '+31300000003' },
  fysio: { id: 'org-fysiotherapie-lunetten', name: 'Fysiotherapie Lunetten', type: null, agb: '04999904', street: 'Voorbeeldhof 9', postal: '3500 AD', city: 'Utrecht', phone: '+31300000004' },
  lab: { id: 'org-laboratorium-midden', name: 'Regionaal Laboratorium Midden', type: null, agb: '06999905', street: 'Laboratoriumweg 2', postal: '3500 AE', city: 'Utrecht', phone: '+31300000005' },
  verzekeraar: { id: 'org-zorgverzekeraar-de-brug', name: 'Zorgverzekeraar De Brug', type: null, agb: null, street: 'Postbus 9999', postal: '3500 AF', city: 'Utrecht', phone: '+31300000006' },
  verzekeraarOud: { id: 'org-zorgverzekeraar-het-anker', name: 'Zorgverzekeraar Het Anker', type: null, agb: null, street: 'Postbus 9998', postal: '3500 AG', city: 'Utrecht', phone: '+31300000007' },
} as const;
type OrgKey = keyof typeof ORG;

const PRACT = {
  huisarts: { id: 'prac-m-jansen', given: ['Marieke'], family: 'Jansen', initials: 'M.', prefix: 'dr.', org: 'huisarts', role: ['0100', 'Huisartsen, niet nader gespecificeerd'], agb: '01999911', big: '99999999901' },
  poh: { id: 'prac-l-mulder', given: ['Lisa'], family: 'Mulder', initials: 'L.', prefix: '', org: 'huisarts', role: ['0100', 'Huisartsen, niet nader gespecificeerd'], agb: '01999912', big: null, title: 'praktijkondersteuner' },
  apotheker: { id: 'prac-s-de-wit', given: ['Sanne'], family: 'de Wit', initials: 'S.', prefix: '', org: 'apotheek', role: ['1700', 'Apothekers'], agb: '17999913', big: '99999999902' },
  chirurg: { id: 'prac-a-bakker', given: ['Ahmed'], family: 'Bakker', initials: 'A.', prefix: 'dr.', org: 'ziekenhuis', role: ['0303', 'Chirurgie'], agb: '03999914', big: '99999999903' },
  internist: { id: 'prac-r-kok', given: ['Renske'], family: 'Kok', initials: 'R.', prefix: 'dr.', org: 'ziekenhuis', role: ['0313', 'Interne geneeskunde'], agb: '03999915', big: '99999999904' },
  fysio: { id: 'prac-t-smits', given: ['Tom'], family: 'Smits', initials: 'T.', prefix: '', org: 'fysio', role: ['0400', 'Fysiotherapeuten'], agb: '04999916', big: '99999999905' },
} as const;
type PractKey = keyof typeof PRACT;

const practName = (k: PractKey) => {
  const p = PRACT[k];
  return `${p.prefix ? p.prefix + ' ' : ''}${p.initials} ${p.family}`;
};
const roleRef = (k: PractKey) => ref('PractitionerRole', `${PRACT[k].id}-rol`, `${practName(k)}, ${ORG[PRACT[k].org].name}`);
const orgRef = (k: OrgKey) => ref('Organization', ORG[k].id, ORG[k].name);

// ---------------------------------------------------------------------------------------------
// Builder
// ---------------------------------------------------------------------------------------------

class Record_ {
  readonly resources: FhirResource[] = [];
  private readonly ids = new Set<string>();
  private readonly counters = new Map<string, number>();
  constructor(readonly rng: Rng) {}

  add<T extends FhirResource>(r: T): T {
    const key = `${r.resourceType}/${r.id}`;
    if (this.ids.has(key)) throw new Error(`duplicate id ${key}`);
    if (!/^[A-Za-z0-9\-.]{1,64}$/.test(r.id)) throw new Error(`invalid FHIR id ${r.id}`);
    this.ids.add(key);
    this.resources.push(r);
    return r;
  }

  nextId(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}-${pad(n, 4)}`;
  }
}

const address = (street: string, postal: string, city: string) => ({
  use: 'work',
  type: 'both',
  line: [street],
  city,
  postalCode: postal,
  country: 'Nederland',
});

function addCast(rec: Record_) {
  rec.add({
    resourceType: 'Patient',
    id: PATIENT_ID,
    meta: {
      ...meta('nl-core-Patient'),
      tag: [
        TEST_TAG(),
        coding('https://voorbeeld-pgo.regie.example/CodeSystem/herkomst', 'fictief', FICTIEF),
      ],
    },
    text: {
      status: 'generated',
      div: `<div xmlns="http://www.w3.org/1999/xhtml"><p><b>${FICTIEF}</b>: Anna de Boer-Visser bestaat niet. Dit dossier is verzonnen om Regie te leren kennen (fictitious example data).</p></div>`,
    },
    identifier: [{ use: 'official', system: NL.bsn, value: '999999990' }],
    active: true,
    name: [
      {
        extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/humanname-assembly-order', valueCode: 'NL4' }],
        use: 'official',
        text: 'Anna Maria de Boer-Visser',
        family: 'de Boer-Visser',
        _family: {
          extension: [
            { url: 'http://hl7.org/fhir/StructureDefinition/humanname-own-prefix', valueString: 'de' },
            { url: 'http://hl7.org/fhir/StructureDefinition/humanname-own-name', valueString: 'Boer' },
            { url: 'http://hl7.org/fhir/StructureDefinition/humanname-partner-name', valueString: 'Visser' },
          ],
        },
        given: ['Anna', 'Maria'],
        _given: [
          { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-qualifier', valueCode: 'BR' }] },
          { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-qualifier', valueCode: 'BR' }] },
        ],
      },
      { use: 'usual', given: ['Anna'] },
    ],
    telecom: [
      { system: 'phone', value: '+31600000000', use: 'mobile' },
      { system: 'email', value: 'anna.deboer@voorbeeld.example', use: 'home' },
    ],
    gender: 'female',
    birthDate: '1961-05-14',
    deceasedBoolean: false,
    address: [{ use: 'home', type: 'both', line: ['Voorbeeldlaan 12'], city: 'Utrecht', postalCode: '3500 ZZ', country: 'Nederland' }],
    maritalStatus: cc('http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', 'M', 'Married', 'Gehuwd'),
    communication: [{ language: cc('urn:ietf:bcp:47', 'nl', 'Nederlands'), preferred: true }],
    generalPractitioner: [roleRef('huisarts')],
    managingOrganization: orgRef('huisarts'),
  });

  rec.add({
    resourceType: 'RelatedPerson',
    id: 'contact-pieter-visser',
    meta: meta('nl-core-ContactPerson'),
    patient: PATIENT,
    relationship: [
      cc('urn:oid:2.16.840.1.113883.2.4.3.11.22.472', '01', 'Eerste relatie/contactpersoon'),
      cc('http://terminology.hl7.org/CodeSystem/v3-RoleCode', 'HUSB', 'husband', 'Echtgenoot'),
    ],
    name: [{ use: 'official', text: 'Pieter Visser', family: 'Visser', given: ['Pieter'] }],
    telecom: [{ system: 'phone', value: '+31600000001', use: 'mobile' }],
    address: [{ use: 'home', line: ['Voorbeeldlaan 12'], city: 'Utrecht', postalCode: '3500 ZZ', country: 'Nederland' }],
  });
  rec.add({
    resourceType: 'RelatedPerson',
    id: 'contact-lotte-de-boer',
    meta: meta('nl-core-ContactPerson'),
    patient: PATIENT,
    relationship: [
      cc('urn:oid:2.16.840.1.113883.2.4.3.11.22.472', '02', 'Tweede relatie/contactpersoon'),
      cc('http://terminology.hl7.org/CodeSystem/v3-RoleCode', 'DAU', 'natural daughter', 'Dochter'),
    ],
    name: [{ use: 'official', text: 'Lotte de Boer', family: 'de Boer', given: ['Lotte'] }],
    telecom: [{ system: 'phone', value: '+31600000002', use: 'mobile' }],
  });

  for (const key of Object.keys(ORG) as OrgKey[]) {
    const o = ORG[key];
    const identifier = o.agb ? [{ system: NL.agb, value: o.agb }] : key.startsWith('verzekeraar') ? [{ system: NL.uzovi, value: key === 'verzekeraar' ? '9991' : '9992' }] : [];
    rec.add({
      resourceType: 'Organization',
      id: o.id,
      meta: meta(key.startsWith('verzekeraar') ? 'nl-core-Payer.PayerOrganization' : 'nl-core-HealthcareProvider-Organization'),
      identifier,
      active: true,
      ...(o.type
        ? { type: [cc(ORG_TYPE, o.type[0], o.type[1])] }
        : { type: [{ text: key === 'fysio' ? 'Fysiotherapiepraktijk' : key === 'lab' ? 'Laboratorium' : 'Zorgverzekeraar' }] }),
      name: o.name,
      telecom: [{ system: 'phone', value: o.phone, use: 'work' }],
      address: [address(o.street, o.postal, o.city)],
    });
  }

  for (const key of Object.keys(PRACT) as PractKey[]) {
    const p = PRACT[key];
    const identifier = [{ system: NL.agb, value: p.agb }, ...(p.big ? [{ system: NL.big, value: p.big }] : [])];
    rec.add({
      resourceType: 'Practitioner',
      id: p.id,
      meta: meta('nl-core-HealthProfessional-Practitioner'),
      identifier,
      active: true,
      name: [{ use: 'official', text: `${practName(key)}`, family: p.family, given: [...p.given], ...(p.prefix && { prefix: [p.prefix] }) }],
      telecom: [{ system: 'phone', value: ORG[p.org].phone, use: 'work' }],
      gender: key === 'huisarts' || key === 'poh' || key === 'apotheker' || key === 'internist' ? 'female' : 'male',
    });
    rec.add({
      resourceType: 'PractitionerRole',
      id: `${p.id}-rol`,
      meta: meta('nl-core-HealthProfessional-PractitionerRole'),
      active: true,
      practitioner: ref('Practitioner', p.id, practName(key)),
      organization: orgRef(p.org),
      ...('title' in p ? { code: [{ text: p.title }] } : {}),
      specialty: [cc(SPECIALISM, p.role[0], p.role[1])],
    });
  }
}

function addCoverage(rec: Record_) {
  const type = cc('urn:oid:2.16.840.1.113883.2.4.3.11.60.101.5.1', 'B', 'Basis verzekerd');
  rec.add({
    resourceType: 'Coverage',
    id: 'verzekering-het-anker',
    meta: meta('nl-core-Payer'),
    status: 'cancelled',
    type,
    subscriberId: '999000111',
    beneficiary: PATIENT,
    period: { start: '2015-01-01', end: '2021-12-31' },
    payor: [orgRef('verzekeraarOud')],
  });
  rec.add({
    resourceType: 'Coverage',
    id: 'verzekering-de-brug',
    meta: meta('nl-core-Payer'),
    status: 'active',
    type,
    subscriberId: '999000222',
    beneficiary: PATIENT,
    period: { start: '2022-01-01' },
    payor: [orgRef('verzekeraar')],
  });
}

// --- Problemen, allergieën, alerts ---------------------------------------------------------------

interface ProblemDef {
  id: string;
  sct: [string, string];
  icpc: [string, string];
  onset: string;
  abatement?: string;
  severity?: string;
  note?: string;
}
const PROBLEMS: ProblemDef[] = [
  { id: 'probleem-diabetes-type-2', sct: ['44054006', 'Diabetes mellitus type 2'], icpc: ['T90', 'Diabetes mellitus'], onset: '2019-03-18', note: 'Controle bij de praktijkondersteuner, elke drie maanden.' },
  { id: 'probleem-hypertensie', sct: ['59621000', 'Essentiële hypertensie'], icpc: ['K86', 'Hypertensie zonder orgaanbeschadiging'], onset: '2016-09-05' },
  { id: 'probleem-hypercholesterolemie', sct: ['13644009', 'Hypercholesterolemie'], icpc: ['T93', 'Vetstofwisselingsstoornis'], onset: '2019-04-02' },
  { id: 'probleem-artrose-knie', sct: ['239873007', 'Artrose van knie'], icpc: ['L90', 'Artrose knie'], onset: '2025-02-10', note: 'Rechterknie. Oefentherapie bij de fysiotherapeut.' },
  { id: 'probleem-pneumonie', sct: ['385093006', 'Pneumonie, buiten het ziekenhuis opgelopen'], icpc: ['R81', 'Pneumonie'], onset: '2022-02-07', abatement: '2022-03-04' },
  { id: 'probleem-cholecystitis', sct: ['65275009', 'Acute cholecystitis'], icpc: ['D98', 'Cholecystitis/cholelithiasis'], onset: '2023-06-11', abatement: '2023-07-20', note: 'Opname Ziekenhuis Vechtzicht, laparoscopische cholecystectomie.' },
  { id: 'probleem-cystitis', sct: ['38822007', 'Cystitis'], icpc: ['U71', 'Cystitis/urineweginfectie'], onset: '2024-08-19', abatement: '2024-08-26' },
  { id: 'probleem-appendicitis', sct: ['74400008', 'Appendicitis'], icpc: ['D88', 'Appendicitis'], onset: '1976-07-01', abatement: '1976-07-20' },
];

function addProblems(rec: Record_) {
  for (const p of PROBLEMS) {
    const active = p.abatement === undefined;
    rec.add({
      resourceType: 'Condition',
      id: p.id,
      meta: meta('nl-core-Problem'),
      clinicalStatus: cc('http://terminology.hl7.org/CodeSystem/condition-clinical', active ? 'active' : 'resolved', active ? 'Active' : 'Resolved'),
      verificationStatus: cc('http://terminology.hl7.org/CodeSystem/condition-ver-status', 'confirmed', 'Confirmed'),
      category: [
        { coding: [coding(SCT, '55607006', 'Probleem'), coding('http://terminology.hl7.org/CodeSystem/condition-category', 'problem-list-item', 'Problem List Item')] },
      ],
      code: { coding: [coding(SCT, p.sct[0], p.sct[1]), coding(ICPC, p.icpc[0], p.icpc[1])], text: p.sct[1] },
      subject: PATIENT,
      onsetDateTime: p.onset,
      ...(p.abatement && { abatementDateTime: p.abatement }),
      recordedDate: p.onset,
      asserter: p.id === 'probleem-cholecystitis' ? roleRef('chirurg') : roleRef('huisarts'),
      ...(p.note && { note: [{ text: p.note }] }),
    });
  }

  rec.add({
    resourceType: 'AllergyIntolerance',
    id: 'allergie-penicilline',
    meta: meta('nl-core-AllergyIntolerance'),
    clinicalStatus: cc('http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', 'active', 'Active'),
    verificationStatus: cc('http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', 'confirmed', 'Confirmed'),
    type: 'allergy',
    category: ['medication'],
    criticality: 'high',
    code: cc(SCT, '373270004', 'Penicilline', 'Penicilline'),
    patient: PATIENT,
    onsetDateTime: '1994-05-01',
    recordedDate: '2015-03-12',
    recorder: roleRef('huisarts'),
    note: [{ text: 'Na amoxicilline in 1994 jeukende bultjes over het hele lichaam en een opgezwollen gezicht.' }],
    reaction: [
      {
        substance: cc(SCT, '372687004', 'Amoxicilline'),
        manifestation: [cc(SCT, '126485001', 'Urticaria', 'Netelroos (jeukende bultjes)'), cc(SCT, '41291007', 'Angio-oedeem', 'Opgezwollen gezicht')],
        description: 'Jeukende bultjes en opgezwollen gezicht, binnen een dag na start van amoxicilline.',
        onset: '1994-05-02',
        severity: 'moderate',
        exposureRoute: cc(SCT, '26643006', 'Orale route'),
      },
    ],
  });
  rec.add({
    resourceType: 'AllergyIntolerance',
    id: 'allergie-pleister',
    meta: meta('nl-core-AllergyIntolerance'),
    clinicalStatus: cc('http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', 'active', 'Active'),
    verificationStatus: cc('http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', 'unconfirmed', 'Unconfirmed'),
    type: 'intolerance',
    category: ['environment'],
    criticality: 'low',
    code: { text: 'Pleisterlijm' },
    patient: PATIENT,
    recordedDate: '2023-06-14',
    recorder: roleRef('chirurg'),
    reaction: [{ manifestation: [cc(SCT, '271807003', 'Huiduitslag', 'Rode, jeukende huid onder de pleister')], severity: 'mild' }],
  });

  rec.add({
    resourceType: 'Flag',
    id: 'alert-penicilline',
    meta: meta('nl-core-Alert'),
    extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/flag-detail', valueReference: ref('AllergyIntolerance', 'allergie-penicilline', 'Allergie voor penicilline') }],
    status: 'active',
    category: [cc('http://terminology.hl7.org/CodeSystem/flag-category', 'clinical', 'Clinical', 'Medisch')],
    code: cc(SCT, '91936005', 'Allergie voor penicilline', 'Let op: allergie voor penicilline'),
    subject: PATIENT,
    period: { start: '2015-03-12' },
    author: roleRef('huisarts'),
  });
  rec.add({
    resourceType: 'Flag',
    id: 'alert-diabetes',
    meta: meta('nl-core-Alert'),
    extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/flag-detail', valueReference: ref('Condition', 'probleem-diabetes-type-2', 'Diabetes mellitus type 2') }],
    status: 'active',
    category: [cc('http://terminology.hl7.org/CodeSystem/flag-category', 'clinical', 'Clinical', 'Medisch')],
    code: cc(SCT, '44054006', 'Diabetes mellitus type 2', 'Diabetes: let op hypo bij gebruik van gliclazide'),
    subject: PATIENT,
    period: { start: '2025-04-01' },
    author: roleRef('huisarts'),
  });
}

// --- Wilsverklaring, functionele status, leefstijl ----------------------------------------------------

function addDirectivesStatusLifestyle(rec: Record_) {
  rec.add({
    resourceType: 'Consent',
    id: 'wilsverklaring-niet-reanimeren',
    meta: meta('nl-core-AdvanceDirective'),
    extension: [{ url: NICTIZ + 'ext-Comment', valueString: 'Heeft een niet-reanimerenpenning. Besproken met huisarts en echtgenoot.' }],
    status: 'active',
    scope: cc('http://terminology.hl7.org/CodeSystem/consentscope', 'adr', 'Advanced Care Directive'),
    category: [cc('http://terminology.hl7.org/CodeSystem/consentcategorycodes', 'acd', 'Advance Directive', 'Wilsverklaring')],
    patient: PATIENT,
    dateTime: '2024-03-20',
    organization: [orgRef('huisarts')],
    sourceAttachment: { contentType: 'text/plain', language: 'nl', title: 'Niet-reanimerenverklaring (fictief, geen document bijgevoegd)' },
    policy: [{ uri: 'https://wetten.overheid.nl/' }],
    provision: {
      actor: [{ role: cc('http://terminology.hl7.org/CodeSystem/v3-RoleCode', 'RESPRSN', 'responsible party', 'Vertegenwoordiger'), reference: ref('RelatedPerson', 'contact-pieter-visser', 'Pieter Visser') }],
      code: [cc('urn:oid:2.16.840.1.113883.2.4.3.11.60.40.4.14.1', 'NR', 'Niet reanimeren verklaring')],
    },
  });

  const functional = (id: string, date: string, code: [string, string], value: string, note: string) =>
    rec.add({
      resourceType: 'Observation',
      id,
      meta: meta('nl-core-FunctionalOrMentalStatus'),
      status: 'final',
      category: [cc(SCT, '118228005', 'Bevinding betreffende functioneren')],
      code: cc(SCT, code[0], code[1]),
      subject: PATIENT,
      effectiveDateTime: date,
      performer: [roleRef('fysio')],
      valueCodeableConcept: { text: value },
      note: [{ text: note }],
    });
  functional('functioneren-lopen-2025', '2025-03-04', ['282097004', 'Vermogen om te lopen'], 'Loopt zelfstandig; traplopen gaat moeizaam', 'Pijn in de rechterknie na ongeveer 20 minuten wandelen.');
  functional('functioneren-lopen-2026', '2026-05-12', ['282097004', 'Vermogen om te lopen'], 'Loopt zelfstandig, ook trappen', 'Na oefentherapie weer een uur wandelen zonder pijn.');

  const social = (id: string, profile: string, code: [string, string], extra: Json) =>
    rec.add({
      resourceType: 'Observation',
      id,
      meta: meta(profile),
      status: 'final',
      category: [cc(OBS_CAT, 'social-history', 'Social History', 'Leefstijl')],
      code: cc(SCT, code[0], code[1]),
      subject: PATIENT,
      ...extra,
    });
  social('leefstijl-alcohol', 'nl-core-AlcoholUse', ['228273003', 'Bevinding betreffende alcoholgebruik'], {
    effectivePeriod: { start: '1985-01-01' },
    valueCodeableConcept: cc(SCT, '219006', 'Drinkt alcohol', 'Drinkt alcohol'),
    component: [{ code: cc(SCT, '897148007', 'Alcoholinname'), valueQuantity: qty(4, 'glazen per week', '{glazen}/wk') }],
    note: [{ text: 'Een glas wijn in het weekend, soms doordeweeks.' }],
  });
  social('leefstijl-tabak', 'nl-core-TobaccoUse', ['365980008', 'Bevinding betreffende tabakgebruik'], {
    effectivePeriod: { start: '1979-01-01', end: '2005-06-30' },
    valueCodeableConcept: cc(SCT, '8517006', 'Ex-roker', 'Gestopt met roken'),
    component: [
      { code: cc(SCT, '53661000146106', 'Soort tabaksgebruik'), valueCodeableConcept: cc(SCT, '65568007', 'Rookt sigaretten') },
      { code: cc(SCT, '401201003', 'Pakjaren'), valueInteger: 13 },
    ],
    note: [{ text: 'Gestopt in 2005.' }],
  });
  social('leefstijl-woonsituatie', 'nl-core-LivingSituation', ['365508006', 'Bevinding betreffende woonsituatie'], {
    effectiveDateTime: '2025-03-04',
    valueCodeableConcept: { text: 'Eengezinswoning met trap, woont samen met echtgenoot' },
    note: [{ text: 'Dochter woont in de buurt en helpt waar nodig.' }],
  });
  social('leefstijl-beweging', 'nl-core-Observation', ['228450008', 'Bevinding betreffende lichaamsbeweging'], {
    effectiveDateTime: '2026-05-12',
    valueCodeableConcept: { text: 'Wandelt 5 dagen per week 30 minuten, fietst naar de markt' },
  });
}

// --- Medicatie ----------------------------------------------------------------------------------------

interface MedDef {
  id: string;
  name: string;
  atc: [string, string];
  gpk: string;
  start: string;
  end?: string;
  dosage: string;
  freq: number;
  dose: number;
  perDispense: number;
  reason: string;
  prescriber: PractKey;
  selfCare?: boolean;
}
const MEDS: MedDef[] = [
  { id: 'metformine-500', name: 'Metformine tablet 500 mg', atc: ['A10BA02', 'metformine'], gpk: '90001', start: '2019-03-25', dosage: '2x per dag 1 tablet, bij de maaltijd', freq: 2, dose: 1, perDispense: 180, reason: 'probleem-diabetes-type-2', prescriber: 'huisarts' },
  { id: 'gliclazide-80', name: 'Gliclazide tablet 80 mg', atc: ['A10BB09', 'gliclazide'], gpk: '90002', start: '2025-04-01', dosage: '1x per dag 1 tablet, bij het ontbijt', freq: 1, dose: 1, perDispense: 90, reason: 'probleem-diabetes-type-2', prescriber: 'huisarts' },
  { id: 'hydrochloorthiazide-12-5', name: 'Hydrochloorthiazide tablet 12,5 mg', atc: ['C03AA03', 'hydrochloorthiazide'], gpk: '90003', start: '2016-09-12', dosage: '1x per dag 1 tablet', freq: 1, dose: 1, perDispense: 90, reason: 'probleem-hypertensie', prescriber: 'huisarts' },
  { id: 'lisinopril-10', name: 'Lisinopril tablet 10 mg', atc: ['C09AA03', 'lisinopril'], gpk: '90004', start: '2021-06-07', dosage: '1x per dag 1 tablet', freq: 1, dose: 1, perDispense: 90, reason: 'probleem-hypertensie', prescriber: 'huisarts' },
  { id: 'atorvastatine-20', name: 'Atorvastatine tablet 20 mg', atc: ['C10AA05', 'atorvastatine'], gpk: '90005', start: '2019-04-15', dosage: "1x per dag 1 tablet, 's avonds", freq: 1, dose: 1, perDispense: 90, reason: 'probleem-hypercholesterolemie', prescriber: 'huisarts' },
  { id: 'doxycycline-100', name: 'Doxycycline tablet 100 mg', atc: ['J01AA02', 'doxycycline'], gpk: '90006', start: '2022-02-07', end: '2022-02-14', dosage: '1x per dag 1 tablet (eerste dag 2 tabletten)', freq: 1, dose: 1, perDispense: 8, reason: 'probleem-pneumonie', prescriber: 'huisarts' },
  { id: 'nitrofurantoine-50', name: 'Nitrofurantoïne capsule 50 mg', atc: ['J01XE01', 'nitrofurantoïne'], gpk: '90007', start: '2024-08-19', end: '2024-08-24', dosage: '4x per dag 1 capsule', freq: 4, dose: 1, perDispense: 20, reason: 'probleem-cystitis', prescriber: 'huisarts' },
  { id: 'paracetamol-500', name: 'Paracetamol tablet 500 mg', atc: ['N02BE01', 'paracetamol'], gpk: '90008', start: '2025-02-10', dosage: 'Zo nodig, maximaal 3x per dag 2 tabletten', freq: 3, dose: 2, perDispense: 0, reason: 'probleem-artrose-knie', prescriber: 'huisarts', selfCare: true },
];

function addMedication(rec: Record_) {
  const { rng } = rec;
  for (const m of MEDS) {
    const medRef = ref('Medication', `medicatie-${m.id}`, m.name);
    rec.add({
      resourceType: 'Medication',
      id: `medicatie-${m.id}`,
      meta: meta('nl-core-PharmaceuticalProduct'),
      code: { coding: [coding(GPK, m.gpk, m.name), coding(ATC, m.atc[0], m.atc[1])], text: m.name },
    });
    const dosage = {
      text: m.dosage,
      ...(m.selfCare && { asNeededBoolean: true }),
      timing: { repeat: { frequency: m.freq, period: 1, periodUnit: 'd' } },
      route: cc('urn:oid:2.16.840.1.113883.2.4.4.9', '9', 'Oraal'),
      doseAndRate: [{ doseQuantity: qty(m.dose, 'stuk', '{stuk}') }],
    };
    const period = { start: m.start, ...(m.end && { end: m.end }) };
    const stopped = m.end !== undefined;
    const reasonRef = [ref('Condition', m.reason)];
    if (!m.selfCare) {
      rec.add({
        resourceType: 'MedicationRequest',
        id: `afspraak-${m.id}`,
        meta: meta('nl-core-MedicationAgreement'),
        extension: [
          { url: NICTIZ + 'ext-RenderedDosageInstruction', valueString: m.dosage },
          { url: NICTIZ + 'ext-TimeInterval-Period', valuePeriod: period },
        ],
        status: stopped ? 'completed' : 'active',
        intent: 'order',
        category: [cc(SCT, '16076005', 'Voorschrijven', 'Medicatieafspraak')],
        medicationReference: medRef,
        subject: PATIENT,
        authoredOn: dt(m.start, 10, 30),
        requester: roleRef(m.prescriber),
        reasonReference: reasonRef,
        dosageInstruction: [dosage],
      });
    }
    rec.add({
      resourceType: 'MedicationStatement',
      id: `gebruik-${m.id}`,
      meta: meta('nl-core-MedicationUse2'),
      extension: [{ url: NICTIZ + 'ext-MedicationUse2.AsAgreedIndicator', valueBoolean: !m.selfCare }],
      ...(!m.selfCare && { basedOn: [ref('MedicationRequest', `afspraak-${m.id}`)] }),
      status: stopped ? 'completed' : 'active',
      category: cc(SCT, '422979000', 'Medicatiegebruik', 'Medicatiegebruik'),
      medicationReference: medRef,
      subject: PATIENT,
      effectivePeriod: period,
      dateAsserted: dt(m.start, 12),
      informationSource: m.selfCare ? PATIENT : roleRef('apotheker'),
      reasonReference: reasonRef,
      ...(m.selfCare && { note: [{ text: 'Zelfzorgmiddel, zelf gekocht bij de drogist.' }] }),
      dosage: [dosage],
    });
    if (m.selfCare) continue;
    // Verstrekkingen: every supply period until stopped or until "today".
    const daysPerSupply = Math.max(1, Math.round(m.perDispense / (m.freq * m.dose)));
    const end = m.end ? day(m.end) : ANCHOR;
    for (let d = day(m.start); d < end; d = addDays(d, daysPerSupply - rng.int(0, 4))) {
      const id = rec.nextId(`verstrekking-${m.id}`);
      rec.add({
        resourceType: 'MedicationDispense',
        id,
        meta: meta('nl-core-Dispense'),
        status: 'completed',
        category: cc(SCT, '373784005', 'Verstrekken van medicatie', 'Verstrekking'),
        medicationReference: medRef,
        subject: PATIENT,
        performer: [{ actor: roleRef('apotheker') }],
        authorizingPrescription: [ref('MedicationRequest', `afspraak-${m.id}`)],
        quantity: qty(m.perDispense, 'stuk', '{stuk}'),
        daysSupply: qty(daysPerSupply, 'dag', 'd'),
        whenHandedOver: dt(d, rng.int(9, 17), rng.pick([0, 15, 30, 45])),
        dosageInstruction: [dosage],
      });
      if (stopped) break;
    }
  }
}

// --- Hulpmiddelen, vaccinaties -----------------------------------------------------------------------

function addDevicesAndVaccinations(rec: Record_) {
  const devices: { id: string; sct: [string, string]; name: string; start: string; end?: string; site?: [string, string]; note: string }[] = [
    { id: 'bloedglucosemeter', sct: ['337414009', 'Bloedglucosemeter'], name: 'Bloedglucosemeter (voorbeeld)', start: '2019-04-01', note: 'Voor zelfcontrole, ongeveer tweemaal per week.' },
    { id: 'bloeddrukmeter', sct: ['258057004', 'Elektronische bloeddrukmeter'], name: 'Bovenarmbloeddrukmeter (voorbeeld)', start: '2020-11-15', note: 'Thuismetingen, waarden gaan naar de praktijkondersteuner.' },
    { id: 'bril', sct: ['50121007', 'Bril'], name: 'Leesbril', start: '2008-01-01', site: ['81745001', 'Oog'], note: 'Sterkte +2,0.' },
    { id: 'wandelstok', sct: ['87405001', 'Wandelstok'], name: 'Wandelstok', start: '2025-02-20', end: '2025-09-01', note: 'Tijdelijk bij knieklachten.' },
  ];
  for (const dv of devices) {
    rec.add({
      resourceType: 'Device',
      id: `hulpmiddel-${dv.id}`,
      meta: meta('nl-core-MedicalDevice.Product'),
      status: 'active',
      deviceName: [{ name: dv.name, type: 'user-friendly-name' }],
      type: cc(SCT, dv.sct[0], dv.sct[1], dv.name),
      patient: PATIENT,
    });
    rec.add({
      resourceType: 'DeviceUseStatement',
      id: `hulpmiddelgebruik-${dv.id}`,
      meta: meta('nl-core-MedicalDevice'),
      status: dv.end ? 'completed' : 'active',
      subject: PATIENT,
      timingPeriod: { start: dv.start, ...(dv.end && { end: dv.end }) },
      recordedOn: dt(dv.start, 11),
      source: PATIENT,
      device: ref('Device', `hulpmiddel-${dv.id}`, dv.name),
      ...(dv.site && { bodySite: cc(SCT, dv.site[0], dv.site[1]) }),
      note: [{ text: dv.note }],
    });
  }

  const vaccinate = (id: string, date: string, atc: [string, string], text: string, performer: PractKey | null, dose?: number, lot?: string) =>
    rec.add({
      resourceType: 'Immunization',
      id,
      meta: meta('nl-core-Vaccination-event'),
      status: 'completed',
      vaccineCode: cc(ATC, atc[0], atc[1], text),
      patient: PATIENT,
      occurrenceDateTime: date,
      primarySource: performer !== null,
      ...(lot && { lotNumber: lot }),
      ...(performer && { performer: [{ actor: roleRef(performer) }] }),
      ...(dose !== undefined && { protocolApplied: [{ doseNumberPositiveInt: dose }] }),
    });
  for (let y = 2016; y <= 2026; y++) {
    const d = addDays(day(`${y}-10-14`), rec.rng.int(0, 6) + (y === 2026 ? 0 : 7));
    vaccinate(`vaccinatie-griep-${y}`, isoDate(d), ['J07BB02', 'influenza, geïnactiveerd, split virus of subunit'], `Griepvaccinatie ${y}`, 'poh', undefined, `FLU${y}X${rec.rng.int(100, 999)}`);
  }
  const covid: [string, number][] = [['2021-04-20', 1], ['2021-05-25', 2], ['2021-12-18', 3], ['2022-10-04', 4], ['2023-10-17', 5], ['2024-10-22', 6], ['2025-10-21', 7]];
  for (const [date, dose] of covid) vaccinate(`vaccinatie-covid-${date}`, date, ['J07BN01', 'covid-19, RNA-gebaseerd vaccin'], 'COVID-19-vaccinatie', null, dose);
  vaccinate('vaccinatie-dtp-2014', '2014-08-03', ['J07CA01', 'difterie-poliomyelitis-tetanus'], 'DTP-vaccinatie (na een snijwond)', 'huisarts');
  vaccinate('vaccinatie-pneumokokken-2024', '2024-11-05', ['J07AL02', 'pneumokokken, gezuiverd polysacharide-antigeen geconjugeerd'], 'Pneumokokkenvaccinatie', 'poh');
}

// --- Vitale functies (years of measurements) ---------------------------------------------------------

function interpretation(value: number, low?: number, high?: number) {
  const code = high !== undefined && value > high ? ['H', 'High', 'Hoog'] : low !== undefined && value < low ? ['L', 'Low', 'Laag'] : ['N', 'Normal', 'Normaal'];
  return [cc(INTERP, code[0] as string, code[1] as string, code[2])];
}

function vital(rec: Record_, prefix: string, profile: string, loinc: [string, string], text: string, when: string, extra: Json, performer?: Json) {
  return rec.add({
    resourceType: 'Observation',
    id: rec.nextId(prefix),
    meta: meta(profile),
    status: 'final',
    category: [cc(OBS_CAT, 'vital-signs', 'Vital Signs', 'Vitale functies')],
    code: { coding: [coding(LOINC, loinc[0], loinc[1])], text },
    subject: PATIENT,
    effectiveDateTime: when,
    performer: [performer ?? PATIENT],
    ...extra,
  });
}

function addVitals(rec: Record_) {
  const { rng } = rec;
  const start = day('2021-01-01');
  // Hypertension: higher before lisinopril (June 2021), a few spikes afterwards.
  for (let d = start; d < ANCHOR; d = addDays(d, rng.int(3, 6))) {
    const onLisinopril = d >= day('2021-06-21');
    const sysMean = onLisinopril ? 134 : 149;
    const diaMean = onLisinopril ? 81 : 91;
    const spike = rng.next() < 0.06 ? 18 : 0;
    const sys = Math.round(rng.normal(sysMean + spike, 6));
    const dia = Math.round(rng.normal(diaMean + spike / 2, 4));
    const hour = rng.pick([7, 8, 19, 20]);
    const when = dt(d, hour, rng.int(0, 59));
    vital(rec, 'bloeddruk', 'nl-core-BloodPressure', ['85354-9', 'Blood pressure panel with all children optional'], 'Bloeddruk', when, {
      extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/observation-bodyPosition', valueCodeableConcept: cc(SCT, '33586001', 'Zittende positie') }],
      bodySite: cc(SCT, '368208006', 'Linker bovenarm'),
      method: cc(SCT, '371911009', 'Bloeddrukmeting met manchet'),
      component: [
        { code: { coding: [coding(LOINC, '8480-6', 'Systolic blood pressure')], text: 'Bovendruk (systolisch)' }, valueQuantity: qty(sys, 'mmHg', 'mm[Hg]'), interpretation: interpretation(sys, 90, 140), referenceRange: [{ low: qty(90, 'mmHg', 'mm[Hg]'), high: qty(140, 'mmHg', 'mm[Hg]') }] },
        { code: { coding: [coding(LOINC, '8462-4', 'Diastolic blood pressure')], text: 'Onderdruk (diastolisch)' }, valueQuantity: qty(dia, 'mmHg', 'mm[Hg]'), interpretation: interpretation(dia, 60, 90), referenceRange: [{ low: qty(60, 'mmHg', 'mm[Hg]'), high: qty(90, 'mmHg', 'mm[Hg]') }] },
      ],
      note: spike ? [{ text: 'Gemeten na een drukke dag.' }] : undefined,
    });
    const hr = Math.round(rng.normal(72, 6));
    vital(rec, 'hartfrequentie', 'nl-core-HeartRate', ['8867-4', 'Heart rate'], 'Hartfrequentie', when, {
      valueQuantity: qty(hr, 'slagen per minuut', '/min'),
      interpretation: interpretation(hr, 50, 100),
    });
  }
  // Glucose self-monitoring: fasting, two or three times a week, with occasional highs and a rare hypo.
  for (let d = start; d < ANCHOR; d = addDays(d, rng.int(1, 4))) {
    const y = d.getUTCFullYear() + d.getUTCMonth() / 12;
    // Worse in late 2024/early 2025, better after gliclazide (April 2025).
    const base = y < 2024.6 ? 7.1 : y < 2025.3 ? 8.6 : 6.9;
    let g = rng.normal(base, 0.8);
    if (rng.next() < 0.05) g += 4;
    if (y > 2025.3 && rng.next() < 0.015) g = 3.6;
    g = round(Math.max(3.2, g), 1);
    vital(rec, 'glucose-zelfmeting', 'nl-core-LaboratoryTestResult', ['14743-9', 'Glucose [Moles/volume] in Capillary blood by Glucometer'], 'Glucose (zelfmeting, nuchter)', dt(d, 7, rng.int(0, 50)), {
      valueQuantity: qty(g, 'mmol/l', 'mmol/L'),
      interpretation: interpretation(g, 4.0, 7.0),
      referenceRange: [{ low: qty(4.0, 'mmol/l', 'mmol/L'), high: qty(7.0, 'mmol/l', 'mmol/L'), text: 'Streefwaarde nuchter 4,0–7,0 mmol/l' }],
      device: ref('Device', 'hulpmiddel-bloedglucosemeter', 'Bloedglucosemeter (voorbeeld)'),
    });
  }
  // Weight: every week or two at home, slowly down from 86 to 80 kg.
  for (let d = day('2021-01-05'); d < ANCHOR; d = addDays(d, rng.int(7, 14))) {
    const years = (d.getTime() - start.getTime()) / (365.25 * 86_400_000);
    const w = round(rng.normal(86 - years * 1.05, 0.6), 1);
    vital(rec, 'gewicht', 'nl-core-BodyWeight', ['29463-7', 'Body weight'], 'Lichaamsgewicht', dt(d, 7, 30), {
      valueQuantity: qty(w, 'kg', 'kg'),
    });
  }
  // Height and BMI once a year at the diabetes year check.
  for (let y = 2021; y <= 2026; y++) {
    const when = dt(`${y}-03-16`, 9, 15);
    const h = 168 - (y >= 2025 ? 0.5 : 0);
    vital(rec, 'lengte', 'nl-core-BodyHeight', ['8302-2', 'Body height'], 'Lichaamslengte', when, { valueQuantity: qty(h, 'cm', 'cm') }, roleRef('poh'));
    const w = 86 - (y - 2021) * 1.05;
    const bmi = round(w / (h / 100) ** 2, 1);
    vital(rec, 'bmi', 'nl-core-BodyMassIndex', ['39156-5', 'Body mass index (BMI) [Ratio]'], 'BMI', when, {
      valueQuantity: qty(bmi, 'kg/m2', 'kg/m2'),
      interpretation: interpretation(bmi, 18.5, 25),
      referenceRange: [{ low: qty(18.5, 'kg/m2', 'kg/m2'), high: qty(25, 'kg/m2', 'kg/m2') }],
    }, roleRef('poh'));
  }
  // Pneumonia (Feb 2022): temperature and saturation at the GP.
  for (const [date, temp, sat] of [['2022-02-07', 39.1, 93], ['2022-02-10', 38.2, 95], ['2022-02-16', 37.0, 97]] as const) {
    const when = dt(date, 10, 40);
    vital(rec, 'temperatuur', 'nl-core-BodyTemperature', ['8310-5', 'Body temperature'], 'Lichaamstemperatuur', when, {
      valueQuantity: qty(temp, '°C', 'Cel'),
      interpretation: interpretation(temp, 36.0, 37.8),
    }, roleRef('huisarts'));
    vital(rec, 'saturatie', 'nl-core-O2Saturation', ['59408-5', 'Oxygen saturation in Arterial blood by Pulse oximetry'], 'Zuurstofsaturatie', when, {
      valueQuantity: qty(sat, '%', '%'),
      interpretation: interpretation(sat, 95),
    }, roleRef('huisarts'));
  }
}

// --- Lab ----------------------------------------------------------------------------------------------

interface LabDef {
  key: string;
  loinc: string;
  loincDisplay: string;
  nl: string;
  unit: string;
  ucum: string;
  low?: number;
  high?: number;
  decimals: number;
  material: 'bloed' | 'urine';
  /** For treatment targets that are not a population reference range. */
  rangeText?: string;
}
const LAB: Record<string, LabDef> = {
  hba1c: { key: 'hba1c', loinc: '59261-8', loincDisplay: 'Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol', nl: 'HbA1c', unit: 'mmol/mol', ucum: 'mmol/mol', high: 53, decimals: 0, material: 'bloed', rangeText: 'Streefwaarde bij diabetes: 53 mmol/mol of lager' },
  glucose: { key: 'glucose', loinc: '14771-0', loincDisplay: 'Fasting glucose [Moles/volume] in Serum or Plasma', nl: 'Glucose nuchter', unit: 'mmol/l', ucum: 'mmol/L', low: 4.0, high: 6.0, decimals: 1, material: 'bloed' },
  kreatinine: { key: 'kreatinine', loinc: '14682-9', loincDisplay: 'Creatinine [Moles/volume] in Serum or Plasma', nl: 'Kreatinine', unit: 'µmol/l', ucum: 'umol/L', low: 49, high: 90, decimals: 0, material: 'bloed' },
  egfr: { key: 'egfr', loinc: '62238-1', loincDisplay: 'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI)', nl: 'eGFR (CKD-EPI)', unit: 'ml/min/1,73m²', ucum: 'mL/min/{1.73_m2}', low: 60, decimals: 0, material: 'bloed' },
  cholesterol: { key: 'cholesterol', loinc: '14647-2', loincDisplay: 'Cholesterol [Moles/volume] in Serum or Plasma', nl: 'Cholesterol totaal', unit: 'mmol/l', ucum: 'mmol/L', high: 5.0, decimals: 1, material: 'bloed' },
  ldl: { key: 'ldl', loinc: '22748-8', loincDisplay: 'Cholesterol in LDL [Moles/volume] in Serum or Plasma', nl: 'LDL-cholesterol', unit: 'mmol/l', ucum: 'mmol/L', high: 2.6, decimals: 1, material: 'bloed', rangeText: 'Streefwaarde: lager dan 2,6 mmol/l' },
  hdl: { key: 'hdl', loinc: '14646-4', loincDisplay: 'Cholesterol in HDL [Moles/volume] in Serum or Plasma', nl: 'HDL-cholesterol', unit: 'mmol/l', ucum: 'mmol/L', low: 1.0, decimals: 1, material: 'bloed' },
  triglyceriden: { key: 'triglyceriden', loinc: '14927-8', loincDisplay: 'Triglyceride [Moles/volume] in Serum or Plasma', nl: 'Triglyceriden', unit: 'mmol/l', ucum: 'mmol/L', high: 2.0, decimals: 1, material: 'bloed' },
  hb: { key: 'hb', loinc: '59260-0', loincDisplay: 'Hemoglobin [Moles/volume] in Blood', nl: 'Hemoglobine', unit: 'mmol/l', ucum: 'mmol/L', low: 7.5, high: 10.0, decimals: 1, material: 'bloed' },
  kalium: { key: 'kalium', loinc: '2823-3', loincDisplay: 'Potassium [Moles/volume] in Serum or Plasma', nl: 'Kalium', unit: 'mmol/l', ucum: 'mmol/L', low: 3.5, high: 5.0, decimals: 1, material: 'bloed' },
  natrium: { key: 'natrium', loinc: '2951-2', loincDisplay: 'Sodium [Moles/volume] in Serum or Plasma', nl: 'Natrium', unit: 'mmol/l', ucum: 'mmol/L', low: 135, high: 145, decimals: 0, material: 'bloed' },
  alat: { key: 'alat', loinc: '1742-6', loincDisplay: 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma', nl: 'ALAT', unit: 'U/l', ucum: 'U/L', high: 35, decimals: 0, material: 'bloed' },
  tsh: { key: 'tsh', loinc: '3016-3', loincDisplay: 'Thyrotropin [Units/volume] in Serum or Plasma', nl: 'TSH', unit: 'mU/l', ucum: 'm[IU]/L', low: 0.4, high: 4.0, decimals: 2, material: 'bloed' },
  crp: { key: 'crp', loinc: '1988-5', loincDisplay: 'C reactive protein [Mass/volume] in Serum or Plasma', nl: 'CRP', unit: 'mg/l', ucum: 'mg/L', high: 10, decimals: 0, material: 'bloed' },
  leukocyten: { key: 'leukocyten', loinc: '6690-2', loincDisplay: 'Leukocytes [#/volume] in Blood by Automated count', nl: 'Leukocyten', unit: '10^9/l', ucum: '10*9/L', low: 4.0, high: 10.0, decimals: 1, material: 'bloed' },
  bilirubine: { key: 'bilirubine', loinc: '14631-6', loincDisplay: 'Bilirubin.total [Moles/volume] in Serum or Plasma', nl: 'Bilirubine totaal', unit: 'µmol/l', ucum: 'umol/L', high: 17, decimals: 0, material: 'bloed' },
  albumineKreatinine: { key: 'albumine-kreatinine', loinc: '9318-7', loincDisplay: 'Albumin/Creatinine [Mass Ratio] in Urine', nl: 'Albumine/kreatinine-ratio (urine)', unit: 'mg/g', ucum: 'mg/g', high: 30, decimals: 0, material: 'urine' },
};

function labValue(rng: Rng, key: string, date: Date): number {
  const y = date.getUTCFullYear() + date.getUTCMonth() / 12;
  switch (key) {
    case 'hba1c':
      return rng.normal(y < 2022 ? 57 : y < 2024.5 ? 51 : y < 2025.3 ? 62 : 52, 2);
    case 'glucose':
      return rng.normal(y < 2022 ? 7.6 : y < 2024.5 ? 6.8 : y < 2025.3 ? 8.4 : 6.6, 0.4);
    case 'kreatinine':
      return rng.normal(72 + (y - 2021) * 3, 4);
    case 'egfr':
      return rng.normal(78 - (y - 2021) * 3.2, 2);
    case 'cholesterol':
      return rng.normal(y < 2021.5 ? 5.4 : 4.5, 0.25);
    case 'ldl':
      return rng.normal(y < 2021.5 ? 3.2 : 2.4, 0.2);
    case 'hdl':
      return rng.normal(1.3, 0.08);
    case 'triglyceriden':
      return rng.normal(1.9, 0.25);
    case 'hb':
      return rng.normal(8.2, 0.3);
    case 'kalium':
      return rng.normal(4.3, 0.25);
    case 'natrium':
      return rng.normal(140, 1.5);
    case 'alat':
      return rng.normal(26, 4);
    case 'tsh':
      return rng.normal(1.9, 0.4);
    case 'albumine-kreatinine':
      return rng.normal(12 + (y - 2021) * 2, 3);
    default:
      throw new Error(`no model for ${key}`);
  }
}

interface LabSession {
  date: Date;
  results: [LabDef, number?][];
  orderer: PractKey;
  performer: OrgKey;
  conclusion?: string;
  encounter?: string;
}

function addLabSession(rec: Record_, s: LabSession) {
  const { rng } = rec;
  const when = dt(s.date, 8, rng.int(0, 45));
  const issued = dt(addDays(s.date, 1), 11, 0).replace(/:00([+-])/, ':00.000$1');
  const base = `lab-${isoDate(s.date)}`;
  const specimens = new Map<string, string>();
  for (const material of new Set(s.results.map(([def]) => def.material))) {
    const id = `${base}-monster-${material}`;
    specimens.set(material, id);
    rec.add({
      resourceType: 'Specimen',
      id,
      meta: meta('nl-core-LaboratoryTestResult.Specimen'),
      status: 'available',
      type: material === 'bloed' ? cc(SCT, '119297000', 'Bloedmonster') : cc(SCT, '122575003', 'Urinemonster'),
      subject: PATIENT,
      collection: { collectedDateTime: when },
    });
  }
  const resultRefs: Json[] = [];
  for (const [def, fixed] of s.results) {
    const raw = fixed ?? labValue(rng, def.key, s.date);
    const value = round(raw, def.decimals);
    const id = `${base}-${def.key}`;
    const range: Json = {};
    if (def.low !== undefined) range.low = qty(def.low, def.unit, def.ucum);
    if (def.high !== undefined) range.high = qty(def.high, def.unit, def.ucum);
    if (def.rangeText) range.text = def.rangeText;
    rec.add({
      resourceType: 'Observation',
      id,
      meta: meta('nl-core-LaboratoryTestResult'),
      status: 'final',
      category: [
        cc(OBS_CAT, 'laboratory', 'Laboratory', 'Laboratorium'),
        def.material === 'bloed' ? cc(SCT, '275711006', 'Serumtest') : cc(SCT, '252390002', 'Urineonderzoek'),
      ],
      code: { coding: [coding(LOINC, def.loinc, def.loincDisplay)], text: def.nl },
      subject: PATIENT,
      ...(s.encounter && { encounter: ref('Encounter', s.encounter) }),
      effectiveDateTime: when,
      issued,
      performer: [orgRef(s.performer)],
      valueQuantity: qty(value, def.unit, def.ucum),
      interpretation: interpretation(value, def.low, def.high),
      specimen: ref('Specimen', specimens.get(def.material) as string),
      referenceRange: [range],
    });
    resultRefs.push(ref('Observation', id, def.nl));
  }
  rec.add({
    resourceType: 'DiagnosticReport',
    id: `${base}-uitslag`,
    meta: meta('nl-core-LaboratoryTestResult.DiagnosticReport'),
    status: 'final',
    category: [cc('http://terminology.hl7.org/CodeSystem/v2-0074', 'LAB', 'Laboratory', 'Laboratorium')],
    code: cc(LOINC, '11502-2', 'Laboratory report', 'Laboratoriumuitslagen'),
    subject: PATIENT,
    ...(s.encounter && { encounter: ref('Encounter', s.encounter) }),
    effectiveDateTime: when,
    issued,
    performer: [orgRef(s.performer)],
    resultsInterpreter: [roleRef(s.orderer)],
    specimen: [...specimens.values()].map((id) => ref('Specimen', id)),
    result: resultRefs,
    ...(s.conclusion && { conclusion: s.conclusion }),
  });
}

// --- Encounters, procedures, lab sessions, questionnaires (the care story) -----------------------------

function encounter(rec: Record_, id: string, cls: [string, string], type: string, start: string, end: string, who: PractKey, org: OrgKey, reason?: string, extra: Json = {}) {
  return rec.add({
    resourceType: 'Encounter',
    id,
    meta: meta('nl-core-Encounter'),
    status: 'finished',
    class: coding(ACT_CODE, cls[0], cls[1]),
    type: [{ text: type }],
    subject: PATIENT,
    participant: [{ individual: roleRef(who) }],
    period: { start, end },
    ...(reason && { reasonReference: [ref('Condition', reason)] }),
    serviceProvider: orgRef(org),
    ...extra,
  });
}
const AMB: [string, string] = ['AMB', 'ambulatory'];

function addCareStory(rec: Record_) {
  const { rng } = rec;
  const L = LAB;
  const dmQuarter = [L.hba1c!, L.glucose!] as LabDef[];
  const yearly = [L.hba1c!, L.glucose!, L.kreatinine!, L.egfr!, L.cholesterol!, L.ldl!, L.hdl!, L.triglyceriden!, L.hb!, L.kalium!, L.natrium!, L.alat!, L.albumineKreatinine!] as LabDef[];

  // Quarterly diabetes check-ups at the POH, with lab a week before; yearly check in March.
  for (let y = 2021; y <= 2026; y++) {
    for (const month of [3, 6, 9, 12]) {
      const consult = day(`${y}-${pad(month)}-16`);
      if (consult >= ANCHOR) continue;
      const labDay = addDays(consult, -7);
      const isYear = month === 3;
      const encId = `contact-poh-diabetes-${isoDate(consult)}`;
      encounter(rec, encId, AMB, isYear ? 'Diabetes jaarcontrole (praktijkondersteuner)' : 'Diabetes kwartaalcontrole (praktijkondersteuner)', dt(consult, 9, 0), dt(consult, 9, 30), 'poh', 'huisarts', 'probleem-diabetes-type-2');
      const results: [LabDef, number?][] = (isYear ? yearly : dmQuarter).map((d) => [d]);
      if (isYear && (y === 2022 || y === 2025)) results.push([L.tsh!]);
      addLabSession(rec, { date: labDay, results, orderer: 'poh', performer: 'lab', conclusion: isYear ? 'Jaarcontrole diabetes.' : undefined });
    }
  }
  // Pneumonia 2022: GP visit, lab, follow-up by phone.
  encounter(rec, 'contact-huisarts-2022-02-07', AMB, 'Spreekuur huisarts: koorts en hoesten', dt('2022-02-07', 10, 30), dt('2022-02-07', 10, 50), 'huisarts', 'huisarts', 'probleem-pneumonie');
  addLabSession(rec, { date: day('2022-02-07'), results: [[L.crp!, 86], [L.leukocyten!, 14.2]], orderer: 'huisarts', performer: 'lab', conclusion: 'Passend bij een bacteriële infectie.', encounter: 'contact-huisarts-2022-02-07' });
  encounter(rec, 'contact-huisarts-2022-02-10', ['VR', 'virtual'], 'Telefonisch consult huisarts', dt('2022-02-10', 16, 0), dt('2022-02-10', 16, 10), 'huisarts', 'huisarts', 'probleem-pneumonie');
  addLabSession(rec, { date: day('2022-02-16'), results: [[L.crp!, 9], [L.leukocyten!, 8.1]], orderer: 'huisarts', performer: 'lab', conclusion: 'Herstel.' });

  // Cholecystitis 2023: ER, admission, operation, discharge.
  encounter(rec, 'contact-seh-2023-06-11', ['EMER', 'emergency'], 'Spoedeisende hulp: pijn rechtsboven in de buik', dt('2023-06-11', 22, 15), dt('2023-06-12', 1, 30), 'chirurg', 'ziekenhuis', 'probleem-cholecystitis');
  addLabSession(rec, { date: day('2023-06-11'), results: [[L.crp!, 112], [L.leukocyten!, 15.6], [L.bilirubine!, 21], [L.alat!, 48], [L.hb!, 8.0]], orderer: 'chirurg', performer: 'ziekenhuis', encounter: 'contact-seh-2023-06-11' });
  encounter(rec, 'opname-2023-06-12', ['IMP', 'inpatient encounter'], 'Opname chirurgie', dt('2023-06-12', 1, 30), dt('2023-06-15', 14, 0), 'chirurg', 'ziekenhuis', 'probleem-cholecystitis', {
    hospitalization: { dischargeDisposition: { text: 'Naar huis' } },
  });
  addLabSession(rec, { date: day('2023-06-14'), results: [[L.crp!, 41], [L.leukocyten!, 9.4], [L.bilirubine!, 12]], orderer: 'chirurg', performer: 'ziekenhuis', encounter: 'opname-2023-06-12' });
  encounter(rec, 'contact-polikliniek-chirurgie-2023-07-20', AMB, 'Poliklinische controle chirurgie', dt('2023-07-20', 14, 20), dt('2023-07-20', 14, 35), 'chirurg', 'ziekenhuis', 'probleem-cholecystitis');

  // Cystitis 2024.
  encounter(rec, 'contact-huisarts-2024-08-19', AMB, 'Spreekuur huisarts: branderig plassen', dt('2024-08-19', 8, 40), dt('2024-08-19', 8, 50), 'huisarts', 'huisarts', 'probleem-cystitis');

  // Knee osteoarthritis 2025: GP, X-ray, referral, physiotherapy series.
  encounter(rec, 'contact-huisarts-2025-02-10', AMB, 'Spreekuur huisarts: pijn rechterknie', dt('2025-02-10', 11, 0), dt('2025-02-10', 11, 15), 'huisarts', 'huisarts', 'probleem-artrose-knie');
  encounter(rec, 'contact-huisarts-2025-03-03', AMB, 'Spreekuur huisarts: uitslag röntgenfoto knie', dt('2025-03-03', 9, 20), dt('2025-03-03', 9, 30), 'huisarts', 'huisarts', 'probleem-artrose-knie');
  let physio = day('2025-03-04');
  for (let i = 1; i <= 12; i++) {
    encounter(rec, `contact-fysiotherapie-2025-${pad(i)}`, AMB, i === 1 ? 'Fysiotherapie: intake en onderzoek' : 'Fysiotherapie: oefentherapie', dt(physio, 16, 0), dt(physio, 16, 30), 'fysio', 'fysio', 'probleem-artrose-knie', {
      basedOn: [ref('ServiceRequest', 'verwijzing-fysiotherapie-2025')],
    });
    physio = addDays(physio, i < 6 ? 7 : 14);
  }
  encounter(rec, 'contact-poh-diabetes-2025-04-01', ['VR', 'virtual'], 'Telefonisch consult: start gliclazide', dt('2025-04-01', 13, 0), dt('2025-04-01', 13, 15), 'huisarts', 'huisarts', 'probleem-diabetes-type-2');
  encounter(rec, 'contact-huisarts-2021-06-07', AMB, 'Spreekuur huisarts: bloeddruk te hoog', dt('2021-06-07', 10, 0), dt('2021-06-07', 10, 15), 'huisarts', 'huisarts', 'probleem-hypertensie');

  // Verrichtingen.
  const procedure = (id: string, sct: [string, string], text: string, date: Json, who: PractKey | null, extra: Json = {}) =>
    rec.add({
      resourceType: 'Procedure',
      id,
      meta: meta('nl-core-Procedure-event'),
      status: 'completed',
      category: cc(SCT, '387713003', 'Chirurgische verrichting'),
      code: { coding: [coding(SCT, sct[0], sct[1])], text },
      subject: PATIENT,
      ...date,
      ...(who && { performer: [{ actor: roleRef(who) }] }),
      ...extra,
    });
  procedure('verrichting-appendectomie-1976', ['80146002', 'Appendectomie'], 'Blindedarmoperatie', { performedDateTime: '1976-07-02' }, null, { reasonReference: [ref('Condition', 'probleem-appendicitis')], note: [{ text: 'Door patiënt zelf gemeld; geen verslag beschikbaar.' }] });
  procedure('verrichting-cholecystectomie-2023', ['45595009', 'Laparoscopische cholecystectomie'], 'Kijkoperatie: verwijderen van de galblaas', { performedPeriod: { start: dt('2023-06-13', 9, 10), end: dt('2023-06-13', 10, 25) } }, 'chirurg', {
    encounter: ref('Encounter', 'opname-2023-06-12'),
    reasonReference: [ref('Condition', 'probleem-cholecystitis')],
    bodySite: [cc(SCT, '28231008', 'Galblaas')],
  });
  procedure('verrichting-echo-abdomen-2023', ['45036003', 'Echografie van abdomen'], 'Echo van de buik', { performedDateTime: dt('2023-06-12', 8, 30) }, 'chirurg', {
    category: cc(SCT, '103693007', 'Diagnostische verrichting'),
    encounter: ref('Encounter', 'opname-2023-06-12'),
    reasonReference: [ref('Condition', 'probleem-cholecystitis')],
  });
  procedure('verrichting-ecg-2021', ['29303009', 'Elektrocardiografie'], 'Hartfilmpje (ECG)', { performedDateTime: dt('2021-06-07', 10, 5) }, 'huisarts', {
    category: cc(SCT, '103693007', 'Diagnostische verrichting'),
    encounter: ref('Encounter', 'contact-huisarts-2021-06-07'),
    reasonReference: [ref('Condition', 'probleem-hypertensie')],
    note: [{ text: 'Sinusritme, geen afwijkingen.' }],
  });
  procedure('verrichting-rontgen-knie-2025', ['74016001', 'Röntgenfoto van knie'], 'Röntgenfoto rechterknie', { performedDateTime: dt('2025-02-24', 14, 0) }, null, {
    category: cc(SCT, '103693007', 'Diagnostische verrichting'),
    reasonReference: [ref('Condition', 'probleem-artrose-knie')],
    bodySite: [cc(SCT, '6757004', 'Rechterknie')],
    note: [{ text: 'Gewrichtsspleetversmalling mediaal, passend bij artrose.' }],
  });

  // Geplande zorg: referral (done), a lab order and appointments after "today".
  rec.add({
    resourceType: 'ServiceRequest',
    id: 'verwijzing-fysiotherapie-2025',
    meta: meta('nl-core-PlannedCareActivityForTransfer-ServiceRequest'),
    status: 'completed',
    intent: 'order',
    category: [cc(SCT, '3457005', 'Verwijzing')],
    code: { coding: [coding(SCT, '91251008', 'Fysiotherapie')], text: 'Verwijzing fysiotherapie (oefentherapie knie)' },
    subject: PATIENT,
    occurrencePeriod: { start: '2025-03-04', end: '2025-09-01' },
    authoredOn: dt('2025-03-03', 9, 30),
    requester: roleRef('huisarts'),
    performer: [roleRef('fysio')],
    reasonReference: [ref('Condition', 'probleem-artrose-knie')],
  });
  rec.add({
    resourceType: 'ServiceRequest',
    id: 'labaanvraag-2026-12',
    meta: meta('nl-core-PlannedCareActivityForTransfer-ServiceRequest'),
    status: 'active',
    intent: 'order',
    category: [cc(SCT, '108252007', 'Laboratoriumonderzoek')],
    code: { coding: [coding(LOINC, '59261-8', LAB.hba1c!.loincDisplay)], text: 'HbA1c en nuchter glucose' },
    subject: PATIENT,
    occurrenceDateTime: dt('2026-12-02', 8, 0),
    authoredOn: dt('2026-09-16', 9, 25),
    requester: roleRef('poh'),
    performer: [orgRef('lab')],
    reasonReference: [ref('Condition', 'probleem-diabetes-type-2')],
    note: [{ text: 'Nuchter komen: vanaf middernacht niet eten.' }],
  });
  const appointment = (id: string, date: string, h: number, m: number, minutes: number, desc: string, who: PractKey, reason: string, extra: Json = {}) => {
    const start = dt(date, h, m);
    const endMin = h * 60 + m + minutes;
    rec.add({
      resourceType: 'Appointment',
      id,
      meta: meta('nl-core-Appointment'),
      status: 'booked',
      serviceType: [{ text: desc }],
      reasonReference: [ref('Condition', reason)],
      description: desc,
      start,
      end: dt(date, Math.floor(endMin / 60), endMin % 60),
      minutesDuration: minutes,
      created: dt(addDays(day(date), -30), 10, 0),
      participant: [
        { actor: PATIENT, required: 'required', status: 'accepted' },
        { actor: roleRef(who), required: 'required', status: 'accepted' },
      ],
      ...extra,
    });
  };
  appointment('afspraak-lab-2026-12-02', '2026-12-02', 8, 0, 10, 'Bloedprikken (nuchter)', 'poh', 'probleem-diabetes-type-2', { basedOn: [ref('ServiceRequest', 'labaanvraag-2026-12')] });
  appointment('afspraak-poh-2026-12-09', '2026-12-09', 9, 0, 30, 'Diabetes kwartaalcontrole bij de praktijkondersteuner', 'poh', 'probleem-diabetes-type-2');
  appointment('afspraak-huisarts-2026-11-12', '2026-11-12', 10, 40, 10, 'Bloeddruk bespreken met de huisarts', 'huisarts', 'probleem-hypertensie');
  appointment('afspraak-fysiotherapie-2027-01-14', '2027-01-14', 16, 0, 30, 'Fysiotherapie: evaluatie knie', 'fysio', 'probleem-artrose-knie');

  // Vragenlijsten.
  const qUrl = `${BASE_URL}/Questionnaire/vragenlijst-diabetesconsult`;
  rec.add({
    resourceType: 'Questionnaire',
    id: 'vragenlijst-diabetesconsult',
    meta: { tag: [TEST_TAG()] },
    url: qUrl,
    version: '1',
    name: 'VoorbereidingDiabetesconsult',
    title: 'Voorbereiding diabetesconsult (fictieve vragenlijst)',
    status: 'active',
    subjectType: ['Patient'],
    date: '2020-12-01',
    publisher: ORG.huisarts.name,
    description: `Korte vragenlijst die patiënten voor de jaarcontrole invullen. ${FICTIEF}.`,
    item: [
      { linkId: 'hypo', text: 'Heeft u de afgelopen drie maanden een hypo gehad?', type: 'boolean', required: true },
      { linkId: 'hypo-aantal', text: 'Hoe vaak?', type: 'integer', enableWhen: [{ question: 'hypo', operator: '=', answerBoolean: true }] },
      {
        linkId: 'voeten',
        text: 'Heeft u klachten aan uw voeten?',
        type: 'choice',
        required: true,
        answerOption: [{ valueCoding: coding('urn:regie:voorbeeld:voeten', 'geen', 'Geen klachten') }, { valueCoding: coding('urn:regie:voorbeeld:voeten', 'tintelingen', 'Tintelingen of doof gevoel') }, { valueCoding: coding('urn:regie:voorbeeld:voeten', 'wondjes', 'Wondjes of blaren') }],
      },
      { linkId: 'beweging', text: 'Hoeveel minuten per week beweegt u stevig (wandelen, fietsen)?', type: 'integer' },
      { linkId: 'opmerkingen', text: 'Wat wilt u bespreken?', type: 'text' },
    ],
  });
  const wishes = ['Mijn knie bij het wandelen', 'Gewicht en beweging', 'Moet ik nog steeds zo vaak prikken?', 'Bijwerkingen van de nieuwe tabletten', 'De griepprik', 'Niets bijzonders'];
  for (let y = 2021; y <= 2026; y++) {
    const hypo = y === 2026;
    const foot = y >= 2024 ? 'tintelingen' : 'geen';
    rec.add({
      resourceType: 'QuestionnaireResponse',
      id: `vragenlijst-antwoord-${y}`,
      meta: { tag: [TEST_TAG()] },
      questionnaire: qUrl,
      status: 'completed',
      subject: PATIENT,
      authored: dt(`${y}-03-12`, 20, rng.int(0, 59)),
      author: PATIENT,
      source: PATIENT,
      item: [
        { linkId: 'hypo', text: 'Heeft u de afgelopen drie maanden een hypo gehad?', answer: [{ valueBoolean: hypo }] },
        ...(hypo ? [{ linkId: 'hypo-aantal', text: 'Hoe vaak?', answer: [{ valueInteger: 1 }] }] : []),
        { linkId: 'voeten', text: 'Heeft u klachten aan uw voeten?', answer: [{ valueCoding: coding('urn:regie:voorbeeld:voeten', foot, foot === 'geen' ? 'Geen klachten' : 'Tintelingen of doof gevoel') }] },
        { linkId: 'beweging', text: 'Hoeveel minuten per week beweegt u stevig (wandelen, fietsen)?', answer: [{ valueInteger: 90 + (y - 2021) * 20 + rng.int(0, 10) }] },
        { linkId: 'opmerkingen', text: 'Wat wilt u bespreken?', answer: [{ valueString: wishes[y - 2021] }] },
      ],
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Letters (PDF)
// ---------------------------------------------------------------------------------------------

interface LetterDef {
  id: string;
  fileName: string;
  title: string;
  date: string;
  author: PractKey;
  typeLoinc: [string, string];
  typeText: string;
  encounter?: string;
  from: string[];
  to: string[];
  subject: string;
  body: string[];
}

const SIGN = (k: PractKey) => [`Met vriendelijke groet,`, '', practName(k), `${ORG[PRACT[k].org].name}`];

const LETTERS: LetterDef[] = [
  {
    id: 'brief-verwijzing-fysiotherapie-2025',
    fileName: 'verwijsbrief-fysiotherapie-2025-03-03.pdf',
    title: 'Verwijsbrief fysiotherapie',
    date: '2025-03-03',
    author: 'huisarts',
    typeLoinc: ['57133-1', 'Referral note'],
    typeText: 'Verwijsbrief',
    encounter: 'contact-huisarts-2025-03-03',
    from: [ORG.huisarts.name, ORG.huisarts.street, `${ORG.huisarts.postal} ${ORG.huisarts.city}`],
    to: [`T. Smits, fysiotherapeut`, ORG.fysio.name, ORG.fysio.street, `${ORG.fysio.postal} ${ORG.fysio.city}`],
    subject: 'Betreft: mevrouw A.M. de Boer-Visser, geboren 14-05-1961 (fictieve patiënt)',
    body: [
      'Geachte collega,',
      'Graag verwijs ik mevrouw De Boer-Visser naar u voor oefentherapie in verband met artrose van de rechterknie. Sinds februari heeft zij pijn bij traplopen en na ongeveer twintig minuten wandelen. De röntgenfoto van 24 februari toont mediale gewrichtsspleetversmalling, passend bij artrose.',
      'Voorgeschiedenis: diabetes mellitus type 2, hypertensie, hypercholesterolemie, cholecystectomie (2023). Medicatie: metformine, hydrochloorthiazide, lisinopril, atorvastatine; paracetamol zo nodig. Let op: allergie voor penicilline.',
      'Hulpvraag: weer zonder pijn kunnen wandelen en fietsen. Wilt u mij na afloop van de behandeling informeren?',
    ],
  },
  {
    id: 'brief-ontslag-chirurgie-2023',
    fileName: 'ontslagbrief-chirurgie-2023-06-15.pdf',
    title: 'Ontslagbrief chirurgie',
    date: '2023-06-15',
    author: 'chirurg',
    typeLoinc: ['18842-5', 'Discharge summary'],
    typeText: 'Ontslagbrief',
    encounter: 'opname-2023-06-12',
    from: [ORG.ziekenhuis.name, 'Afdeling Chirurgie', ORG.ziekenhuis.street, `${ORG.ziekenhuis.postal} ${ORG.ziekenhuis.city}`],
    to: [`M. Jansen, huisarts`, ORG.huisarts.name, ORG.huisarts.street, `${ORG.huisarts.postal} ${ORG.huisarts.city}`],
    subject: 'Betreft: mevrouw A.M. de Boer-Visser, geboren 14-05-1961 (fictieve patiënt). Opname 12-06-2023 tot 15-06-2023',
    body: [
      'Geachte collega,',
      'Uw patiënte werd op 11 juni via de Spoedeisende Hulp opgenomen met sinds een dag pijn rechtsboven in de buik en koorts. Lichamelijk onderzoek: drukpijn rechtsboven, positief teken van Murphy. Laboratorium: CRP 112 mg/l, leukocyten 15,6 x 10^9/l, bilirubine 21 µmol/l. Echo: verdikte galblaaswand met galstenen.',
      'Conclusie: acute cholecystitis bij cholecystolithiasis.',
      'Beleid: op 13 juni ongecompliceerde laparoscopische cholecystectomie. Het herstel verliep voorspoedig; CRP daalde naar 41 mg/l. Wondpleisters gaven een lichte huidreactie (pleisterlijm), genoteerd als intolerantie.',
      'Medicatie bij ontslag: ongewijzigd; paracetamol zo nodig. Controle op de polikliniek chirurgie over vijf weken.',
    ],
  },
  {
    id: 'brief-uitslagen-2026',
    fileName: 'uitslagenbrief-huisarts-2026-09-18.pdf',
    title: 'Uitslagenbrief laboratorium',
    date: '2026-09-18',
    author: 'huisarts',
    typeLoinc: ['51852-2', 'Letter'],
    typeText: 'Uitslagenbrief',
    encounter: 'contact-poh-diabetes-2026-09-16',
    from: [ORG.huisarts.name, ORG.huisarts.street, `${ORG.huisarts.postal} ${ORG.huisarts.city}`],
    to: ['Mevrouw A.M. de Boer-Visser (fictieve patiënt)', 'Voorbeeldlaan 12', '3500 ZZ Utrecht'],
    subject: 'Betreft: uw bloeduitslagen van september 2026',
    body: [
      'Beste mevrouw De Boer,',
      'Hierbij de uitslagen van uw bloedonderzoek. Uw HbA1c (de gemiddelde bloedsuiker van de afgelopen weken) is sinds de start van gliclazide in april 2025 weer gedaald en ligt nu rond de streefwaarde. Dat is goed nieuws.',
      'Uw nierfunctie (eGFR) is licht lager dan een paar jaar geleden. Dat past bij uw leeftijd en bloeddruk, maar we blijven het elk jaar controleren. Blijft u uw bloeddruk thuis meten en neemt u de metingen mee naar de praktijkondersteuner?',
      'U heeft een afspraak voor bloedprikken op 2 december en een controle op 9 december. Heeft u vragen, belt u dan gerust de praktijk.',
    ],
  },
];

const LETTER_NOTICE = 'FICTIEF VOORBEELD: Fictieve voorbeeldgegevens, geen echte patiënt en geen echte zorgverlener.';

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const attempt = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(attempt, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = attempt;
  }
  if (line) lines.push(line);
  return lines;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A small Dutch letter. "PDF/A-ish": document Title/Author/Language, an uncompressed XMP metadata
 * stream claiming pdfaid part 2 / conformance B, no object streams, a fixed trailer /ID. Honest
 * caveat: full PDF/A validation (e.g. veraPDF) was NOT done, and it would fail: the standard 14
 * Helvetica font is not embedded (embedding a TrueType font needs @pdf-lib/fontkit) and there is
 * no OutputIntent/ICC profile. The app treats these as ordinary PDFs.
 */
async function renderLetter(l: LetterDef): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const created = new Date(`${dt(l.date, 12, 0)}`);
  const author = practName(l.author);
  doc.setTitle(`${l.title} (fictief)`, { showInWindowTitleBar: true });
  doc.setAuthor(author);
  doc.setSubject(`${l.typeText}. ${FICTIEF}.`);
  doc.setKeywords(['fictief', 'voorbeeld', 'Regie', 'Voorbeeld-PGO']);
  doc.setCreator('Regie Voorbeeld-PGO generator');
  doc.setProducer('pdf-lib');
  doc.setLanguage('nl-NL');
  doc.setCreationDate(created);
  doc.setModificationDate(created);

  const xmpDate = dt(l.date, 12, 0);
  const xmp = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(l.title)} (fictief)</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>${xmlEscape(author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(l.typeText)}. ${FICTIEF}.</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>nl-NL</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>${xmpDate}</xmp:CreateDate>
   <xmp:ModifyDate>${xmpDate}</xmp:ModifyDate>
   <xmp:CreatorTool>Regie Voorbeeld-PGO generator</xmp:CreatorTool>
   <pdf:Producer>pdf-lib</pdf:Producer>
   <pdf:Keywords>fictief, voorbeeld, Regie, Voorbeeld-PGO</pdf:Keywords>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
  const xmpBytes = new TextEncoder().encode(xmp);
  const metadata = doc.context.stream(xmpBytes, { Type: 'Metadata', Subtype: 'XML', Length: xmpBytes.length });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(metadata));
  const idHex = createHash('md5').update(l.id).digest('hex');
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(idHex), PDFHexString.of(idHex)]);

  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page: PDFPage = doc.addPage([595.28, 841.89]);
  const margin = 64;
  const width = page.getWidth() - 2 * margin;
  let y = page.getHeight() - margin;
  const text = (s: string, opts: { f?: PDFFont; size?: number; gap?: number; color?: [number, number, number] } = {}) => {
    const f = opts.f ?? font;
    const size = opts.size ?? 10.5;
    for (const line of wrap(s, f, size, width)) {
      page.drawText(line, { x: margin, y, size, font: f, color: rgb(...(opts.color ?? [0, 0, 0])) });
      y -= size * 1.4;
    }
    y -= opts.gap ?? 0;
  };

  page.drawRectangle({ x: margin - 6, y: y - 24, width: width + 12, height: 34, color: rgb(1, 0.95, 0.8), borderColor: rgb(0.75, 0.5, 0), borderWidth: 1 });
  text(LETTER_NOTICE, { f: bold, size: 9.5, color: [0.45, 0.25, 0] });
  text('Dit document is gemaakt om Regie te leren kennen (fictitious example letter).', { size: 8.5, gap: 22, color: [0.45, 0.25, 0] });
  for (const line of l.from) text(line, { f: line === l.from[0] ? bold : font, size: 10 });
  y -= 14;
  for (const line of l.to) text(line, { size: 10 });
  y -= 14;
  const [yy, mm, dd] = l.date.split('-');
  text(`Utrecht, ${dd}-${mm}-${yy}`, { gap: 10 });
  text(l.title, { f: bold, size: 14, gap: 4 });
  text(l.subject, { f: bold, size: 10.5, gap: 10 });
  for (const p of l.body) text(p, { gap: 8 });
  y -= 6;
  for (const line of SIGN(l.author)) text(line || ' ');
  // One page per letter: keep clear of the footer line.
  if (y < 56) throw new Error(`letter ${l.id} does not fit on one page`);
  page.drawText(`${FICTIEF} - Regie Voorbeeld-PGO`, { x: margin, y: 36, size: 8, font, color: rgb(0.4, 0.4, 0.4) });

  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

async function addDocuments(rec: Record_): Promise<Letter[]> {
  const out: Letter[] = [];
  for (const l of LETTERS) {
    const bytes = await renderLetter(l);
    out.push({ fileName: l.fileName, title: l.title, bytes });
    const data = toBase64(bytes);
    const hash = createHash('sha1').update(bytes).digest('base64');
    const creation = dt(l.date, 12, 0);
    const attachment = { contentType: 'application/pdf', language: 'nl', data, title: `${l.title} (fictief)`, size: bytes.length, hash, creation };
    rec.add({
      resourceType: 'DocumentReference',
      id: l.id,
      meta: meta('nl-core-DocumentReference'),
      status: 'current',
      docStatus: 'final',
      type: { coding: [coding(LOINC, l.typeLoinc[0], l.typeLoinc[1])], text: l.typeText },
      category: [{ text: 'Brief' }],
      subject: PATIENT,
      date: `${l.date}T12:00:00.000${nlOffset(day(l.date))}`,
      author: [roleRef(l.author)],
      custodian: orgRef(PRACT[l.author].org),
      description: `${l.title}. ${FICTIEF}: geen echte patiënt.`,
      content: [{ attachment }],
      ...(l.encounter && { context: { encounter: [ref('Encounter', l.encounter)], period: { start: l.date, end: l.date } } }),
    });
    rec.add({
      resourceType: 'Binary',
      id: `${l.id}-pdf`,
      meta: { tag: [TEST_TAG()] },
      contentType: 'application/pdf',
      securityContext: ref('DocumentReference', l.id),
      data,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Build + write
// ---------------------------------------------------------------------------------------------

/** Drops `undefined` values so the JSON never holds `"x": null`-like holes and stays stable. */
function clean(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clean);
  if (v && typeof v === 'object') {
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = clean(x);
    return out;
  }
  return v;
}

/** Pure: the bundle and the letters, identical on every run. */
export async function buildVoorbeeldPgo(): Promise<VoorbeeldPgo> {
  const rec = new Record_(prng(SEED));
  addCast(rec);
  addCoverage(rec);
  addProblems(rec);
  addDirectivesStatusLifestyle(rec);
  addMedication(rec);
  addDevicesAndVaccinations(rec);
  addVitals(rec);
  addCareStory(rec);
  const letters = await addDocuments(rec);
  const bundle: FhirBundle = {
    resourceType: 'Bundle',
    id: 'voorbeeld-pgo-anna-de-boer-visser',
    meta: { lastUpdated: `${ANCHOR_DATE}T00:00:00+01:00`, tag: [TEST_TAG()] },
    identifier: { system: 'urn:ietf:rfc:3986', value: 'urn:uuid:3f0c6a52-0d7e-4a8e-9c35-5e1d2b7a9f00' },
    type: 'collection',
    timestamp: `${ANCHOR_DATE}T00:00:00+01:00`,
    entry: rec.resources.map((r) => ({ fullUrl: `${BASE_URL}/${r.resourceType}/${r.id}`, resource: clean(r) as FhirResource })),
  };
  return { bundle, letters };
}

/** Compact but diff-friendly: the Bundle header, then one entry per line. */
export function serializeBundle(bundle: FhirBundle): string {
  const { entry, ...header } = bundle;
  const head = JSON.stringify(header).slice(0, -1);
  return `${head},"entry":[\n${entry.map((e) => JSON.stringify(e)).join(',\n')}\n]}\n`;
}

export const OUTPUT_DIR = dirname(fileURLToPath(import.meta.url));
export const BUNDLE_FILE = join(OUTPUT_DIR, 'voorbeeld-pgo.r4.json');
export const LETTERS_DIR = join(OUTPUT_DIR, 'letters');

async function main() {
  const { bundle, letters } = await buildVoorbeeldPgo();
  writeFileSync(BUNDLE_FILE, serializeBundle(bundle));
  mkdirSync(LETTERS_DIR, { recursive: true });
  for (const l of letters) writeFileSync(join(LETTERS_DIR, l.fileName), l.bytes);
  process.stderr.write(`${bundle.entry.length} resources -> ${BUNDLE_FILE}\n${letters.length} letters -> ${LETTERS_DIR}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
