import { RegieError } from '../core/errors';

export const maxLabelLength = 60;

/** Control characters and line breaks would garble the profile picker and the CLI's output. */
const forbidden = /[\p{Cc}\p{Zl}\p{Zp}]/u;

/** The trimmed, NFC-normalized label, or 'invalid-label'. Length counts characters, not UTF-16 units. */
export function validateLabel(label: string): string {
  const cleaned = label.trim().normalize('NFC');
  const length = [...cleaned].length;
  if (length < 1 || length > maxLabelLength || forbidden.test(cleaned)) throw new RegieError('invalid-label');
  return cleaned;
}

/** How labels are compared when a person types one (delete confirmation, CLI): trimmed and case-insensitive. */
export function sameLabel(a: string, b: string): boolean {
  const fold = (value: string) => value.trim().normalize('NFC').toLocaleLowerCase('nl');
  return fold(a) === fold(b);
}
