/**
 * Structural validation of an R4-form resource: what must hold for the app to store and show it.
 * - resourceType: a resource type FHIR R4 defines (resource-types.ts); in STU3 input, whose types the
 *   conversion may leave as they are, an STU3 type too (prepareImport checks those before conversion);
 * - id (when present): [A-Za-z0-9\-.]{1,64};
 * - every element the R4 element table knows has the right JSON shape: arrays where R4 repeats,
 *   single values where it does not, booleans/numbers/strings/objects as typed;
 * - dates and dateTimes parse as FHIR date/dateTime/instant (element names ending in Date/DateTime
 *   and the common date elements), Quantity.value numeric;
 * - display-critical required elements: Observation.code, Condition.code or text, MedicationRequest
 *   and MedicationStatement medication[x], Immunization.vaccineCode, AllergyIntolerance.code.
 */
import { lookupElement } from './cardinality/element-table';
import { R4_ELEMENTS } from './cardinality/element-table.generated';
import { problem } from './problems';
import { isResourceType } from './resource-types';
import { isObject, type FhirJson, type FhirVersion, type ImportProblem } from './types';

export const ID_PATTERN = /^[A-Za-z0-9\-.]{1,64}$/;
const DATE_TIME = /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?)?)?)?$/;
const DATE_KEYS = /^(date|issued|recorded|authoredOn|authored|birthDate|deceasedDateTime|effectiveDateTime|onsetDateTime|abatementDateTime|occurrenceDateTime|recordedDate|start|end|lastUpdated|dateAsserted|whenHandedOver|whenPrepared|created|timestamp|lastOccurrence|expirationDate|manufactureDate|recordedOn|lastModified|collectedDateTime|receivedTime|valueDateTime|valueDate|valueInstant)$/;

const REQUIRED: Record<string, string[][]> = {
  Observation: [['code']],
  Condition: [['code']],
  AllergyIntolerance: [['code']],
  Immunization: [['vaccineCode']],
  MedicationRequest: [['medicationCodeableConcept', 'medicationReference']],
  MedicationStatement: [['medicationCodeableConcept', 'medicationReference']],
  MedicationDispense: [['medicationCodeableConcept', 'medicationReference']],
};

/** `receivedAs`: the version the input came in (the resource itself is in its R4 form). */
export function validateResource(resource: FhirJson, entryPath: string, receivedAs: FhirVersion = 'R4'): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const type = resource.resourceType;
  if (typeof type !== 'string' || !/^[A-Z][A-Za-z]{1,63}$/.test(type)) return [problem(entryPath, 'not-a-resource')];
  if (!isResourceType('R4', type) && !(receivedAs === 'STU3' && isResourceType('STU3', type))) {
    return [unknownResourceType(entryPath, type, receivedAs)];
  }
  if (resource.id !== undefined && (typeof resource.id !== 'string' || !ID_PATTERN.test(resource.id))) {
    problems.push(problem(entryPath, 'invalid-id', { value: String(resource.id).slice(0, 80) }));
  }
  for (const alternatives of REQUIRED[type] ?? []) {
    if (!alternatives.some((k) => resource[k] !== undefined)) problems.push(problem(entryPath, 'missing-element', { name: `${type}.${alternatives[0]}` }));
  }
  walk(resource, type, type, entryPath, problems, receivedAs);
  return problems;
}

export function unknownResourceType(entryPath: string, type: string, version: FhirVersion): ImportProblem {
  return problem(entryPath, 'unknown-resource-type', { type, version });
}

function walk(obj: FhirJson, typeKey: string, path: string, entryPath: string, problems: ImportProblem[], receivedAs: FhirVersion): void {
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'resourceType' || key.startsWith('_') || value === null) continue;
    const info = key === 'extension' || key === 'modifierExtension' ? { array: true, kind: 'Extension' } : lookupElement(R4_ELEMENTS, typeKey, key);
    const name = `${path}.${key}`;
    if (info.array && !Array.isArray(value)) { problems.push(problem(entryPath, 'wrong-type', { name, expected: 'array' })); continue; }
    if (!info.array && Array.isArray(value) && info.kind !== null && info.kind !== 's') {
      problems.push(problem(entryPath, 'wrong-type', { name, expected: 'single value' }));
      continue;
    }
    const items = Array.isArray(value) ? value : [value];
    items.forEach((v: unknown) => {
      if (v === null) return;
      const kind = info.kind;
      if (kind === 'b' && typeof v !== 'boolean') problems.push(problem(entryPath, 'wrong-type', { name, expected: 'boolean' }));
      else if (kind === 'n' && (typeof v !== 'number' || !Number.isFinite(v))) problems.push(problem(entryPath, 'invalid-number', { name }));
      else if (kind === 'x' && typeof v !== 'string') problems.push(problem(entryPath, 'wrong-type', { name, expected: 'string' }));
      else if (kind === 'R') {
        if (!isObject(v)) problems.push(problem(entryPath, 'wrong-type', { name, expected: 'resource' }));
        else problems.push(...validateResource(v, `${entryPath}.${key}`, receivedAs));
      } else if (kind && kind.length > 1) {
        if (!isObject(v)) problems.push(problem(entryPath, 'wrong-type', { name, expected: 'object' }));
        else walk(v, kind, name, entryPath, problems, receivedAs);
      } else if (kind === 's' && DATE_KEYS.test(key) && typeof v === 'string' && !DATE_TIME.test(v)) {
        problems.push(problem(entryPath, 'invalid-date', { name, value: v.slice(0, 40) }));
      } else if (kind === 's' && info.array && typeof v !== 'string' && !isObject(v)) {
        // Repeating string primitives (HumanName.given, line…) are listed in the table.
        problems.push(problem(entryPath, 'wrong-type', { name, expected: 'string' }));
      }
    });
  }
}
