/**
 * What one record says for the Medicatie area, derived when the record is written (the
 * record_medication table, see derived-tables.ts) so that the overview never reads bodies:
 *
 * - a medication record (R4 form; STU3 arrives converted): its kind in the Dutch medication process,
 *   its own product (or the Medication reference to resolve), the period of use, instructions,
 *   amounts and people;
 * - a Medication: its code as a product, for the records that reference it;
 * - a PractitionerRole: "who, where" as its own references name them, and a Practitioner,
 *   Organization, RelatedPerson or Patient: its title, for records naming them as prescriber,
 *   pharmacy, performer or informant.
 *
 * References are kept as written; the reader resolves them within each record's sources (record_ref),
 * so a target that arrives or changes later needs no rewrite of the rows that refer to it.
 */
import type { MedicationRecordKind } from '../../src-preload/contract/records';
import { isObject, type FhirJson } from '../fhir/types';
import { dosagesLine, quantityText } from './dosage-text';
import { periodOf, roleName } from './display';

/** SNOMED CT categories of Medicatieproces 9 (zib 2017 / 2020 alike). */
const dispenseRequestCode = '52711000146108';
const variableDosingCode = '395067002';
const administrationAgreementCode = '422037009';
const atcSystem = 'http://www.whocc.no/atc';

export const medicationRecordTypes = ['MedicationStatement', 'MedicationRequest', 'MedicationDispense', 'MedicationAdministration'] as const;

/** What a product's concept (CodeableConcept) contributes: its name and the codes that identify it. */
export interface ProductFacts {
  /** The concept's text, else a product coding's display, else the ATC display. */
  name: string | null;
  /** `code:system|code` of its non-ATC codings (G-Standaard etc.). */
  codes: string[];
  /** `code:atc|code` of its ATC codings. */
  atc: string[];
}

/** A Reference to a person or organization: its display (trimmed), else the reference to resolve. */
export interface PartyFacts {
  display: string | null;
  reference: string | null;
}

export interface MedicationFacts {
  kind: MedicationRecordKind;
  /** From medicationCodeableConcept, or the contained Medication's code; null when a reference names the product. */
  product: ProductFacts | null;
  /** medicationReference (not a contained one): the reference to resolve, and its display. */
  reference: string | null;
  referenceDisplay: string | null;
  period: { start: string | null; end: string | null };
  instructions: string | null;
  /** Dispensed quantity or administered dose. */
  amount: string | null;
  daysSupply: number | null;
  /** Who wrote, handed over, gave or told. */
  by: PartyFacts | null;
  prescriber: PartyFacts | null;
}

/** What a record contributes to the Medicatie area, by its type; null when nothing. */
export type MedicationRow =
  | { type: 'record'; facts: MedicationFacts }
  | { type: 'medication'; product: ProductFacts }
  | { type: 'role' | 'party'; name: string | null };

const partyTypes = new Set(['Practitioner', 'Organization', 'RelatedPerson', 'Patient']);

export function isMedicationRecordType(type: string): boolean {
  return (medicationRecordTypes as readonly string[]).includes(type);
}

/**
 * `r4` is null while the body is on its way (sync): then only a party is known, by its placeholder
 * title, as the record row shows it.
 */
export function medicationRowOf(type: string, r4: FhirJson | null, title: string): MedicationRow | null {
  if (partyTypes.has(type)) return { type: 'party', name: title };
  if (!r4) return null;
  if (isMedicationRecordType(type)) return { type: 'record', facts: medicationFactsOf(r4) };
  if (type === 'Medication') return { type: 'medication', product: productFactsOf(isObject(r4.code) ? r4.code : null) };
  if (type === 'PractitionerRole') return { type: 'role', name: roleName(r4) };
  return null;
}

export function medicationFactsOf(r4: FhirJson): MedicationFacts {
  const kind = kindOf(r4);
  const { concept, reference } = productOf(r4);
  const performer = firstActor(r4.performer);
  const by = r4.resourceType === 'MedicationRequest' ? ref(r4.requester) : r4.resourceType === 'MedicationStatement' ? ref(r4.informationSource) : performer;
  const prescriber =
    r4.resourceType === 'MedicationRequest' ? ref(r4.requester) : r4.resourceType === 'MedicationStatement' ? extensionReference(r4, /Prescriber$/) : null;
  return {
    kind,
    product: concept ? productFactsOf(concept) : null,
    reference: reference ? referenceOf(reference) : null,
    referenceDisplay: reference ? referenceDisplay(reference) : null,
    period: periodOf(r4), // the same period the detail view shows
    instructions: instructionsOf(r4),
    amount: kind === 'dispense' ? quantityText(r4.quantity) : kind === 'administration' && isObject(r4.dosage) ? quantityText(r4.dosage.dose) : null,
    daysSupply: daysOf(r4.daysSupply),
    by: by && partyOf(by),
    prescriber: prescriber && partyOf(prescriber),
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

export function productFactsOf(concept: FhirJson | null): ProductFacts {
  const codings = (concept && Array.isArray(concept.coding) ? concept.coding : []).filter(
    (c): c is FhirJson => isObject(c) && typeof c.code === 'string' && c.code !== '',
  );
  return {
    name: conceptName(concept),
    codes: codings.filter((c) => c.system !== atcSystem).map((c) => `code:${String(c.system ?? '')}|${String(c.code)}`),
    atc: codings.filter((c) => c.system === atcSystem).map((c) => `code:${atcSystem}|${String(c.code)}`),
  };
}

/** A Reference's display, trimmed; null when it has none. */
export function referenceDisplay(reference: FhirJson | null): string | null {
  return reference && typeof reference.display === 'string' && reference.display.trim() ? reference.display.trim() : null;
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

/** The concept's text, else a product coding's display, else the ATC display. */
function conceptName(concept: FhirJson | null): string | null {
  if (!concept) return null;
  if (typeof concept.text === 'string' && concept.text.trim()) return concept.text.trim();
  const codings = (Array.isArray(concept.coding) ? concept.coding : []).filter(isObject);
  const display = (c: FhirJson | undefined) => (c && typeof c.display === 'string' && c.display.trim() ? c.display.trim() : null);
  return display(codings.find((c) => c.system !== atcSystem && display(c))) ?? display(codings.find((c) => display(c)));
}

/** A reference that can be resolved within a source (contained '#id' ones cannot). */
function referenceOf(reference: FhirJson): string | null {
  return typeof reference.reference === 'string' && !reference.reference.startsWith('#') ? reference.reference : null;
}

function partyOf(reference: FhirJson): PartyFacts {
  return { display: referenceDisplay(reference), reference: referenceOf(reference) };
}

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
