/**
 * What the Metingen screen knows about each kind of measurement: which codes belong to it (own
 * entries use LOINC; care providers may send SNOMED CT, as zib 2020 allows), its unit, the range the
 * core accepts, and how to read a number back from a record's value line.
 */
import { measurementKinds, type MeasurementKind } from '../../../src-preload/contract/record-sections';
import type { RecordSummary } from '../../../src-preload/contract/records';

export { measurementKinds, type MeasurementKind };

interface KindInfo {
  /** "system|code" of the record's primary code (see RecordSummary.code). */
  codes: ReadonlySet<string>;
  /** As shown after the value (and as it appears in the value line). */
  unit: string;
  /** Other unit spellings in value lines that mean the same. */
  unitAliases: readonly string[];
  /** Accepted range (same as the core's plausibility check). */
  range: [number, number];
  /** Decimals shown. */
  decimals: number;
}

const loinc = (code: string) => `http://loinc.org|${code}`;
const snomed = (code: string) => `http://snomed.info/sct|${code}`;

export const kindInfo: Readonly<Record<MeasurementKind, KindInfo>> = {
  'blood-pressure': {
    codes: new Set([loinc('85354-9'), loinc('55284-4'), snomed('75367002')]),
    unit: 'mmHg',
    unitAliases: ['mm[Hg]', 'mm Hg'],
    range: [40, 300],
    decimals: 0,
  },
  weight: {
    codes: new Set([loinc('29463-7'), loinc('3141-9'), snomed('27113001')]),
    unit: 'kg',
    unitAliases: [],
    range: [0.5, 500],
    decimals: 1,
  },
  glucose: {
    codes: new Set([loinc('14743-9'), loinc('15074-8'), loinc('41653-7'), snomed('434912009')]),
    unit: 'mmol/l',
    unitAliases: ['mmol/L'],
    range: [0.5, 50],
    decimals: 1,
  },
  'heart-rate': {
    codes: new Set([loinc('8867-4'), snomed('364075005')]),
    unit: '/min',
    unitAliases: ['bpm', '{beats}/min', 'slagen/min'],
    range: [20, 300],
    decimals: 0,
  },
  temperature: {
    codes: new Set([loinc('8310-5'), snomed('386725007')]),
    unit: '°C',
    unitAliases: ['Cel'],
    range: [30, 45],
    decimals: 1,
  },
};

/** Diastolic range; it must also be lower than the systolic value. */
export const diastolicRange: [number, number] = [20, 200];

export function kindOf(record: RecordSummary): MeasurementKind | null {
  if (!record.code) return null;
  for (const kind of measurementKinds) if (kindInfo[kind].codes.has(record.code)) return kind;
  return null;
}

/**
 * A number as a person types it: "5,4", "5.4", " 82 ". Returns null for anything else (no thousands
 * separators: none of these measurements reaches a thousand).
 */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim().replace(/\s+/g, '');
  if (!/^\d{1,4}([.,]\d{1,3})?$/.test(trimmed)) return null;
  return Number(trimmed.replace(',', '.'));
}

export interface MeasurementPoint {
  id: string;
  /** As the record has it (ISO date or date-time). */
  date: string;
  /** Milliseconds since the epoch, for the chart. */
  time: number;
  value: number;
  /** Diastolic, for blood pressure. */
  value2?: number;
  /** Entered by the person themself. */
  own: boolean;
  sourceLabel: string;
  valueText: string;
}

const numberPart = '(\\d+(?:,\\d+)?)';

/** The numbers in a value line made by the core, e.g. "132/84 mmHg", "82,4 kg", "7,2 mmol/l (hoog)". */
export function pointOf(record: RecordSummary, kind: MeasurementKind): MeasurementPoint | null {
  if (!record.valueText || !record.date) return null;
  const time = Date.parse(record.date);
  if (Number.isNaN(time)) return null;
  const info = kindInfo[kind];
  const units = [info.unit, ...info.unitAliases].map((u) => u.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
  const toNumber = (s: string) => Number(s.replace(',', '.'));
  const source = record.sources[0]?.source;
  const base = { id: record.id, date: record.date, time, own: source?.kind === 'self', sourceLabel: source?.label ?? '', valueText: record.valueText };
  if (kind === 'blood-pressure') {
    const match = new RegExp(`^${numberPart}/${numberPart} (?:${units})(?:$| )`).exec(record.valueText);
    return match ? { ...base, value: toNumber(match[1]!), value2: toNumber(match[2]!) } : null;
  }
  const match = new RegExp(`^${numberPart} (?:${units})(?:$| )`).exec(record.valueText);
  return match ? { ...base, value: toNumber(match[1]!) } : null;
}
