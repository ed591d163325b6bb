import { afterEach, describe, expect, it } from 'vitest';
import { RegieError } from '../../src-main/core/errors';
import { addMeasurement, type MeasurementInput, measurementObservation } from '../../src-main/records/own-measurements';
import { bloodPressure, gp, openTestProfile, received, type TestProfile } from './helpers';

const now = new Date('2025-06-01T12:00:00Z');
const at = '2025-06-01T09:30:00+02:00';

let profile: TestProfile;
afterEach(() => profile?.remove());

function reason(input: MeasurementInput, when = now): string | undefined {
  try {
    measurementObservation(input, when);
  } catch (error) {
    expect(error).toBeInstanceOf(RegieError);
    expect((error as RegieError).code).toBe('invalid-request');
    return (error as RegieError).detail;
  }
  return undefined;
}

/** The error code and params measurementObservation refuses the values with, or undefined. */
function verdict(input: MeasurementInput): { code: string; params: Record<string, string | number> | undefined } | undefined {
  try {
    measurementObservation(input, now);
  } catch (error) {
    expect(error).toBeInstanceOf(RegieError);
    return { code: (error as RegieError).code, params: (error as RegieError).params };
  }
  return undefined;
}

describe('own measurements as FHIR R4 Observations', () => {
  it('shapes blood pressure like nl-core-BloodPressure (LOINC panel, components, UCUM mm[Hg])', () => {
    const obs = measurementObservation({ kind: 'blood-pressure', value: 132, value2: 84, effectiveAt: at, note: '  na het fietsen ' }, now);
    expect(obs).toEqual({
      resourceType: 'Observation',
      meta: { profile: ['http://nictiz.nl/fhir/StructureDefinition/nl-core-BloodPressure'] },
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs', display: 'Vital Signs' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '85354-9', display: 'Blood pressure panel with all children optional' }], text: 'Bloeddruk' },
      effectiveDateTime: at,
      component: [
        {
          code: { coding: [{ system: 'http://loinc.org', code: '8480-6', display: 'Systolic blood pressure' }], text: 'Systolische bloeddruk' },
          valueQuantity: { value: 132, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
        },
        {
          code: { coding: [{ system: 'http://loinc.org', code: '8462-4', display: 'Diastolic blood pressure' }], text: 'Diastolische bloeddruk' },
          valueQuantity: { value: 84, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' },
        },
      ],
      note: [{ text: 'na het fietsen', time: now.toISOString() }],
    });
    expect(obs).not.toHaveProperty('valueQuantity');
  });

  it.each([
    ['weight', 82.35, '29463-7', 'kg', 'kg', 'nl-core-BodyWeight'],
    ['glucose', 5.4, '14743-9', 'mmol/L', 'mmol/l', null],
    ['heart-rate', 64, '8867-4', '/min', '/min', 'nl-core-HeartRate'],
    ['temperature', 37.2, '8310-5', 'Cel', '°C', 'nl-core-BodyTemperature'],
  ] as const)('shapes %s with LOINC, UCUM and the nl-core profile', (kind, value, code, ucum, unit, profileName) => {
    const obs = measurementObservation({ kind, value, effectiveAt: at }, now);
    expect(obs.code).toMatchObject({ coding: [{ system: 'http://loinc.org', code }] });
    expect(obs.valueQuantity).toEqual({ value, unit, system: 'http://unitsofmeasure.org', code: ucum });
    expect(obs.status).toBe('final');
    expect(obs.effectiveDateTime).toBe(at);
    if (profileName) expect(obs.meta).toEqual({ profile: [`http://nictiz.nl/fhir/StructureDefinition/${profileName}`] });
    else expect(obs).not.toHaveProperty('meta');
    expect(obs).not.toHaveProperty('note');
    expect(obs).not.toHaveProperty('referenceRange');
  });

  it('rounds away floating-point noise', () => {
    expect(measurementObservation({ kind: 'weight', value: 0.1 + 82.2, effectiveAt: at }, now).valueQuantity).toMatchObject({ value: 82.3 });
    expect(measurementObservation({ kind: 'glucose', value: 5.449999, effectiveAt: at }, now).valueQuantity).toMatchObject({ value: 5.4 });
  });

  it('refuses impossible values outright, saying which value and why', () => {
    const bp = (value: number, value2: number) => verdict({ kind: 'blood-pressure', value, value2, effectiveAt: at, confirmedImplausible: true });
    const impossible = (params: Record<string, unknown>) => ({ code: 'measurement-impossible', params: expect.objectContaining(params) });
    expect(bp(39, 30)).toEqual(impossible({ problem: 'range', field: 'systolic', value: 39, low: 40, high: 300, unit: 'mmHg' }));
    expect(bp(301, 90)).toEqual(impossible({ field: 'systolic', value: 301 }));
    expect(bp(120, 19)).toEqual(impossible({ field: 'diastolic', low: 20, high: 200 }));
    expect(bp(250, 201)).toEqual(impossible({ field: 'diastolic' }));
    expect(bp(120, 120)).toEqual(impossible({ problem: 'order', field: 'diastolic' }));
    expect(bp(80, 120)).toEqual(impossible({ problem: 'order' }));
    // The two pressures cannot lie this close together in a real reading.
    expect(bp(120, 115)).toEqual(impossible({ problem: 'too-close', field: 'pulse-pressure', value: 5, low: 10 }));
    expect(reason({ kind: 'blood-pressure', value: 120, effectiveAt: at })).toMatch(/required/);
    expect(bp(40, 20)).toBeUndefined();
    expect(bp(300, 200)).toBeUndefined();

    const one = (kind: MeasurementInput['kind'], value: number) => verdict({ kind, value, effectiveAt: at, confirmedImplausible: true });
    expect(one('weight', 0.4)).toEqual(impossible({ field: 'weight', low: 0.5, high: 500, unit: 'kg' }));
    expect(one('weight', 500.1)).toEqual(impossible({ field: 'weight' }));
    expect(one('weight', 0.5)).toBeUndefined();
    expect(one('glucose', 0.4)).toEqual(impossible({ field: 'glucose' }));
    expect(one('glucose', 50.5)).toEqual(impossible({ field: 'glucose' }));
    expect(one('heart-rate', 19)).toEqual(impossible({ field: 'heart-rate' }));
    expect(one('heart-rate', 301)).toEqual(impossible({ field: 'heart-rate' }));
    expect(one('temperature', 29.9)).toEqual(impossible({ field: 'temperature' }));
    expect(one('temperature', 45.1)).toEqual(impossible({ field: 'temperature' }));
    expect(one('temperature', Number.NaN)).toEqual(impossible({ field: 'temperature' }));
    expect(reason({ kind: 'weight', value: 80, value2: 3, effectiveAt: at })).toMatch(/only for blood pressure/);
  });

  it('asks "Klopt dit?" for unusual values: refused unless the person confirmed them', () => {
    const bp = (value: number, value2: number, confirmedImplausible?: boolean) =>
      verdict({ kind: 'blood-pressure', value, value2, effectiveAt: at, ...(confirmedImplausible !== undefined && { confirmedImplausible }) });
    const unusual = (params: Record<string, unknown>) => ({ code: 'measurement-implausible', params: expect.objectContaining(params) });
    // The example: possible, but far more likely a slip of the finger.
    expect(bp(300, 80)).toEqual(unusual({ problem: 'high', field: 'systolic', value: 300, unit: 'mmHg' }));
    expect(bp(300, 80, false)).toEqual(unusual({ field: 'systolic' }));
    expect(bp(300, 80, true)).toBeUndefined();
    expect(bp(125, 30)).toEqual(unusual({ problem: 'low', field: 'diastolic', value: 30 }));
    expect(bp(210, 60)).toEqual(unusual({ problem: 'high', field: 'pulse-pressure', value: 150 }));
    expect(bp(100, 85)).toEqual(unusual({ problem: 'low', field: 'pulse-pressure', value: 15 }));
    expect(bp(132, 84)).toBeUndefined();
    expect(bp(190, 70)).toBeUndefined();

    const one = (kind: MeasurementInput['kind'], value: number) => verdict({ kind, value, effectiveAt: at });
    expect(one('weight', 8.2)).toBeUndefined();
    expect(one('weight', 1.5)).toEqual(unusual({ problem: 'low', field: 'weight', unit: 'kg' }));
    expect(one('weight', 320)).toEqual(unusual({ problem: 'high', field: 'weight' }));
    expect(one('glucose', 35)).toEqual(unusual({ field: 'glucose' }));
    expect(one('heart-rate', 220)).toEqual(unusual({ field: 'heart-rate' }));
    expect(one('temperature', 43)).toEqual(unusual({ field: 'temperature', unit: '°C' }));
    expect(one('temperature', 37.2)).toBeUndefined();
  });

  it('refuses a moment in the future (beyond five minutes) or long ago', () => {
    const weightAt = (effectiveAt: string) => reason({ kind: 'weight', value: 80, effectiveAt });
    expect(weightAt('2025-06-01T12:04:59Z')).toBeUndefined();
    expect(weightAt('2025-06-01T12:05:01Z')).toMatch(/future/);
    expect(weightAt('2025-06-02T00:00:00+02:00')).toMatch(/future/);
    expect(weightAt('1899-12-31T23:00:00Z')).toMatch(/1900/);
    expect(weightAt('not a date')).toMatch(/date-time/);
  });
});

describe('storing own measurements', () => {
  it('stores as "Zelf ingevoerd" in Vitale functies and returns the summary', () => {
    profile = openTestProfile({ now: () => now });
    const summary = addMeasurement(profile.store, { kind: 'blood-pressure', value: 132, value2: 84, effectiveAt: at, note: 'thuis' }, now);
    expect(summary).toMatchObject({
      resourceType: 'Observation',
      section: 'vitale-functies',
      title: 'Bloeddruk',
      code: 'http://loinc.org|85354-9',
      date: at,
      status: 'final',
      valueText: '132/84 mmHg',
      outOfRange: false,
    });
    expect(summary.sources).toEqual([
      { source: { id: expect.any(String), kind: 'self', label: 'Zelf ingevoerd' }, receivedAt: now.toISOString(), fhirVersion: 'R4', format: 'json' },
    ]);
    expect(summary).not.toHaveProperty('resource');
    expect(summary).not.toHaveProperty('originals');

    const weight = addMeasurement(profile.store, { kind: 'weight', value: 82.4, effectiveAt: '2025-05-30T08:00:00+02:00' }, now);
    expect(weight).toMatchObject({ title: 'Lichaamsgewicht', valueText: '82,4 kg', code: 'http://loinc.org|29463-7' });
    const temperature = addMeasurement(profile.store, { kind: 'temperature', value: 38.6, effectiveAt: at }, now);
    expect(temperature.valueText).toBe('38,6 °C');

    const section = profile.store.list({ section: 'vitale-functies' });
    expect(section.total).toBe(3);
    expect(section.items.map((item) => item.id)).toEqual(expect.arrayContaining([summary.id, weight.id, temperature.id]));
    expect(profile.store.sectionCounts()['vitale-functies']).toBe(3);

    const detail = profile.store.get(summary.id);
    expect(detail.resource).toMatchObject({ resourceType: 'Observation', note: [{ text: 'thuis' }] });
    expect(JSON.parse(detail.originals[0]!.text)).toMatchObject({ code: { coding: [{ code: '85354-9' }] } });
    const self = profile.store.sources().find((source) => source.kind === 'self');
    expect(self).toMatchObject({ label: 'Zelf ingevoerd', recordCount: 3 });
  });

  it('keeps two identical entries apart, and next to a provider record', () => {
    profile = openTestProfile({ now: () => now });
    profile.store.importResources(gp, [received(bloodPressure('bp1', 132, 84, at))]);
    const a = addMeasurement(profile.store, { kind: 'blood-pressure', value: 132, value2: 84, effectiveAt: at }, now);
    const b = addMeasurement(profile.store, { kind: 'blood-pressure', value: 132, value2: 84, effectiveAt: at }, now);
    expect(a.id).not.toBe(b.id);
    const items = profile.store.list({ section: 'vitale-functies' }).items;
    expect(items).toHaveLength(3);
    expect(items.map((item) => item.sources[0]!.source.kind).sort()).toEqual(['provider', 'self', 'self']);
  });

  it('stores nothing when the value is refused', () => {
    profile = openTestProfile({ now: () => now });
    expect(() => addMeasurement(profile.store, { kind: 'weight', value: 900, effectiveAt: at }, now)).toThrow('measurement-impossible');
    expect(() => addMeasurement(profile.store, { kind: 'blood-pressure', value: 300, value2: 80, effectiveAt: at }, now)).toThrow(
      'measurement-implausible',
    );
    expect(profile.store.list().total).toBe(0);
    const confirmed = addMeasurement(profile.store, { kind: 'blood-pressure', value: 300, value2: 80, effectiveAt: at, confirmedImplausible: true }, now);
    expect(confirmed.valueText).toBe('300/80 mmHg');
  });
});
