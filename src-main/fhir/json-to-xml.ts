/**
 * FHIR JSON → FHIR XML (the inverse of xml-to-json): for the "technische weergave" and for tests.
 * Element order follows the JSON key order; `_x` companions become the primitive's id/extensions.
 */
import { isObject, type FhirJson } from './types';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function resourceToXml(resource: FhirJson, indent = ''): string {
  const type = String(resource.resourceType);
  return `${indent}<${type} xmlns="http://hl7.org/fhir">\n${body(resource, indent + '  ', false)}${indent}</${type}>\n`;
}

function body(obj: FhirJson, indent: string, skipAttrs: boolean): string {
  let out = '';
  const keys = Object.keys(obj).filter((k) => k !== 'resourceType' && !(skipAttrs && (k === 'id' || k === 'url')));
  const seen = new Set<string>();
  for (const raw of keys) {
    const key = raw.startsWith('_') ? raw.slice(1) : raw;
    if (seen.has(key)) continue;
    seen.add(key);
    const value = obj[key];
    const meta = obj[`_${key}`];
    const n = Math.max(Array.isArray(value) ? value.length : value === undefined ? 0 : 1, Array.isArray(meta) ? meta.length : meta === undefined ? 0 : 1);
    for (let i = 0; i < n; i++) {
      const v = Array.isArray(value) ? value[i] : value;
      const m = Array.isArray(meta) ? meta[i] : meta;
      out += element(key, v, isObject(m) ? m : undefined, indent);
    }
  }
  return out;
}

function element(name: string, v: unknown, meta: FhirJson | undefined, indent: string): string {
  if (name === 'div' && typeof v === 'string') return `${indent}${v}\n`;
  if (isObject(v)) {
    if (typeof v.resourceType === 'string') return `${indent}<${name}>\n${resourceToXml(v, indent + '  ')}${indent}</${name}>\n`;
    const attrs = (typeof v.id === 'string' ? ` id="${esc(v.id)}"` : '') + ((name === 'extension' || name === 'modifierExtension') && typeof v.url === 'string' ? ` url="${esc(v.url)}"` : '');
    const inner = body(v, indent + '  ', true).concat(name !== 'extension' && name !== 'modifierExtension' && typeof v.url === 'string' ? `${indent}  <url value="${esc(v.url)}"/>\n` : '');
    return inner ? `${indent}<${name}${attrs}>\n${inner}${indent}</${name}>\n` : `${indent}<${name}${attrs}/>\n`;
  }
  const value = v === undefined || v === null ? '' : ` value="${esc(String(v))}"`;
  const id = typeof meta?.id === 'string' ? ` id="${esc(meta.id)}"` : '';
  const ext = Array.isArray(meta?.extension) ? meta.extension.map((e) => element('extension', e, undefined, indent + '  ')).join('') : '';
  return ext ? `${indent}<${name}${id}${value}>\n${ext}${indent}</${name}>\n` : `${indent}<${name}${id}${value}/>\n`;
}
