/**
 * readableText: the words a person might search for in a resource (FTS index input).
 * Collects code displays (Coding.display, CodeableConcept.text — Dutch and English when both are
 * present, including the translation extension's content), names, addresses, notes and other free
 * text, the narrative div without tags, and values with their units. Skips technical strings
 * (ids, systems, URLs, references, codes) that would only add noise.
 */
import { isObject, type FhirJson } from './types';

const SKIP_KEYS = new Set(['resourceType', 'id', 'system', 'url', 'reference', 'fullUrl', 'profile', 'versionId',
  'lastUpdated', 'contentType', 'data', 'hash', 'language', 'status', 'use', 'type', 'div', 'code', 'value',
  'version', 'mode', 'linkId', 'definition', 'uid', 'unit', 'comparator', 'priority', 'intent', 'gender']);
const TEXT_KEYS = /^(display|text|description|comment|name|family|given|prefix|suffix|title|line|city|district|state|country|postalCode|summary|conclusion|note|valueString|valueMarkdown|answer|question|instruction|patientInstruction|detail|reason.*Text|content|label|prefix|alias)$/;

export function readableText(resource: FhirJson): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  const add = (s: unknown) => {
    if (typeof s !== 'string') return;
    const t = s.replace(/\s+/g, ' ').trim();
    if (t && !seen.has(t)) { seen.add(t); parts.push(t); }
  };
  const text = resource.text;
  if (isObject(text) && typeof text.div === 'string') add(stripTags(text.div));
  const visit = (v: unknown, key: string, depth: number) => {
    if (depth > 64) return;
    if (Array.isArray(v)) { for (const x of v) visit(x, key, depth + 1); return; }
    if (isObject(v)) {
      // A Quantity: "120 mmHg".
      if (typeof v.value === 'number' && (typeof v.unit === 'string' || typeof v.code === 'string')) {
        add(`${formatNumber(v.value)} ${String(v.unit ?? v.code)}`);
      }
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && key === '' && isObject(x)) continue; // narrative done above
        if (k.startsWith('_')) { visit(x, k.slice(1), depth + 1); continue; }
        if (SKIP_KEYS.has(k) && typeof x !== 'object') continue;
        if (typeof x === 'string') { if (TEXT_KEYS.test(k) || k.startsWith('valueString')) add(x); }
        else if (typeof x === 'number' && /^value(Integer|Decimal)$/.test(k)) add(formatNumber(x));
        else visit(x, k, depth + 1);
      }
      return;
    }
  };
  visit(resource, '', 0);
  return parts.join('\n');
}

function formatNumber(n: number): string {
  return String(n);
}

export function stripTags(xhtml: string): string {
  return xhtml
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
