/**
 * A small, strict FHIR search engine over one person's resources: exactly the search parameters the
 * MedMij query sets use, and a 400 for anything else so tests catch wrong queries.
 */
import { isObject, type FhirJson } from '../../fhir/types';

export class SearchError extends Error {
  constructor(
    readonly status: number,
    readonly issueCode: string,
    message: string,
  ) {
    super(message);
  }
}

export interface SearchRequest {
  resourceType: string;
  /** Observation/$lastn */
  lastn: boolean;
  params: URLSearchParams;
}

export interface SearchResult {
  matches: FhirJson[];
  /** Resources added by _include/_revinclude, for the given page of matches. */
  includesFor(page: FhirJson[]): FhirJson[];
}

/** Parameters that carry paging/formatting, not filtering. */
export const CONTROL_PARAMS = new Set(['_count', '_page', '_format', '_include', '_include:recurse', '_include:iterate', '_revinclude', '_sort', 'max', '_total']);

/** `_include` and its iterating forms (`:recurse` in STU3, `:iterate` in R4). */
export const isIncludeParam = (name: string): boolean => name === '_include' || name === '_include:recurse' || name === '_include:iterate';

/** Is this parameter a patient/subject filter (patient, subject, patient:Patient, subject.identifier, _has:…:patient …)? */
export function isPatientParam(name: string): boolean {
  const base = name.toLowerCase().split(/[:.]/)[0] ?? '';
  if (base === 'patient' || base === 'subject') return true;
  if (name.toLowerCase().startsWith('_has:')) return /(^|:)(patient|subject)(:|$)/.test(name.toLowerCase().slice(5));
  return false;
}

// ---------------------------------------------------------------- value access

const asArray = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** Follow a dotted element path, flattening arrays. */
function values(resource: FhirJson, path: string): unknown[] {
  let cur: unknown[] = [resource];
  for (const part of path.split('.')) {
    cur = cur.flatMap((v) => (isObject(v) ? asArray(v[part]) : []));
  }
  return cur;
}

interface Token {
  system?: string;
  code: string;
}

/** Codes from code / Coding / CodeableConcept / Identifier values. */
function tokens(v: unknown): Token[] {
  if (typeof v === 'string' || typeof v === 'boolean') return [{ code: String(v) }];
  if (!isObject(v)) return [];
  if (Array.isArray(v.coding)) return v.coding.flatMap(tokens);
  if (typeof v.code === 'string') return [{ system: typeof v.system === 'string' ? v.system : undefined, code: v.code }];
  if (typeof v.value === 'string') return [{ system: typeof v.system === 'string' ? v.system : undefined, code: v.value }];
  return [];
}

function matchToken(resourceTokens: Token[], query: string): boolean {
  return query.split(',').some((alt) => {
    const bar = alt.indexOf('|');
    if (bar < 0) return resourceTokens.some((t) => t.code === alt);
    const system = alt.slice(0, bar);
    const code = alt.slice(bar + 1);
    return resourceTokens.some((t) =>
      system === '' ? t.system === undefined && t.code === code : t.system === system && (code === '' || t.code === code),
    );
  });
}

/** [start, end) in ms for a FHIR date/dateTime/instant at its precision. */
function dateRange(s: string): [number, number] | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h] = m;
  if (h !== undefined) {
    const t = Date.parse(s.length === 16 ? `${s}:00` : s);
    if (Number.isNaN(t)) return undefined;
    return [t, t + (m[6] !== undefined ? 1000 : 60_000)];
  }
  const start = Date.UTC(Number(y), mo ? Number(mo) - 1 : 0, d ? Number(d) : 1);
  const end = d ? start + 86_400_000 : mo ? Date.UTC(Number(y), Number(mo), 1) : Date.UTC(Number(y) + 1, 0, 1);
  return [start, end];
}

const DATE_FIELDS = [
  'effectiveDateTime', 'effectivePeriod.start', 'effectiveInstant', 'issued', 'occurrenceDateTime', 'date', 'start',
  'period.start', 'performedDateTime', 'performedPeriod.start', 'authoredOn', 'authored', 'recordedDate', 'assertedDate',
  'onsetDateTime', 'whenHandedOver', 'whenPrepared', 'dateTime', 'dateAsserted', 'effectiveDateTime', 'indexed', 'created',
  'recordedDate', 'lastOccurrence', 'validityPeriod.start',
];

function resourceDate(r: FhirJson): string | undefined {
  for (const f of DATE_FIELDS) {
    const v = values(r, f)[0];
    if (typeof v === 'string') return v;
  }
  return undefined;
}

function matchDate(r: FhirJson, query: string): boolean {
  const m = /^(eq|ne|gt|lt|ge|le|sa|eb)?(.+)$/.exec(query);
  const range = m?.[2] ? dateRange(m[2]) : undefined;
  if (!m || !range) throw new SearchError(400, 'invalid', `Ongeldige datum in zoekparameter: ${query}`);
  const d = resourceDate(r);
  const rr = d ? dateRange(d) : undefined;
  if (!rr) return false;
  const [ps, pe] = range;
  const [rs, re] = rr;
  switch (m[1] ?? 'eq') {
    case 'eq': return rs >= ps && re <= pe;
    case 'ne': return !(rs >= ps && re <= pe);
    case 'gt': case 'sa': return re > pe;
    case 'ge': return re > ps;
    case 'lt': case 'eb': return rs < ps;
    case 'le': return rs < pe;
    default: return false;
  }
}

// ---------------------------------------------------------------- search parameter table

type Matcher = (r: FhirJson, value: string) => boolean;
const token = (...paths: string[]): Matcher => (r, q) => matchToken(paths.flatMap((p) => values(r, p)).flatMap(tokens), q);
const date: Matcher = (r, q) => matchDate(r, q);

/**
 * Dutch medication process "periodofuse": the period of use (nl-core extension, or the dosage's
 * boundsPeriod) overlaps the asked date. No period at all counts as open-ended (still in use).
 */
const periodOfUse: Matcher = (r, q) => {
  const periods = [
    // zib 2017 PeriodOfUse, and Medicatieproces 9 3.0's ext-TimeInterval.Period
    ...asArray(r.extension).filter((e) => isObject(e) && typeof e.url === 'string' && /PeriodOfUse|TimeInterval\.Period/i.test(e.url)).map((e) => (e as FhirJson).valuePeriod),
    ...values(r, 'dosageInstruction.timing.repeat.boundsPeriod'),
  ].filter(isObject);
  if (periods.length === 0) return true;
  return periods.some((p) => matchDate({ date: typeof p.end === 'string' ? p.end : '9999-12-31' }, q));
};

/** Medication code lives on the resource or on the referenced Medication; the caller resolves that. */
const COMMON: Record<string, Matcher> = {
  _id: (r, q) => q.split(',').includes(String(r.id)),
  _lastUpdated: (r, q) => {
    const lu = isObject(r.meta) ? r.meta.lastUpdated : undefined;
    return typeof lu === 'string' && matchDate({ date: lu }, q);
  },
};

const BY_TYPE: Record<string, Record<string, Matcher>> = {
  Patient: { identifier: token('identifier') },
  Observation: { category: token('category'), code: token('code'), status: token('status'), date, 'combo-code': token('code', 'component.code') },
  Condition: { category: token('category'), code: token('code'), 'clinical-status': token('clinicalStatus'), 'verification-status': token('verificationStatus'), 'onset-date': date },
  AllergyIntolerance: { category: token('category'), code: token('code'), 'clinical-status': token('clinicalStatus') },
  Flag: { category: token('category'), status: token('status') },
  Consent: { category: token('category'), status: token('status') },
  Coverage: { status: token('status'), type: token('type') },
  MedicationStatement: { category: token('category'), status: token('status'), code: token('medicationCodeableConcept'), effective: date },
  MedicationRequest: { category: token('category'), status: token('status'), intent: token('intent'), code: token('medicationCodeableConcept'), authoredon: date, periodofuse: periodOfUse },
  MedicationDispense: { category: token('category'), status: token('status'), code: token('medicationCodeableConcept'), whenhandedover: date },
  MedicationAdministration: { category: token('category'), status: token('status'), 'effective-time': date },
  Immunization: { status: token('status'), 'vaccine-code': token('vaccineCode'), date },
  ImmunizationRecommendation: { status: token('recommendation.forecastStatus') },
  Procedure: { category: token('category'), code: token('code'), status: token('status'), date },
  ProcedureRequest: { status: token('status'), category: token('category'), code: token('code') },
  ServiceRequest: { status: token('status'), category: token('category'), code: token('code') },
  DeviceRequest: { status: token('status') },
  DeviceUseStatement: { status: token('status') },
  Encounter: { class: token('class'), status: token('status'), type: token('type'), date },
  EpisodeOfCare: { status: token('status'), type: token('type') },
  Appointment: { status: token('status'), 'service-type': token('serviceType'), date },
  NutritionOrder: { status: token('status') },
  DiagnosticReport: { category: token('category'), code: token('code'), status: token('status'), date },
  Specimen: { type: token('type') },
  DocumentReference: { status: token('status'), type: token('type'), category: token('category', 'class'), class: token('class'), date, indexed: date, period: date },
  DocumentManifest: { status: token('status'), type: token('type') },
  Composition: { type: token('type'), status: token('status'), class: token('class', 'category'), category: token('category', 'class'), date },
  QuestionnaireResponse: { status: token('status'), authored: date },
  Questionnaire: { status: token('status') },
  Task: { status: token('status'), code: token('code'), intent: token('intent'), 'authored-on': date },
  Binary: {},
  Practitioner: { identifier: token('identifier') },
  PractitionerRole: {},
  Organization: { identifier: token('identifier') },
  RelatedPerson: {},
  Location: {},
  Device: { type: token('type') },
  Medication: { code: token('code') },
  CarePlan: { status: token('status'), category: token('category') },
  CareTeam: { status: token('status'), category: token('category') },
  Goal: { 'lifecycle-status': token('lifecycleStatus'), category: token('category') },
};

export const SUPPORTED_TYPES = Object.keys(BY_TYPE);

// ---------------------------------------------------------------- references (_include/_revinclude)

/** Reference search parameter → element paths it follows. Unknown names fall back to camelCase. */
const REF_PATHS: Record<string, string[]> = {
  'general-practitioner': ['generalPractitioner'],
  medication: ['medicationReference'],
  payor: ['payor'],
  'related-target': ['related.target'],
  'has-member': ['hasMember'],
  'derived-from': ['derivedFrom'],
  specimen: ['specimen'],
  device: ['device', 'codeReference'],
  result: ['result'],
  performer: ['performer', 'performer.actor', 'performer.reference'],
  focus: ['focus'],
  requester: ['requester', 'requester.agent'],
  author: ['author'],
  custodian: ['custodian'],
  organization: ['organization', 'managingOrganization'],
  practitioner: ['practitioner', 'practitioner.actor'],
  participant: ['participant.individual'],
  actor: ['participant.actor'],
  encounter: ['encounter', 'context'],
  context: ['context', 'encounter'],
  'based-on': ['basedOn'],
  'part-of': ['partOf'],
  entry: ['section.entry', 'section.section.entry', 'content.pReference', 'content'],
  target: ['target'],
  subject: ['subject', 'for'],
  patient: ['patient', 'subject', 'beneficiary', 'for'],
  questionnaire: ['questionnaire', 'questionnaire.reference'],
  'related-ref': ['relatesTo.target', 'relatesTo.targetReference'],
  location: ['location', 'location.location'],
  'service-provider': ['serviceProvider'],
  source: ['source', 'informationSource'],
  recorder: ['recorder'],
  asserter: ['asserter'],
  'reason-reference': ['reasonReference'],
  dispenser: ['performer.actor'],
};

/** Where the same parameter name means a different element for one resource type. */
const TYPE_REF_PATHS: Record<string, string[]> = {
  'CareTeam:participant': ['participant.member'],
  'CarePlan:activity-goal': ['activity.detail.goal'],
  'CarePlan:activity-outcomereference': ['activity.outcomeReference'],
  'MedicationRequest:reason': ['reasonReference'],
};

/** Nictiz search parameters over an extension: the extension's valueReference at the given element. */
const NICTIZ_SD = 'http://nictiz.nl/fhir/StructureDefinition';
const EXTENSION_REFS: Record<string, { element?: string; url: string }> = {
  'CarePlan:activity-medicaldevice': { element: 'activity.detail', url: `${NICTIZ_SD}/extension-medicaldevice` },
  'MedicationRequest:next-practitioner': { url: `${NICTIZ_SD}/ext-MedicationAgreement.NextPractitioner` },
  'MedicationRequest:dispense-location': { element: 'dispenseRequest', url: `${NICTIZ_SD}/ext-DispenseRequest.DispenseLocation` },
  'MedicationStatement:prescriber': { url: `${NICTIZ_SD}/ext-MedicationUse2.Prescriber` },
  'MedicationStatement:author': { url: `${NICTIZ_SD}/ext-MedicationUse2.Author` },
};

const camel = (s: string) => s.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

function referencesOf(r: FhirJson, param: string): string[] {
  const key = `${String(r.resourceType)}:${param}`;
  const ext = EXTENSION_REFS[key];
  if (ext) {
    return values(r, ext.element ? `${ext.element}.extension` : 'extension')
      .filter((e) => isObject(e) && e.url === ext.url && isObject(e.valueReference) && typeof e.valueReference.reference === 'string')
      .map((e) => String(((e as FhirJson).valueReference as FhirJson).reference));
  }
  const paths = TYPE_REF_PATHS[key] ?? REF_PATHS[param] ?? [camel(param)];
  const out: string[] = [];
  for (const p of paths) {
    for (const v of values(r, p)) {
      if (isObject(v) && typeof v.reference === 'string') out.push(v.reference);
      else if (typeof v === 'string' && p.endsWith('reference')) out.push(v);
    }
  }
  return out;
}

/** 'Patient/x', 'https://…/Patient/x' and 'Patient/x/_history/1' all become 'Patient/x'. */
function normalizeRef(ref: string): string {
  const m = /([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(ref);
  return m ? `${m[1]}/${m[2]}` : ref;
}

// ---------------------------------------------------------------- the search

export function search(resources: FhirJson[], req: SearchRequest): SearchResult {
  const { resourceType, params, lastn } = req;
  const table = BY_TYPE[resourceType];
  if (!table) throw new SearchError(400, 'not-supported', `Resourcetype ${resourceType} wordt hier niet ondersteund.`);
  if (lastn && resourceType !== 'Observation') throw new SearchError(400, 'not-supported', '$lastn bestaat alleen voor Observation.');

  const byRef = new Map<string, FhirJson>();
  for (const r of resources) byRef.set(`${String(r.resourceType)}/${String(r.id)}`, r);

  let matches = resources.filter((r) => r.resourceType === resourceType);
  const includes: { type: string; param: string; target?: string; iterate: boolean }[] = [];
  const revincludes: { type: string; param: string; target?: string }[] = [];
  let sort: string | undefined;

  for (const [name, value] of params) {
    if (isPatientParam(name)) {
      throw new SearchError(400, 'security', `Zoekparameter "${name}" is niet toegestaan: het token bepaalt de patiënt.`);
    }
    if (isIncludeParam(name) || name === '_revinclude') {
      const [type, param, target, ...rest] = value.split(':');
      if (!type || !param || rest.length > 0) throw new SearchError(400, 'invalid', `Ongeldige ${name}: ${value}`);
      if (value === '*') throw new SearchError(400, 'not-supported', `${name}=* wordt niet ondersteund.`);
      // An iterating include starts from included resources, so its type may differ from the searched one.
      const iterate = name !== '_include' && name !== '_revinclude';
      if (name === '_include' && type !== resourceType) throw new SearchError(400, 'invalid', `_include=${value} hoort niet bij ${resourceType}.`);
      if (!BY_TYPE[type]) throw new SearchError(400, 'not-supported', `Onbekend resourcetype in ${name}: ${type}`);
      if (name === '_revinclude') revincludes.push({ type, param, target });
      else includes.push({ type, param, target, iterate });
      continue;
    }
    if (name === '_sort') {
      if (!['date', '-date', '_id', '-_id', '_lastUpdated', '-_lastUpdated'].includes(value)) {
        throw new SearchError(400, 'not-supported', `_sort=${value} wordt niet ondersteund.`);
      }
      sort = value;
      continue;
    }
    if (name === 'max') {
      if (!lastn) throw new SearchError(400, 'not-supported', 'max kan alleen met $lastn.');
      if (!/^[1-9]\d{0,3}$/.test(value)) throw new SearchError(400, 'invalid', `Ongeldige max: ${value}`);
      continue;
    }
    if (CONTROL_PARAMS.has(name)) continue;
    const matcher = COMMON[name] ?? table[name];
    if (!matcher) {
      throw new SearchError(400, 'not-supported', `Zoekparameter "${name}" wordt voor ${resourceType} niet ondersteund door deze testzorgaanbieder.`);
    }
    if (value === '') throw new SearchError(400, 'invalid', `Zoekparameter "${name}" is leeg.`);
    matches = matches.filter((r) => {
      if (matcher(r, value)) return true;
      // Medication*: code may sit on the referenced Medication.
      if (name === 'code' && resourceType.startsWith('Medication') && resourceType !== 'Medication') {
        const med = referencesOf(r, 'medication').map((ref) => byRef.get(normalizeRef(ref)))[0];
        return med ? token('code')(med, value) : false;
      }
      return false;
    });
  }

  if (lastn) {
    const max = Number(params.get('max') ?? '1');
    const groups = new Map<string, FhirJson[]>();
    for (const r of matches) {
      const t = tokens(r.code)[0];
      const key = t ? `${t.system ?? ''}|${t.code}` : `#${String(r.id)}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const latest = (a: FhirJson, b: FhirJson) => (resourceDate(b) ?? '').localeCompare(resourceDate(a) ?? '');
    const keep = new Set([...groups.values()].flatMap((g) => [...g].sort(latest).slice(0, max)));
    matches = matches.filter((r) => keep.has(r));
  }

  if (sort) {
    const desc = sort.startsWith('-');
    const key = sort.replace(/^-/, '');
    const get = (r: FhirJson) =>
      key === 'date' ? (resourceDate(r) ?? '') : key === '_id' ? String(r.id) : String(isObject(r.meta) ? (r.meta.lastUpdated ?? '') : '');
    matches = [...matches].sort((a, b) => (desc ? get(b).localeCompare(get(a)) : get(a).localeCompare(get(b))));
  }

  const includesFor = (page: FhirJson[]): FhirJson[] => {
    const seen = new Set(page);
    const out: FhirJson[] = [];
    const add = (r: FhirJson | undefined) => {
      if (r && !seen.has(r)) {
        seen.add(r);
        out.push(r);
      }
    };
    const follow = (inc: (typeof includes)[number], from: FhirJson[]) => {
      for (const r of from) {
        if (r.resourceType !== inc.type) continue;
        for (const ref of referencesOf(r, inc.param)) {
          const key = normalizeRef(ref);
          if (inc.target && !key.startsWith(`${inc.target}/`)) continue;
          add(byRef.get(key));
        }
      }
    };
    for (const inc of includes.filter((i) => !i.iterate)) follow(inc, page);
    // Iterating includes run over everything found so far until nothing new turns up.
    const iterating = includes.filter((i) => i.iterate);
    for (let before = -1; iterating.length > 0 && before !== out.length; ) {
      before = out.length;
      for (const inc of iterating) follow(inc, [...page, ...out]);
    }
    for (const rev of revincludes) {
      const targets = new Set(page.map((r) => `${String(r.resourceType)}/${String(r.id)}`));
      for (const r of resources) {
        if (r.resourceType !== rev.type) continue;
        if (referencesOf(r, rev.param).some((ref) => targets.has(normalizeRef(ref)))) add(r);
      }
    }
    return out;
  };

  return { matches, includesFor };
}
