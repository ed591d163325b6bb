import { hash } from 'node:crypto';
import type { RecordSource } from '../../src-preload/contract/records';

/** 144 bits, base64url: fits the contract's record id pattern and never collides in practice. */
function idOf(parts: readonly (string | null | undefined)[]): string {
  return hash('sha256', JSON.stringify(parts), 'base64url').slice(0, 24);
}

/**
 * Deterministic ids: two devices that import the same data compute the same ids, so their Yjs
 * documents converge on one record instead of two copies.
 */
export function sourceIdOf(source: Pick<RecordSource, 'kind' | 'label' | 'provider' | 'service'>): string {
  // A provider's data service is identified by provider + service, not by its (translatable) label.
  const identity = source.kind === 'provider' && source.provider ? [source.provider, source.service ?? ''] : [source.label];
  return idOf(['source', source.kind, ...identity]);
}

export function recordIdOf(sourceId: string, resourceType: string, sourceResourceKey: string): string {
  return idOf(['record', sourceId, resourceType, sourceResourceKey]);
}

/** Yjs map key of one record's copy from one source; ids are base64url, so ':' cannot occur in them. */
export function linkKeyOf(recordId: string, sourceId: string): string {
  return `${recordId}:${sourceId}`;
}

export function parseLinkKey(key: string): { recordId: string; sourceId: string } | null {
  const [recordId, sourceId, extra] = key.split(':');
  return recordId && sourceId && extra === undefined ? { recordId, sourceId } : null;
}
