/**
 * Dates and times typed as text, in the app's language rather than the browser's: a native
 * <input type="date"> shows mm/dd/yyyy and "10:21 AM" in a browser set to English even when the
 * app speaks Dutch. Day first in both languages ("03-02-2025" in Dutch, "03/02/2025" in English),
 * times on the 24-hour clock. Parsing is lenient about separators, strict about real dates.
 */
import type { Language } from '../../../src-preload/contract/constants';

const pad = (n: number) => String(n).padStart(2, '0');

/** "3-2-2025", "03/02/2025", "3.2.2025", "03022025" or "2025-02-03" → "2025-02-03"; null when not a real date. */
export function parseDayInput(text: string): string | null {
  const value = text.trim();
  let parts: [number, number, number] | null = null;
  const dayFirst = /^(\d{1,2})\s*[-/.\s]\s*(\d{1,2})\s*[-/.\s]\s*(\d{4})$/.exec(value) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(value);
  if (dayFirst) parts = [Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1])];
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  if (!parts) return null;
  const [year, month, day] = parts;
  if (year < 1000 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null; // 31-02 rolls over into March
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** "2025-02-03" → "03-02-2025" (Dutch) or "03/02/2025" (English); anything else as given. */
export function formatDayInput(iso: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  return [match[3], match[2], match[1]].join(language === 'en' ? '/' : '-');
}

/** "9:05", "09.05", "0905" → "09:05" (24-hour clock); null when not a time of day. */
export function parseTimeInput(text: string): string | null {
  const value = text.trim();
  const match = /^(\d{1,2})\s*[:.]\s*(\d{2})$/.exec(value) ?? /^(\d{2})(\d{2})$/.exec(value);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return `${pad(hours)}:${pad(minutes)}`;
}

/** Today as "2025-02-03" and the time as "14:05", on this computer's clock. */
export function localDayAndTime(now = new Date()): { day: string; time: string } {
  return {
    day: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
    time: `${pad(now.getHours())}:${pad(now.getMinutes())}`,
  };
}
