/**
 * What the open form holds per question, and the answers it hands to the core (and keeps as the
 * draft). Text stays as the person typed it ("72,5", "03-02-2025"): the shared rules
 * (contract/questionnaire-answers.ts) read it, so a half-typed value is kept in the draft and
 * explained next to the field rather than lost. A date-time is two fields, joined here.
 */
import type { Language } from '../../../src-preload/contract/constants';
import { allItems, type AnswerValue, type QuestionItem, type QuestionnaireForm } from '../../../src-preload/contract/questionnaire-form';
import { formatDayInput, parseDayInput, parseTimeInput } from '../components/date-input';

export type Other = { other: string };
export type DateTimeParts = { date: string; time: string };
/** One question's state: typed text, yes/no, chosen option key(s), own text, or a date and a time. */
export type FieldValue = string | boolean | Array<string | Other> | Other | DateTimeParts;
export type FieldValues = Record<string, FieldValue>;

export const isParts = (v: unknown): v is DateTimeParts => typeof v === 'object' && v !== null && 'date' in v && 'time' in v;
export const isOther = (v: unknown): v is Other => typeof v === 'object' && v !== null && 'other' in v;

/** The answers as the core takes them (loose: one value or a list per linkId). */
export function looseAnswers(values: FieldValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [linkId, value] of Object.entries(values)) {
    const loose = isParts(value) ? joinDateTime(value) : value;
    if (loose === undefined || loose === '' || (Array.isArray(loose) && loose.length === 0)) continue;
    out[linkId] = loose;
  }
  return out;
}

function joinDateTime({ date, time }: DateTimeParts): string | undefined {
  if (!date.trim() && !time.trim()) return undefined;
  const day = parseDayInput(date);
  const clock = parseTimeInput(time);
  if (day && clock) return `${day}T${clock}`;
  if (day && !time.trim()) return day;
  // Not (yet) a moment: kept as typed, and the rules say what to fix.
  return `${date.trim()} ${time.trim()}`.trim();
}

/** The form's starting state: the saved draft, or else what the provider filled in beforehand. */
export function initialValues(form: QuestionnaireForm, draft: Record<string, unknown> | null, language: Language): FieldValues {
  const values: FieldValues = {};
  const items = allItems(form.items);
  if (draft) {
    for (const item of items) {
      const value = draft[item.linkId];
      if (value !== undefined) values[item.linkId] = fieldValueOf(item, value, language);
    }
    return values;
  }
  for (const item of items) if (item.initial.length > 0) values[item.linkId] = fieldValueOf(item, item.repeats ? item.initial : item.initial[0], language);
  return values;
}

function fieldValueOf(item: QuestionItem, value: unknown, language: Language): FieldValue {
  const one = (v: unknown): FieldValue => {
    if (typeof v === 'boolean' || isOther(v)) return v;
    if (typeof v === 'number') return language === 'nl' ? String(v).replace('.', ',') : String(v);
    const text = typeof v === 'string' ? v : '';
    if (item.type === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(text) ? formatDayInput(text, language) : text;
    if (item.type === 'time') return /^\d{2}:\d{2}:\d{2}$/.test(text) ? text.slice(0, 5) : text;
    if (item.type === 'dateTime') {
      const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?/.exec(text);
      return match ? { date: formatDayInput(match[1]!, language), time: match[2] ?? '' } : { date: text, time: '' };
    }
    return text;
  };
  if (Array.isArray(value)) {
    if ((item.type === 'choice' || item.type === 'open-choice') && item.repeats) return value.filter((v): v is string | Other => typeof v === 'string' || isOther(v));
    return value.length > 0 ? one(value[0]) : '';
  }
  return one(value);
}

/** An answer value from the core's form (AnswerValue) as the chosen key, for choice fields. */
export function chosenKeys(value: FieldValue | undefined): Array<string | Other> {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'string' || isOther(value)) return value === '' ? [] : [value];
  return [];
}

export type { AnswerValue };
