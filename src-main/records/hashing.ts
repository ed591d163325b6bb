import { hash } from 'node:crypto';
import type { FhirJson } from '../fhir/types';

/** One-shot hashing: no Hash object per call, which matters at two or three hashes per imported resource. */
export function sha256Hex(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}

/**
 * JSON with object keys sorted, so equal content always hashes equally whatever the key order.
 * Stored content hashes depend on this exact text: keep it byte for byte (holes in sparse arrays
 * stay empty, undefined properties are left out, any other non-JSON value becomes null).
 * The import's digest workers (digest-worker.ts) use it too.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      if (i in value) out += canonicalJson(value[i]);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${first ? '' : ','}${quotedKey(key)}:${canonicalJson(item)}`;
    first = false;
  }
  return `${out}}`;
}

/** Object keys as JSON strings: FHIR has a few hundred element names, each quoted once instead of at every use (two hashes per imported resource). */
const quotedKeys = new Map<string, string>();
const maxQuotedKeys = 4096;

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < maxQuotedKeys) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/**
 * Hash of what a resource says, ignoring what differs between copies of the same fact: its id
 * (each server assigns its own), meta (versions, profiles, lastUpdated) and the generated narrative.
 */
export function contentHash(r4: FhirJson): string {
  return sha256Hex(canonicalJson(contentOf(r4)));
}

/** What contentHash hashes. */
export function contentOf(r4: FhirJson): FhirJson {
  const { id: _id, meta: _meta, text: _text, ...content } = r4;
  return content;
}
