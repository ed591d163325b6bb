/** Dates with time for the MedMij screens, e.g. "3 maart 2026 om 14:05". */
import type { Language } from '../../../src-preload/contract/constants';

export function formatDateTime(value: string, language: Language): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/** A safe id fragment for a service or provider id ("regie.medicatie", "delinde@medmij"). */
export function idPart(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_');
}
