/**
 * `regie measure add|list|correct|delete`: own measurements, named as Metingen names them in Dutch
 * (bloeddruk with two values, gewicht, glucose, hartslag, temperatuur). An unusual value is stored
 * only with --confirm-implausible, the CLI's "Klopt dit?".
 */
import { measurementLimits } from '../../../src-preload/contract/measurement-checks';
import type { MeasurementDetail } from '../../../src-preload/contract/measurements';
import { measurementKinds, type MeasurementKind } from '../../../src-preload/contract/record-sections';
import { call, type CliContext } from '../context';
import { CliCallError, CliUsageError } from '../output';
import { openProfile } from './open-profile';

const kindWords: Readonly<Record<string, MeasurementKind>> = {
  bloeddruk: 'blood-pressure',
  gewicht: 'weight',
  glucose: 'glucose',
  bloedsuiker: 'glucose',
  hartslag: 'heart-rate',
  temperatuur: 'temperature',
  ...Object.fromEntries(measurementKinds.map((kind) => [kind, kind])),
};

const kindNames: Readonly<Record<MeasurementKind, string>> = {
  'blood-pressure': 'bloeddruk',
  weight: 'gewicht',
  glucose: 'glucose',
  'heart-rate': 'hartslag',
  temperature: 'temperatuur',
};

/** Other ways to write each kind's unit (lower case). */
const unitSpellings: Readonly<Record<MeasurementKind, readonly string[]>> = {
  'blood-pressure': ['mmhg', 'mm[hg]', 'mm hg'],
  weight: ['kg'],
  glucose: ['mmol/l'],
  'heart-rate': ['/min', 'bpm', 'slagen/min', 'per minuut'],
  temperature: ['°c', 'c', 'cel'],
};

export interface MeasureOptions {
  unit?: string;
  at?: string;
  note?: string;
  kind?: string;
  since?: string;
  confirmImplausible?: boolean;
}

export async function measureCommand(ctx: CliContext, sub: string | undefined, args: string[], options: MeasureOptions, ref?: string): Promise<void> {
  switch (sub) {
    case 'add':
      return measureAdd(ctx, args, options, ref);
    case 'list':
      if (args.length > 0) throw new CliUsageError("too many arguments for 'measure list'");
      return measureList(ctx, options, ref);
    case 'correct':
      return measureCorrect(ctx, args, options, ref);
    case 'delete':
      if (args.length !== 1) throw new CliUsageError('measure delete needs one measurement ID (see regie measure list)');
      return measureDelete(ctx, args[0]!, ref);
    default:
      throw new CliUsageError(`unknown measure command '${sub ?? ''}' (add, list, correct, delete)`);
  }
}

export function kindOf(word: string | undefined): MeasurementKind {
  const kind = word === undefined ? undefined : kindWords[word.toLowerCase()];
  if (!kind) throw new CliUsageError(`KIND must be one of: ${Object.values(kindNames).join(', ')}`);
  return kind;
}

/** "5,4" or "5.4"; blood pressure also as one "135/85". */
function valuesOf(kind: MeasurementKind, words: string[]): { value: number; value2?: number } {
  const parts = words.flatMap((word) => word.split('/')).filter((part) => part !== '');
  const numbers = parts.map((part) => {
    if (!/^\d{1,4}([.,]\d{1,3})?$/.test(part)) throw new CliUsageError(`'${part}' is not a number (e.g. 82,4 or 82.4)`);
    return Number(part.replace(',', '.'));
  });
  const wanted = kind === 'blood-pressure' ? 2 : 1;
  if (numbers.length !== wanted) {
    throw new CliUsageError(kind === 'blood-pressure' ? 'bloeddruk needs two values: upper and lower pressure (e.g. 135 85)' : `${kindNames[kind]} needs one VALUE`);
  }
  return { value: numbers[0]!, ...(kind === 'blood-pressure' && { value2: numbers[1]! }) };
}

function checkUnit(kind: MeasurementKind, unit: string | undefined): void {
  if (unit === undefined || unitSpellings[kind].includes(unit.trim().toLowerCase())) return;
  throw new CliUsageError(`${kindNames[kind]} is entered in ${measurementLimits[kind].unit}, not '${unit}'`);
}

/** --at as an ISO date-time with offset; one without offset is local time. */
export function momentOf(at: string | undefined, now = new Date()): string {
  if (at === undefined) return offsetIso(now);
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?(Z|[+-]\d{2}:\d{2})?$/.exec(at.trim());
  if (!match) throw new CliUsageError('--at needs a date and time, e.g. 2025-06-01T09:30 (local time) or 2025-06-01T09:30+02:00');
  const [, day, minute, seconds, zone] = match;
  if (zone) return `${day}T${minute}${seconds ?? ':00'}${zone}`;
  const local = new Date(`${day}T${minute}${seconds ?? ':00'}`);
  if (Number.isNaN(local.getTime())) throw new CliUsageError(`--at: '${at}' is not a date and time`);
  return offsetIso(local);
}

function offsetIso(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** An unusual value: say how to store it anyway. */
async function confirming<T>(ctx: CliContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CliCallError && error.payload.code === 'measurement-implausible') {
      const hint = ctx.out.language === 'nl' ? 'herhaal met --confirm-implausible om de meting toch op te slaan' : 'repeat with --confirm-implausible to store it anyway';
      throw new CliCallError({ ...error.payload, detail: hint });
    }
    throw error;
  }
}

async function measureAdd(ctx: CliContext, args: string[], options: MeasureOptions, ref?: string): Promise<void> {
  const [word, ...rest] = args;
  const kind = kindOf(word);
  const values = valuesOf(kind, rest);
  checkUnit(kind, options.unit);
  const effectiveAt = momentOf(options.at);
  const profile = await openProfile(ctx, ref);
  const summary = await confirming(ctx, () =>
    call(ctx, 'records.addMeasurement', {
      profileId: profile.id,
      kind,
      ...values,
      effectiveAt,
      ...(options.note !== undefined && { note: options.note }),
      ...(options.confirmImplausible && { confirmedImplausible: true }),
    }),
  );
  ctx.out.result(summary, `Opgeslagen / stored: ${kindNames[kind]} ${summary.valueText ?? ''}\t${summary.id}`);
}

async function measureList(ctx: CliContext, options: MeasureOptions, ref?: string): Promise<void> {
  const kind = options.kind === undefined ? undefined : kindOf(options.kind);
  if (options.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.since)) throw new CliUsageError('--since needs a date YYYY-MM-DD');
  const profile = await openProfile(ctx, ref);
  const list = await call(ctx, 'measurements.list', {
    profileId: profile.id,
    ...(kind !== undefined && { kind }),
    ...(options.since !== undefined && { from: options.since }),
  });
  const changed = ctx.out.language === 'nl' ? 'gewijzigd' : 'corrected';
  ctx.out.result(
    list,
    list.points.length === 0
      ? '(geen metingen / no measurements)'
      : list.points
          .map((p) => [p.id, p.date, kindNames[p.kind], p.valueText, p.sourceLabel, p.corrected ? `(${changed})` : ''].join('\t').trimEnd())
          .join('\n'),
  );
}

async function measureCorrect(ctx: CliContext, args: string[], options: MeasureOptions, ref?: string): Promise<void> {
  const [recordId, ...rest] = args;
  if (!recordId || rest.length === 0) throw new CliUsageError('measure correct needs a measurement ID and the new VALUE(s)');
  const effectiveAt = options.at === undefined ? undefined : momentOf(options.at);
  const profile = await openProfile(ctx, ref);
  const current = await call(ctx, 'measurements.get', { profileId: profile.id, recordId });
  const values = valuesOf(current.kind, rest);
  checkUnit(current.kind, options.unit);
  const detail: MeasurementDetail = await confirming(ctx, () =>
    call(ctx, 'measurements.correct', {
      profileId: profile.id,
      recordId,
      ...values,
      ...(effectiveAt !== undefined && { effectiveAt }),
      ...(options.note !== undefined && { note: options.note }),
      ...(options.confirmImplausible && { confirmedImplausible: true }),
    }),
  );
  const before = detail.revisions[0]?.valueText;
  ctx.out.result(detail, `Gewijzigd / corrected: ${kindNames[detail.kind]} ${detail.valueText}${before ? ` (eerder / before: ${before})` : ''}`);
}

async function measureDelete(ctx: CliContext, recordId: string, ref?: string): Promise<void> {
  const profile = await openProfile(ctx, ref);
  await call(ctx, 'measurements.delete', { profileId: profile.id, recordId });
  ctx.out.result({ deleted: recordId }, `Verwijderd / deleted: ${recordId}`);
}
