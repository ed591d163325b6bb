/**
 * Metingen's reading of the record: which records are measurements of which kind (own entries use
 * LOINC; care providers may send SNOMED CT, as zib 2020 allows), and their numbers, read back from the
 * value line display.ts wrote (so Metingen shows exactly what every other screen shows). Hidden
 * records are left out, like everywhere.
 */
import { measurementLimits } from '../../src-preload/contract/measurement-checks';
import type { MeasurementPoint } from '../../src-preload/contract/measurements';
import { measurementKinds, type MeasurementKind } from '../../src-preload/contract/record-sections';
import type { Database } from '../vault/database';
import { listWhere } from './list-records';
import { provenanceOf, type RecordRow, recordColumns } from './summaries';

const loinc = (code: string) => `http://loinc.org|${code}`;
const snomed = (code: string) => `http://snomed.info/sct|${code}`;

/** "system|code" of a record's primary code, per kind. */
const kindCodes: Readonly<Record<MeasurementKind, readonly string[]>> = {
  'blood-pressure': [loinc('85354-9'), loinc('55284-4'), snomed('75367002')],
  weight: [loinc('29463-7'), loinc('3141-9'), snomed('27113001')],
  glucose: [loinc('14743-9'), loinc('15074-8'), loinc('41653-7'), snomed('434912009')],
  'heart-rate': [loinc('8867-4'), snomed('364075005')],
  temperature: [loinc('8310-5'), snomed('386725007')],
};

/** Other spellings of each kind's unit that value lines may carry. */
const unitAliases: Readonly<Record<MeasurementKind, readonly string[]>> = {
  'blood-pressure': ['mm[Hg]', 'mm Hg'],
  weight: [],
  glucose: ['mmol/L'],
  'heart-rate': ['bpm', '{beats}/min', 'slagen/min'],
  temperature: ['Cel'],
};

const kindByCode = new Map(measurementKinds.flatMap((kind) => kindCodes[kind].map((code) => [code, kind] as const)));

export function measurementKindOfCode(code: string | null): MeasurementKind | null {
  return code === null ? null : (kindByCode.get(code) ?? null);
}

/** At most this many measurements are read for one list (the chart is about trends, not every reading). */
export const maxMeasurements = 10_000;

export interface MeasurementQuery {
  kind?: MeasurementKind;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  /** YYYY-MM-DD, inclusive. */
  to?: string;
}

export interface MeasurementList {
  /** Oldest first. */
  points: MeasurementPoint[];
  truncated: boolean;
  /** Measurements before `from`. */
  earlier: number;
}

function codesOf(kind: MeasurementKind | undefined): string {
  return JSON.stringify(kind ? kindCodes[kind] : measurementKinds.flatMap((k) => kindCodes[k]));
}

/** The newest measurements of the period (at most maxMeasurements), returned oldest first. */
export function listMeasurements(db: Database, query: MeasurementQuery, corrected: ReadonlySet<string>): MeasurementList {
  const { where, params } = listWhere({
    section: 'vitale-functies',
    ...(query.from !== undefined && { from: query.from }),
    ...(query.to !== undefined && { to: query.to }),
  });
  const codeClause = 'r.code IN (SELECT value FROM json_each(?))';
  const rows = db
    .prepare(
      `SELECT ${recordColumns} FROM record r ${where} AND r.sort_date <> '' AND ${codeClause}
       ORDER BY r.sort_date DESC, r.id DESC LIMIT ?`,
    )
    .all(...params, codesOf(query.kind), maxMeasurements + 1) as RecordRow[];
  const truncated = rows.length > maxMeasurements;
  const points = pointsOf(db, rows.slice(0, maxMeasurements), corrected).reverse();
  let earlier = 0;
  if (query.from) {
    const before = listWhere({ section: 'vitale-functies' });
    earlier = db
      .prepare(`SELECT count(*) FROM record r ${before.where} AND r.sort_date <> '' AND r.sort_date < ? AND ${codeClause}`)
      .pluck()
      .get(...before.params, query.from, codesOf(query.kind)) as number;
  }
  return { points, truncated, earlier };
}

/** One measurement that is in the lists (present, not hidden), or null. */
export function measurementOf(db: Database, recordId: string, corrected: ReadonlySet<string>): MeasurementPoint | null {
  const row = db.prepare(`SELECT ${recordColumns} FROM record r WHERE r.id = ? AND r.hidden = 0`).get(recordId) as RecordRow | undefined;
  return row ? (pointsOf(db, [row], corrected)[0] ?? null) : null;
}

function pointsOf(db: Database, rows: readonly RecordRow[], corrected: ReadonlySet<string>): MeasurementPoint[] {
  const provenance = provenanceOf(db, rows.map((row) => row.id));
  return rows.flatMap((row) => {
    const kind = measurementKindOfCode(row.code);
    const numbers = kind && row.value_text ? numbersOf(row.value_text, kind) : null;
    if (!kind || !numbers || !row.date) return [];
    const source = provenance.get(row.id)?.[0]?.source;
    return [
      {
        id: row.id,
        kind,
        date: row.date,
        ...numbers,
        unit: measurementLimits[kind].unit,
        valueText: row.value_text!,
        own: source?.kind === 'self',
        sourceLabel: source?.label ?? '',
        corrected: corrected.has(row.id),
      },
    ];
  });
}

const numberPart = '(\\d+(?:,\\d+)?)';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The numbers in a value line, e.g. "132/84 mmHg", "82,4 kg", "7,2 mmol/l (hoog)"; null when it is not in the kind's unit. */
function numbersOf(valueText: string, kind: MeasurementKind): { value: number; value2?: number } | null {
  const units = [measurementLimits[kind].unit, ...unitAliases[kind]].map(escape).join('|');
  const toNumber = (text: string) => Number(text.replace(',', '.'));
  if (kind === 'blood-pressure') {
    const match = new RegExp(`^${numberPart}/${numberPart} (?:${units})(?:$| )`).exec(valueText);
    return match ? { value: toNumber(match[1]!), value2: toNumber(match[2]!) } : null;
  }
  const match = new RegExp(`^${numberPart} (?:${units})(?:$| )`).exec(valueText);
  return match ? { value: toNumber(match[1]!) } : null;
}
