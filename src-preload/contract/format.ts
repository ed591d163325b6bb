/**
 * Dates and numbers the way a Dutch (or English) reader expects them. Runtime-agnostic: the core
 * writes the words of presented fields with these, the renderer its own dates, so both read alike.
 */
import type { Language } from './constants';

export const localeOf = (language: Language): string => (language === 'en' ? 'en-GB' : 'nl-NL');

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
    return new Intl.DateTimeFormat(localeOf(language), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) {
    const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    return new Intl.DateTimeFormat(localeOf(language), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const hasTime = /T\d{2}:\d{2}/.test(value) && !/T00:00(:00(\.0+)?)?(Z|[+-]00:00)?$/.test(value);
  return new Intl.DateTimeFormat(localeOf(language), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(hasTime && { hour: '2-digit', minute: '2-digit' }),
  }).format(date);
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 6 }).format(value);
}
