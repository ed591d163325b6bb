/**
 * Content-addressed resource bodies (normalized R4 JSON, originals as received), outside the Yjs
 * document: the document stays small and sync can ship bodies as separate encrypted chunks.
 * The hash is the sha256 of the uncompressed bytes; data is stored raw-deflated (level 1: FHIR JSON is
 * repetitive enough that higher levels cost import time for little gain).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Database } from '../vault/database';
import { sha256Hex } from './hashing';

export interface Body {
  hash: string;
  data: Buffer;
}

/** A body as stored: `data` raw-deflated, `size` the length of the bytes it inflates to. */
export interface StoredBody {
  hash: string;
  size: number;
  data: Buffer;
}

/** Bodies this large are not taken from another device (the import limit per input is 100 MB). */
export const maxBodyBytes = 128 * 1024 * 1024;
/** Inflated bodies kept between their arrival and the derivation that reads them (see putStored). */
const maxArrivedBytes = 128 * 1024 * 1024;


/**
 * Raw deflate, level 1, with a window no larger than the body: a window beyond the data finds no more
 * matches, but zlib still allocates and clears it for every call, which dominated the cost for typical
 * 1–3 KB resources; and an output buffer with room for the compressed body in one chunk (zlib's
 * 16 KiB default is mostly unused). Any raw-deflate stream inflates with the default (largest) window,
 * so stored data stays readable whatever window wrote it. The digest workers (digest-worker.ts) use it too.
 */
export function deflateOptions(length: number): { level: number; windowBits: number; memLevel: number; chunkSize: number } {
  const windowBits = Math.min(15, Math.max(9, 32 - Math.clz32(Math.max(1, length - 1))));
  const chunkSize = Math.min(64 * 1024, Math.max(1024, 2 ** Math.ceil(Math.log2(length / 2 + 64))));
  return { level: 1, windowBits, memLevel: windowBits < 13 ? 7 : 8, chunkSize };
}

function deflate(data: Buffer): Buffer {
  return deflateRawSync(data, deflateOptions(data.length));
}

export class BodyStore {
  private readonly insert;
  private readonly select;
  private readonly exists;
  private readonly selectStored;
  private readonly countAll;
  private readonly selectAfter;
  /**
   * Bodies that just arrived through sync and that a record is about to be derived from (the
   * document update follows the bodies): kept inflated so they are not read and inflated again.
   * Bounded, oldest first out; each is handed out once. Cleared with forgetArrived().
   */
  private readonly arrived = new Map<string, Buffer>();
  private arrivedBytes = 0;

  constructor(db: Database) {
    this.insert = db.prepare('INSERT OR IGNORE INTO body (hash, size, data) VALUES (?, ?, ?)');
    this.select = db.prepare('SELECT data FROM body WHERE hash = ?').pluck();
    this.selectStored = db.prepare('SELECT size, data FROM body WHERE hash = ?');
    this.exists = db.prepare('SELECT 1 FROM body WHERE hash = ?').pluck();
    this.countAll = db.prepare('SELECT count(*) FROM body').pluck();
    this.selectAfter = db.prepare('SELECT rowid, hash, size, data FROM body WHERE rowid > ? ORDER BY rowid LIMIT ?');
  }

  /** Stores a body unless already present. Refuses data that does not match its hash (e.g. from sync). */
  put(body: Body): void {
    if (sha256Hex(body.data) !== body.hash) throw new Error('body does not match its hash');
    if (this.has(body.hash)) return;
    this.insert.run(body.hash, body.data.length, deflate(body.data));
  }

  /**
   * Stores a body made in this process (`hash` is the sha256 of the UTF-8 bytes of `text`, see
   * prepare-resources.digestOf) unless already present; the bytes are only made when it is not.
   */
  putText(hash: string, text: string): void {
    if (this.has(hash)) return;
    const data = Buffer.from(text, 'utf8');
    this.insert.run(hash, data.length, deflate(data));
  }

  /**
   * Stores a body deflated in this process (digest-pool.ts: `hash` is the sha256 of the bytes `data`
   * inflates to, `size` their length) unless already present.
   */
  putDeflated(hash: string, size: number, data: Uint8Array): void {
    this.insert.run(hash, size, data);
  }

  /**
   * Stores a body in the form another device stored it (sync ships bodies as stored, so neither side
   * inflates and deflates them again). It is inflated once to check it against its hash, and refused
   * unless it matches; returns the inflated bytes.
   */
  putStored(body: StoredBody, keep = false): Buffer {
    if (!(body.size >= 0 && body.size <= maxBodyBytes)) throw new Error('body too large');
    let data: Buffer;
    try {
      data = inflateRawSync(body.data, { maxOutputLength: Math.max(1, body.size) });
    } catch {
      throw new Error('body does not match its hash');
    }
    if (data.length !== body.size || sha256Hex(data) !== body.hash) throw new Error('body does not match its hash');
    this.putChecked(body, data, keep);
    return data;
  }

  /**
   * Stores a body in the form another device stored it, already checked against its size and hash
   * (body-check.ts); `keep` as for putStored, with `data` its inflated bytes (null: none at hand, not kept).
   */
  putChecked(body: StoredBody, data: Buffer | null, keep = false): void {
    this.insert.run(body.hash, body.size, body.data);
    if (keep && data && data.length < maxArrivedBytes && !this.arrived.has(body.hash)) {
      this.arrived.set(body.hash, data);
      this.arrivedBytes += data.length;
      for (const [hash, kept] of this.arrived) {
        if (this.arrivedBytes <= maxArrivedBytes) break;
        this.arrived.delete(hash);
        this.arrivedBytes -= kept.length;
      }
    }
  }

  /** Drops the bodies kept since their arrival (the profile locks, or their write was rolled back). */
  forgetArrived(): void {
    this.arrived.clear();
    this.arrivedBytes = 0;
  }

  /** The body as stored (deflated), for sync; null when it is not here. */
  getStored(hash: string): StoredBody | null {
    const row = this.selectStored.get(hash) as { size: number; data: Buffer } | undefined;
    return row ? { hash, size: row.size, data: row.data } : null;
  }

  /** How many bodies are stored. */
  count(): number {
    return this.countAll.get() as number;
  }

  /** Up to `limit` bodies as stored, in the order they are stored, after the one with `rowid`. */
  storedAfter(rowid: number, limit: number): Array<StoredBody & { rowid: number }> {
    return this.selectAfter.all(rowid, limit) as Array<StoredBody & { rowid: number }>;
  }

  has(hash: string): boolean {
    return this.exists.get(hash) !== undefined;
  }

  get(hash: string): Buffer | null {
    const arrived = this.arrived.get(hash);
    if (arrived) {
      this.arrived.delete(hash);
      this.arrivedBytes -= arrived.length;
      return arrived;
    }
    const data = this.select.get(hash) as Buffer | undefined;
    return data ? inflateRawSync(data) : null;
  }

  text(hash: string): string | null {
    return this.get(hash)?.toString('utf8') ?? null;
  }
}
