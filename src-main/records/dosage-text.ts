/**
 * Instructions for use as one line, the one reading of a dosage for every view (lists, Medicatie,
 * detail): the sender's own text when there is one (that is what the patient got on the label),
 * otherwise the structured timing and dose put simply, e.g. "zo nodig, 3 keer per dag, 2 stuk".
 * Dutch by default (the derived tables keep Dutch lines); English when the detail view asks for it.
 */
import type { Language } from '../../src-preload/contract/constants';
import { isObject, type FhirJson } from '../fhir/types';

const numberFormats: Record<Language, Intl.NumberFormat> = {
  nl: new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 3, useGrouping: false }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3, useGrouping: false }),
};

type Pair = readonly [nl: string, en: string];

const units: Readonly<Record<string, readonly [one: Pair, other: Pair]>> = {
  s: [['seconde', 'second'], ['seconden', 'seconds']],
  min: [['minuut', 'minute'], ['minuten', 'minutes']],
  h: [['uur', 'hour'], ['uur', 'hours']],
  d: [['dag', 'day'], ['dagen', 'days']],
  wk: [['week', 'week'], ['weken', 'weeks']],
  mo: [['maand', 'month'], ['maanden', 'months']],
  a: [['jaar', 'year'], ['jaar', 'years']],
};

const moments: Readonly<Record<string, Pair>> = {
  MORN: ["'s ochtends", 'in the morning'],
  AFT: ["'s middags", 'in the afternoon'],
  EVE: ["'s avonds", 'in the evening'],
  NIGHT: ["'s nachts", 'at night'],
  HS: ['voor het slapengaan', 'before bedtime'],
  WAKE: ['bij het opstaan', 'on waking'],
  C: ['bij de maaltijd', 'with a meal'],
  CM: ['bij het ontbijt', 'with breakfast'],
  CD: ['bij de lunch', 'with lunch'],
  CV: ['bij het avondeten', 'with dinner'],
  AC: ['voor de maaltijd', 'before a meal'],
  PC: ['na de maaltijd', 'after a meal'],
};

const days: Readonly<Record<string, Pair>> = {
  mon: ['ma', 'Mon'],
  tue: ['di', 'Tue'],
  wed: ['wo', 'Wed'],
  thu: ['do', 'Thu'],
  fri: ['vr', 'Fri'],
  sat: ['za', 'Sat'],
  sun: ['zo', 'Sun'],
};

const words = {
  asNeeded: ['zo nodig', 'as needed'],
  asNeededFor: ['zo nodig bij', 'as needed for'],
  timesPer: ['keer per', 'times per'],
  to: ['à', 'to'],
  on: ['op', 'on'],
  at: ['om', 'at'],
} as const satisfies Record<string, Pair>;

const pick = (pair: Pair, language: Language) => pair[language === 'en' ? 1 : 0];

/** All dosages of a record (Dosage[] or, for MedicationAdministration, one dosage) as one line. */
export function dosagesLine(dosages: unknown, language: Language = 'nl'): string | null {
  const lines = (Array.isArray(dosages) ? dosages : [dosages])
    .filter(isObject)
    .map((dosage) => dosageLine(dosage, language))
    .filter((line): line is string => line !== null);
  const text = [...new Set(lines)].join('; ');
  return text ? text.slice(0, 300) : null;
}

export function dosageLine(dosage: FhirJson, language: Language = 'nl'): string | null {
  if (typeof dosage.text === 'string' && dosage.text.trim()) return dosage.text.trim();
  const repeat = isObject(dosage.timing) && isObject(dosage.timing.repeat) ? dosage.timing.repeat : {};
  const parts = [
    asNeeded(dosage, language),
    frequency(repeat, language),
    listOf(repeat.dayOfWeek, (d) => (days[d] ? pick(days[d], language) : d), `${pick(words.on, language)} `),
    listOf(repeat.timeOfDay, (t) => t.slice(0, 5), `${pick(words.at, language)} `),
    listOf(repeat.when, (w) => (moments[w] ? pick(moments[w], language) : w), ''),
    dose(dosage, language),
    typeof dosage.patientInstruction === 'string' ? dosage.patientInstruction.trim() : null,
  ].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(', ') : null;
}

/** "180 stuk", "0,5 ml". */
export function quantityText(quantity: unknown, language: Language = 'nl'): string | null {
  if (!isObject(quantity) || typeof quantity.value !== 'number') return null;
  const unit = typeof quantity.unit === 'string' && quantity.unit ? quantity.unit : typeof quantity.code === 'string' ? quantity.code : '';
  return `${numberFormats[language].format(quantity.value)}${unit ? ` ${unit}` : ''}`;
}

function asNeeded(dosage: FhirJson, language: Language): string | null {
  const reason = dosage.asNeededCodeableConcept;
  if (isObject(reason)) {
    const text = typeof reason.text === 'string' ? reason.text : null;
    const coding = Array.isArray(reason.coding) ? reason.coding.find((c) => isObject(c) && typeof c.display === 'string') : null;
    const why = text ?? (isObject(coding) ? String(coding.display) : null);
    return why ? `${pick(words.asNeededFor, language)} ${why}` : pick(words.asNeeded, language);
  }
  return dosage.asNeededBoolean === true ? pick(words.asNeeded, language) : null;
}

function frequency(repeat: FhirJson, language: Language): string | null {
  const { frequency: count, frequencyMax: max, period, periodUnit } = repeat;
  if (typeof count !== 'number' || typeof period !== 'number' || typeof periodUnit !== 'string') return null;
  const unit = units[periodUnit];
  if (!unit) return null;
  const n = numberFormats[language];
  const times = typeof max === 'number' && max > count ? `${n.format(count)} ${pick(words.to, language)} ${n.format(max)}` : n.format(count);
  const per = period === 1 ? pick(unit[0], language) : `${n.format(period)} ${pick(unit[1], language)}`;
  return `${times} ${pick(words.timesPer, language)} ${per}`;
}

function dose(dosage: FhirJson, language: Language): string | null {
  const rates = Array.isArray(dosage.doseAndRate) ? dosage.doseAndRate.filter(isObject) : [];
  // MedicationAdministration.dosage has `dose` directly.
  const first = rates[0] ?? { doseQuantity: dosage.dose };
  const quantity = quantityText(first.doseQuantity, language);
  if (quantity) return quantity;
  const range = first.doseRange;
  if (!isObject(range)) return null;
  const low = quantityText(range.low, language);
  const high = quantityText(range.high, language);
  if (low && high) return `${low.replace(/ .*$/, '')} ${pick(words.to, language)} ${high}`;
  return low ?? high;
}

function listOf(value: unknown, word: (v: string) => string, prefix: string): string | null {
  const items = (Array.isArray(value) ? value : []).filter((v): v is string => typeof v === 'string').map(word);
  return items.length > 0 ? `${prefix}${items.join(', ')}` : null;
}
