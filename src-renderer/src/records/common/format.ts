/** Dates, numbers and sizes the way a Dutch (or English) reader expects them. */
import type { Language } from '../../../../src-preload/contract/constants';

const locale = (language: Language) => (language === 'en' ? 'en-GB' : 'nl-NL');

/**
 * "2024" → "2024", "2024-03" → "maart 2024", "2024-03-03" → "3 maart 2024",
 * "2024-03-03T14:05:00+01:00" → "3 maart 2024, 14:05". Anything else is shown as given.
 */
export function formatDate(value: string | null | undefined, language: Language): string {
  if (!value) return '';
  const year = /^(\d{4})$/.exec(value);
  if (year) return value;
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month) {
    const date = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
    return new Intl.DateTimeFormat(locale(language), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) {
    const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    return new Intl.DateTimeFormat(locale(language), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const hasTime = /T\d{2}:\d{2}/.test(value) && !/T00:00(:00(\.0+)?)?(Z|[+-]00:00)?$/.test(value);
  return new Intl.DateTimeFormat(locale(language), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(hasTime && { hour: '2-digit', minute: '2-digit' }),
  }).format(date);
}

/** A moment as the local calendar day, e.g. "2026-03-03T09:15:00Z" → "3 maart 2026". */
export function formatDay(value: string | null | undefined, language: Language): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(language), { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 6 }).format(value);
}

export function formatBytes(bytes: number | null, language: Language): string {
  if (bytes === null) return '';
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale(language), { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

/** The YYYY-MM-DD part of an ISO date, for <input type="date">. */
export function isoDay(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : '';
}
