/**
 * Measurements the person takes themself ("zelf ingevoerd"): blood pressure, weight, blood glucose,
 * heart rate and body temperature, stored as FHIR R4 Observations shaped the way the Dutch zib 2020 /
 * nl-core profiles shape them, so they sit next to a provider's vital signs and travel the same way.
 *
 * | kind           | LOINC code                                   | UCUM       | profile                     |
 * |----------------|----------------------------------------------|------------|-----------------------------|
 * | blood-pressure | 85354-9 panel; components 8480-6 / 8462-4    | mm[Hg]     | nl-core-BloodPressure       |
 * | weight         | 29463-7 Body weight                          | kg         | nl-core-BodyWeight          |
 * | glucose        | 14743-9 Glucose in capillary blood by meter  | mmol/L     | (none: no zib for glucose)  |
 * | heart-rate     | 8867-4 Heart rate                            | /min       | nl-core-HeartRate           |
 * | temperature    | 8310-5 Body temperature                      | Cel        | nl-core-BodyTemperature     |
 *
 * Glucose: a person measuring at home pricks a finger and reads a glucose meter, which is exactly
 * LOINC 14743-9 ("Glucose [Moles/volume] in Capillary blood by Glucometer"); 15074-8 ("… in Blood")
 * says less about how it was measured and is what a lab or a sensor export would more likely send.
 * zib 2020 has no glucose building block, so no nl-core profile is claimed for it.
 *
 * No reference ranges or interpretations are added: Regie does not judge a value the person enters,
 * so out-of-range markers only ever come from a care provider's own data. The plausibility checks
 * below only refuse what cannot be a real measurement (most often a typing mistake).
 */
import type { MeasurementKind } from '../../src-preload/contract/record-sections';
import type { RecordSummary } from '../../src-preload/contract/records';
import { RegieError } from '../core/errors';
import type { FhirJson } from '../fhir/types';
import type { RecordStore } from './record-store';

export interface MeasurementInput {
  kind: MeasurementKind;
  /** Systolic for blood pressure; the value in the kind's unit otherwise. */
  value: number;
  /** Diastolic, for blood pressure only. */
  value2?: number;
  /** ISO date-time with offset. */
  effectiveAt: string;
  note?: string;
}

const loinc = 'http://loinc.org';
const ucum = 'http://unitsofmeasure.org';
const nictiz = 'http://nictiz.nl/fhir/StructureDefinition';
const vitalSigns = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs', display: 'Vital Signs' }],
};

interface Quantity {
  /** Shown to people (and by Regie's value line). */
  unit: string;
  /** UCUM code. */
  code: string;
}

interface KindDefinition {
  code: { loinc: string; display: string; text: string };
  quantity: Quantity;
  profile: string | null;
  /** Inclusive plausible range. */
  range: [number, number];
  /** Decimals kept (values are rounded to this, which also drops floating-point noise). */
  decimals: number;
}

export const measurementDefinitions: Readonly<Record<MeasurementKind, KindDefinition>> = {
  'blood-pressure': {
    code: { loinc: '85354-9', display: 'Blood pressure panel with all children optional', text: 'Bloeddruk' },
    quantity: { unit: 'mmHg', code: 'mm[Hg]' },
    profile: `${nictiz}/nl-core-BloodPressure`,
    range: [40, 300],
    decimals: 0,
  },
  weight: {
    code: { loinc: '29463-7', display: 'Body weight', text: 'Lichaamsgewicht' },
    quantity: { unit: 'kg', code: 'kg' },
    profile: `${nictiz}/nl-core-BodyWeight`,
    range: [0.5, 500],
    decimals: 2,
  },
  glucose: {
    code: { loinc: '14743-9', display: 'Glucose [Moles/volume] in Capillary blood by Glucometer', text: 'Glucose (bloedsuiker)' },
    quantity: { unit: 'mmol/l', code: 'mmol/L' },
    profile: null,
    range: [0.5, 50],
    decimals: 1,
  },
  'heart-rate': {
    code: { loinc: '8867-4', display: 'Heart rate', text: 'Hartfrequentie' },
    quantity: { unit: '/min', code: '/min' },
    profile: `${nictiz}/nl-core-HeartRate`,
    range: [20, 300],
    decimals: 0,
  },
  temperature: {
    code: { loinc: '8310-5', display: 'Body temperature', text: 'Lichaamstemperatuur' },
    quantity: { unit: '°C', code: 'Cel' },
    profile: `${nictiz}/nl-core-BodyTemperature`,
    range: [30, 45],
    decimals: 1,
  },
};

const systolic = { loinc: '8480-6', display: 'Systolic blood pressure', text: 'Systolische bloeddruk' };
const diastolic = { loinc: '8462-4', display: 'Diastolic blood pressure', text: 'Diastolische bloeddruk' };
const diastolicRange: [number, number] = [20, 200];

/** How far into the future a measurement time may lie (clock differences between devices). */
const futureSlackMs = 5 * 60 * 1000;
/** Nothing measured before this is plausible as one's own entry. */
const earliest = Date.parse('1900-01-01T00:00:00Z');

function invalid(reason: string): RegieError {
  return new RegieError('invalid-request', undefined, reason);
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function checkRange(name: string, value: number, [low, high]: [number, number]): void {
  if (!Number.isFinite(value) || value < low || value > high) throw invalid(`${name} must lie between ${low} and ${high}`);
}

/** The Observation for a measurement; throws RegieError('invalid-request') for impossible input. */
export function measurementObservation(input: MeasurementInput, now: Date): FhirJson {
  const definition = measurementDefinitions[input.kind];
  if (!definition) throw invalid('unknown measurement kind');

  const at = Date.parse(input.effectiveAt);
  if (Number.isNaN(at)) throw invalid('effectiveAt is not a date-time');
  if (at > now.getTime() + futureSlackMs) throw invalid('effectiveAt lies in the future');
  if (at < earliest) throw invalid('effectiveAt lies before 1900');

  const note = input.note?.trim();
  const quantity = (value: number) => ({ value, unit: definition.quantity.unit, system: ucum, code: definition.quantity.code });
  const concept = (c: { loinc: string; display: string; text: string }) => ({
    coding: [{ system: loinc, code: c.loinc, display: c.display }],
    text: c.text,
  });

  const observation: FhirJson = {
    resourceType: 'Observation',
    ...(definition.profile && { meta: { profile: [definition.profile] } }),
    status: 'final',
    category: [vitalSigns],
    code: concept(definition.code),
    effectiveDateTime: input.effectiveAt,
  };

  if (input.kind === 'blood-pressure') {
    if (input.value2 === undefined) throw invalid('diastolic pressure (value2) is required');
    checkRange('systolic pressure', input.value, definition.range);
    checkRange('diastolic pressure', input.value2, diastolicRange);
    const sys = round(input.value, definition.decimals);
    const dia = round(input.value2, definition.decimals);
    if (dia >= sys) throw invalid('diastolic pressure must be lower than systolic pressure');
    observation.component = [
      { code: concept(systolic), valueQuantity: quantity(sys) },
      { code: concept(diastolic), valueQuantity: quantity(dia) },
    ];
  } else {
    if (input.value2 !== undefined) throw invalid('value2 is only for blood pressure');
    checkRange(input.kind, input.value, definition.range);
    observation.valueQuantity = quantity(round(input.value, definition.decimals));
  }
  if (note) observation.note = [{ text: note, time: now.toISOString() }];
  return observation;
}

/** Stores a measurement as the person's own record and returns its summary. */
export function addMeasurement(store: RecordStore, input: MeasurementInput, now: Date): RecordSummary {
  const id = store.addOwnResource(measurementObservation(input, now));
  const { resource: _resource, originals: _originals, attachments: _attachments, related: _related, ...summary } = store.get(id);
  return summary;
}
