/**
 * Digests begun while a large input is still being read and checked. The main thread parses and
 * validates every resource of a file before anything is written (a 100,000-resource import: about
 * 2.5 s), and the digest worker had nothing to do meanwhile. As a sink of fhir's prepareImport this
 * hands each checked group of resources to a worker at once; RecordStore.importBatches then takes
 * the answers for its first chunks, which are the same resources in the same order (groups and chunks
 * are both importChunk long, counted from each input's start).
 *
 * The import's result never depends on it: anything that does not line up (an input read again
 * because its FHIR version was decided otherwise at its end) makes the write take and drop every
 * early answer and digest as before. At most `maxAhead` groups are out at once (their answers wait in
 * memory until the write takes them), and none before the inputs hold as many resources as make an
 * import bulk work. Nothing is written; close() ends the workers unless the write took them over.
 */
import type { PreparedSink } from '../fhir/index';
import { DigestPool, type Ticket } from './digest-pool';
import type { ImportResource } from './types';

export interface EarlyStart {
  pool: DigestPool;
  /** Per chunk from the first, its ticket (null: nothing of it could go to a worker). */
  tickets: Array<Ticket | null>;
}

export class EarlyDigests implements PreparedSink {
  private pool: DigestPool | null = null;
  /** Groups told so far, in order, with their tickets once submitted. */
  private readonly groups: Array<{ resources: readonly ImportResource[]; ticket: Ticket | null; submitted: boolean }> = [];
  private told = 0;
  /** No more groups go out: an input was read again, the pool could not start, or the write took over. */
  private stopped = false;
  /** What went out may not line up with the write's chunks (an input read again, or a failure here): drop it all. */
  private dropAll = false;

  constructor(
    readonly groupSize: number,
    private readonly bulkFrom: number,
    private readonly derive: boolean,
    private readonly maxAhead = 24,
  ) {}

  group(resources: readonly ImportResource[]): void {
    if (this.stopped || this.groups.length >= this.maxAhead) return;
    // Called amid reading the input: whatever goes wrong here must not become the input's problem.
    try {
      this.groups.push({ resources: [...resources], ticket: null, submitted: false });
      this.told += resources.length;
      if (this.told < this.bulkFrom) return;
      this.pool ??= DigestPool.open();
      if (!this.pool) {
        this.stopped = true;
        return;
      }
      for (const group of this.groups) {
        if (group.submitted) continue;
        group.ticket = this.pool.submit(group.resources.map((resource) => ({ resource })), this.derive);
        group.submitted = true;
      }
    } catch {
      // The write then digests on its own: handOver finds groups that did not go out and drops the rest.
      this.stopped = true;
      this.dropAll = true;
    }
  }

  restart(): void {
    this.stopped = true;
    this.dropAll = true;
  }

  /**
   * The pool and the tickets for the first chunks of the write (each chunk its resources, in order);
   * null when nothing went out. When the groups are not those chunks, every early answer is taken and
   * dropped here, and the write gets the pool with no tickets.
   */
  handOver(chunks: ReadonlyArray<readonly { resource: ImportResource }[]>): EarlyStart | null {
    this.stopped = true;
    const pool = this.pool;
    this.pool = null;
    if (!pool) return null;
    const sent = this.groups.filter((group) => group.submitted);
    const lineUp = !this.dropAll && sent.every((group, k) => sameResources(group.resources, chunks[k]));
    if (!lineUp) {
      for (const group of sent) pool.take(group.ticket);
      return { pool, tickets: [] };
    }
    return { pool, tickets: sent.map((group) => group.ticket) };
  }

  /** Ends the workers unless the write took them over (handOver). */
  close(): void {
    this.stopped = true;
    this.pool?.close();
    this.pool = null;
  }
}

function sameResources(group: readonly ImportResource[], chunk: readonly { resource: ImportResource }[] | undefined): boolean {
  return chunk !== undefined && chunk.length === group.length && chunk.every((item, i) => item.resource === group[i]);
}
