/**
 * FHIR XML → FHIR JSON, per the spec's mapping (https://hl7.org/fhir/R4/json.html, xml.html):
 * - `<x value="v"/>` → "x": v, typed by the element table (boolean/number/string);
 * - a primitive's `id` attribute and `<extension>` children → "_x": { id, extension };
 *   for repeating primitives "x" and "_x" are parallel arrays with null gaps;
 * - complex elements → objects; `id` and `url` (Extension) attributes → properties;
 * - elements whose type is Resource (contained, Bundle.entry.resource, Parameters…) wrap one
 *   resource element, which becomes an object with "resourceType";
 * - Narrative `div` is kept as its XHTML source text;
 * - max cardinality '*' → array even with one occurrence (from the generated element table);
 *   an element the table does not know becomes an array only when it repeats, so nothing is lost.
 */
import { lookupElement, type ElementTable } from './cardinality/element-table';
import { ProblemError, problem } from './problems';
import type { FhirJson } from './types';
import type { XmlElement } from './xml-parse';

export const FHIR_NS = 'http://hl7.org/fhir';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

export interface XmlConversion {
  json: FhirJson;
  /** each resource object (root, entries, contained) → its source element */
  sources: WeakMap<FhirJson, XmlElement>;
}

export function xmlResourceToJson(root: XmlElement, table: ElementTable, text: string): XmlConversion {
  const sources = new WeakMap<FhirJson, XmlElement>();

  function resource(el: XmlElement, path: string): FhirJson {
    if (el.ns !== FHIR_NS) throw new ProblemError(problem(path, 'xml-namespace', { name: el.name }));
    const json: FhirJson = { resourceType: el.name };
    sources.set(json, el);
    children(el, el.name, json, path, path);
    return json;
  }

  function children(el: XmlElement, typeKey: string | null, target: FhirJson, path: string, resourcePath: string): void {
    const groups = new Map<string, XmlElement[]>();
    for (const c of el.children) {
      const list = groups.get(c.name);
      if (list) list.push(c);
      else groups.set(c.name, [c]);
    }
    for (const [name, els] of groups) {
      const first = els[0]!;
      const isDiv = name === 'div' && first.ns === XHTML_NS;
      if (!isDiv && first.ns !== FHIR_NS) throw new ProblemError(problem(resourcePath, 'xml-namespace', { name }));
      const info = name === 'extension' || name === 'modifierExtension'
        ? { array: true, kind: 'Extension' }
        : lookupElement(table, typeKey, name);
      const array = info.array || els.length > 1;
      const elPath = (k: number) => `${path}.${name}${array ? `[${k}]` : ''}`;
      if (isDiv || info.kind === 'x') {
        target[name] = xhtml(first);
        continue;
      }
      if (info.kind === 'R') {
        const values = els.map((c, k) => {
          const inner = c.children[0];
          if (!inner || c.children.length !== 1) throw new ProblemError(problem(elPath(k), 'not-a-resource'));
          return resource(inner, elPath(k));
        });
        target[name] = array ? values : values[0];
        continue;
      }
      // A value attribute always means a primitive: complex FHIR elements never carry one, so this
      // also keeps data intact when the table's version does not match (e.g. STU3 string statuses).
      const primitive = isPrimitive(info.kind, first) || first.attrs.value !== undefined;
      if (primitive) {
        const values: unknown[] = [];
        const meta: (FhirJson | null)[] = [];
        els.forEach((c, k) => {
          values.push(c.attrs.value === undefined ? null : typed(c.attrs.value, info.kind, name, resourcePath));
          const m: FhirJson = {};
          if (c.attrs.id !== undefined) m.id = c.attrs.id;
          const ext = c.children.filter((x) => x.name === 'extension');
          if (ext.length > 0) m.extension = ext.map((x, e) => complex(x, 'Extension', `${elPath(k)}.extension[${e}]`, resourcePath));
          meta.push(Object.keys(m).length > 0 ? m : null);
        });
        if (values.some((v) => v !== null)) target[name] = array ? values : values[0];
        if (meta.some((m) => m !== null)) target[`_${name}`] = array ? meta : meta[0];
        continue;
      }
      const objects = els.map((c, k) => complex(c, info.kind, elPath(k), resourcePath));
      target[name] = array ? objects : objects[0];
    }
  }

  function complex(el: XmlElement, kind: string | null, path: string, resourcePath: string): FhirJson {
    const json: FhirJson = {};
    if (el.attrs.id !== undefined) json.id = el.attrs.id;
    if (el.attrs.url !== undefined) json.url = el.attrs.url;
    const typeKey = kind && kind !== 's' ? kind : null;
    children(el, typeKey, json, path, resourcePath);
    return json;
  }

  function xhtml(el: XmlElement): string {
    const src = text.slice(el.start, el.end);
    if (el.declaresNs || el.rawName !== 'div') return src;
    return src.replace(/^<div/, `<div xmlns="${XHTML_NS}"`);
  }

  return { json: resource(root, root.name), sources };
}

/** Known primitive kinds, or (unknown element) one with a value attribute and at most extensions inside. */
function isPrimitive(kind: string | null, el: XmlElement): boolean {
  if (kind === 'b' || kind === 'n') return true;
  if (kind === 's' || kind === null) {
    return el.attrs.value !== undefined || (el.children.length > 0 && el.children.every((c) => c.name === 'extension'));
  }
  return false;
}

function typed(value: string, kind: string | null, name: string, resourcePath: string): unknown {
  if (kind === 'b') {
    if (value === 'true') return true;
    if (value === 'false') return false;
    throw new ProblemError(problem(resourcePath, 'xml-value', { name, value: value.slice(0, 40), type: 'boolean' }));
  }
  if (kind === 'n') {
    if (!/^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(value)) {
      throw new ProblemError(problem(resourcePath, 'xml-value', { name, value: value.slice(0, 40), type: 'number' }));
    }
    return Number(value);
  }
  return value;
}

/** The resource's source text as a standalone document: the FHIR namespace is added when inherited. */
export function xmlOriginalText(el: XmlElement, text: string): string {
  const src = text.slice(el.start, el.end);
  if (el.declaresNs) return src;
  return src.replace(/^<([\w.\-:]+)/, `<$1 xmlns="${FHIR_NS}"`);
}
