/**
 * The FHIR layer's functions the store uses, injectable so tests can make normalization fail and
 * check that an import is all-or-nothing.
 */
import { readableText } from '../fhir/readable-text';
import { convertToR4 } from '../fhir/stu3-to-r4/index';
import { indexFields, type IndexFields } from '../fhir/summary';
import type { FhirJson } from '../fhir/types';

export interface FhirFunctions {
  convertToR4(resource: FhirJson): FhirJson;
  indexFields(r4: FhirJson): IndexFields;
  readableText(r4: FhirJson): string;
}

export const defaultFhirFunctions: FhirFunctions = { convertToR4, indexFields, readableText };

export type { IndexFields };
