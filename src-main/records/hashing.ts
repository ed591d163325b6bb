import { createHash } from 'node:crypto';
import type { FhirJson } from '../fhir/types';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with object keys sorted, so equal content always hashes equally whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Hash of what a resource says, ignoring what differs between copies of the same fact: its id
 * (each server assigns its own), meta (versions, profiles, lastUpdated) and the generated narrative.
 */
export function contentHash(r4: FhirJson): string {
  const { id: _id, meta: _meta, text: _text, ...content } = r4;
  return sha256Hex(canonicalJson(content));
}
