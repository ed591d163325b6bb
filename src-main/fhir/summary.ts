/**
 * indexFields: the columns the UI queries, from an R4-form resource.
 * date is the clinically relevant moment, first found of: effective[x], occurrence[x], onset[x],
 * performed[x], authoredOn, period.start, whenHandedOver, recordedDate, dateAsserted, issued,
 * date, start, created, authored, recorded, startDate/statusDate (Goal), birthDate (for Patient) — a
 * Period/Timing yields its start; a DocumentReference without any falls back to its attachment's creation.
 * code/display come from code, medication, vaccineCode…; for Goal its description, for
 * ImmunizationRecommendation the first recommendation's vaccine, for DeviceRequest code[x]; a
 * treatment directive (behandelaanwijzing) is its treatment and whether it is permitted, e.g.
 * "Reanimatie: niet toegestaan", an advance directive (wilsverklaring) its most specific kind.
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
  if (type === 'Consent') return consentCode(r);
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
  if (type === 'Consent') return consentDisplay(r, codeEl);
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

// ---------------------------------------------------------------- Consent (zib wilsverklaring, behandelaanwijzing)

const SNOMED = 'http://snomed.info/sct';
const TREATMENT_DIRECTIVE = '11291000146105';
const ADVANCE_DIRECTIVE = '11341000146107';
const TREATMENT_PERMITTED = 'http://nictiz.nl/fhir/StructureDefinition/zib-TreatmentDirective-TreatmentPermitted';

function codingsOf(cc: unknown): FhirJson[] {
  return isObject(cc) && Array.isArray(cc.coding) ? cc.coding.filter(isObject) : [];
}

function isTreatmentDirective(r: FhirJson): boolean {
  const categories = Array.isArray(r.category) ? r.category : [];
  if (categories.some((c) => codingsOf(c).some((x) => x.system === SNOMED && x.code === TREATMENT_DIRECTIVE))) return true;
  return codingsOf(r.scope).some((x) => x.code === 'treatment');
}

function consentCode(r: FhirJson): unknown {
  const provision = isObject(r.provision) ? r.provision : undefined;
  if (isTreatmentDirective(r) && provision && Array.isArray(provision.code) && provision.code.length > 0) return provision.code[0];
  // The most specific kind of directive: a category other than the generic zib ones (e.g. "Niet reanimeren verklaring").
  const categories = Array.isArray(r.category) ? r.category : [];
  return categories.find((c) => !codingsOf(c).some((x) => x.system === SNOMED && (x.code === TREATMENT_DIRECTIVE || x.code === ADVANCE_DIRECTIVE))) ?? categories[0];
}

/** Whether the treatment may be given, in plain Dutch; null when the directive does not say. */
function permissionWords(r: FhirJson): string | null {
  const modifiers = Array.isArray(r.modifierExtension) ? r.modifierExtension.filter(isObject) : [];
  const permitted = modifiers.find((e) => e.url === TREATMENT_PERMITTED);
  const codes = codingsOf(permitted?.valueCodeableConcept).map((c) => c.code);
  if (codes.includes('JA_MAAR')) return 'toegestaan, met beperkingen';
  const type = isObject(r.provision) ? r.provision.type : undefined;
  if (type === 'deny' || codes.includes('NEE')) return 'niet toegestaan';
  if (type === 'permit' || codes.includes('JA')) return 'toegestaan';
  return null;
}

function consentDisplay(r: FhirJson, codeEl: unknown): string | null {
  if (isTreatmentDirective(r)) {
    const treatment = conceptText(codeEl) ?? 'Behandeling';
    const permission = permissionWords(r);
    return permission ? `${treatment}: ${permission}` : treatment;
  }
  const attachment = isObject(r.sourceAttachment) && typeof r.sourceAttachment.title === 'string' ? r.sourceAttachment.title : null;
  return conceptText(codeEl) ?? attachment;
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
  // A document without a reference date (e.g. one the person added) is dated by its file's creation.
  if (r.resourceType === 'DocumentReference' && Array.isArray(r.content)) {
    for (const item of r.content) {
      if (isObject(item) && isObject(item.attachment) && typeof item.attachment.creation === 'string') return item.attachment.creation;
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
