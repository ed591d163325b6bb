/**
 * A large import's per-resource digest work on other cores: for each resource held as a span of the
 * input's bytes (fhir TextBackedResource, R4 JSON), a worker thread (digest-worker.ts) decodes and
 * parses it, makes the normalized text, the three hashes (normalized, original, content), both bodies
 * raw-deflated (bodies.ts) and what the body says for its rows (body-derivation.ts). That is about
 * half of an import's CPU; the main thread meanwhile writes the chunk before (Yjs, derived tables,
 * FTS), so on two cores the two run side by side. Sync's pull uses the same workers to check the
 * bodies another device shipped.
 *
 * The import is one synchronous SQL transaction, so the main thread takes results synchronously:
 * each worker answers on its own MessagePort, raises its counter in shared memory and wakes the main
 * thread (Atomics.wait / receiveMessageOnPort). Results are the same the main thread would make: the
 * worker imports the very functions it uses, and a test compares both. A worker that cannot start,
 * fails or stalls is not waited for again: the main thread then does what is left itself (digestOf,
 * deriveBody), so an import never depends on a worker.
 *
 * Nothing is written by the workers and nothing of theirs outlives the import (close()).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { StoredBody } from './bodies';
import type { DigestJob, Reply, VerifyJob, WorkerStart } from './digest-worker';
import type { PreparedResource } from './prepare-resources';
import type { ImportResource } from './types';

/** A body as the import stores it: `data` raw-deflated, inflating to `size` bytes whose sha256 is `hash`. */
export interface PackedBody {
  hash: string;
  size: number;
  data: Buffer;
}

export interface PackedDigest {
  normalized: PackedBody;
  original: PackedBody;
  content: string;
  /** What the normalized body says for its rows (BodyDerivation as JSON), when the job asked for it and the worker could work it out. */
  derivation?: string;
}

/** Where a resource's original JSON is; only such resources go to a worker (others stay on the main thread). */
interface Located {
  originalLocation(): { bytes: Buffer; start: number; end: number } | null;
}

export interface Ticket {
  worker: number;
  id: number;
  resources: ImportResource[];
}

interface VerifyTicket {
  worker: number;
  id: number;
  count: number;
}

/**
 * What a verify job answers: the bodies asked back inflated (null for the rest), and for those asked
 * what each says for its rows (BodyDerivation as JSON, or null); or the first that does not match its hash.
 */
export type Verified = { ok: true; inflated: Array<Buffer | null>; derivations: Array<string | null> } | { ok: false; refused: number };

/** How long the main thread waits for one chunk before it digests that chunk itself. */
const stallMs = 20_000;
/** How long close() waits for workers to finish the job in hand. */
const closeWaitMs = 5_000;

/** The built app's worker file, when the host registered one (useBuiltDigestWorker). */
let builtWorker: string | null = null;

/**
 * The Electron shell bundles the worker as a file of its own (electron.vite.config.ts) and says where
 * it is; from the source tree (CLI, test host, tests, bench) it is run through tsx.
 */
export function useBuiltDigestWorker(file: string | null): void {
  builtWorker = file;
}

/**
 * Where the worker's program is, and how to run it. Throws when the file is not there: a worker that
 * cannot load would only be noticed once the import, blocked in its transaction, stopped waiting for it.
 */
function workerStart(): { file: URL; execArgv?: string[] } {
  const here = import.meta.url;
  const start = builtWorker
    ? { file: pathToFileURL(builtWorker) }
    : here.endsWith('.js')
      ? { file: new URL('./digest-worker.js', here) }
      : {
          file: new URL('./digest-worker.ts', here),
          execArgv: [...process.execArgv, '--import', pathToFileURL(createRequire(here).resolve('tsx')).href],
        };
  if (!existsSync(start.file)) throw new Error('the digest worker is not where it should be');
  return start;
}

export class DigestPool {
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private readonly counter: Int32Array;
  /** Shared with the workers: [0] closing, [1 + slot] that worker is on a job (digest-worker.ts). */
  private readonly state: Int32Array;
  private readonly taken: number[];
  private nextId = 1;
  private nextWorker = 0;
  private broken = false;
  /** Time the main thread spent waiting for answers, in ms (an import balances its work by it). */
  waitedMs = 0;

  /** Workers for one import: one fewer than the cores (the main thread writes), at least one, at most three. */
  static open(workers = Math.max(1, Math.min(3, availableParallelism() - 1))): DigestPool | null {
    try {
      return new DigestPool(workers);
    } catch {
      return null; // no threads here: the import digests on the main thread, as small ones do
    }
  }

  private constructor(count: number) {
    this.counter = new Int32Array(new SharedArrayBuffer(4 * count));
    this.state = new Int32Array(new SharedArrayBuffer(4 * (count + 1)));
    this.taken = new Array<number>(count).fill(0);
    const start = workerStart();
    try {
      for (let slot = 0; slot < count; slot++) {
        const { port1, port2 } = new MessageChannel();
        const workerData: WorkerStart = { port: port2, done: this.counter.buffer as SharedArrayBuffer, slot, state: this.state.buffer as SharedArrayBuffer };
        const worker = new Worker(start.file, { workerData, transferList: [port2], ...(start.execArgv && { execArgv: start.execArgv }) });
        // Neither keeps the process alive; close() ends them after the import.
        worker.unref();
        port1.unref();
        worker.on('error', () => {
          this.broken = true;
        });
        this.workers.push(worker);
        this.ports.push(port1);
      }
    } catch (error) {
      this.close();
      throw error;
    }
  }

  /**
   * Hands the resources held as spans of an R4 JSON input to a worker; null when there are none (or
   * the pool gave up). `derive`: also work out what each body says for its rows. Take the results
   * with take() in the order they were submitted (each worker answers in order; an answer out of order
   * makes the pool give up, and the caller digests itself).
   */
  submit(items: readonly Pick<PreparedResource, 'resource'>[], derive = false): Ticket | null {
    if (this.broken) return null;
    const byInput = new Map<Buffer, Array<{ resource: ImportResource; start: number; end: number }>>();
    for (const { resource } of items) {
      const where = resource.fhirVersion === 'R4' && resource.format === 'json' ? locationOf(resource) : null;
      if (!where) continue;
      let list = byInput.get(where.bytes);
      if (!list) byInput.set(where.bytes, (list = []));
      list.push({ resource, start: where.start, end: where.end });
    }
    // One input per job (a chunk comes from one file): the region of its bytes from the first to the last original.
    const [first] = byInput;
    if (!first) return null;
    const [bytes, located] = first;
    const from = Math.min(...located.map((item) => item.start));
    const to = Math.max(...located.map((item) => item.end));
    const spans = new Int32Array(located.length * 2);
    located.forEach((item, i) => {
      spans[2 * i] = item.start - from;
      spans[2 * i + 1] = item.end - from;
    });
    const job: DigestJob = { id: this.nextId++, bytes: new Uint8Array(bytes.subarray(from, to)), spans, derive };
    const worker = this.nextWorker;
    this.nextWorker = (this.nextWorker + 1) % this.workers.length;
    try {
      this.ports[worker]!.postMessage(job, [job.bytes.buffer as ArrayBuffer, job.spans.buffer as ArrayBuffer]);
    } catch {
      this.broken = true;
      return null;
    }
    return { worker, id: job.id, resources: located.map((item) => item.resource) };
  }

  /**
   * The digests of a submitted job, waiting for them if need be; an empty map when the worker failed
   * or stalled (the caller digests those resources itself).
   */
  take(ticket: Ticket | null): Map<ImportResource, PackedDigest> {
    const digests = new Map<ImportResource, PackedDigest>();
    if (!ticket || this.broken) return digests;
    const reply = this.receive(ticket);
    if (!reply?.hashes || !reply.layout || !reply.data) return digests;
    const data = Buffer.from(reply.data.buffer, reply.data.byteOffset, reply.data.byteLength);
    const { hashes, layout, derivations } = reply;
    ticket.resources.forEach((resource, i) => {
      const body = (k: number, hash: string): PackedBody => ({
        hash,
        size: layout[6 * i + 3 * k]!,
        data: data.subarray(layout[6 * i + 3 * k + 1], layout[6 * i + 3 * k + 2]),
      });
      const derivation = derivations?.[i];
      digests.set(resource, {
        normalized: body(0, hashes[3 * i]!),
        original: body(1, hashes[3 * i + 1]!),
        content: hashes[3 * i + 2]!,
        ...(derivation && { derivation }),
      });
    });
    return digests;
  }

  /**
   * Hands bodies shipped as stored (raw-deflated, see bodies.ts putStored) to a worker, which inflates
   * each and checks it against its size and hash, and works out what those `derive` names (by index)
   * say for their rows; sends back inflated those `keep` names and those whose rows it could not work
   * out. Null when the pool gave up. Take with takeVerified().
   */
  submitVerify(bodies: readonly StoredBody[], derive: readonly number[] = [], keep: readonly number[] = []): VerifyTicket | null {
    if (this.broken) return null;
    const total = bodies.reduce((sum, body) => sum + body.data.length, 0);
    const data = new Uint8Array(total);
    const spans = new Int32Array(bodies.length * 2);
    let at = 0;
    bodies.forEach((body, i) => {
      data.set(body.data, at);
      spans[2 * i] = at;
      at += body.data.length;
      spans[2 * i + 1] = at;
    });
    const job: VerifyJob = { id: this.nextId++, data, spans, sizes: bodies.map((body) => body.size), hashes: bodies.map((body) => body.hash), derive: [...derive], keep: [...keep] };
    const worker = this.nextWorker;
    this.nextWorker = (this.nextWorker + 1) % this.workers.length;
    try {
      this.ports[worker]!.postMessage(job, [data.buffer, spans.buffer]);
    } catch {
      this.broken = true;
      return null;
    }
    return { worker, id: job.id, count: bodies.length };
  }

  /** The answer to a verify job; null when the worker failed or stalled (the caller verifies itself). */
  takeVerified(ticket: VerifyTicket | null): Verified | null {
    if (!ticket || this.broken) return null;
    const reply = this.receive(ticket);
    if (!reply) return null;
    if (reply.refused !== undefined) return { ok: false, refused: reply.refused };
    if (!reply.layout || !reply.data) return null;
    const data = Buffer.from(reply.data.buffer, reply.data.byteOffset, reply.data.byteLength);
    const { layout } = reply;
    return {
      ok: true,
      inflated: Array.from({ length: ticket.count }, (_, i) => (layout[2 * i]! < 0 ? null : data.subarray(layout[2 * i], layout[2 * i + 1]))),
      derivations: reply.derivations ?? new Array<string | null>(ticket.count).fill(null),
    };
  }

  /** Its number of workers. */
  get size(): number {
    return this.workers.length;
  }

  /** Whether it stopped relying on its workers (one failed, stalled or answered out of order), or was closed. */
  get gaveUp(): boolean {
    return this.broken;
  }

  /**
   * Ends the workers. One on a job (answers nobody will take: a refused or failed import) is let finish
   * it first, skipping the rest: a thread ended amid zlib work can take the whole process down (Node
   * asserts when it cleans up a half-made zlib stream). A job takes a fraction of a second; one that
   * does not end within closeWaitMs is ended anyway.
   */
  close(): void {
    this.broken = true;
    Atomics.store(this.state, 0, 1);
    const deadline = performance.now() + closeWaitMs;
    this.workers.forEach((_, slot) => {
      while (Atomics.load(this.state, 1 + slot) === 1) {
        const remaining = deadline - performance.now();
        if (remaining <= 0) break;
        Atomics.wait(this.state, 1 + slot, 1, remaining);
      }
    });
    for (const port of this.ports) port.close();
    for (const worker of this.workers) void worker.terminate();
    this.ports.length = 0;
    this.workers.length = 0;
  }

  /** The worker's next reply, which answers this ticket (each worker answers in order); null if it does not come. */
  private receive(ticket: { worker: number; id: number }): Reply | null {
    const slot = ticket.worker;
    const port = this.ports[slot]!;
    const deadline = Date.now() + stallMs;
    for (;;) {
      const received = receiveMessageOnPort(port) as { message: Reply } | undefined;
      if (received) {
        this.taken[slot]! += 1;
        if (received.message.id === ticket.id && !received.message.error) return received.message;
        this.broken = true; // out of order or failed: stop relying on the workers
        return null;
      }
      const seen = Atomics.load(this.counter, slot);
      const remaining = deadline - Date.now();
      if (remaining <= 0 || this.broken) {
        this.broken = true;
        return null;
      }
      // The counter rises after the reply is posted: wait for that (or, should it have risen with the
      // reply not yet readable, for a moment).
      const before = performance.now();
      Atomics.wait(this.counter, slot, seen, seen <= this.taken[slot]! ? Math.min(remaining, 1_000) : 1);
      this.waitedMs += performance.now() - before;
    }
  }
}

function locationOf(resource: ImportResource): { bytes: Buffer; start: number; end: number } | null {
  const located = resource as Partial<Located>;
  return typeof located.originalLocation === 'function' ? located.originalLocation() : null;
}

/**
 * A pool kept between uses that come in a row (the packs of one pull: starting the workers cost about
 * 100 ms each time) and closed once unused for a moment, or by close(). take() hands it out (opening
 * one when none is kept) and giveBack() keeps it again, unless it gave up. The workers hold nothing
 * between jobs.
 */
export class KeptPool {
  private kept: DigestPool | null = null;
  private idle: NodeJS.Timeout | null = null;

  constructor(
    private readonly open: () => DigestPool | null,
    private readonly idleMs = 2_000,
  ) {}

  take(): DigestPool | null {
    this.stopTimer();
    const pool = this.kept ?? this.open();
    this.kept = null;
    return pool;
  }

  giveBack(pool: DigestPool): void {
    this.close();
    if (pool.gaveUp) {
      pool.close();
      return;
    }
    this.kept = pool;
    this.idle = setTimeout(() => this.close(), this.idleMs);
    this.idle.unref();
  }

  close(): void {
    this.stopTimer();
    this.kept?.close();
    this.kept = null;
  }

  private stopTimer(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
  }
}
