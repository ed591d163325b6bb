/** Resource types in words: "12 metingen en uitslagen, 3 geneesmiddelen en 1 allergie". */
import type { TFunction } from 'i18next';
import type { Language } from '../../../../src-preload/contract/constants';
import { valueWord } from '../../../../src-preload/contract/value-sets';

export function typeCount(t: TFunction, resourceType: string, count: number): string {
  return t(`records.typeCount.${resourceType}`, { count, defaultValue: t('records.typeCountUnknown', { count, type: resourceType }) });
}

/** Heading for a group of records of one type, e.g. "Metingen en uitslagen". */
export function typeGroupName(t: TFunction, resourceType: string): string {
  return t(`records.typeGroup.${resourceType}`, { defaultValue: resourceType });
}

/** One record of this type, e.g. "Meting of uitslag". */
export function typeName(t: TFunction, resourceType: string): string {
  return t(`records.typeName.${resourceType}`, { defaultValue: resourceType });
}

export function listInWords(parts: string[], language: Language): string {
  return new Intl.ListFormat(language === 'en' ? 'en-GB' : 'nl-NL', { style: 'long', type: 'conjunction' }).format(parts);
}

export function countsInWords(t: TFunction, byType: Record<string, number>, language: Language): string {
  const parts = Object.entries(byType)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([type, n]) => typeCount(t, type, n));
  return listInWords(parts, language);
}

/** A record's status in words: the same value-set words the core uses for presented fields. */
export function statusText(status: string | null, language: Language): string | null {
  if (!status) return null;
  return valueWord('status', status, language) ?? status;
}
