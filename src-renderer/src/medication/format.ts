/** The dates and amounts of a medicine in words, e.g. "25 maart 2019 tot 8 februari 2022". */
import type { TFunction } from 'i18next';
import type { Language } from '../../../src-preload/contract/constants';
import type { Medicine } from '../../../src-preload/contract/records';
import { formatDate } from '../records/common/format';
import { listInWords } from '../records/common/typeNames';

export interface Fact {
  key: string;
  label: string;
  value: string;
}

/** Label and value of a medicine's period: "Sinds …" while in use, "Periode …" once ended. */
export function periodFact(medicine: Medicine, t: TFunction, language: Language): Fact | null {
  const start = formatDate(medicine.start, language);
  const end = formatDate(medicine.end, language);
  if (medicine.phase === 'planned' && start) {
    return { key: 'period', label: t('medication.facts.startsOn'), value: end ? t('medication.range', { start, end }) : start };
  }
  if (medicine.phase !== 'ended') {
    if (start && end) return { key: 'period', label: t('medication.facts.period'), value: t('medication.range', { start, end }) };
    if (start) return { key: 'period', label: t('medication.facts.since'), value: start };
    return end ? { key: 'period', label: t('medication.facts.until'), value: end } : null;
  }
  if (!start && !end) return null;
  const value = start && end ? (start === end ? start : t('medication.range', { start, end })) : start ? t('medication.from', { start }) : t('medication.upTo', { end });
  return { key: 'period', label: t('medication.facts.period'), value };
}

export function lastDispenseText(medicine: Medicine, t: TFunction, language: Language): string | null {
  const dispense = medicine.lastDispense;
  if (!dispense) return null;
  const amount =
    dispense.quantity && dispense.daysSupply ? t('medication.amountDays', { quantity: dispense.quantity, count: dispense.daysSupply }) : dispense.quantity;
  // The day is what matters; the time of the counter is noise here (the history shows it).
  const parts = [formatDate(dispense.date?.slice(0, 10), language), amount].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(', ') : null;
}

/** Who prescribed it, where it was collected, and where the data came from. */
export function medicineFacts(medicine: Medicine, t: TFunction, language: Language): Fact[] {
  const facts: Array<Fact | null> = [
    periodFact(medicine, t, language),
    medicine.prescriber ? { key: 'prescriber', label: t('medication.facts.prescriber'), value: medicine.prescriber } : null,
    medicine.pharmacy ? { key: 'pharmacy', label: t('medication.facts.pharmacy'), value: medicine.pharmacy } : null,
    ((value) => (value ? { key: 'lastDispense', label: t('medication.facts.lastDispense'), value } : null))(lastDispenseText(medicine, t, language)),
    medicine.sources.length > 0
      ? { key: 'sources', label: t('medication.facts.sources'), value: listInWords(medicine.sources.map((s) => s.label), language) }
      : null,
  ];
  return facts.filter((f): f is Fact => f !== null);
}
