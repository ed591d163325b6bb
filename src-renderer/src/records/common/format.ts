/** Dates, numbers and sizes the way a Dutch (or English) reader expects them. */
import type { Language } from '../../../../src-preload/contract/constants';
import { localeOf } from '../../../../src-preload/contract/format';

// Shared with the core, which writes the dates of presented fields the same way.
export { formatDate, formatNumber } from '../../../../src-preload/contract/format';
/** A moment as the local calendar day, e.g. "2026-03-03T09:15:00Z" → "3 maart 2026". */
export function formatDay(value: string | null | undefined, language: Language): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(localeOf(language), { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
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
  return `${new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

/** The YYYY-MM-DD part of an ISO date, for <input type="date">. */
export function isoDay(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : '';
}
