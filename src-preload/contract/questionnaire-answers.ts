/**
 * Answers to a questionnaire, checked against it: the one verdict the form shows next to each field
 * and the core applies before anything is sent. Zod-free: the renderer imports it at run time.
 *
 * checkAnswers takes answers as people and files give them ("loose": one value or a list per linkId,
 * "ja"/"nee", "72,5", an option's code or its words, ISO dates) and returns them in the app's own
 * form (questionnaire-form.ts `Answers`) with every problem, per question, that stands in the way of
 * sending. Questions that do not apply (enableWhen) are neither required nor checked, and their
 * answers are left out of `applicable` (what may be sent).
 */
import { enabledLinkIds } from './questionnaire-enable';
import { allItems, type AnswerValue, type Answers, type QuestionItem, type QuestionnaireForm } from './questionnaire-form';

export type AnswerProblemCode =
  | 'unknown-question'
  | 'not-a-question'
  | 'required'
  | 'one-answer'
  | 'read-only'
  | 'unsupported'
  | 'not-boolean'
  | 'not-integer'
  | 'not-number'
  | 'too-many-decimals'
  | 'not-date'
  | 'not-datetime'
  | 'not-time'
  | 'not-url'
  | 'not-option'
  | 'too-long'
  | 'too-short'
  | 'below-min'
  | 'above-max'
  | 'one-line'
  | 'not-text';

export interface AnswerProblem {
  linkId: string;
  code: AnswerProblemCode;
  params?: Record<string, string | number>;
}

export interface AnswerCheck {
  /** Every answer given, in the app's form (also for questions that do not apply now). */
  answers: Answers;
  /** Only the answers to questions that apply: what would be sent. */
  applicable: Answers;
  /** linkIds of the questions that apply (enableWhen). */
  enabled: Set<string>;
  problems: AnswerProblem[];
}

type Normalized = { ok: true; value: AnswerValue } | { ok: false; problem: Omit<AnswerProblem, 'linkId'> };

export function checkAnswers(form: QuestionnaireForm, loose: Readonly<Record<string, unknown>>): AnswerCheck {
  const items = allItems(form.items);
  const byId = new Map(items.map((item) => [item.linkId, item]));
  const answers: Answers = {};
  const found: AnswerProblem[] = [];
  for (const [linkId, raw] of Object.entries(loose)) {
    const item = byId.get(linkId);
    if (!item) {
      found.push({ linkId, code: 'unknown-question' });
      continue;
    }
    const values = listOf(raw);
    if (values.length === 0) continue;
    if (item.type === 'group' || item.type === 'display') {
      found.push({ linkId, code: 'not-a-question' });
      continue;
    }
    const normalized: AnswerValue[] = [];
    for (const value of values) {
      const result = normalizeOne(item, value);
      if (result.ok) normalized.push(result.value);
      else found.push({ linkId, ...result.problem });
    }
    if (normalized.length > 0) answers[linkId] = normalized;
  }

  const enabled = enabledLinkIds(form, answers);
  const applicable: Answers = {};
  for (const [linkId, values] of Object.entries(answers)) if (enabled.has(linkId)) applicable[linkId] = values;
  const problems = found.filter((p) => p.code === 'unknown-question' || enabled.has(p.linkId));
  const answered = (item: QuestionItem): boolean =>
    (applicable[item.linkId]?.length ?? 0) > 0 || item.items.some((child) => enabled.has(child.linkId) && answered(child));
  for (const item of items) {
    if (!enabled.has(item.linkId)) continue;
    const given = applicable[item.linkId] ?? [];
    // A value that could not be read already says what to fix; "required" would only repeat it.
    if (item.required && !item.readOnly && !answered(item) && !problems.some((p) => p.linkId === item.linkId)) {
      problems.push({ linkId: item.linkId, code: item.unsupported ? 'unsupported' : 'required', ...(item.unsupported && { params: { required: 1 } }) });
      continue;
    }
    if (given.length === 0) continue;
    if (item.readOnly) problems.push({ linkId: item.linkId, code: 'read-only' });
    else if (item.unsupported) problems.push({ linkId: item.linkId, code: 'unsupported' });
    else if (given.length > 1 && !item.repeats) problems.push({ linkId: item.linkId, code: 'one-answer' });
    for (const value of given) {
      const problem = limitProblem(item, value);
      if (problem) problems.push({ linkId: item.linkId, ...problem });
    }
  }
  return { answers, applicable, enabled, problems: ordered(problems, items) };
}

/** Problems in the order of the questionnaire (unknown questions first: they are about the file). */
function ordered(problems: AnswerProblem[], items: readonly QuestionItem[]): AnswerProblem[] {
  const position = new Map(items.map((item, i) => [item.linkId, i]));
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (position.get(a.p.linkId) ?? -1) - (position.get(b.p.linkId) ?? -1) || a.i - b.i)
    .map(({ p }) => p);
}

function listOf(raw: unknown): unknown[] {
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((v) => v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === ''));
}

const yes = new Set(['ja', 'yes', 'true', 'j', 'y']);
const no = new Set(['nee', 'no', 'false', 'n']);

function normalizeOne(item: QuestionItem, raw: unknown): Normalized {
  const ok = (value: AnswerValue): Normalized => ({ ok: true, value });
  const fail = (code: AnswerProblemCode, params?: Record<string, string | number>): Normalized => ({
    ok: false,
    problem: { code, ...(params && { params }) },
  });
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : null;
  switch (item.type) {
    case 'boolean': {
      if (typeof raw === 'boolean') return ok(raw);
      const word = text?.toLowerCase() ?? '';
      return yes.has(word) ? ok(true) : no.has(word) ? ok(false) : fail('not-boolean');
    }
    case 'integer': {
      const n = numberOf(raw);
      if (n === null) return fail('not-integer');
      return Number.isInteger(n) ? ok(n) : fail('not-integer');
    }
    case 'decimal':
    case 'quantity': {
      const n = numberOf(raw !== null && typeof raw === 'object' && 'value' in raw ? (raw as { value: unknown }).value : raw);
      return n === null ? fail('not-number') : ok(n);
    }
    case 'string':
    case 'text':
    case 'url':
      return text === null ? fail('not-text') : ok(text);
    case 'date': {
      const day = text === null ? null : isoDate(text);
      return day ? ok(day) : fail('not-date');
    }
    case 'dateTime': {
      const moment = text === null ? null : isoDateTime(text);
      return moment ? ok(moment) : fail('not-datetime');
    }
    case 'time': {
      const time = text === null ? null : isoTime(text);
      return time ? ok(time) : fail('not-time');
    }
    case 'choice':
    case 'open-choice': {
      if (item.unsupported) return fail('unsupported');
      const option = optionFor(item, raw);
      if (option) return ok(option);
      if (item.type === 'open-choice') {
        const other = raw !== null && typeof raw === 'object' && 'other' in raw ? (raw as { other: unknown }).other : raw;
        if (typeof other === 'string' && other.trim() !== '') return ok({ other: other.trim() });
      }
      return fail('not-option', { options: item.options.map((o) => o.label).join(' | ') });
    }
    default:
      return fail('unsupported');
  }
}

function numberOf(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== 'string') return null;
  const text = raw.trim().replace(/\s/g, '');
  if (!/^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/.test(text)) return null;
  return Number(text.replace(',', '.'));
}

/** An option by its key, code, words or value; an object { code, system? } matches a coding. */
function optionFor(item: QuestionItem, raw: unknown): string | null {
  if (raw !== null && typeof raw === 'object' && 'code' in raw) {
    const { code, system } = raw as { code: unknown; system?: unknown };
    const found = item.options.find(
      (o) => o.value.kind === 'coding' && o.value.coding.code === code && (system === undefined || o.value.coding.system === system),
    );
    return found?.key ?? null;
  }
  if (typeof raw === 'number') {
    return item.options.find((o) => o.value.kind === 'integer' && o.value.value === raw)?.key ?? item.options.find((o) => o.key === String(raw))?.key ?? null;
  }
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  const lower = text.toLowerCase();
  return (
    item.options.find((o) => o.key === text)?.key ??
    item.options.find((o) => o.value.kind === 'coding' && o.value.coding.code === text)?.key ??
    item.options.find((o) => o.label.toLowerCase() === lower)?.key ??
    item.options.find((o) => o.value.kind !== 'coding' && String(o.value.value).toLowerCase() === lower)?.key ??
    null
  );
}

/** FHIR date: YYYY, YYYY-MM or a real YYYY-MM-DD; also d-m-yyyy as people type it. */
export function isoDate(text: string): string | null {
  if (/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(text)) return text;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const dayFirst = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  const parts = iso ? [iso[1], iso[2], iso[3]] : dayFirst ? [dayFirst[3], dayFirst[2], dayFirst[1]] : null;
  if (!parts) return null;
  const [y, m, d] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1000 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** FHIR dateTime: a date, or a date with a time and a zone; a time without zone is this computer's. */
export function isoDateTime(text: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(Z|[+-]\d{2}:\d{2})?$/.exec(text);
  if (!match) return isoDate(text);
  const day = isoDate(match[1]!);
  const time = isoTime(match[2]!);
  if (!day || !time) return null;
  return `${day}T${time}${match[3] ?? localOffset(new Date(`${day}T${time}`))}`;
}

/** A time of day: "9:05", "09:05" or "09:05:30" → "09:05:00" / "09:05:30". */
export function isoTime(text: string): string | null {
  const match = /^(\d{1,2})[:.](\d{2})(?::(\d{2}))?$/.exec(text);
  if (!match) return null;
  const [h, m, s] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  if (h > 23 || m > 59 || s > 59) return null;
  return `${pad(h)}:${pad(m)}:${pad(s)}`;
}

function localOffset(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Limits of a well-typed answer: length, lines, decimals, min/max, a web address. */
function limitProblem(item: QuestionItem, value: AnswerValue): Omit<AnswerProblem, 'linkId'> | null {
  if (typeof value === 'string' && (item.type === 'string' || item.type === 'text' || item.type === 'url')) {
    if (item.type !== 'text' && /[\r\n]/.test(value)) return { code: 'one-line' };
    if (item.type === 'url' && !/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(value)) return { code: 'not-url' };
    if (item.maxLength !== null && [...value].length > item.maxLength) return { code: 'too-long', params: { max: item.maxLength, length: [...value].length } };
    if (item.minLength !== null && [...value].length < item.minLength) return { code: 'too-short', params: { min: item.minLength } };
  }
  if (typeof value === 'object' && item.maxLength !== null && [...value.other].length > item.maxLength) {
    return { code: 'too-long', params: { max: item.maxLength, length: [...value.other].length } };
  }
  if (typeof value === 'number') {
    if (item.maxDecimalPlaces !== null && decimalsOf(value) > item.maxDecimalPlaces) return { code: 'too-many-decimals', params: { max: item.maxDecimalPlaces } };
    if (typeof item.minValue === 'number' && value < item.minValue) return { code: 'below-min', params: { min: item.minValue } };
    if (typeof item.maxValue === 'number' && value > item.maxValue) return { code: 'above-max', params: { max: item.maxValue } };
  }
  if (typeof value === 'string' && (item.type === 'date' || item.type === 'dateTime')) {
    if (typeof item.minValue === 'string' && value.slice(0, item.minValue.length) < item.minValue) return { code: 'below-min', params: { min: item.minValue } };
    if (typeof item.maxValue === 'string' && value.slice(0, item.maxValue.length) > item.maxValue) return { code: 'above-max', params: { max: item.maxValue } };
  }
  return null;
}

function decimalsOf(value: number): number {
  const text = String(value);
  if (/e/i.test(text)) return 0;
  return text.split('.')[1]?.length ?? 0;
}
