/**
 * The digest pool's worker thread (digest-pool.ts starts it; electron.vite.config.ts builds it as an
 * entry of its own). It runs the main thread's own functions, imported, so its results are the very
 * ones the main thread would make:
 * - a digest job: an import's resources as spans of the input's bytes; per resource the normalized
 *   text, the three hashes (normalized, original, content), both bodies raw-deflated (bodies.ts) and,
 *   when asked, what the body says for its rows (body-derivation.ts);
 * - a verify job: bodies another device shipped as stored; each inflated and checked against its size
 *   and hash, and for the records' own bodies among them, when asked, what they say for their rows;
 *   only the inflated bodies the main thread still needs go back.
 * Each answer goes back on the worker's port; a counter in shared memory wakes the main thread, which
 * takes answers synchronously inside its SQL transaction. Nothing is written and nothing is kept.
 */
import { hash } from 'node:crypto';
import { type MessagePort, workerData } from 'node:worker_threads';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { FhirJson } from '../fhir/types';
import { deflateOptions } from './bodies';
import { deriveBody } from './body-derivation';
import { defaultFhirFunctions } from './fhir-functions';
import { canonicalJson, contentOf } from './hashing';

export interface DigestJob {
  id: number;
  bytes: Uint8Array;
  /** Start and end of each original within `bytes`. */
  spans: Int32Array;
  derive: boolean;
}

export interface VerifyJob {
  id: number;
  data: Uint8Array;
  /** Start and end of each body's stored data within `data`. */
  spans: Int32Array;
  sizes: number[];
  hashes: string[];
  /** Indexes of the bodies to work out derivations for (the records' own bodies). */
  derive: number[];
  /** Indexes of the bodies whose inflated bytes go back (kept for deriving on the main thread); also every one of `derive` whose derivation failed. */
  keep: number[];
}

export interface Reply {
  id: number;
  error?: string;
  /** A verify job: the index of the first body that does not match its hash. */
  refused?: number;
  /** Digest: per resource normalized, original and content hash. */
  hashes?: string[];
  /** Digest: per resource normalized size, data start, data end, original size, data start, data end. Verify: per body start, end (-1, -1: not sent back). */
  layout?: Int32Array;
  data?: Uint8Array;
  /**
   * Per resource (digest) or per body (verify): what the body says for its rows, where asked, as JSON
   * text: one flat string each costs the main thread less to receive and keep than an object graph.
   */
  derivations?: Array<string | null>;
}

export interface WorkerStart {
  port: MessagePort;
  /** Per worker, a counter raised after each answer (Int32Array over this buffer). */
  done: SharedArrayBuffer;
  slot: number;
  /** Int32Array over this buffer: [0] the pool is closing (skip what is left), [1 + slot] this worker is on a job. */
  state: SharedArrayBuffer;
}

const sha256 = (text: string | Uint8Array) => hash('sha256', text, 'hex');

/** The parts in one buffer of its own (transferred back, so not one of Buffer's shared pool slabs). */
function joined(parts: readonly Uint8Array[], total: number): Uint8Array {
  const data = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    data.set(part, offset);
    offset += part.length;
  }
  return data;
}

/** What a body says for its rows (JSON); null when it cannot be worked out here (the main thread then does it and says why). */
function derivationOf(r4: FhirJson): string | null {
  try {
    return JSON.stringify(deriveBody(r4, defaultFhirFunctions));
  } catch {
    return null;
  }
}

function digest(job: DigestJob): Reply {
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  const count = job.spans.length / 2;
  const hashes = new Array<string>(count * 3);
  const layout = new Int32Array(count * 6);
  const derivations: Array<string | null> = [];
  const parts: Buffer[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const original = bytes.toString('utf8', job.spans[2 * i], job.spans[2 * i + 1]);
    const r4 = JSON.parse(original) as FhirJson;
    const normalized = JSON.stringify(r4);
    hashes[3 * i] = sha256(normalized);
    hashes[3 * i + 1] = sha256(original);
    hashes[3 * i + 2] = sha256(canonicalJson(contentOf(r4)));
    const texts = [normalized, original];
    for (let k = 0; k < 2; k++) {
      const data = Buffer.from(texts[k]!, 'utf8');
      const packed = deflateRawSync(data, deflateOptions(data.length));
      parts.push(packed);
      layout[6 * i + 3 * k] = data.length;
      layout[6 * i + 3 * k + 1] = at;
      at += packed.length;
      layout[6 * i + 3 * k + 2] = at;
    }
    if (job.derive) derivations.push(derivationOf(r4));
  }
  return { id: job.id, hashes, layout, data: joined(parts, at), ...(job.derive && { derivations }) };
}

function verify(job: VerifyJob): Reply {
  const stored = Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength);
  const count = job.hashes.length;
  const inflated: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const size = job.sizes[i]!;
    let data: Buffer;
    try {
      data = inflateRawSync(stored.subarray(job.spans[2 * i], job.spans[2 * i + 1]), { maxOutputLength: Math.max(1, size) });
    } catch {
      return { id: job.id, refused: i };
    }
    if (data.length !== size || sha256(data) !== job.hashes[i]) return { id: job.id, refused: i };
    inflated.push(data);
  }
  const derivations: Array<string | null> = new Array<string | null>(count).fill(null);
  const sendBack = new Set(job.keep);
  for (const i of job.derive) {
    if (!(i >= 0 && i < count)) continue;
    try {
      derivations[i] = derivationOf(JSON.parse(inflated[i]!.toString('utf8')) as FhirJson);
    } catch {
      // Not JSON: the main thread derives it the way it derives any such body.
    }
    if (derivations[i] === null) sendBack.add(i);
  }
  const layout = new Int32Array(count * 2).fill(-1);
  const parts: Buffer[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (!sendBack.has(i)) continue;
    parts.push(inflated[i]!);
    layout[2 * i] = at;
    at += inflated[i]!.length;
    layout[2 * i + 1] = at;
  }
  return { id: job.id, layout, data: joined(parts, at), ...(job.derive.length > 0 && { derivations }) };
}

const { port, done, slot, state } = workerData as WorkerStart;
const counter = new Int32Array(done);
const flags = new Int32Array(state);
port.on('message', (job: DigestJob | VerifyJob) => {
  // Busy first, then the stop flag (the pool's close() sets them the other way round): either this job
  // is skipped, or close() sees it under way and waits for it (see DigestPool.close).
  Atomics.store(flags, 1 + slot, 1);
  if (Atomics.load(flags, 0) === 1) {
    Atomics.store(flags, 1 + slot, 0);
    Atomics.notify(flags, 1 + slot);
    return;
  }
  let reply: Reply;
  try {
    reply = 'hashes' in job ? verify(job) : digest(job);
  } catch (error) {
    reply = { id: job.id, error: String((error as Error | undefined)?.message ?? error) };
  }
  port.postMessage(reply, reply.data ? [reply.data.buffer as ArrayBuffer] : []);
  Atomics.add(counter, slot, 1);
  Atomics.notify(counter, slot);
  Atomics.store(flags, 1 + slot, 0);
  Atomics.notify(flags, 1 + slot);
});
