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
 * (src-preload/contract/measurement-checks.ts, shared with the form) refuse what cannot be a real
 * measurement and ask "Klopt dit?" for what is possible but unusual: such a value is stored only
 * with `confirmedImplausible`.
 *
 * Own entries can be corrected (the previous value line, date and note stay as the measurement's
 * history, doc-model `revisions`) and deleted (a tombstone, like any deletion); both sync.
 */
import { checkMeasurement, type KindLimits, measurementLimits, roundMeasurement } from '../../src-preload/contract/measurement-checks';
import type { MeasurementDetail } from '../../src-preload/contract/measurements';
import type { MeasurementKind } from '../../src-preload/contract/record-sections';
import type { RecordSummary } from '../../src-preload/contract/records';
import { RegieError } from '../core/errors';
import { isObject, type FhirJson } from '../fhir/types';
import { valueOf } from './display';
import { measurementKindOfCode } from './measurement-list';
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
  /** The person saw "Klopt dit?" for an unusual value and said yes. */
  confirmedImplausible?: boolean;
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
}

export const measurementDefinitions: Readonly<Record<MeasurementKind, KindDefinition>> = {
  'blood-pressure': {
    code: { loinc: '85354-9', display: 'Blood pressure panel with all children optional', text: 'Bloeddruk' },
    quantity: { unit: 'mmHg', code: 'mm[Hg]' },
    profile: `${nictiz}/nl-core-BloodPressure`,
  },
  weight: {
    code: { loinc: '29463-7', display: 'Body weight', text: 'Lichaamsgewicht' },
    quantity: { unit: 'kg', code: 'kg' },
    profile: `${nictiz}/nl-core-BodyWeight`,
  },
  glucose: {
    code: { loinc: '14743-9', display: 'Glucose [Moles/volume] in Capillary blood by Glucometer', text: 'Glucose (bloedsuiker)' },
    quantity: { unit: 'mmol/l', code: 'mmol/L' },
    profile: null,
  },
  'heart-rate': {
    code: { loinc: '8867-4', display: 'Heart rate', text: 'Hartfrequentie' },
    quantity: { unit: '/min', code: '/min' },
    profile: `${nictiz}/nl-core-HeartRate`,
  },
  temperature: {
    code: { loinc: '8310-5', display: 'Body temperature', text: 'Lichaamstemperatuur' },
    quantity: { unit: '°C', code: 'Cel' },
    profile: `${nictiz}/nl-core-BodyTemperature`,
  },
};

const systolic = { loinc: '8480-6', display: 'Systolic blood pressure', text: 'Systolische bloeddruk' };
const diastolic = { loinc: '8462-4', display: 'Diastolic blood pressure', text: 'Diastolische bloeddruk' };

/** How far into the future a measurement time may lie (clock differences between devices). */
const futureSlackMs = 5 * 60 * 1000;
/** Nothing measured before this is plausible as one's own entry. */
const earliest = Date.parse('1900-01-01T00:00:00Z');

function invalid(reason: string): RegieError {
  return new RegieError('invalid-request', undefined, reason);
}

/**
 * Refuses impossible values (measurement-impossible) and, unless the person confirmed them, unusual
 * ones (measurement-implausible), naming the first finding in the params the messages need.
 */
function checkValues(input: Pick<MeasurementInput, 'kind' | 'value' | 'value2' | 'confirmedImplausible'>): void {
  const limits: KindLimits = measurementLimits[input.kind];
  const [finding] = checkMeasurement(input.kind, input.value, input.value2);
  if (!finding) return;
  if (finding.severity === 'unusual' && input.confirmedImplausible) return;
  const { severity, ...params } = finding;
  throw new RegieError(severity === 'impossible' ? 'measurement-impossible' : 'measurement-implausible', { ...params, unit: limits.unit });
}

/**
 * The Observation for a measurement; throws RegieError for impossible input (invalid-request for a
 * malformed one, measurement-impossible / measurement-implausible for its values).
 */
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
    checkValues(input);
    observation.component = [
      { code: concept(systolic), valueQuantity: quantity(roundMeasurement(input.kind, input.value)) },
      { code: concept(diastolic), valueQuantity: quantity(roundMeasurement(input.kind, input.value2)) },
    ];
  } else {
    if (input.value2 !== undefined) throw invalid('value2 is only for blood pressure');
    checkValues(input);
    observation.valueQuantity = quantity(roundMeasurement(input.kind, input.value));
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

/** The values, moment and note of an own measurement's Observation (as measurementObservation made it). */
function measurementInputOf(r4: FhirJson): MeasurementInput | null {
  const coding = isObject(r4.code) && Array.isArray(r4.code.coding) ? r4.code.coding.find(isObject) : undefined;
  const kind = coding ? measurementKindOfCode(`${String(coding.system)}|${String(coding.code)}`) : null;
  if (!kind || typeof r4.effectiveDateTime !== 'string') return null;
  const numberOf = (element: unknown) =>
    isObject(element) && isObject(element.valueQuantity) && typeof element.valueQuantity.value === 'number' ? element.valueQuantity.value : null;
  const components = Array.isArray(r4.component) ? r4.component : [];
  const value = kind === 'blood-pressure' ? numberOf(components[0]) : numberOf(r4);
  const value2 = kind === 'blood-pressure' ? numberOf(components[1]) : null;
  if (value === null || (kind === 'blood-pressure' && value2 === null)) return null;
  return { kind, value, ...(value2 !== null && { value2 }), effectiveAt: r4.effectiveDateTime, ...(noteOf(r4) !== null && { note: noteOf(r4)! }) };
}

function noteOf(r4: FhirJson): string | null {
  const first = Array.isArray(r4.note) ? r4.note.find(isObject) : undefined;
  return first && typeof first.text === 'string' ? first.text : null;
}

/** An own measurement's Observation and what it says; refuses anything received or not a measurement. */
function ownMeasurement(store: RecordStore, recordId: string): { r4: FhirJson; input: MeasurementInput } {
  const r4 = store.ownResource(recordId);
  const input = r4 ? measurementInputOf(r4) : null;
  if (!r4 || !input) throw new RegieError('not-own-measurement');
  return { r4, input };
}

/** One measurement with its note and correction history (own entries; a received one has neither). */
export function measurementDetail(store: RecordStore, recordId: string): MeasurementDetail {
  const point = store.measurement(recordId);
  if (!point) throw new RegieError('record-not-found');
  const r4 = point.own ? store.ownResource(recordId) : null;
  return {
    ...point,
    note: r4 ? noteOf(r4) : null,
    revisions: store.revisionsOf(recordId).map(({ changedAt, date, valueText, note }) => ({ changedAt, date, valueText, note })),
  };
}

export interface MeasurementCorrection {
  value: number;
  value2?: number;
  /** Unchanged when left out. */
  effectiveAt?: string;
  /** Unchanged when left out; empty removes it. */
  note?: string;
  confirmedImplausible?: boolean;
}

/**
 * Corrects an own measurement: same kind, new values (checked like a new entry), and what it said
 * before is kept as its history. Nothing changes when the values are the same.
 */
export function correctMeasurement(store: RecordStore, recordId: string, change: MeasurementCorrection, now: Date): MeasurementDetail {
  const { r4, input } = ownMeasurement(store, recordId);
  const next = measurementObservation(
    {
      kind: input.kind,
      value: change.value,
      ...(change.value2 !== undefined && { value2: change.value2 }),
      effectiveAt: change.effectiveAt ?? input.effectiveAt,
      ...((change.note ?? input.note) && { note: change.note ?? input.note }),
      ...(change.confirmedImplausible !== undefined && { confirmedImplausible: change.confirmedImplausible }),
    },
    now,
  );
  // An unchanged note keeps the moment it was written.
  if (change.note === undefined || change.note.trim() === input.note) next.note = r4.note;
  if (!next.note) delete next.note;
  const same = (a: FhirJson) => JSON.stringify({ ...a, id: undefined });
  if (same(next) !== same(r4)) {
    store.correctOwnResource(recordId, next, { date: input.effectiveAt, valueText: valueOf(r4).valueText, note: noteOf(r4) });
  }
  return measurementDetail(store, recordId);
}

/** Deletes an own measurement on every device (received records are hidden instead, never deleted). */
export function deleteMeasurement(store: RecordStore, recordId: string): void {
  ownMeasurement(store, recordId);
  store.deleteRecord(recordId);
}
