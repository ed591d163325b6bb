/**
 * indexFields: the columns the UI queries, from an R4-form resource.
 * date is the clinically relevant moment, first found of: effective[x], occurrence[x], onset[x],
 * performed[x], authoredOn, period.start, whenHandedOver, recordedDate, dateAsserted, issued,
 * date, start, created, authored, recorded, startDate/statusDate (Goal), birthDate (for Patient) — a
 * Period/Timing yields its start.
 * code/display come from code, medication, vaccineCode…; for Goal its description, for
 * ImmunizationRecommendation the first recommendation's vaccine, for DeviceRequest code[x].
 */
import { isObject, type FhirJson } from './types';

export interface IndexFields {
  resourceType: string;
  category: string | null;
  code: string | null;
  display: string | null;
  date: string | null;
  status: string | null;
  patientRef: string | null;
}

const DATE_KEYS = ['effectiveDateTime', 'effectiveInstant', 'effectivePeriod', 'effectiveTiming', 'occurrenceDateTime',
  'occurrencePeriod', 'occurrenceTiming', 'onsetDateTime', 'onsetPeriod', 'performedDateTime', 'performedPeriod',
  'authoredOn', 'period', 'timingPeriod', 'timingDateTime', 'whenHandedOver', 'whenPrepared', 'recordedDate',
  'dateAsserted', 'issued', 'date', 'start', 'created', 'authored', 'recorded', 'collectedDateTime',
  'executionPeriod', 'dateTime', 'lastModified', 'startDate', 'statusDate', 'birthDate'];
const CODE_KEYS = ['code', 'medicationCodeableConcept', 'vaccineCode', 'type', 'serviceType', 'class', 'relationship',
  'specialty', 'scope', 'oralDiet', 'category'];
const PATIENT_KEYS = ['subject', 'patient', 'beneficiary', 'for', 'individual'];

export function indexFields(r: FhirJson): IndexFields {
  const type = String(r.resourceType);
  const codeEl = pickCode(r, type);
  const coding = firstCoding(codeEl);
  return {
    resourceType: type,
    category: categoryOf(r),
    code: coding && typeof coding.code === 'string' ? `${typeof coding.system === 'string' ? coding.system : ''}|${coding.code}` : null,
    display: displayOf(r, type, codeEl),
    date: dateOf(r),
    status: statusOf(r),
    patientRef: patientRefOf(r, type),
  };
}

function pickCode(r: FhirJson, type: string): unknown {
  if (type === 'Encounter' && r.class !== undefined) return { coding: [r.class] };
  // What these are about sits under another name: the goal itself, the vaccine, the device.
  if (type === 'Goal') return r.description;
  if (type === 'ImmunizationRecommendation') {
    const rec = Array.isArray(r.recommendation) ? r.recommendation.find(isObject) : undefined;
    if (!rec) return undefined;
    return Array.isArray(rec.vaccineCode) && rec.vaccineCode.length > 0 ? rec.vaccineCode[0] : rec.targetDisease;
  }
  if (type === 'DeviceRequest') return r.codeCodeableConcept;
  for (const k of CODE_KEYS) {
    if (k === 'category' && type !== 'Flag') continue;
    if (r[k] !== undefined) return Array.isArray(r[k]) ? (r[k] as unknown[])[0] : r[k];
  }
  return undefined;
}

function firstCoding(cc: unknown): FhirJson | null {
  if (!isObject(cc)) return null;
  if (Array.isArray(cc.coding)) return (cc.coding.find(isObject) as FhirJson | undefined) ?? null;
  return typeof cc.code === 'string' ? cc : null;
}

function conceptText(cc: unknown): string | null {
  if (!isObject(cc)) return null;
  if (typeof cc.text === 'string' && cc.text) return cc.text;
  const c = Array.isArray(cc.coding) ? cc.coding.find((x) => isObject(x) && typeof x.display === 'string') : undefined;
  if (isObject(c)) return c.display as string;
  return typeof cc.display === 'string' ? cc.display : null;
}

function displayOf(r: FhirJson, type: string, codeEl: unknown): string | null {
  const fromCode = conceptText(codeEl);
  if (fromCode) return fromCode;
  for (const k of ['medicationReference', 'codeReference']) {
    const ref = r[k];
    if (isObject(ref) && typeof ref.display === 'string') return ref.display;
  }
  const name = Array.isArray(r.name) ? r.name[0] : r.name;
  if (typeof name === 'string') return name;
  if (isObject(name)) {
    if (typeof name.text === 'string') return name.text;
    const given = Array.isArray(name.given) ? name.given.join(' ') : '';
    const full = [given, name.family].filter((x) => typeof x === 'string' && x).join(' ');
    if (full) return full;
  }
  for (const k of ['title', 'description', 'contentType']) if (typeof r[k] === 'string') return r[k] as string;
  return type === 'Binary' ? null : null;
}

function dateOf(r: FhirJson): string | null {
  for (const k of DATE_KEYS) {
    const v = r[k];
    if (typeof v === 'string') return v;
    if (isObject(v)) {
      if (typeof v.start === 'string') return v.start;
      if (typeof v.end === 'string') return v.end;
      const ev = v.event;
      if (Array.isArray(ev) && typeof ev[0] === 'string') return ev[0];
      const rep = v.repeat;
      if (isObject(rep) && isObject(rep.boundsPeriod) && typeof rep.boundsPeriod.start === 'string') return rep.boundsPeriod.start;
    }
  }
  return null;
}

function categoryOf(r: FhirJson): string | null {
  const cat = Array.isArray(r.category) ? r.category[0] : r.category;
  if (typeof cat === 'string') return cat;
  const c = firstCoding(cat);
  if (c && typeof c.code === 'string') return c.code;
  return conceptText(cat);
}

function statusOf(r: FhirJson): string | null {
  if (typeof r.status === 'string') return r.status;
  if (typeof r.lifecycleStatus === 'string') return r.lifecycleStatus; // Goal
  const cs = firstCoding(r.clinicalStatus);
  if (cs && typeof cs.code === 'string') return cs.code;
  if (typeof r.active === 'boolean') return r.active ? 'active' : 'inactive';
  return null;
}

function patientRefOf(r: FhirJson, type: string): string | null {
  if (type === 'Patient') return typeof r.id === 'string' ? `Patient/${r.id}` : null;
  for (const k of PATIENT_KEYS) {
    const v = r[k];
    if (isObject(v) && typeof v.reference === 'string') return v.reference;
  }
  const participants = r.participant;
  if (Array.isArray(participants)) {
    for (const p of participants) {
      if (isObject(p) && isObject(p.actor) && typeof p.actor.reference === 'string' && /(^|\/)Patient\//.test(p.actor.reference)) return p.actor.reference;
    }
  }
  return null;
}
