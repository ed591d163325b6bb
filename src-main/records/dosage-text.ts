/**
 * Instructions for use as one Dutch line: the sender's own text when there is one (that is what the
 * patient got on the label), otherwise the structured timing and dose put simply, e.g.
 * "zo nodig, 3 keer per dag, 2 stuk".
 */
import { isObject, type FhirJson } from '../fhir/types';

const nlNumber = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 3, useGrouping: false });

const units: Readonly<Record<string, [one: string, other: string]>> = {
  s: ['seconde', 'seconden'],
  min: ['minuut', 'minuten'],
  h: ['uur', 'uur'],
  d: ['dag', 'dagen'],
  wk: ['week', 'weken'],
  mo: ['maand', 'maanden'],
  a: ['jaar', 'jaar'],
};

const moments: Readonly<Record<string, string>> = {
  MORN: "'s ochtends",
  AFT: "'s middags",
  EVE: "'s avonds",
  NIGHT: "'s nachts",
  HS: 'voor het slapengaan',
  WAKE: 'bij het opstaan',
  C: 'bij de maaltijd',
  CM: 'bij het ontbijt',
  CD: 'bij de lunch',
  CV: 'bij het avondeten',
  AC: 'voor de maaltijd',
  PC: 'na de maaltijd',
};

const days: Readonly<Record<string, string>> = { mon: 'ma', tue: 'di', wed: 'wo', thu: 'do', fri: 'vr', sat: 'za', sun: 'zo' };

/** All dosages of a record (Dosage[] or, for MedicationAdministration, one dosage) as one line. */
export function dosagesLine(dosages: unknown): string | null {
  const lines = (Array.isArray(dosages) ? dosages : [dosages])
    .filter(isObject)
    .map(dosageLine)
    .filter((line): line is string => line !== null);
  const text = [...new Set(lines)].join('; ');
  return text ? text.slice(0, 300) : null;
}

export function dosageLine(dosage: FhirJson): string | null {
  if (typeof dosage.text === 'string' && dosage.text.trim()) return dosage.text.trim();
  const repeat = isObject(dosage.timing) && isObject(dosage.timing.repeat) ? dosage.timing.repeat : {};
  const parts = [
    asNeeded(dosage),
    frequency(repeat),
    listOf(repeat.dayOfWeek, (d) => days[d] ?? d, 'op '),
    listOf(repeat.timeOfDay, (t) => t.slice(0, 5), 'om '),
    listOf(repeat.when, (w) => moments[w] ?? w, ''),
    dose(dosage),
    typeof dosage.patientInstruction === 'string' ? dosage.patientInstruction.trim() : null,
  ].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(', ') : null;
}

/** "180 stuk", "0,5 ml". */
export function quantityText(quantity: unknown): string | null {
  if (!isObject(quantity) || typeof quantity.value !== 'number') return null;
  const unit = typeof quantity.unit === 'string' && quantity.unit ? quantity.unit : typeof quantity.code === 'string' ? quantity.code : '';
  return `${nlNumber.format(quantity.value)}${unit ? ` ${unit}` : ''}`;
}

function asNeeded(dosage: FhirJson): string | null {
  const reason = dosage.asNeededCodeableConcept;
  if (isObject(reason)) {
    const text = typeof reason.text === 'string' ? reason.text : null;
    const coding = Array.isArray(reason.coding) ? reason.coding.find((c) => isObject(c) && typeof c.display === 'string') : null;
    const why = text ?? (isObject(coding) ? String(coding.display) : null);
    return why ? `zo nodig bij ${why}` : 'zo nodig';
  }
  return dosage.asNeededBoolean === true ? 'zo nodig' : null;
}

function frequency(repeat: FhirJson): string | null {
  const { frequency: count, frequencyMax: max, period, periodUnit } = repeat;
  if (typeof count !== 'number' || typeof period !== 'number' || typeof periodUnit !== 'string') return null;
  const unit = units[periodUnit];
  if (!unit) return null;
  const times = typeof max === 'number' && max > count ? `${nlNumber.format(count)} à ${nlNumber.format(max)}` : nlNumber.format(count);
  const per = period === 1 ? unit[0] : `${nlNumber.format(period)} ${unit[1]}`;
  return `${times} keer per ${per}`;
}

function dose(dosage: FhirJson): string | null {
  const rates = Array.isArray(dosage.doseAndRate) ? dosage.doseAndRate.filter(isObject) : [];
  // MedicationAdministration.dosage has `dose` directly.
  const first = rates[0] ?? { doseQuantity: dosage.dose };
  const quantity = quantityText(first.doseQuantity);
  if (quantity) return quantity;
  const range = first.doseRange;
  if (!isObject(range)) return null;
  const low = quantityText(range.low);
  const high = quantityText(range.high);
  if (low && high) return `${low.replace(/ .*$/, '')} à ${high}`;
  return low ?? high;
}

function listOf(value: unknown, word: (v: string) => string, prefix: string): string | null {
  const items = (Array.isArray(value) ? value : []).filter((v): v is string => typeof v === 'string').map(word);
  return items.length > 0 ? `${prefix}${items.join(', ')}` : null;
}
