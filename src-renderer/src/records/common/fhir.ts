/**
 * Reading the normalized FHIR R4 JSON for people: code displays with their code still visible,
 * quantities with units, periods, references, and whether a value lies outside its reference range.
 * Everything here is defensive: the input is data from outside and may miss any field.
 */
import type { Language } from '../../../../src-preload/contract/constants';
import { formatDate, formatNumber } from './format';

export type Json = Record<string, unknown>;

export function obj(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

export function objs(value: unknown): Json[] {
  return arr(value)
    .map(obj)
    .filter((v): v is Json => v !== null);
}

export function str(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return null;
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
  [/2\.16\.840\.1\.113883\.2\.4\.4\.5$/, 'G-Standaard'],
  [/2\.16\.840\.1\.113883\.2\.4\.4\.30\.\d+$/, 'NHG-tabel'],
  [/2\.16\.840\.1\.113883\.2\.4\.4\.31\.1$|2\.16\.840\.1\.113883\.6\.139$|sid\/icpc/, 'ICPC'],
  [/2\.16\.840\.1\.113883\.6\.3$|hl7\.org\/fhir\/sid\/icd-10/, 'ICD-10'],
  [/2\.16\.840\.1\.113883\.2\.4\.3\.11\.60\.40\.4\.\d+/, 'Nictiz'],
  [/hl7\.org\/CodeSystem\/v3-|hl7\.org\/fhir\/v3\//, 'HL7 v3'],
  [/hl7\.org\/CodeSystem\/v2-|hl7\.org\/fhir\/v2\//, 'HL7 v2'],
  [/hl7\.org\/CodeSystem\/|hl7\.org\/fhir\//, 'FHIR'],
];

export function systemName(system: string | null): string | null {
  if (!system) return null;
  for (const [pattern, name] of systemNames) if (pattern.test(system)) return name;
  const tail = system.replace(/\/$/, '').split(/[/:]/).pop();
  return tail && tail.length <= 30 ? tail : 'code';
}

/** "Hemoglobine (LOINC 718-7)"; without display: "LOINC 718-7". */
export function codingText(coding: Json | null): string | null {
  if (!coding) return null;
  const display = str(coding.display);
  const code = str(coding.code);
  const system = systemName(str(coding.system));
  const codePart = code ? [system, code].filter(Boolean).join(' ') : null;
  if (display && codePart) return `${display} (${codePart})`;
  return display ?? codePart;
}

/** The readable name of a CodeableConcept, without codes. */
export function conceptName(concept: unknown): string | null {
  const cc = obj(concept);
  if (!cc) return str(concept);
  const text = str(cc.text);
  if (text) return text;
  for (const coding of objs(cc.coding)) {
    const display = str(coding.display);
    if (display) return display;
  }
  const first = objs(cc.coding)[0];
  return first ? codingText(first) : null;
}

/** The codes of a CodeableConcept as "LOINC 718-7, SNOMED CT 1234". */
export function conceptCodes(concept: unknown): string | null {
  const codes = objs(obj(concept)?.coding)
    .map((coding) => {
      const code = str(coding.code);
      return code ? [systemName(str(coding.system)), code].filter(Boolean).join(' ') : null;
    })
    .filter((c): c is string => c !== null);
  return codes.length ? [...new Set(codes)].join(', ') : null;
}

/** "Hemoglobine (LOINC 718-7)": the display with the code(s) still visible. */
export function conceptText(concept: unknown): string | null {
  const name = conceptName(concept);
  const codes = conceptCodes(concept);
  if (name && codes && !name.includes(codes)) return `${name} (${codes})`;
  return name ?? codes;
}

export function conceptsText(concepts: unknown): string | null {
  const parts = arr(concepts)
    .map(conceptText)
    .filter((p): p is string => p !== null);
  return parts.length ? parts.join('; ') : null;
}

export function quantityText(quantity: unknown, language: Language): string | null {
  const q = obj(quantity);
  if (!q) return null;
  const value = typeof q.value === 'number' ? formatNumber(q.value, language) : str(q.value);
  if (value === null) return null;
  const unit = str(q.unit) ?? str(q.code);
  const comparator = str(q.comparator);
  return [comparator, value, unit && unit !== '1' ? unit : null].filter(Boolean).join(' ').replace(/^([<>]=?) /, '$1 ');
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

export function referenceText(reference: unknown): string | null {
  const r = obj(reference);
  if (!r) return null;
  return str(r.display) ?? conceptName(r.concept) ?? str(obj(r.identifier)?.value) ?? str(r.reference);
}

export function referencesText(references: unknown): string | null {
  const parts = arr(references)
    .map(referenceText)
    .filter((p): p is string => p !== null);
  return parts.length ? parts.join('; ') : null;
}

export function humanNameText(names: unknown): string | null {
  const list = objs(names);
  const official = list.find((n) => n.use === 'official') ?? list[0];
  if (!official) return null;
  const text = str(official.text);
  if (text) return text;
  const parts = [...arr(official.prefix), ...arr(official.given), str(official.family)].map(str).filter(Boolean);
  return parts.length ? parts.join(' ') : null;
}

export function addressText(addresses: unknown): string | null {
  const lines = objs(addresses)
    .map((a) => {
      const text = str(a.text);
      if (text) return text;
      return [arr(a.line).map(str).filter(Boolean).join(' '), [str(a.postalCode), str(a.city)].filter(Boolean).join(' '), str(a.country)]
        .filter((p) => p)
        .join(', ');
    })
    .filter((l) => l);
  return lines.length ? lines.join('; ') : null;
}

export function telecomText(telecom: unknown): string | null {
  const parts = objs(telecom)
    .map((t) => str(t.value))
    .filter((v): v is string => v !== null);
  return parts.length ? parts.join(', ') : null;
}

export function identifierText(identifiers: unknown): string | null {
  const parts = objs(identifiers)
    .map((id) => {
      const value = str(id.value);
      if (!value) return null;
      const system = str(id.system) ?? '';
      const label = /2\.16\.840\.1\.113883\.2\.4\.6\.3$|NamingSystem\/bsn$/.test(system)
        ? 'BSN'
        : /2\.16\.840\.1\.113883\.2\.4\.6\.1$|NamingSystem\/agb/.test(system)
          ? 'AGB'
          : /2\.16\.528\.1\.1007\.3\.1$|NamingSystem\/uzi/.test(system)
            ? 'UZI'
            : conceptName(id.type);
      return label ? `${label} ${value}` : value;
    })
    .filter((p): p is string => p !== null);
  return parts.length ? parts.join(', ') : null;
}

export function annotationsText(notes: unknown): string | null {
  const parts = objs(notes)
    .map((n) => str(n.text))
    .filter((t): t is string => t !== null);
  return parts.length ? parts.join('\n') : null;
}

/** A value[x] (or onset[x], effective[x], …) in words. */
export function choiceText(resource: Json, prefix: string, language: Language): string | null {
  for (const [key, value] of Object.entries(resource)) {
    if (!key.startsWith(prefix) || key.length === prefix.length) continue;
    const kind = key.slice(prefix.length);
    if (!/^[A-Z]/.test(kind)) continue;
    switch (kind) {
      case 'Quantity':
      case 'Age':
      case 'Duration':
      case 'SimpleQuantity':
        return quantityText(value, language);
      case 'CodeableConcept':
        return conceptText(value);
      case 'Coding':
        return codingText(obj(value));
      case 'String':
      case 'Markdown':
      case 'Id':
      case 'Uri':
      case 'Code':
        return str(value);
      case 'Boolean':
        return value === true ? (language === 'en' ? 'yes' : 'ja') : value === false ? (language === 'en' ? 'no' : 'nee') : null;
      case 'Integer':
      case 'Decimal':
        return typeof value === 'number' ? formatNumber(value, language) : str(value);
      case 'DateTime':
      case 'Date':
      case 'Instant':
        return formatDate(str(value), language);
      case 'Time':
        return str(value);
      case 'Period':
        return periodText(value, language);
      case 'Range':
        return rangeText(value, language);
      case 'Ratio': {
        const ratio = obj(value);
        const n = quantityText(ratio?.numerator, language);
        const d = quantityText(ratio?.denominator, language);
        return n && d ? `${n} / ${d}` : n;
      }
      case 'Reference':
        return referenceText(value);
      case 'Attachment':
        return str(obj(value)?.title) ?? str(obj(value)?.contentType);
      default:
        return str(value);
    }
  }
  return null;
}

export type RangeFlag = 'high' | 'low' | 'abnormal' | null;

const highCodes = new Set(['H', 'HH', 'HU', '>', 'POS']);
const lowCodes = new Set(['L', 'LL', 'LU', '<']);
const abnormalCodes = new Set(['A', 'AA', 'R', 'W', 'IND', 'DET', 'CAR']);

/** Outside the reference range? First the interpretation the lab gave, otherwise the numbers. */
export function rangeFlag(observation: Json): RangeFlag {
  for (const concept of objs(observation.interpretation)) {
    for (const coding of objs(concept.coding)) {
      const code = (str(coding.code) ?? '').toUpperCase();
      if (highCodes.has(code)) return 'high';
      if (lowCodes.has(code)) return 'low';
      if (abnormalCodes.has(code)) return 'abnormal';
    }
  }
  const value = obj(observation.valueQuantity)?.value;
  if (typeof value !== 'number') return null;
  const range = objs(observation.referenceRange)[0];
  if (!range) return null;
  const low = obj(range.low)?.value;
  const high = obj(range.high)?.value;
  if (typeof high === 'number' && value > high) return 'high';
  if (typeof low === 'number' && value < low) return 'low';
  return null;
}
