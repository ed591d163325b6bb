/**
 * Keeps the sync folder small (issue 11.4): a long-used folder stays near the size of one fresh
 * snapshot (the document once, plus the bodies it refers to).
 *
 * WHAT EACH DEVICE PUBLISHES. An ack file ('a', only its newest is kept): per other device, the last
 * update and body file it has applied, and which of its own files it removed. Devices of the chain
 * that are not revoked are "known"; revoked ones count as gone (they never hold anything back).
 *
 * WHAT A DEVICE REMOVES. Only its own files, and only what nobody needs any more:
 *   - update files (and older snapshots) before its latest snapshot, once every known device has
 *     applied them; those before its second-latest snapshot in any case (a device that lags that far
 *     behind reads the latest snapshot instead of the updates);
 *   - its latest snapshot and the files before it too, when another device's snapshot in the folder
 *     covers them and every known device has applied them: two devices then do not keep two whole
 *     copies of the document (a new device starts from any device's snapshot and reads each stream
 *     on from the position that snapshot covers);
 *   - body packs whose bodies the document no longer refers to (deleted records, replaced versions)
 *     once every known device has applied them; when a third of its pack bytes is such garbage, the
 *     bodies still referred to in its emptiest packs are written again in a new pack first, and so
 *     are those of many small packs (a round's few new bodies each), so file overhead stays small.
 * Readers skip what an ack file says is removed instead of waiting for it.
 *
 * ORDER, SO THAT A KILL AT ANY MOMENT LOSES NOTHING. What goes is decided and recorded in the
 * profile first (one transaction), then announced in the ack file, then removed. A crash before the
 * removal leaves files that are already announced: the next round removes them. Removing first
 * would let a crash leave a file gone that no ack names, which a device joining later waits for
 * and reports as missing.
 *
 * Not removed: files of revoked devices (their directory is theirs; what they wrote up to their
 * revocation stays readable for a new device). A body removed as garbage that later becomes needed
 * again is pushed again by the device that removed it (its own known-bodies list forgets it); another
 * device that still lists it as known does not re-push it (rare: it takes a record that returns to an
 * earlier version of itself).
 */
import * as Y from 'yjs';
import type { StoredBody } from '../records/bodies';
import type { RecordStore } from '../records/record-store';
import { decodePayload, encodePayload, type FileKind, type FolderNames, type Stream } from './container';
import type { AckFile, SyncState } from './state';
import type { SyncTransport } from './transport';

export interface ListedFile {
  kind: FileKind;
  name: string;
}

export interface CompactionContext {
  selfId: string;
  state: SyncState;
  store: RecordStore;
  transport: SyncTransport;
  names: FolderNames;
  /** This device's own files in the folder, per stream and seq. */
  own: Map<Stream, Map<number, ListedFile>> | undefined;
  /** Devices every file must reach: the chain's members that are not revoked, without this one. */
  known: string[];
  /** Seals and writes a file of this device; returns its size. */
  writeFile(kind: FileKind, payload: Buffer): Promise<number>;
  /** Hashes of every body the document refers to. */
  liveBodies(): Set<string>;
  /** Stored body bytes per pack. */
  packBytes: number;
  /** The chain head, stated in every pack. */
  head: unknown;
}

/** Payload of an ack file, checked. Null when it is not one. */
export function parseAck(payload: Buffer): AckFile | null {
  const { meta } = decodePayload<Partial<AckFile>>(payload);
  const position = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  if (typeof meta !== 'object' || meta === null || typeof meta.applied !== 'object' || meta.applied === null) return null;
  const applied: AckFile['applied'] = {};
  for (const [device, at] of Object.entries(meta.applied)) {
    if (!/^[0-9a-f]{32}$/.test(device) || typeof at !== 'object' || at === null || !position(at.u) || !position(at.b)) return null;
    applied[device] = { u: at.u, b: at.b };
  }
  if (!position(meta.uFloor) || !Array.isArray(meta.bRemoved)) return null;
  const ranges = meta.bRemoved.filter((r): r is [number, number] => Array.isArray(r) && r.length === 2 && position(r[0]) && position(r[1]) && r[0] <= r[1]);
  return { applied, uFloor: meta.uFloor as number, bRemoved: ranges.slice(0, 10_000) };
}

export function inRanges(ranges: ReadonlyArray<[number, number]>, seq: number): boolean {
  return ranges.some(([from, to]) => seq >= from && seq <= to);
}

/** Writes this device's ack file when what it says changed, and removes its older ones. */
export async function publishAck(ctx: CompactionContext): Promise<void> {
  const { state } = ctx;
  const applied: AckFile['applied'] = {};
  for (const device of [...ctx.known].sort()) applied[device] = { u: state.nextSeq(device, 'u') - 1, b: state.nextSeq(device, 'b') - 1 };
  const ack: AckFile = { applied, ...state.removedOwn() };
  const json = JSON.stringify(ack);
  if (json !== state.ackPublished()) {
    await ctx.writeFile('a', encodePayload(ack));
    state.setAckPublished(json);
  }
  const newest = state.nextSeq(ctx.selfId, 'a') - 1;
  for (const [seq, file] of ctx.own?.get('a') ?? []) if (seq < newest) await ctx.transport.remove(file.name);
}

/**
 * Decides what no known device needs of this device's own update and body files (see above) and
 * records it as removed; returns how many bodies were written again. The files themselves go in
 * `removeAnnounced`, after the ack file says so.
 */
export async function compactOwn(ctx: CompactionContext, withBodies: boolean): Promise<number> {
  const acks = ctx.state.acks();
  const ackedOf = (stream: 'u' | 'b') => Math.min(Infinity, ...ctx.known.map((device) => acks[device]?.applied[ctx.selfId]?.[stream] ?? 0));
  await compactUpdates(ctx, ackedOf('u'));
  return withBodies ? compactBodies(ctx, ackedOf('b')) : 0;
}

/** Removes this device's own files that its records (and so its ack file) name as removed; returns how many. */
export async function removeAnnounced(ctx: CompactionContext): Promise<number> {
  const { uFloor, bRemoved } = ctx.state.removedOwn();
  const gone = [
    ...[...(ctx.own?.get('u') ?? [])].filter(([seq]) => seq < uFloor),
    ...[...(ctx.own?.get('b') ?? [])].filter(([seq]) => inRanges(bRemoved, seq)),
  ];
  for (const [, file] of gone) await ctx.transport.remove(file.name);
  return gone.length;
}

async function compactUpdates(ctx: CompactionContext, acked: number): Promise<void> {
  const files = ctx.own?.get('u');
  if (!files || files.size === 0) return;
  const snapshots = [...files].filter(([, f]) => f.kind === 's').map(([seq]) => seq).sort((a, b) => b - a);
  const [latest = 0, previous = 0] = snapshots;
  // The highest position in this device's stream that another device's snapshot, still in the folder, covers.
  let covered = 0;
  for (const [device, { seq, covers }] of Object.entries(ctx.state.coverage())) {
    if (device === ctx.selfId || !ctx.known.includes(device)) continue;
    if (!(await stillThere(ctx, device, seq))) continue;
    covered = Math.max(covered, covers[ctx.selfId] ?? 0);
  }
  // Everything below `floor` goes: a prefix of the stream, so readers learn it from one number.
  const floor = Math.max(previous, Math.min(latest, acked + 1), Math.min(covered, acked) + 1);
  const own = ctx.state.removedOwn();
  if (floor > own.uFloor) ctx.state.setRemovedOwn({ ...own, uFloor: floor });
}

async function stillThere(ctx: CompactionContext, device: string, seq: number): Promise<boolean> {
  const name = ctx.names.file(device, 's', seq);
  const listed = await ctx.transport.list(name.slice(0, name.lastIndexOf('/') + 1));
  return listed.includes(name);
}

async function compactBodies(ctx: CompactionContext, acked: number): Promise<number> {
  const files = ctx.own?.get('b');
  if (!files || files.size === 0) return 0;
  const live = ctx.liveBodies();
  const packs = [...files.keys()]
    .sort((a, b) => a - b)
    .map((seq) => ({ seq, index: ctx.state.packIndex(seq) }))
    .filter((p): p is { seq: number; index: Array<[string, number]> } => p.index !== null && p.seq <= acked);
  let total = 0;
  let garbage = 0;
  const liveOf = new Map<number, Array<[string, number]>>();
  for (const { seq, index } of packs) {
    const kept = index.filter(([hash]) => live.has(hash));
    liveOf.set(seq, kept);
    for (const [, size] of index) total += size;
    for (const [hash, size] of index) if (!live.has(hash)) garbage += size;
  }
  const empty = packs.filter(({ seq }) => liveOf.get(seq)!.length === 0);
  const alive = packs.filter(({ seq }) => liveOf.get(seq)!.length > 0);
  // Worth rewriting once a third is garbage: the packs at most half alive give their bodies to a new pack.
  const sparse = garbage * 3 > total ? alive.filter(({ seq, index }) => liveOf.get(seq)!.length * 2 <= index.length) : [];
  // Many small packs (a round's few new bodies each) become one: every file costs a header and a signature.
  const bytesOf = (index: Array<[string, number]>) => index.reduce((sum, [, size]) => sum + size, 0);
  const small = alive.filter(({ seq, index }) => !sparse.some((p) => p.seq === seq) && bytesOf(index) * 4 < ctx.packBytes);
  if (small.length >= 8) sparse.push(...small);
  let repacked = 0;
  if (sparse.length > 0) {
    const hashes = sparse.flatMap(({ seq }) => liveOf.get(seq)!.map(([hash]) => hash));
    repacked = await writePacks(ctx, ctx.store.readStoredBodies(hashes), ctx.head);
  }
  const removing = [...empty, ...sparse];
  if (removing.length === 0) return repacked;
  ctx.state.transaction(() => {
    for (const { seq, index } of removing) {
      ctx.state.forgetKnownBodies(index.filter(([hash]) => !live.has(hash)).map(([hash]) => hash));
      ctx.state.setPackIndex(seq, null);
    }
    const own = ctx.state.removedOwn();
    ctx.state.setRemovedOwn({ ...own, bRemoved: mergeRanges([...own.bRemoved, ...removing.map(({ seq }) => [seq, seq] as [number, number])]) });
  });
  return repacked;
}

/** Writes bodies (as stored) in packs of about packBytes; records each pack's index. Returns how many bodies. */
export async function writePacks(
  ctx: Pick<CompactionContext, 'state' | 'selfId' | 'writeFile' | 'packBytes'>,
  bodies: Iterable<StoredBody>,
  head?: unknown,
  /** Records' own (normalized) bodies: marked, so the reader keeps them inflated for deriving (`parse`). */
  normalized: ReadonlySet<string> = new Set(),
): Promise<number> {
  let pack: StoredBody[] = [];
  let size = 0;
  let written = 0;
  const flush = async () => {
    if (pack.length === 0) return;
    const seq = ctx.state.nextSeq(ctx.selfId, 'b');
    // Bodies as stored (deflated): `sizes` are their inflated lengths, which the reader checks too.
    const parse = pack.flatMap((b, i) => (normalized.has(b.hash) ? [i] : []));
    const meta = { hashes: pack.map((b) => b.hash), sizes: pack.map((b) => b.size), stored: true, parse, ...(head !== undefined && { head }) };
    // The index first: a crash after it leaves an index without a pack, which compaction ignores (no such file).
    ctx.state.setPackIndex(seq, pack.map((b) => [b.hash, b.data.length]));
    await ctx.writeFile('b', encodePayload(meta, pack.map((b) => b.data), { compressed: true }));
    ctx.state.addKnownBodies(pack.map((b) => b.hash));
    written += pack.length;
    pack = [];
    size = 0;
  };
  for (const body of bodies) {
    pack.push(body);
    size += body.data.length;
    if (size >= ctx.packBytes) await flush();
  }
  await flush();
  return written;
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [from, to] of sorted) {
    const last = out.at(-1);
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

/**
 * What one device would write for this profile into an empty folder: the document once (as a
 * snapshot file's payload) and every body it refers to, as stored. The yardstick for the folder's size.
 */
export function freshSnapshotBytes(store: RecordStore, live: Iterable<string>): number {
  const doc = encodePayload({}, [Y.encodeStateAsUpdate(store.doc)]).length;
  let bodies = 0;
  const hashes = [...live];
  for (let i = 0; i < hashes.length; i += 500) for (const body of store.readStoredBodies(hashes.slice(i, i + 500))) bodies += body.data.length;
  return doc + bodies;
}
