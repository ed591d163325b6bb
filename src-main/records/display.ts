/**
 * The short, patient-readable fields of a record: title, value line and out-of-range flag, and the
 * period a medication or appointment covers (for the Overzicht).
 */
import { type ValueSet, valueWord } from '../../src-preload/contract/value-sets';
import { isObject, type FhirJson } from '../fhir/types';
import type { IndexFields } from './fhir-functions';
import { dosagesLine } from './dosage-text';
import { conceptName, contentTypeText } from './presentation/values';
import { dutchResourceName } from './resource-names';

const nlNumber = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 6, useGrouping: false });

/** Blood pressure component codes: LOINC and SNOMED CT (zib 2020) for systolic, diastolic. */
export const systolicCodes: ReadonlySet<string> = new Set(['8480-6', '271649006']);
export const diastolicCodes: ReadonlySet<string> = new Set(['8462-4', '271650006']);
const highCodes = new Set(['H', 'HH', 'HU', '>']);
const lowCodes = new Set(['L', 'LL', 'LU', '<']);
const abnormalCodes = new Set(['A', 'AA']);

export function titleOf(r4: FhirJson, index: IndexFields): string {
  const type = index.resourceType;
  const name = personName(r4);
  if (name) return name;
  if (type === 'Binary') return contentTypeText(r4.contentType, 'nl') ?? dutchResourceName(type);
  // What kind of contact ("Consultatie"), else its class in words: the HL7 class displays are English.
  if (type === 'Encounter') return nonEmpty(conceptName(Array.isArray(r4.type) ? r4.type[0] : null, 'nl') ?? capitalized(conceptName(r4.class, 'nl'))) ?? dutchResourceName(type);
  if (type === 'PractitionerRole') return nonEmpty(roleName(r4)) ?? nonEmpty(index.display) ?? dutchResourceName(type);
  // An organization or place by its name, not its kind ("Openbare apotheek").
  if (['Organization', 'Location', 'HealthcareService'].includes(type) && typeof r4.name === 'string' && r4.name.trim()) return r4.name.trim();
  return nonEmpty(index.display) ?? dutchResourceName(type);
}

function capitalized(text: string | null): string | null {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : null;
}

/** "who, where" for a PractitionerRole, as its own references name them. */
export function roleName(r4: FhirJson): string | null {
  const parts = [r4.practitioner, r4.organization]
    .map((r) => (isObject(r) && typeof r.display === 'string' && r.display.trim() ? r.display.trim() : null))
    .filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : null;
}

/** A Patient's, Practitioner's or RelatedPerson's name as written (the official one first). */
export function personName(r4: FhirJson): string | null {
  if (!['Patient', 'Practitioner', 'RelatedPerson'].includes(String(r4.resourceType))) return null;
  const names = Array.isArray(r4.name) ? r4.name.filter(isObject) : [];
  // zib NameInformation: prefer the official name.
  const name = names.find((n) => n.use === 'official') ?? names[0];
  if (!name) return null;
  if (typeof name.text === 'string' && name.text.trim()) return name.text.trim();
  const parts = [...(Array.isArray(name.given) ? name.given : []), name.family].filter(
    (part): part is string => typeof part === 'string' && part.trim() !== '',
  );
  return parts.length > 0 ? parts.join(' ') : null;
}

export interface ValueInfo {
  valueText: string | null;
  outOfRange: boolean;
}

export function valueOf(r4: FhirJson): ValueInfo {
  const type = r4.resourceType;
  if (type === 'Observation') return observationValue(r4);
  if (['MedicationStatement', 'MedicationRequest', 'MedicationDispense', 'MedicationAdministration'].includes(String(type))) {
    return { valueText: dosageText(r4), outOfRange: false };
  }
  return { valueText: line(planLine(r4)), outOfRange: false };
}

/**
 * The second line of care-planning records, where the title alone says little: who is in a care team,
 * what a care plan's activities are, how far a goal is, a vaccination advice's state, why a device,
 * how long a questionnaire is.
 */
function planLine(r4: FhirJson): string[] {
  const concepts = (v: unknown) => (Array.isArray(v) ? v : [v]).filter(isObject).map(conceptText).filter((t): t is string => t !== null);
  switch (r4.resourceType) {
    case 'CareTeam':
      return listOf(r4.participant).map((p) => {
        const name = isObject(p.member) && typeof p.member.display === 'string' ? p.member.display.trim() : '';
        const role = concepts(p.role)[0];
        return name && role ? `${name} (${role})` : name || role || '';
      });
    case 'CarePlan':
      return listOf(r4.activity).map((a) => {
        const d = isObject(a.detail) ? a.detail : {};
        const ref = isObject(a.reference) && typeof a.reference.display === 'string' ? a.reference.display : null;
        return concepts(d.code)[0] ?? (typeof d.description === 'string' ? d.description : null) ?? ref ?? '';
      });
    case 'Goal': {
      const targets = listOf(r4.target).map((t) => {
        // detail[x] has the shapes of Observation.value[x].
        const value = valueText(Object.fromEntries(Object.entries(t).map(([k, v]) => [k.replace(/^detail/, 'value'), v])));
        const measure = concepts(t.measure)[0];
        return measure && value ? `${measure}: ${value}` : value ?? '';
      });
      return [...targets, codeWord(r4.achievementStatus, 'goalAchievement') ?? ''];
    }
    case 'ImmunizationRecommendation': {
      const rec = listOf(r4.recommendation)[0];
      if (!rec) return [];
      const dose = typeof rec.doseNumberPositiveInt === 'number' ? `dosis ${rec.doseNumberPositiveInt}` : (typeof rec.doseNumberString === 'string' ? rec.doseNumberString : '');
      return [codeWord(rec.forecastStatus, 'forecastStatus') ?? '', dose];
    }
    case 'DeviceRequest':
      return concepts(r4.reasonCode);
    case 'Questionnaire': {
      const n = questionCount(r4.item);
      return n > 0 ? [n === 1 ? '1 vraag' : `${n} vragen`] : [];
    }
    default:
      return [];
  }
}

function questionCount(items: unknown): number {
  return listOf(items).reduce((n, item) => n + (item.type === 'group' || item.type === 'display' ? 0 : 1) + questionCount(item.item), 0);
}

function listOf(v: unknown): FhirJson[] {
  return (Array.isArray(v) ? v : [v]).filter(isObject);
}

/** A status concept as a Dutch word when its code is known, else as the sender wrote it. */
function codeWord(concept: unknown, set: ValueSet): string | null {
  if (!isObject(concept)) return null;
  const codings = Array.isArray(concept.coding) ? concept.coding.filter(isObject) : [];
  for (const c of codings) {
    const word = typeof c.code === 'string' ? valueWord(set, c.code, 'nl') : null;
    if (word) return word;
  }
  return conceptText(concept);
}

function line(parts: string[]): string | null {
  const text = parts.map((p) => p.trim()).filter((p) => p !== '').join(' · ');
  return text ? text.slice(0, 200) : null;
}

function observationValue(r4: FhirJson): ValueInfo {
  const components = Array.isArray(r4.component) ? r4.component.filter(isObject) : [];
  const systolic = components.find((c) => hasCode(c.code, systolicCodes));
  const diastolic = components.find((c) => hasCode(c.code, diastolicCodes));
  if (systolic && diastolic && isObject(systolic.valueQuantity) && isObject(diastolic.valueQuantity)) {
    const sys = systolic.valueQuantity;
    const dia = diastolic.valueQuantity;
    if (typeof sys.value === 'number' && typeof dia.value === 'number') {
      const direction = [systolic, diastolic, r4].map(rangeDirection).find((d) => d !== null) ?? null;
      const unit = unitOf(sys) ?? 'mmHg';
      return withDirection(`${nlNumber.format(sys.value)}/${nlNumber.format(dia.value)} ${unit}`, direction);
    }
  }
  const text = valueText(r4) ?? (components.length > 0 ? componentsText(components) : null);
  return withDirection(text, rangeDirection(r4));
}

function componentsText(components: FhirJson[]): string | null {
  const parts = components.map((c) => valueText(c)).filter((t): t is string => t !== null);
  return parts.length > 0 ? parts.join(' · ') : null;
}

function withDirection(text: string | null, direction: Direction): ValueInfo {
  if (direction === null) return { valueText: text, outOfRange: false };
  const word = direction === 'high' ? 'hoog' : direction === 'low' ? 'laag' : 'afwijkend';
  return { valueText: text ? `${text} (${word})` : null, outOfRange: true };
}

/** The value[x] of an Observation or component as a Dutch line. */
function valueText(element: FhirJson): string | null {
  const q = element.valueQuantity;
  if (isObject(q) && typeof q.value === 'number') {
    const comparator = typeof q.comparator === 'string' ? `${q.comparator} ` : '';
    const unit = unitOf(q);
    return `${comparator}${nlNumber.format(q.value)}${unit ? ` ${unit}` : ''}`;
  }
  if (isObject(element.valueCodeableConcept)) return conceptText(element.valueCodeableConcept);
  if (typeof element.valueString === 'string') return element.valueString.trim().slice(0, 200) || null;
  if (typeof element.valueBoolean === 'boolean') return element.valueBoolean ? 'ja' : 'nee';
  if (typeof element.valueInteger === 'number') return nlNumber.format(element.valueInteger);
  if (isObject(element.valueRange)) {
    const low = element.valueRange.low;
    const high = element.valueRange.high;
    const lowText = isObject(low) && typeof low.value === 'number' ? nlNumber.format(low.value) : '';
    const highText = isObject(high) && typeof high.value === 'number' ? nlNumber.format(high.value) : '';
    const unit = (isObject(high) && unitOf(high)) || (isObject(low) && unitOf(low)) || '';
    return lowText || highText ? `${lowText}–${highText}${unit ? ` ${unit}` : ''}` : null;
  }
  if (typeof element.valueDateTime === 'string') return element.valueDateTime;
  return null;
}

function unitOf(quantity: FhirJson): string | null {
  if (typeof quantity.unit === 'string' && quantity.unit) return quantity.unit;
  if (typeof quantity.code === 'string' && quantity.code) return quantity.code;
  return null;
}

type Direction = 'high' | 'low' | 'abnormal' | null;

/** Interpretation codes first (the lab's own judgement), then the reference range. */
export function rangeDirection(element: FhirJson): Direction {
  const interpretations = Array.isArray(element.interpretation) ? element.interpretation : [element.interpretation];
  for (const concept of interpretations) {
    if (!isObject(concept) || !Array.isArray(concept.coding)) continue;
    for (const coding of concept.coding) {
      if (!isObject(coding) || typeof coding.code !== 'string') continue;
      if (highCodes.has(coding.code)) return 'high';
      if (lowCodes.has(coding.code)) return 'low';
      if (abnormalCodes.has(coding.code)) return 'abnormal';
    }
  }
  const q = element.valueQuantity;
  if (!isObject(q) || typeof q.value !== 'number' || q.comparator !== undefined) return null;
  const ranges = Array.isArray(element.referenceRange) ? element.referenceRange.filter(isObject) : [];
  for (const range of ranges) {
    const low = isObject(range.low) && typeof range.low.value === 'number' ? range.low.value : null;
    const high = isObject(range.high) && typeof range.high.value === 'number' ? range.high.value : null;
    if (high !== null && q.value > high) return 'high';
    if (low !== null && q.value < low) return 'low';
  }
  return null;
}

/** The instructions as written, else the structured dosage in plain Dutch (see dosage-text.ts). */
function dosageText(r4: FhirJson): string | null {
  return dosagesLine(r4.dosage ?? r4.dosageInstruction)?.slice(0, 200) ?? null;
}

function hasCode(concept: unknown, codes: ReadonlySet<string>): boolean {
  if (!isObject(concept) || !Array.isArray(concept.coding)) return false;
  return concept.coding.some((c) => isObject(c) && typeof c.code === 'string' && codes.has(c.code));
}

function conceptText(concept: FhirJson): string | null {
  if (typeof concept.text === 'string' && concept.text.trim()) return concept.text.trim();
  const coding = Array.isArray(concept.coding) ? concept.coding.find((c) => isObject(c) && typeof c.display === 'string') : null;
  return isObject(coding) ? String(coding.display) : null;
}

function nonEmpty(text: string | null): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed.slice(0, 300) : null;
}

/**
 * The period a medication use/agreement or appointment covers; null ends mean "open": start/end,
 * effective[x], period, the zib PeriodOfUse / MP9 TimeInterval extension, the dosage's bounds, or
 * (dispense requests) the validity period.
 */
export function periodOf(r4: FhirJson): { start: string | null; end: string | null } {
  const candidates: unknown[] = [r4.effectivePeriod, r4.period];
  if (typeof r4.start === 'string' || typeof r4.end === 'string') candidates.unshift({ start: r4.start, end: r4.end });
  if (typeof r4.effectiveDateTime === 'string') candidates.push({ start: r4.effectiveDateTime });
  for (const extension of Array.isArray(r4.extension) ? r4.extension : []) {
    if (isObject(extension) && typeof extension.url === 'string' && /PeriodOfUse|TimeInterval[-.]Period/.test(extension.url)) {
      candidates.push(extension.valuePeriod);
    }
  }
  for (const field of ['dosage', 'dosageInstruction']) {
    const list = r4[field];
    if (!Array.isArray(list)) continue;
    for (const dosage of list) {
      if (isObject(dosage) && isObject(dosage.timing) && isObject(dosage.timing.repeat)) candidates.push(dosage.timing.repeat.boundsPeriod);
    }
  }
  if (isObject(r4.dispenseRequest)) candidates.push(r4.dispenseRequest.validityPeriod);
  for (const period of candidates) {
    if (!isObject(period)) continue;
    const start = typeof period.start === 'string' ? period.start : null;
    const end = typeof period.end === 'string' ? period.end : null;
    if (start || end) return { start, end };
  }
  return { start: null, end: null };
}

/**
 * Sortable form of a FHIR date/dateTime: the wall-clock time as written (a patient reads a letter's
 * date as the provider wrote it, not shifted to UTC); '' sorts after every date in descending order.
 */
export function sortKeyOf(date: string | null): string {
  if (!date) return '';
  const match = /^(\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?)?)?)/.exec(date);
  return match?.[1] ?? '';
}
