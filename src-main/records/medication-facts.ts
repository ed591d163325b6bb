/**
 * What one medication record (R4 form; STU3 arrives converted) says about a medicine: its kind in
 * the Dutch medication process, the product, the period of use, instructions, amounts and people.
 * References are returned as written; the caller resolves them within the record's sources.
 */
import type { MedicationRecordKind } from '../../src-preload/contract/records';
import { isObject, type FhirJson } from '../fhir/types';
import { dosagesLine, quantityText } from './dosage-text';
import { periodOf } from './display';

/** SNOMED CT categories of Medicatieproces 9 (zib 2017 / 2020 alike). */
const dispenseRequestCode = '52711000146108';
const variableDosingCode = '395067002';
const administrationAgreementCode = '422037009';

export interface MedicationFacts {
  kind: MedicationRecordKind;
  /** medicationCodeableConcept, or the contained Medication's code. */
  concept: FhirJson | null;
  /** medicationReference to resolve (not a contained one). */
  reference: FhirJson | null;
  period: { start: string | null; end: string | null };
  instructions: string | null;
  /** Dispensed quantity or administered dose. */
  amount: string | null;
  daysSupply: number | null;
  /** Who wrote, handed over, gave or told (Reference). */
  by: FhirJson | null;
  prescriber: FhirJson | null;
}

export function medicationFactsOf(r4: FhirJson): MedicationFacts {
  const kind = kindOf(r4);
  const { concept, reference } = productOf(r4);
  const performer = firstActor(r4.performer);
  return {
    kind,
    concept,
    reference,
    period: usePeriodOf(r4),
    instructions: instructionsOf(r4),
    amount: kind === 'dispense' ? quantityText(r4.quantity) : kind === 'administration' && isObject(r4.dosage) ? quantityText(r4.dosage.dose) : null,
    daysSupply: daysOf(r4.daysSupply),
    by: r4.resourceType === 'MedicationRequest' ? ref(r4.requester) : r4.resourceType === 'MedicationStatement' ? ref(r4.informationSource) : performer,
    prescriber: r4.resourceType === 'MedicationRequest' ? ref(r4.requester) : r4.resourceType === 'MedicationStatement' ? extensionReference(r4, /Prescriber$/) : null,
  };
}

export function kindOf(r4: FhirJson): MedicationRecordKind {
  const codes = categoryCodes(r4.category);
  switch (r4.resourceType) {
    case 'MedicationStatement':
      return 'use';
    case 'MedicationAdministration':
      return 'administration';
    case 'MedicationDispense':
      return codes.has(administrationAgreementCode) ? 'administration-agreement' : 'dispense';
    default:
      if (codes.has(dispenseRequestCode)) return 'dispense-request';
      if (codes.has(variableDosingCode)) return 'variable-dosing';
      return 'agreement';
  }
}

/** Category is a list in R4 MedicationRequest, single elsewhere and in converted STU3. */
function categoryCodes(category: unknown): Set<string> {
  const codes = new Set<string>();
  for (const concept of Array.isArray(category) ? category : [category]) {
    if (!isObject(concept) || !Array.isArray(concept.coding)) continue;
    for (const coding of concept.coding) if (isObject(coding) && typeof coding.code === 'string') codes.add(coding.code);
  }
  return codes;
}

function productOf(r4: FhirJson): { concept: FhirJson | null; reference: FhirJson | null } {
  if (isObject(r4.medicationCodeableConcept)) return { concept: r4.medicationCodeableConcept, reference: null };
  const reference = r4.medicationReference;
  if (!isObject(reference)) return { concept: null, reference: null };
  if (typeof reference.reference === 'string' && reference.reference.startsWith('#')) {
    const id = reference.reference.slice(1);
    const contained = (Array.isArray(r4.contained) ? r4.contained : []).find((c) => isObject(c) && c.id === id);
    if (isObject(contained) && isObject(contained.code)) return { concept: contained.code, reference: null };
    return { concept: typeof reference.display === 'string' ? { text: reference.display } : null, reference: null };
  }
  return { concept: null, reference };
}

/** Period of use: see periodOf (display.ts), which the detail view shows too. */
export const usePeriodOf = periodOf;

function instructionsOf(r4: FhirJson): string | null {
  const fromDosage = dosagesLine(r4.dosage ?? r4.dosageInstruction);
  if (fromDosage) return fromDosage;
  // nl-core R4 carries the rendered instruction as an extension when the dosage has no text.
  for (const extension of Array.isArray(r4.extension) ? r4.extension : []) {
    if (isObject(extension) && typeof extension.url === 'string' && extension.url.endsWith('RenderedDosageInstruction') && typeof extension.valueString === 'string') {
      return extension.valueString.trim() || null;
    }
  }
  return null;
}

function daysOf(quantity: unknown): number | null {
  if (!isObject(quantity) || typeof quantity.value !== 'number') return null;
  const code = typeof quantity.code === 'string' ? quantity.code : 'd';
  const factor = code === 'd' ? 1 : code === 'wk' ? 7 : null;
  return factor === null ? null : quantity.value * factor;
}

function firstActor(performers: unknown): FhirJson | null {
  for (const performer of asList(performers)) if (isObject(performer.actor)) return performer.actor;
  return null;
}

function extensionReference(r4: FhirJson, url: RegExp): FhirJson | null {
  for (const extension of Array.isArray(r4.extension) ? r4.extension : []) {
    if (isObject(extension) && typeof extension.url === 'string' && url.test(extension.url) && isObject(extension.valueReference)) {
      return extension.valueReference;
    }
  }
  return null;
}

function ref(value: unknown): FhirJson | null {
  return isObject(value) ? value : null;
}

function asList(value: unknown): FhirJson[] {
  return (Array.isArray(value) ? value : [value]).filter(isObject);
}
