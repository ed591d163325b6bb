import { lookupElement } from '../cardinality/element-table';
import { R4_ELEMENTS } from '../cardinality/element-table.generated';
import { isObject } from '../types';
import { preserve, type R } from './helpers';

/**
 * Shared last step of every conversion: many elements changed cardinality between STU3 and R4
 * (Observation.interpretation, Flag.category, Encounter.appointment, RelatedPerson.relationship…).
 * Walks the R4 element table and wraps singletons where R4 repeats; where R4 allows one, keeps the
 * first and preserves the rest as extensions. Contained resources are converted via `convert`.
 */
export function fixCardinality(resource: R, convert: (r: R) => R): R {
  walk(resource, resource.resourceType as string, resource, convert);
  return resource;
}

/**
 * HL7 code systems that moved to terminology.hl7.org in R4 (the v2/v3 tables and the FHIR-defined
 * systems a PGO meets); others, like administrative-gender or sid/*, kept their URL.
 */
const MOVED_SYSTEMS = new Set(['observation-category', 'condition-category', 'condition-clinical', 'condition-ver-status',
  'allergyintolerance-clinical', 'allergyintolerance-verification', 'diagnosis-role', 'medication-statement-category',
  'medication-request-category', 'medication-dispense-category', 'consentscope', 'consentcategorycodes', 'coverage-class',
  'flag-category', 'condition-state', 'immunization-origin', 'observation-statistics', 'referencerange-meaning',
  'goal-category', 'goal-priority', 'immunization-recommendation-status']);

export function r4System(system: string): string {
  const m = /^http:\/\/hl7\.org\/fhir\/(?:(v2)\/(\d{4})|(v3)\/([A-Za-z]+)|([a-z-]+))$/.exec(system);
  if (!m) return system;
  if (m[1]) return `http://terminology.hl7.org/CodeSystem/v2-${m[2]}`;
  if (m[3]) return `http://terminology.hl7.org/CodeSystem/v3-${m[4]}`;
  return MOVED_SYSTEMS.has(m[5]!) ? `http://terminology.hl7.org/CodeSystem/${m[5]}` : system;
}

function walk(obj: R, typeKey: string, resource: R, convert: (r: R) => R): void {
  if ((typeKey === 'Coding' || typeKey === 'Identifier' || typeKey === 'Quantity') && typeof obj.system === 'string') obj.system = r4System(obj.system);
  for (const key of Object.keys(obj)) {
    if (key === 'resourceType' || key.startsWith('_')) continue;
    const info = key === 'extension' || key === 'modifierExtension' ? { array: true, kind: 'Extension' } : lookupElement(R4_ELEMENTS, typeKey, key);
    let value = obj[key];
    if (info.array && !Array.isArray(value)) {
      value = obj[key] = [value];
      if (obj[`_${key}`] !== undefined && !Array.isArray(obj[`_${key}`])) obj[`_${key}`] = [obj[`_${key}`]];
    } else if (!info.array && Array.isArray(value) && info.kind !== null && info.kind !== 's') {
      // Only elements the table names explicitly ('s' may also mean "unknown to R4": leave those).
      const [first, ...rest] = value as unknown[];
      obj[key] = value = first;
      if (rest.length > 0) preserve(resource, `${typeKey}.${key}`, rest);
    }
    if (info.kind === 'R') {
      if (Array.isArray(value)) obj[key] = value.map((v) => (isObject(v) ? convert(v) : v));
      else if (isObject(value)) obj[key] = convert(value);
      continue;
    }
    if (!info.kind || info.kind.length <= 1) continue;
    for (const v of Array.isArray(value) ? value : [value]) if (isObject(v)) walk(v, info.kind, resource, convert);
  }
}
