/** Small building blocks shared by the STU3→R4 converters. They mutate the (already cloned) resource. */
import { isObject, type FhirJson } from '../types';

export type R = FhirJson;

export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** Removes and returns r[key]. Also moves the primitive's `_key` companion when `to` is given. */
export function take(r: R, key: string): unknown {
  const v = r[key];
  delete r[key];
  return v;
}

/** Renames an element (and its `_element` primitive companion). */
export function rename(r: R, from: string, to: string): void {
  if (r[from] !== undefined) r[to] = take(r, from);
  if (r[`_${from}`] !== undefined) r[`_${to}`] = take(r, `_${from}`);
}

export function concept(system: string, code: string, display?: string): R {
  return { coding: [{ system, code, ...(display !== undefined && { display }) }] };
}

/** STU3 string status → R4 CodeableConcept, keeping a `_status` extension (e.g. data-absent-reason). */
export function codeToConcept(r: R, key: string, system: string, map: Record<string, string> = {}): void {
  const v = r[key];
  const ext = r[`_${key}`];
  delete r[`_${key}`];
  if (typeof v === 'string') r[key] = { ...(isObject(ext) ? ext : {}), ...concept(system, map[v] ?? v) };
  else if (isObject(ext)) r[key] = ext;
}

/** Maps a code-valued element through a table, leaving unknown codes as they are. */
export function mapCode(r: R, key: string, map: Record<string, string>): void {
  const v = r[key];
  if (typeof v === 'string' && map[v] !== undefined) r[key] = map[v];
}

/**
 * Keeps an STU3 element that has no R4 home, as a cross-version extension
 * (http://hl7.org/fhir/3.0/StructureDefinition/extension-Type.element, the pattern HL7 defines
 * for this). Typed where the value's shape is clear; otherwise its JSON as valueString.
 */
export function preserve(r: R, path: string, value: unknown): void {
  if (value === undefined || value === null) return;
  const url = `http://hl7.org/fhir/3.0/StructureDefinition/extension-${path}`;
  const exts = (r.extension = list(r.extension)) as R[];
  for (const v of list(value)) exts.push({ url, ...typedValue(v) });
}

function typedValue(v: unknown): R {
  if (typeof v === 'boolean') return { valueBoolean: v };
  if (typeof v === 'number') return { valueDecimal: v };
  if (typeof v === 'string') return { valueString: v };
  if (isObject(v)) {
    if ('reference' in v || ('display' in v && Object.keys(v).every((k) => ['reference', 'display', 'identifier'].includes(k)))) return { valueReference: v };
    if ('coding' in v || ('text' in v && Object.keys(v).length === 1)) return { valueCodeableConcept: v };
    if ('contentType' in v || 'data' in v || ('url' in v && 'title' in v)) return { valueAttachment: v };
  }
  return { valueString: JSON.stringify(v) };
}

/** STU3 `{ agent, onBehalfOf }` requester/performer → R4 Reference; onBehalfOf is preserved. */
export function agentToReference(r: R, key: string, path: string): void {
  const v = r[key];
  if (!isObject(v)) return;
  if (v.agent !== undefined) r[key] = v.agent;
  else delete r[key];
  preserve(r, `${path}.onBehalfOf`, v.onBehalfOf);
}

/**
 * STU3 `definition` Reference(s) → R4 instantiatesCanonical (the map's Reference → canonical). A
 * reference without a URL, or whose display/identifier a canonical cannot carry, is preserved whole.
 */
export function definitionToCanonical(r: R, path: string): void {
  const canonicals: string[] = [];
  for (const d of list(take(r, 'definition'))) {
    if (isObject(d) && typeof d.reference === 'string') canonicals.push(d.reference);
    if (!isObject(d) || Object.keys(d).some((k) => k !== 'reference')) preserve(r, path, d);
  }
  if (canonicals.length > 0) r.instantiatesCanonical = [...list(r.instantiatesCanonical), ...canonicals];
}

/** STU3 Dosage dose[x]/rate[x] → R4 Dosage.doseAndRate. */
export function dosageToR4(d: unknown): unknown {
  if (!isObject(d)) return d;
  const dr: R = {};
  for (const k of ['doseRange', 'doseQuantity', 'rateRatio', 'rateRange', 'rateQuantity']) {
    if (d[k] !== undefined) dr[k] = take(d, k);
  }
  if (Object.keys(dr).length > 0) d.doseAndRate = [dr];
  return d;
}

export function dosagesToR4(r: R, key: string): void {
  if (r[key] !== undefined) r[key] = list(r[key]).map(dosageToR4);
}
