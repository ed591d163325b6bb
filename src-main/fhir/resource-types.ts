/**
 * The resource types FHIR R4 and STU3 define, read from the generated element tables
 * (cardinality/element-table.generated.ts: R4 from the official StructureDefinitions, STU3 from the
 * spec-generated @types/fhir), so no list is typed by hand. In those tables a resource is a top-level
 * type with a `meta` element (datatypes and backbone elements have none); left out are the abstract
 * bases and what the R4 source adds from R4B.
 */
import type { ElementTable } from './cardinality/element-table';
import { R4_ELEMENTS, STU3_ELEMENTS } from './cardinality/element-table.generated';
import type { FhirVersion } from './types';

/** Abstract bases (R4 Resource/DomainResource, @types/fhir's ResourceBase) and SubscriptionStatus (R4B, not R4). */
const notResourceTypes = new Set(['Resource', 'DomainResource', 'ResourceBase', 'SubscriptionStatus']);

function resourceTypesOf(table: ElementTable): ReadonlySet<string> {
  return new Set(Object.keys(table).filter((type) => !type.includes('.') && table[type]?.meta === 'Meta' && !notResourceTypes.has(type)));
}

export const RESOURCE_TYPES: Readonly<Record<FhirVersion, ReadonlySet<string>>> = {
  R4: resourceTypesOf(R4_ELEMENTS),
  STU3: resourceTypesOf(STU3_ELEMENTS),
};

export function isResourceType(version: FhirVersion, type: string): boolean {
  return RESOURCE_TYPES[version].has(type);
}
