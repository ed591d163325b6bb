/**
 * Content-addressed resource bodies (normalized R4 JSON, originals as received), outside the Yjs
 * document: the document stays small and sync can ship bodies as separate encrypted chunks.
 * The hash is the sha256 of the uncompressed bytes; data is stored deflated (level 1: FHIR JSON is
 * repetitive enough that higher levels cost import time for little gain).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Database } from '../vault/database';
import { sha256Hex } from './hashing';

export interface Body {
  hash: string;
  data: Buffer;
}

export function bodyOf(text: string): Body {
  const data = Buffer.from(text, 'utf8');
  return { hash: sha256Hex(data), data };
}

export class BodyStore {
  private readonly insert;
  private readonly select;
  private readonly exists;

  constructor(db: Database) {
    this.insert = db.prepare('INSERT OR IGNORE INTO body (hash, size, data) VALUES (?, ?, ?)');
    this.select = db.prepare('SELECT data FROM body WHERE hash = ?').pluck();
    this.exists = db.prepare('SELECT 1 FROM body WHERE hash = ?').pluck();
  }

  /**
   * Stores a body unless already present. Refuses data that does not match its hash (e.g. from sync);
   * `verified` skips that check for bodies made by bodyOf in this process.
   */
  put(body: Body, verified = false): void {
    if (!verified && sha256Hex(body.data) !== body.hash) throw new Error('body does not match its hash');
    if (this.has(body.hash)) return;
    this.insert.run(body.hash, body.data.length, deflateRawSync(body.data, { level: 1 }));
  }

  has(hash: string): boolean {
    return this.exists.get(hash) !== undefined;
  }

  get(hash: string): Buffer | null {
    const data = this.select.get(hash) as Buffer | undefined;
    return data ? inflateRawSync(data) : null;
  }

  text(hash: string): string | null {
    return this.get(hash)?.toString('utf8') ?? null;
  }
}
