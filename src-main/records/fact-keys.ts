/**
 * When are two resources from two sources the same clinical fact? Then they are one record with two
 * sources (apply-import.ts), not two items on Overzicht.
 *
 * A resource gets fact keys; two resources of different sources that share one are the same fact:
 * - `c:` its clinical content: everything it says except what differs between copies of the same fact
 *   (see clinicalContent), so "Suikerziekte type 2" from an STU3 file and from an R4 file match.
 * - `i:` per business identifier (system + value), together with its code, its clinical date and its
 *   value: the same identifier alone is not enough, so a corrected value is never hidden behind the
 *   first one.
 *
 * Safety: nothing that tells two facts apart is ever ignored. Two HbA1c results on different dates,
 * with different values, for different body sites, from different specimens or prescribing different
 * medicines differ in their content, so they stay two. Only labels (a code's display text, a
 * reference's display next to its reference), the person the data is about (every record in a
 * profile is about its person), and STU3→R4 conversion leftovers are left out.
 */
import type { FhirJson } from '../fhir/types';
import { isObject } from '../fhir/types';
import type { IndexFields } from './fhir-functions';
import { canonicalJson, sha256Hex } from './hashing';

/** Code systems that name the same codes (the interpretation flags H, L, N…: v2 table 0078 is v3's). */
const sameSystem: Record<string, string> = {
  'http://terminology.hl7.org/CodeSystem/v2-0078': 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  'http://hl7.org/fhir/v2/0078': 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  'http://hl7.org/fhir/v3/ObservationInterpretation': 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
};

/**
 * Extensions an STU3 copy carries and an R4 copy of the same fact does not: STU3 elements without an
 * R4 home (cross-version extensions), and the asserted date that R4 holds in recordedDate.
 */
function isConversionExtension(url: unknown): boolean {
  return (
    typeof url === 'string' &&
    (url.startsWith('http://hl7.org/fhir/3.0/StructureDefinition/extension-') || url === 'http://hl7.org/fhir/StructureDefinition/condition-assertedDate')
  );
}

const patientReference = /(^|\/)Patient\/[^/]+$/;

function isPatientReference(value: FhirJson): boolean {
  if (typeof value.reference === 'string') return patientReference.test(value.reference);
  return value.type === 'Patient' && ('identifier' in value || 'display' in value);
}

function normalized(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value
      .filter((item) => !(isObject(item) && isPatientReference(item)))
      .map(normalized)
      .filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (!isObject(value)) return value;
  const out: FhirJson = {};
  const coded = Array.isArray(value.coding) && value.coding.some((c) => isObject(c) && typeof c.code === 'string');
  const isCoding = typeof value.code === 'string' && typeof value.system === 'string' && !('value' in value) && !('unit' in value);
  const isReference = typeof value.reference === 'string';
  for (const [key, item] of Object.entries(value)) {
    // A label beside the code or reference that identifies it.
    if (key === 'display' && (isCoding || isReference)) continue;
    if (key === 'text' && coded) continue;
    if (isCoding && (key === 'version' || key === 'userSelected')) continue;
    if ((key === 'extension' || key === 'modifierExtension') && Array.isArray(item)) {
      const kept = normalized(item.filter((ext) => !(isObject(ext) && isConversionExtension(ext.url))));
      if (kept !== undefined) out[key] = kept;
      continue;
    }
    // The person the data is about: the same in every record of the profile, but named differently per source.
    if (isObject(item) && isPatientReference(item)) continue;
    const next = isCoding && key === 'system' && typeof item === 'string' ? (sameSystem[item] ?? item) : normalized(item);
    if (next !== undefined) out[key] = next;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** What a resource says as a fact: without id, meta, narrative, labels and the person it is about. */
export function clinicalContent(r4: FhirJson): FhirJson {
  const { id: _id, meta: _meta, text: _text, ...rest } = r4;
  return (normalized(rest) as FhirJson | undefined) ?? { resourceType: r4.resourceType };
}

/** The value a resource reports (value[x] and components), for the identifier key. */
function valueSignature(r4: FhirJson): unknown {
  const values = Object.entries(r4).filter(([key]) => key.startsWith('value') || key === 'component');
  return normalized(Object.fromEntries(values)) ?? null;
}

/** Keys per resource object: an import computes them, and the derived tables then read the same object. */
const computed = new WeakMap<FhirJson, string[]>();

export function factKeysOf(r4: FhirJson, indexFields: (r4: FhirJson) => IndexFields): string[] {
  let keys = computed.get(r4);
  if (!keys) {
    keys = computeFactKeys(r4, indexFields);
    computed.set(r4, keys);
  }
  return keys;
}

function computeFactKeys(r4: FhirJson, indexFields: (r4: FhirJson) => IndexFields): string[] {
  const keys = [`c:${sha256Hex(canonicalJson(clinicalContent(r4)))}`];
  const identifiers = Array.isArray(r4.identifier) ? r4.identifier : [];
  if (identifiers.length === 0) return keys;
  const index = indexFields(r4);
  const value = valueSignature(r4);
  const seen = new Set<string>();
  for (const identifier of identifiers) {
    if (!isObject(identifier) || typeof identifier.system !== 'string' || typeof identifier.value !== 'string') continue;
    const key = `i:${sha256Hex(canonicalJson([r4.resourceType, identifier.system, identifier.value, index.code, index.date, value]))}`;
    if (!seen.has(key)) keys.push(key);
    seen.add(key);
  }
  return keys;
}
