/**
 * What a record's derived rows (derived-tables.ts) say that follows from its normalized body alone:
 * the list columns, the search text, the fact keys and the Medicatie row. A pure function of the
 * body, so a bulk write can have it worked out on a worker thread (digest-worker.ts) beside the
 * main thread's writing; the main thread works it out itself for everything else. Both run this
 * same function, so both give the same rows (tests/records/digest-pool.test.ts).
 */
import type { FhirJson } from '../fhir/types';
import { periodOf, sortKeyOf, titleOf, valueOf } from './display';
import { factKeysOf } from './fact-keys';
import type { FhirFunctions } from './fhir-functions';
import { type MedicationRow, medicationRowOf } from './medication-facts';
import { sectionOf } from './sections';

/** The record table's columns that come from the body, in the table's order (section … period_end). */
export type BodyFields = [
  section: string,
  category: string | null,
  code: string | null,
  title: string,
  date: string | null,
  sortDate: string,
  status: string | null,
  valueText: string | null,
  outOfRange: 0 | 1,
  periodStart: string | null,
  periodEnd: string | null,
];

export interface BodyDerivation {
  /** The record type it was worked out for (the body's resourceType, unless said otherwise): used only for a record of that type. */
  type: string;
  fields: BodyFields;
  /** The record's search text (title, then the readable text). */
  text: string;
  factKeys: string[];
  /** Its Medicatie row while it is not hidden. */
  medication: MedicationRow | null;
}

export function deriveBody(r4: FhirJson, fhir: Pick<FhirFunctions, 'indexFields' | 'readableText'>, type = String(r4.resourceType)): BodyDerivation {
  const index = fhir.indexFields(r4);
  const { valueText, outOfRange } = valueOf(r4);
  const period = periodOf(r4);
  const title = titleOf(r4, index);
  return {
    type,
    fields: [sectionOf(r4), index.category, index.code, title, index.date, sortKeyOf(index.date), index.status, valueText, outOfRange ? 1 : 0, period.start, period.end],
    text: `${title}\n${fhir.readableText(r4)}`,
    factKeys: factKeysOf(r4, fhir.indexFields),
    medication: medicationRowOf(type, r4, title),
  };
}
