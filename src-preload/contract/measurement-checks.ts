/**
 * What a measurement may be: the one set of limits the core enforces and the form checks before
 * sending, so the person reads the same verdict everywhere. Zod-free: the renderer imports it at
 * run time.
 *
 * Two kinds of limits per value:
 * - possible: outside it a value cannot be a real measurement (almost always a typing mistake); it
 *   is refused outright.
 * - usual: outside it a value is possible but rare enough to ask "Klopt dit?" first; the core
 *   refuses it unless the caller says the person confirmed it (`confirmedImplausible`).
 *
 * Blood pressure also has rules between its two numbers: the lower pressure must be below the
 * upper one, and their difference (the pulse pressure) of less than 10 mmHg is not a real reading,
 * while one below 20 or above 140 mmHg is unusual. The usual limits are deliberately wide: they
 * only catch what is more likely a slip of the finger (300/80, 8,2 kg for 82 kg) than a reading.
 */
import type { MeasurementKind } from './record-sections';

export type Limits = readonly [low: number, high: number];

export interface KindLimits {
  /** The unit values are entered and shown in. */
  unit: string;
  /** Decimals kept (values are rounded to this). */
  decimals: number;
  /** The value (the upper pressure for blood pressure). */
  possible: Limits;
  usual: Limits;
  /** The lower pressure, for blood pressure only. */
  second?: { possible: Limits; usual: Limits };
}

export const measurementLimits: Readonly<Record<MeasurementKind, KindLimits>> = {
  'blood-pressure': {
    unit: 'mmHg',
    decimals: 0,
    possible: [40, 300],
    usual: [70, 230],
    second: { possible: [20, 200], usual: [35, 140] },
  },
  weight: { unit: 'kg', decimals: 2, possible: [0.5, 500], usual: [2, 250] },
  glucose: { unit: 'mmol/l', decimals: 1, possible: [0.5, 50], usual: [2, 30] },
  'heart-rate': { unit: '/min', decimals: 0, possible: [20, 300], usual: [35, 200] },
  temperature: { unit: '°C', decimals: 1, possible: [30, 45], usual: [34, 42] },
};

/** Upper minus lower blood pressure. */
export const pulsePressureLimits = { possibleMin: 10, usual: [20, 140] as Limits } as const;

/** What a finding is about: the upper or lower pressure, their difference, or the one value of a kind. */
export type MeasurementField = 'systolic' | 'diastolic' | 'pulse-pressure' | Exclude<MeasurementKind, 'blood-pressure'>;

export type MeasurementFinding =
  /** Outside what is possible: refused. */
  | { severity: 'impossible'; problem: 'range'; field: MeasurementField; value: number; low: number; high: number }
  /** The lower pressure is not below the upper one: refused. */
  | { severity: 'impossible'; problem: 'order'; field: 'diastolic'; value: number }
  /** The two pressures are too close to be a real reading: refused. */
  | { severity: 'impossible'; problem: 'too-close'; field: 'pulse-pressure'; value: number; low: number }
  /** Possible but rare: "Klopt dit?". */
  | { severity: 'unusual'; problem: 'high' | 'low'; field: MeasurementField; value: number };

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** A value rounded the way it is stored. */
export function roundMeasurement(kind: MeasurementKind, value: number): number {
  return round(value, measurementLimits[kind].decimals);
}

function inRange(field: MeasurementField, value: number, limits: { possible: Limits; usual: Limits }): MeasurementFinding[] {
  const [low, high] = limits.possible;
  if (!Number.isFinite(value) || value < low || value > high) return [{ severity: 'impossible', problem: 'range', field, value, low, high }];
  if (value > limits.usual[1]) return [{ severity: 'unusual', problem: 'high', field, value }];
  if (value < limits.usual[0]) return [{ severity: 'unusual', problem: 'low', field, value }];
  return [];
}

/**
 * Everything to say about these values, impossible findings first. No findings: store it. Any
 * impossible one: refuse. Only unusual ones: ask "Klopt dit?". Values are judged as rounded for
 * storage. `value2` (the lower pressure) is only looked at for blood pressure.
 */
export function checkMeasurement(kind: MeasurementKind, value: number, value2?: number): MeasurementFinding[] {
  const limits = measurementLimits[kind];
  const first = roundMeasurement(kind, value);
  if (kind !== 'blood-pressure' || !limits.second) return inRange(kind as MeasurementField, first, limits);
  const findings = inRange('systolic', first, limits);
  if (value2 === undefined) return findings;
  const second = roundMeasurement(kind, value2);
  findings.push(...inRange('diastolic', second, limits.second));
  if (findings.some((f) => f.severity === 'impossible')) return sortFindings(findings);
  const difference = first - second;
  if (difference <= 0) findings.push({ severity: 'impossible', problem: 'order', field: 'diastolic', value: second });
  else if (difference < pulsePressureLimits.possibleMin) {
    findings.push({ severity: 'impossible', problem: 'too-close', field: 'pulse-pressure', value: difference, low: pulsePressureLimits.possibleMin });
  } else if (difference > pulsePressureLimits.usual[1]) findings.push({ severity: 'unusual', problem: 'high', field: 'pulse-pressure', value: difference });
  else if (difference < pulsePressureLimits.usual[0]) findings.push({ severity: 'unusual', problem: 'low', field: 'pulse-pressure', value: difference });
  return sortFindings(findings);
}

function sortFindings(findings: MeasurementFinding[]): MeasurementFinding[] {
  return findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'impossible' ? -1 : 1));
}
