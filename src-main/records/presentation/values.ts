/**
 * FHIR datatypes in words for people: a concept by its name (never its code), quantities with
 * units, ranges, periods, dates, names, addresses. Defensive: the input is data from outside and may
 * miss any field. Codes are for the technical view only (codesIn).
 */
import type { Language } from '../../../src-preload/contract/constants';
import { formatDate, formatNumber } from '../../../src-preload/contract/format';
import type { PresentedCode } from '../../../src-preload/contract/records';
import { codingWord } from '../../../src-preload/contract/value-sets';
import type { FhirJson } from '../../fhir/types';

export function obj(value: unknown): FhirJson | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as FhirJson) : null;
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

export function objs(value: unknown): FhirJson[] {
  return arr(value)
    .map(obj)
    .filter((v): v is FhirJson => v !== null);
}

export function str(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  return null;
}

/** Joins the parts that are there; null when none is. */
export function joined(parts: ReadonlyArray<string | null | undefined>, separator = '; '): string | null {
  const present = [...new Set(parts.filter((p): p is string => typeof p === 'string' && p !== ''))];
  return present.length > 0 ? present.join(separator) : null;
}

/**
 * The name of a CodeableConcept (or a Coding): the sender's text, else our words for an HL7 value set
 * (whose displays are English), else a display. Null when there are only codes.
 */
export function conceptName(concept: unknown, language: Language): string | null {
  const cc = obj(concept);
  if (!cc) return null;
  const text = str(cc.text);
  if (text) return text;
  const codings = 'coding' in cc ? objs(cc.coding) : [cc];
  for (const coding of codings) {
    const word = codingWord(str(coding.system), str(coding.code), language);
    if (word) return word;
  }
  for (const coding of codings) {
    const display = str(coding.display);
    if (display) return display;
  }
  return null;
}

export function conceptNames(concepts: unknown, language: Language): string | null {
  return joined(arr(concepts).map((c) => conceptName(c, language)));
}

/** Well-known code systems by their URI or OID, named as a Dutch care provider would. */
const systemNames: Array<[RegExp, string]> = [
  [/^http:\/\/loinc\.org$|2\.16\.840\.1\.113883\.6\.1$/, 'LOINC'],
  [/^http:\/\/snomed\.info\/sct|2\.16\.840\.1\.113883\.6\.96$/, 'SNOMED CT'],
  [/^http:\/\/unitsofmeasure\.org$|2\.16\.840\.1\.113883\.6\.8$/, 'UCUM'],
  [/^http:\/\/www\.whocc\.no\/atc$|2\.16\.840\.1\.113883\.6\.73$/, 'ATC'],
  [/2\.16\.840\.1\.113883\.2\.4\.4\.1$/, 'G-Standaard HPK'],
  [/2\.16\.840\.1\.113883\.2\.4\.4\.7$/, 'G-Standaard GPK'],
  [/2\.16\.840\.1\.113883\.2\.4\.4\.10$/, 'G-Standaard PRK'],
  [/2\.16\.840\.1\.113883\.2\.4\.4\.8$/, 'G-Standaard ZI-nummer'],
  [/2\.16\.840\.1\.113883\.2\.4\.4\.9$/, 'G-Standaard toedieningsweg'],
  [/2\.16\.840\.1\.113883\.2\.4\.4\.5$/, 'G-Standaard'],
  [/2\.16\.840\.1\.113883\.2\.4\.4\.30\.\d+$|nhg-tabel/, 'NHG-tabel'],
  [/2\.16\.840\.1\.113883\.2\.4\.4\.31\.1$|2\.16\.840\.1\.113883\.6\.139$|sid\/icpc/, 'ICPC'],
  [/2\.16\.840\.1\.113883\.6\.3$|hl7\.org\/fhir\/sid\/icd-10/, 'ICD-10'],
];

export function systemName(system: string): string {
  for (const [pattern, name] of systemNames) if (pattern.test(system)) return name;
  return system;
}

/** Every code in the resource (each system and code once), for the technical view. */
export function codesIn(resource: FhirJson): PresentedCode[] {
  const found = new Map<string, PresentedCode>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 32 || found.size >= 200) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const o = obj(value);
    if (!o) return;
    if (Array.isArray(o.coding)) {
      for (const coding of objs(o.coding)) {
        const code = str(coding.code);
        if (!code) continue;
        const system = str(coding.system) ?? '';
        const key = `${system}|${code}`;
        if (!found.has(key)) found.set(key, { system: system ? systemName(system) : '', code, display: str(coding.display) });
      }
    }
    for (const [key, child] of Object.entries(o)) if (key !== 'coding' && typeof child === 'object') visit(child, depth + 1);
  };
  visit(resource, 0);
  return [...found.values()];
}

export function quantityText(quantity: unknown, language: Language): string | null {
  const q = obj(quantity);
  if (!q) return null;
  const value = typeof q.value === 'number' ? formatNumber(q.value, language) : null;
  if (value === null) return null;
  const unit = str(q.unit) ?? str(q.code);
  const comparator = str(q.comparator);
  return [comparator, value, unit && unit !== '1' ? unit : null].filter(Boolean).join(' ');
}

export function rangeText(range: unknown, language: Language): string | null {
  const r = obj(range);
  if (!r) return null;
  const low = obj(r.low);
  const high = obj(r.high);
  const lowValue = typeof low?.value === 'number' ? formatNumber(low.value, language) : null;
  const highValue = typeof high?.value === 'number' ? formatNumber(high.value, language) : null;
  const unit = str(high?.unit) ?? str(low?.unit) ?? str(high?.code) ?? str(low?.code);
  const unitPart = unit && unit !== '1' ? ` ${unit}` : '';
  if (lowValue && highValue) return `${lowValue} – ${highValue}${unitPart}`;
  if (lowValue) return `≥ ${lowValue}${unitPart}`;
  if (highValue) return `≤ ${highValue}${unitPart}`;
  return str(r.text);
}

export function ratioText(ratio: unknown, language: Language): string | null {
  const r = obj(ratio);
  const n = quantityText(r?.numerator, language);
  const d = quantityText(r?.denominator, language);
  return n && d ? `${n} / ${d}` : n;
}

export function dateText(value: unknown, language: Language): string | null {
  return formatDate(str(value), language) || null;
}

export function periodText(period: unknown, language: Language): string | null {
  const p = obj(period);
  if (!p) return null;
  const start = formatDate(str(p.start), language);
  const end = formatDate(str(p.end), language);
  if (start && end) return start === end ? start : `${start} – ${end}`;
  if (start) return language === 'en' ? `from ${start}` : `vanaf ${start}`;
  if (end) return language === 'en' ? `until ${end}` : `tot ${end}`;
  return null;
}

export function yesNo(value: boolean, language: Language): string {
  if (language === 'en') return value ? 'yes' : 'no';
  return value ? 'ja' : 'nee';
}

/** zib NameInformation: the official name first. */
export function humanNameText(names: unknown): string | null {
  const list = objs(names);
  const official = list.find((n) => n.use === 'official') ?? list[0];
  if (!official) return null;
  const text = str(official.text);
  if (text) return text;
  return joined([...arr(official.prefix), ...arr(official.given), official.family].map(str), ' ');
}

export function addressText(addresses: unknown): string | null {
  return joined(
    objs(addresses).map(
      (a) => str(a.text) ?? joined([joined(arr(a.line).map(str), ' '), joined([str(a.postalCode), str(a.city)], ' '), str(a.country)], ', '),
    ),
  );
}

export function telecomText(telecom: unknown): string | null {
  return joined(objs(telecom).map((t) => str(t.value)), ', ');
}

/** Numbers a person may need (BSN, AGB, UZI, policy numbers), named by what they are. */
export function identifierText(identifiers: unknown, language: Language): string | null {
  return joined(
    objs(identifiers).map((id) => {
      const value = str(id.value);
      if (!value) return null;
      const system = str(id.system) ?? '';
      const label = /2\.16\.840\.1\.113883\.2\.4\.6\.3$|NamingSystem\/bsn$/.test(system)
        ? 'BSN'
        : /2\.16\.840\.1\.113883\.2\.4\.6\.1$|NamingSystem\/agb/.test(system)
          ? 'AGB'
          : /2\.16\.528\.1\.1007\.3\.1$|NamingSystem\/uzi/.test(system)
            ? 'UZI'
            : conceptName(id.type, language);
      return label ? `${label} ${value}` : value;
    }),
    ', ',
  );
}

export function annotationsText(notes: unknown): string | null {
  return joined(objs(notes).map((n) => str(n.text)), '\n');
}

export const contentTypeWords: Readonly<Record<string, readonly [nl: string, en: string]>> = {
  'application/pdf': ['PDF-document', 'PDF document'],
  'text/plain': ['tekst', 'text'],
  'text/html': ['webpagina', 'web page'],
  'image/jpeg': ['afbeelding (JPEG)', 'picture (JPEG)'],
  'image/png': ['afbeelding (PNG)', 'picture (PNG)'],
  'application/dicom': ['medisch beeld (DICOM)', 'medical image (DICOM)'],
};

/** "PDF-document", "afbeelding (PNG)"; any other kind of file is a "bestand". */
export function contentTypeText(contentType: unknown, language: Language): string | null {
  const type = str(contentType)?.split(';')[0]?.trim().toLowerCase();
  if (!type) return null;
  const words = contentTypeWords[type];
  if (words) return words[language === 'en' ? 1 : 0];
  return language === 'en' ? 'file' : 'bestand';
}
