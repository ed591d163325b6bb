/**
 * One sync round between this device and the folder (see index.ts for the design and the threats).
 */
import { createHash, randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { RegieError } from '../core/errors';
import { recordDocOf } from '../records/doc-model';
import { parseLinkKey } from '../records/ids';
import type { Body } from '../records/bodies';
import type { RecordStore, ShippedBodies } from '../records/record-store';
import {
  decodePayload,
  encodePayload,
  fileKeyOf,
  FolderNames,
  type FileAddress,
  type FileKind,
  maxFileBytes,
  openFile,
  type OpenResult,
  sealFile,
  type Stream,
  streamOf,
} from './container';
import { compactOwn, type CompactionContext, inRanges, parseAck, publishAck, removeAnnounced, writePacks } from './compaction';
import { unwrapWith, wrapTo } from './crypto';
import { GroupChain, type KeyBundle } from './group-chain';
import { activeMembers, cascadeOf, isActive } from './membership';
import {
  answerName,
  decodeCode,
  encodeCode,
  type JoinAnswer,
  type JoinRequest,
  openMessage,
  pairingTag,
  pairingTtlMs,
  requestName,
  sealMessage,
} from './pairing';
import type { EpochKey, SyncState } from './state';
import { SyncFileRefused, type SyncTransport } from './transport';

export interface SyncEngineOptions {
  now?: () => Date;
  /** Snapshot after this many update files or once updates since the last snapshot outweigh it. */
  snapshotEveryFiles?: number;
  /** Body bytes per pack file (as stored, deflated). */
  packBytes?: number;
  /** Look for garbage in own body packs every this many rounds (it walks the whole document). */
  bodyCompactionEvery?: number;
}

export type RejectReason = 'tampered' | 'revoked' | 'foreign' | 'invalid' | 'truncated' | 'missing' | 'too-large' | 'not-a-file';

export interface RejectedFile {
  device: string | null;
  stream: Stream | null;
  seq: number | null;
  reason: RejectReason;
}

export interface SyncCounts {
  pushed: { updates: number; snapshots: number; bodies: number; files: number; bytes: number };
  pulled: { updates: number; snapshots: number; bodies: number; files: number; bytes: number };
  /** Files not (completely) there yet, or not readable yet (key still to come); retried next round. */
  waiting: number;
  /** Refused files: never applied, also recorded as problems. */
  rejected: RejectedFile[];
  /** Join requests this device answered (pairing codes it showed). */
  pairing: { accepted: number; refused: number };
  /** The state of this device's own pending join, if any. */
  join: 'waiting' | 'joined' | 'refused-expired' | 'refused-used' | null;
  /** Own files removed from the folder (compaction.ts), and bodies written again in a new pack first. */
  compacted: { removed: number; repacked: number };
}

export interface DeviceView {
  id: string;
  name: string;
  current: boolean;
  revoked: boolean;
  addedAt: string;
  addedBy: string | null;
}

interface Listed {
  kind: FileKind;
  name: string;
}
type Listing = Map<string, Map<Stream, Map<number, Listed>>>;

/** A body pack decoded, its bodies' check started (RecordStore.checkStoredBodies); `plain` for packs of before bodies travelled as stored. */
interface StartedPack {
  hashes: string[];
  head: unknown;
  shipped: ShippedBodies | null;
  plain: Body[];
}

/** The next body pack, read and opened while the one before was stored (readAhead). */
interface AheadPack {
  seq: number;
  bytes: Uint8Array;
  opened: Extract<OpenResult, { ok: true }>;
  pack: StartedPack;
}

/** Rounds a file must stay unchanged and incomplete (or missing) before it is reported and, if a later snapshot exists, skipped. */
const stuckRounds = 3;
const pairingRetentionMs = 24 * 60 * 60 * 1000;
/** Key and registry files hold a chain and some keys: far below this. Data files may be large packs. */
const maxMetaFileBytes = 16 * 1024 * 1024;
const maxPairingMessageBytes = 1024 * 1024;
const maxBytesOf = (stream: Stream) => (stream === 'k' || stream === 'r' ? maxMetaFileBytes : maxFileBytes);

export class SyncEngine {
  private readonly now: () => Date;
  private readonly snapshotEveryFiles: number;
  private readonly packBytes: number;
  private readonly bodyCompactionEvery: number;
  private counts!: SyncCounts;
  private readonly foreignThisRound = new Set<string>();
  private folderNames: { id: string; names: FolderNames } | null = null;
  private readonly chain: GroupChain;
  /** Streams ("device:stream") whose next file is sealed with a key this device lacks, as last read. */
  private readonly stuckOnKey = new Set<string>();

  constructor(
    private readonly store: RecordStore,
    private readonly transport: SyncTransport,
    private readonly state: SyncState,
    options: SyncEngineOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.snapshotEveryFiles = options.snapshotEveryFiles ?? 100;
    this.packBytes = options.packBytes ?? 8 * 1024 * 1024;
    this.bodyCompactionEvery = options.bodyCompactionEvery ?? 50;
    this.chain = new GroupChain(state, this.now, (device, stream, seq, kind, detail) => this.problem(device, stream, seq, kind, detail));
  }

  get deviceId(): string {
    return this.state.identity().deviceId;
  }

  /**
   * Creates the sync group with this device as its first member (the chain's genesis), unless there
   * is one. A group from before the membership chain has a device list nobody can verify (any member
   * could have added to it): it is left, reported, and the person pairs their devices again.
   */
  ensureGroup(): void {
    if (this.state.group() && this.state.chain()) return;
    if (this.state.group()) {
      this.state.leaveGroup();
      this.chain.forget();
      this.problem(null, null, null, 'sync-reset', null);
    }
    this.chain.create();
  }

  /**
   * One round: (finish a pending join), keys and the membership chain, answer join requests, push
   * keys and chain, pull data, push data. Data is pushed last and only when this device is not
   * behind: a device that lacks chain entries or the key others already use may not know of a
   * revocation, and would otherwise encrypt new data with a key the revoked device still has.
   */
  async syncOnce(): Promise<SyncCounts> {
    this.counts = emptyCounts();
    this.foreignThisRound.clear();
    this.stuckOnKey.clear();
    await this.finishJoin();
    if (this.state.join()) return this.counts; // waiting for the answer: nothing to sync with yet
    this.ensureGroup();
    const names = this.names();
    let listing = await this.list(names);
    await this.pullMeta(names, listing);
    this.chain.reappendLost();
    await this.answerPairings();
    this.chain.checkKeys();
    await this.pushMeta(names, listing);
    listing = await this.list(names);
    await this.pullData(names, listing);
    if (!this.chain.isBehind(this.stuckOnKey)) {
      await this.pushUpdates(names);
      await this.pushBodies(names);
      await this.compact(names, listing);
    }
    this.state.setLastSyncAt(this.now().toISOString());
    return this.counts;
  }

  /**
   * Publishes what this device applied and removes what no known device needs of its own files
   * (compaction.ts). Body packs are looked at every `bodyCompactionEvery` rounds, or when `bodies`.
   */
  private async compact(names: FolderNames, listing: Listing, bodies = false): Promise<void> {
    const ctx = this.compactionContext(names, listing);
    const rounds = this.state.roundsSinceBodyCompaction() + 1;
    const withBodies = bodies || rounds >= this.bodyCompactionEvery;
    const repacked = await compactOwn(ctx, withBodies);
    this.state.setRoundsSinceBodyCompaction(withBodies ? 0 : rounds);
    this.counts.compacted.repacked += repacked;
    this.counts.pushed.bodies += repacked;
    // Announced before removed (compaction.ts, ORDER).
    await publishAck(ctx);
    this.counts.compacted.removed += await removeAnnounced(ctx);
  }

  /** One round's compaction with body packs included, whatever the rounds count says (tests, bench). */
  async compactNow(): Promise<SyncCounts> {
    this.counts = emptyCounts();
    const names = this.names();
    await this.compact(names, await this.list(names), true);
    return this.counts;
  }

  private compactionContext(names: FolderNames, listing: Listing): CompactionContext {
    const self = this.deviceId;
    return {
      selfId: self,
      state: this.state,
      store: this.store,
      transport: this.transport,
      names,
      own: listing.get(self),
      known: activeMembers(this.chain.membership()).filter((id) => id !== self),
      writeFile: (kind, payload) => this.writeFile(names, kind, payload),
      liveBodies: () => new Set(this.referencedBodies()),
      packBytes: this.packBytes,
      head: this.chain.membership().head,
    };
  }

  // ——— devices ———

  devices(): DeviceView[] {
    const self = this.deviceId;
    return this.state.devices().map((d) => ({ id: d.id, name: d.name, current: d.id === self, revoked: d.revoked !== undefined, addedAt: d.addedAt, addedBy: d.addedBy }));
  }

  renameDevice(deviceId: string, name: string): void {
    this.ensureGroup();
    const target = this.chain.membership().members.get(deviceId);
    if (!target || target.revoked) throw new RegieError('device-not-found');
    if (target.name === name) return;
    this.state.transaction(() => {
      this.chain.append({ type: 'rename', device: deviceId, name });
      if (deviceId === this.deviceId) this.state.setIdentityName(name);
      this.state.setPublish({ registry: true });
    });
  }

  /**
   * Revokes a device, and the devices it paired (they might be its shadows; see membership.ts,
   * cascadeOf), except those in `keep`: a revocation entry in the chain (their files after the last
   * one read here are refused everywhere) and the next epoch key, wrapped only to the remaining
   * devices, which encrypts everything written from now on.
   */
  revokeDevice(deviceId: string, keep: readonly string[] = []): string[] {
    this.ensureGroup();
    const membership = this.chain.membership();
    const target = membership.members.get(deviceId);
    if (!target) throw new RegieError('device-not-found');
    if (deviceId === this.deviceId) throw new RegieError('invalid-request', undefined, 'cannot revoke this device');
    if (target.revoked) return [];
    const devices = cascadeOf(membership, deviceId, this.deviceId, keep);
    this.state.transaction(() => {
      this.chain.appendRevoke(devices);
      // A snapshot of this device's whole document in the next round: whatever a revoked device's
      // claims (covering snapshots, acks) made others remove, a device joining later finds again.
      this.state.setSnapshotDue({ ...this.state.snapshotDue(), files: this.snapshotEveryFiles });
    });
    return devices;
  }

  /** Items of local changes not yet in the folder, and bodies not yet in it. */
  pending(): { changes: number; bodies: number } {
    const folder = this.state.folderStateVector();
    let changes = 0;
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(this.store.doc))) {
      changes += Math.max(0, clock - (folder.get(client) ?? 0));
    }
    return { changes, bodies: this.state.unknownBodies(this.bodiesReferencedSince(this.state.bodiesStateVector())).length };
  }

  // ——— pairing ———

  pairCreate(): { code: string; qrPayload: string; expiresAt: string } {
    this.ensureGroup();
    const secret = randomBytes(16);
    const now = this.now().getTime();
    // The code carries whole minutes; the device enforces the same rounded expiry.
    const { code, qrPayload } = encodeCode(secret, now + pairingTtlMs);
    const expiresAt = new Date(decodeCode(code).expiresAtMs).toISOString();
    this.state.addPairing(pairingTag(secret), secret, expiresAt, new Date(now).toISOString());
    return { code, qrPayload, expiresAt };
  }

  /** Sends a join request; the answer arrives in a later round (syncOnce) once the other device has synced. */
  async pairJoin(code: string): Promise<SyncCounts['join']> {
    const { secret, expiresAtMs } = decodeCode(code);
    if (this.now().getTime() > expiresAtMs) throw new RegieError('pairing-code-expired');
    const self = this.deviceId;
    // A group from before the membership chain counts as none: it is left on joining anyway.
    const current = this.state.chain() !== null;
    if (current && this.state.devices().some((d) => d.id !== self && !d.revoked)) throw new RegieError('sync-already-paired');
    const identity = this.state.identity();
    const tag = pairingTag(secret);
    const requestId = randomBytes(8).toString('hex');
    const request: JoinRequest = {
      deviceId: identity.deviceId,
      name: identity.name,
      x25519: identity.x25519.publicKey,
      ed25519: identity.ed25519.publicKey,
      at: this.now().toISOString(),
    };
    await this.transport.writeAtomic(requestName(tag, requestId), sealMessage(secret, 'join', requestId, request));
    this.state.setJoin({ secret: secret.toString('base64'), tag, requestId, expiresAt: new Date(expiresAtMs).toISOString() });
    this.counts = emptyCounts();
    await this.finishJoin();
    return this.counts.join;
  }

  private async finishJoin(): Promise<void> {
    const join = this.state.join();
    if (!join) return;
    const secret = Buffer.from(join.secret, 'base64');
    // The answer's name is predictable to anyone who sees the request: never block on what is there.
    const bytes = await this.readRefusing(answerName(join.tag, join.requestId), maxPairingMessageBytes);
    const answer = bytes ? openMessage<JoinAnswer>(secret, 'answer', join.requestId, bytes) : null;
    if (!answer) {
      // No (readable) answer yet. Past the expiry plus a grace period it will not come.
      if (this.now().getTime() > Date.parse(join.expiresAt) + pairingTtlMs) {
        this.state.setJoin(null);
        this.problem(null, null, null, 'pairing-expired', null);
        this.counts.join = 'refused-expired';
      } else this.counts.join = 'waiting';
      return;
    }
    if (answer.status === 'refused') {
      this.state.setJoin(null);
      this.problem(null, null, null, `pairing-${answer.reason}`, null);
      this.counts.join = answer.reason === 'used' ? 'refused-used' : 'refused-expired';
      return;
    }
    const identity = this.state.identity();
    const plain = unwrapWith(identity.x25519, Buffer.from(answer.bundle, 'base64'), `pair:${join.tag}`);
    const bundle = plain ? parseBundle(plain) : null;
    // The answer is authentic (sealed under the code's secret); its chain must still hold up and name this device.
    if (!bundle || !this.chain.join(bundle)) {
      this.counts.join = 'waiting';
      return;
    }
    this.state.setJoin(null);
    this.counts.join = 'joined';
  }

  private async answerPairings(): Promise<void> {
    const now = this.now();
    for (const pairing of this.state.pairings()) {
      if (now.getTime() - Date.parse(pairing.createdAt) > pairingRetentionMs) {
        this.state.dropPairing(pairing.id);
        continue;
      }
      const files = await this.transport.list(`p/${pairing.id}/`);
      for (const name of files) {
        const match = /\/j-([0-9a-f]{16})$/.exec(name);
        if (!match || files.includes(answerName(pairing.id, match[1]!))) continue;
        const requestId = match[1]!;
        const bytes = await this.readRefusing(name, maxPairingMessageBytes);
        const request = bytes ? openMessage<JoinRequest>(pairing.secret, 'join', requestId, bytes) : null;
        if (!request || !isJoinRequest(request)) continue; // incomplete or not made with this code: not answered
        let answer: JoinAnswer;
        const existing = this.state.device(request.deviceId);
        if (now.toISOString() > pairing.expiresAt && pairing.usedBy !== request.deviceId) answer = { status: 'refused', reason: 'expired' };
        else if (
          (pairing.usedBy !== null && pairing.usedBy !== request.deviceId) ||
          (existing && (existing.x25519 !== request.x25519 || existing.ed25519 !== request.ed25519 || existing.revoked)) ||
          !isActive(this.chain.membership(), this.deviceId)
        ) {
          answer = { status: 'refused', reason: 'used' };
        } else {
          answer = this.state.transaction(() => this.accept(pairing.id, request));
        }
        if (answer.status === 'accepted') this.counts.pairing.accepted += 1;
        else this.counts.pairing.refused += 1;
        await this.transport.writeAtomic(answerName(pairing.id, requestId), sealMessage(pairing.secret, 'answer', requestId, answer));
      }
    }
  }

  private accept(tag: string, request: JoinRequest): JoinAnswer {
    if (!this.chain.membership().members.has(request.deviceId)) {
      const name = request.name.trim().slice(0, 60) || 'Nieuw apparaat';
      this.chain.append({ type: 'add', device: { id: request.deviceId, name, x25519: request.x25519, ed25519: request.ed25519 } });
    }
    this.state.markPairingUsed(tag, request.deviceId);
    const current = this.state.currentKey();
    if (current) this.state.addKey({ ...current, members: [...current.members, request.deviceId] });
    this.state.setPublish({ keys: true, registry: true });
    return {
      status: 'accepted',
      bundle: wrapTo(request.x25519, Buffer.from(JSON.stringify(this.chain.bundle())), `pair:${tag}`).toString('base64'),
      by: this.deviceId,
    };
  }

  // ——— membership chain ———

  private fileKey(keyId: number): Buffer | null {
    const key = this.state.key(keyId);
    return key ? fileKeyOf(key.key, this.requireGroup().syncId) : null;
  }

  // ——— push ———

  /** Keys (wrapped to the chain's active members only) and chain entries not yet in this device's stream. */
  private async pushMeta(names: FolderNames, listing: Listing): Promise<void> {
    await this.reconcileOwnStreams(listing.get(this.deviceId));
    const current = this.state.currentKey();
    if (!current) return; // behind: nothing to wrap, and nothing to seal a registry file with
    const membership = this.chain.membership();
    const publish = this.state.publish();
    if (publish.keys) {
      const active = activeMembers(membership);
      this.state.addKey({ ...current, members: active });
      const bundle = Buffer.from(JSON.stringify(this.chain.bundle()));
      const syncId = this.requireGroup().syncId;
      const wraps = active.map((id) => wrapTo(membership.members.get(id)!.x25519, bundle, `keys:${syncId}`).toString('base64'));
      await this.writeFile(names, 'k', encodePayload({ wraps }));
      this.state.setPublish({ keys: false });
    }
    const published = this.state.hashSet('chainPublished');
    const unpublished = membership.chain.filter((p) => !published.has(p.hash));
    if (publish.registry || unpublished.length > 0) {
      await this.writeFile(names, 'r', encodePayload({ entries: unpublished.map((p) => p.signed), head: membership.head }));
      for (const p of unpublished) published.add(p.hash);
      this.state.setHashSet('chainPublished', published);
      this.state.setPublish({ registry: false });
    }
  }

  /**
   * After a crash: our own files past the stored position are either complete (skip them) or
   * half-written (overwrite). Own key and registry files that disappeared from the folder (someone
   * with access to it deleted them, perhaps to hide a revocation from another device) are written
   * again, and reported unless the whole directory is gone (a new, empty folder).
   */
  private async reconcileOwnStreams(own: Map<Stream, Map<number, Listed>> | undefined): Promise<void> {
    const identity = this.state.identity();
    const group = this.requireGroup();
    const seen = this.state.removedSeen();
    for (const stream of ['u', 'b', 'r', 'k'] as const) {
      const files = own?.get(stream) ?? new Map<number, Listed>();
      let next = this.state.nextSeq(identity.deviceId, stream);
      if (stream === 'r' || stream === 'k') {
        const handled = new Set(seen[stream] ?? []);
        const gone: number[] = [];
        for (let seq = 1; seq < next; seq += 1) if (!files.has(seq) && !handled.has(seq)) gone.push(seq);
        if (gone.length > 0) {
          if (stream === 'r') this.state.setHashSet('chainPublished', new Set());
          else this.state.setPublish({ keys: true });
          if (own) this.problem(identity.deviceId, stream, gone[0]!, 'removed', null);
          seen[stream] = [...handled, ...gone].slice(-1000);
          this.state.setRemovedSeen(seen);
        }
      }
      for (;;) {
        const file = files.get(next);
        if (!file) break;
        const bytes = await this.readRefusing(file.name, maxBytesOf(stream));
        if (!bytes) break;
        const address = { syncId: group.syncId, deviceId: identity.deviceId, kind: file.kind, seq: next };
        if (!openFile(address, bytes, identity.ed25519.publicKey, (id) => this.fileKey(id)).ok) break;
        next += 1;
      }
      this.state.setNextSeq(identity.deviceId, stream, next);
    }
  }

  private async pushUpdates(names: FolderNames): Promise<void> {
    const doc = this.store.doc;
    const folder = this.state.folderStateVector();
    const local = Y.decodeStateVector(Y.encodeStateVector(doc));
    const ahead = [...local].some(([client, clock]) => clock > (folder.get(client) ?? 0));
    const due = this.state.snapshotDue();
    if (ahead) {
      if (folder.size === 0) {
        await this.writeSnapshot(names, folder);
        return;
      }
      const update = Y.encodeStateAsUpdate(doc, encodeStateVectorOf(folder));
      const reach = reachOf(doc, update, local);
      const bytes = await this.writeFile(names, 'u', encodePayload({ head: this.chain.membership().head }, [update]));
      mergeInto(folder, reach);
      this.state.setFolderStateVector(folder);
      this.counts.pushed.updates += 1;
      due.files += 1;
      due.bytes += bytes;
      this.state.setSnapshotDue(due);
    }
    if (due.files >= this.snapshotEveryFiles || (due.files > 0 && due.bytes >= Math.max(1024 * 1024, due.lastSnapshotBytes))) {
      await this.writeSnapshot(names, folder);
    }
  }

  /** The whole document, with the positions in every device's stream that it covers. */
  private async writeSnapshot(names: FolderNames, folder: Map<number, number>): Promise<void> {
    const self = this.deviceId;
    const update = Y.encodeStateAsUpdate(this.store.doc);
    // Taken with the update, before any await: what is written meanwhile is not in it.
    const reach = reachOf(this.store.doc, update);
    const covers: Record<string, number> = {};
    for (const device of this.state.devices()) {
      if (device.id !== self) covers[device.id] = this.state.nextSeq(device.id, 'u') - 1;
    }
    const bytes = await this.writeFile(names, 's', encodePayload({ covers, head: this.chain.membership().head }, [update]));
    mergeInto(folder, reach);
    this.state.setFolderStateVector(folder);
    this.state.setSnapshotDue({ files: 0, bytes: 0, lastSnapshotBytes: bytes });
    this.counts.pushed.snapshots += 1;
  }

  /**
   * Bodies the folder lacks. Only entries added or changed since the last complete body push are
   * looked at (`bodiesSV`: the document's state vector then), each checked against the bodies known
   * to be in the folder; the whole document is walked only when there is no such point yet (first
   * push, after joining another group). The point moves only once every pack is written, so a crash
   * in between makes the next round look at the same entries again.
   */
  private async pushBodies(names: FolderNames): Promise<void> {
    const doc = this.store.doc;
    const upTo = Y.decodeStateVector(Y.encodeStateVector(doc));
    const normalized = new Set<string>();
    // In hash order: reading them, marking them known here and storing them on the other side then
    // walk each B-tree once instead of touching a random (encrypted) page per body.
    const wanted = this.state.unknownBodies(this.bodiesReferencedSince(this.state.bodiesStateVector(), normalized)).sort();
    const ctx = { state: this.state, selfId: this.deviceId, packBytes: this.packBytes, writeFile: (kind: FileKind, payload: Buffer) => this.writeFile(names, kind, payload) };
    this.counts.pushed.bodies += await writePacks(ctx, this.store.storedBodiesInBatches(wanted), this.chain.membership().head, normalized);
    this.state.setBodiesStateVector(upTo);
  }

  /**
   * Hashes of the bodies referred to by present records and links whose entry was written after
   * `since` (a state vector); all of them when `since` is null. Walks only the document's items past
   * `since`, so the cost follows what changed, not the size of the profile.
   */
  private bodiesReferencedSince(since: Map<number, number> | null, normalized?: Set<string>): string[] {
    if (!since) return this.referencedBodies(normalized);
    const model = recordDocOf(this.store.doc);
    const records = model.records as unknown as Y.AbstractType<unknown>;
    const provenance = model.provenance as unknown as Y.AbstractType<unknown>;
    const recordKeys = new Set<string>();
    const linkKeys = new Set<string>();
    for (const [client, structs] of this.store.doc.store.clients) {
      const from = since.get(client) ?? 0;
      const last = structs[structs.length - 1];
      if (!last || last.id.clock + last.length <= from) continue;
      for (let i = from === 0 ? 0 : Y.findIndexSS(structs, from); i < structs.length; i += 1) {
        const item = structs[i];
        if (!(item instanceof Y.Item) || item.deleted || item.parentSub === null) continue;
        if (item.parent === records) recordKeys.add(item.parentSub);
        else if (item.parent === provenance) linkKeys.add(item.parentSub);
      }
    }
    const wanted = new Set<string>();
    for (const id of recordKeys) {
      const entry = model.deleted.has(id) ? undefined : model.records.get(id);
      if (entry) wanted.add(entry.normalized);
      if (entry) normalized?.add(entry.normalized);
    }
    for (const key of linkKeys) {
      const parsed = parseLinkKey(key);
      const link = model.provenance.get(key);
      if (parsed && link && !model.deleted.has(parsed.recordId)) wanted.add(link.original);
    }
    return [...wanted];
  }

  /** Hashes of the bodies the document refers to (present records and their copies). */
  referencedBodies(normalized?: Set<string>): string[] {
    const model = recordDocOf(this.store.doc);
    const wanted = new Set<string>();
    for (const [id, entry] of model.records) if (!model.deleted.has(id)) wanted.add(entry.normalized);
    if (normalized) for (const hash of wanted) normalized.add(hash);
    for (const [key, link] of model.provenance) {
      const parsed = parseLinkKey(key);
      if (parsed && !model.deleted.has(parsed.recordId)) wanted.add(link.original);
    }
    return [...wanted];
  }


  private async writeFile(names: FolderNames, kind: FileKind, payload: Buffer): Promise<number> {
    const identity = this.state.identity();
    const group = this.requireGroup();
    const stream = streamOf(kind);
    const seq = this.state.nextSeq(identity.deviceId, stream);
    const address = { syncId: group.syncId, deviceId: identity.deviceId, kind, seq };
    let key: { id: number; fileKey: Buffer } | null = null;
    if (kind !== 'k') {
      const current = this.state.currentKey();
      if (!current) throw new Error('no current epoch key to write with');
      key = { id: current.keyId, fileKey: fileKeyOf(current.key, group.syncId) };
    }
    const bytes = sealFile(address, payload, key, identity.ed25519.privateJwk);
    await this.transport.writeAtomic(names.file(identity.deviceId, kind, seq), bytes);
    this.state.setNextSeq(identity.deviceId, stream, seq + 1);
    this.counts.pushed.files += 1;
    this.counts.pushed.bytes += bytes.length;
    return bytes.length;
  }

  // ——— pull ———

  private async list(names: FolderNames): Promise<Listing> {
    const listing: Listing = new Map();
    for (const name of await this.transport.list(`${names.root}/`)) {
      const parsed = names.parse(name);
      if (!parsed) {
        this.reportForeign(name);
        continue;
      }
      let device = listing.get(parsed.deviceId);
      if (!device) listing.set(parsed.deviceId, (device = new Map()));
      const stream = streamOf(parsed.kind);
      let files = device.get(stream);
      if (!files) device.set(stream, (files = new Map()));
      files.set(parsed.seq, { kind: parsed.kind, name });
    }
    return listing;
  }

  private async pullMeta(names: FolderNames, listing: Listing): Promise<void> {
    // Keys and chain entries can depend on each other across devices (a new device's files are only
    // read once the chain names it; a registry file may be sealed with a key in another's key file):
    // repeat while something new is learned.
    for (let pass = 0; pass < 4; pass += 1) {
      let learned = false;
      for (const deviceId of this.others(listing)) {
        if ((await this.pullStream(names, listing, deviceId, 'k')) > 0) learned = true;
        if ((await this.pullStream(names, listing, deviceId, 'r')) > 0) learned = true;
      }
      if (!learned) break;
    }
  }

  private async pullData(names: FolderNames, listing: Listing): Promise<void> {
    await this.pullMeta(names, listing);
    await this.pullAcks(names, listing);
    // Bodies before updates: records that arrive with their bodies already here get their derived
    // rows once, instead of a placeholder row now and the real one again when the body comes.
    for (const deviceId of this.others(listing)) await this.pullStream(names, listing, deviceId, 'b');
    // An update may need another device's update first (Yjs keeps it pending): retry while progress.
    // Devices with a snapshot first: a snapshot says how far it covers the others' streams, which may
    // start later than their first file (compaction.ts).
    const hasSnapshot = (id: string) => [...(listing.get(id)?.get('u')?.values() ?? [])].some((f) => f.kind === 's');
    const order = this.others(listing).sort((a, b) => Number(hasSnapshot(b)) - Number(hasSnapshot(a)));
    for (let pass = 0; pass < 4; pass += 1) {
      let progress = 0;
      for (const deviceId of order) progress += await this.pullStream(names, listing, deviceId, 'u');
      if (progress === 0) break;
    }
    const store = this.store.doc.store;
    if (store.pendingStructs || store.pendingDs) this.counts.waiting += 1;
  }

  /** The newest ack file of each other device that is a member (compaction.ts), read once. */
  private async pullAcks(names: FolderNames, listing: Listing): Promise<void> {
    const group = this.requireGroup();
    for (const deviceId of this.others(listing)) {
      const files = listing.get(deviceId)?.get('a');
      const sender = this.state.device(deviceId);
      if (!files || files.size === 0 || !sender || sender.revoked) continue;
      const seq = Math.max(...files.keys());
      if (seq < this.state.nextSeq(deviceId, 'a')) continue;
      let bytes: Uint8Array | null;
      try {
        bytes = await this.transport.read(files.get(seq)!.name, maxMetaFileBytes);
      } catch (error) {
        if (!(error instanceof SyncFileRefused)) throw error;
        this.reject(deviceId, 'a', seq, error.reason);
        this.state.setNextSeq(deviceId, 'a', seq + 1);
        continue;
      }
      if (!bytes) continue;
      const opened = openFile({ syncId: group.syncId, deviceId, kind: 'a', seq }, bytes, sender.ed25519, (id) => this.fileKey(id));
      if (!opened.ok) {
        if (opened.reason === 'tampered') {
          this.reject(deviceId, 'a', seq, 'tampered');
          this.state.setNextSeq(deviceId, 'a', seq + 1);
        }
        continue; // still arriving, or sealed with a key that is still to come
      }
      let ack: ReturnType<typeof parseAck>;
      try {
        ack = parseAck(opened.payload);
      } catch {
        ack = null;
      }
      if (ack) this.state.setAck(deviceId, ack);
      else this.reject(deviceId, 'a', seq, 'invalid');
      this.state.setNextSeq(deviceId, 'a', seq + 1);
    }
  }

  /** Devices with files in the folder, other than this one, known ones first in a stable order. */
  private others(listing: Listing): string[] {
    const self = this.deviceId;
    return [...listing.keys()].filter((id) => id !== self).sort();
  }

  /**
   * Reads one device's stream from where this device left off; returns how many files were applied.
   * Key and registry files stand alone (a key file carries every key and the chain; chain entries
   * are checked one by one), so past a gap in those streams (a file deleted from the folder, or not
   * arrived yet) the later files are read too, while the position stays at the gap until it fills or
   * has been reported: deleting a device's newest key file must not hide the ones it writes next.
   */
  private async pullStream(names: FolderNames, listing: Listing, deviceId: string, stream: Stream): Promise<number> {
    this.stuckOnKey.delete(`${deviceId}:${stream}`);
    const files = listing.get(deviceId)?.get(stream);
    if (!files || files.size === 0) return 0;
    const sender = this.state.device(deviceId);
    if (!sender) return 0; // not (yet) in the chain: perhaps paired by a device whose registry file is still on its way
    const group = this.requireGroup();
    const standalone = stream === 'k' || stream === 'r';
    let next = this.state.nextSeq(deviceId, stream);
    const latestSnapshot = stream === 'u' ? Math.max(0, ...[...files].filter(([, f]) => f.kind === 's').map(([seq]) => seq)) : 0;
    // A device read for the first time: start at its latest snapshot, which holds all its earlier updates.
    if (stream === 'u' && next === 1 && latestSnapshot > 0) next = latestSnapshot;
    const last = Math.max(...files.keys());
    let gap: number | null = null;
    const advance = (to: number) => {
      next = to;
      if (gap === null) this.state.setNextSeq(deviceId, stream, next);
    };
    let applied = 0;
    // A body pack read (and its check started) while the one before was stored: see readAhead.
    let ahead: AheadPack | null = null;
    try {
      while (next <= last) {
        const file = files.get(next);
        const limit = sender.revoked?.upTo[stream];
        if (sender.revoked && next > (limit ?? 0)) {
          // Everything after the revocation point: refused, once each.
          for (const [seq] of [...files].filter(([seq]) => seq >= next).sort((a, b) => a[0] - b[0])) this.reject(deviceId, stream, seq, 'revoked');
          next = last + 1;
          break;
        }
        if (!file) {
          if (gap !== null) {
            next += 1;
            continue;
          }
          // Removed by its owner (its ack file says so): nothing to wait for. An update file below the
          // owner's floor is covered by a snapshot; a removed body pack held nothing anyone still needs.
          const ack = this.state.acks()[deviceId];
          if (ack && stream === 'b' && inRanges(ack.bRemoved, next)) {
            advance(next + 1);
            continue;
          }
          if (ack && stream === 'u' && next < ack.uFloor && latestSnapshot > next) {
            next = latestSnapshot;
            continue;
          }
          const skipTo = stream === 'u' ? latestSnapshot : standalone ? next + 1 : 0;
          if (this.stalled(deviceId, stream, next, 'missing', skipTo)) {
            next = skipTo;
            continue;
          }
          if (!standalone) break;
          gap = next;
          next += 1;
          continue;
        }
        const early = ahead?.seq === next ? ahead : null;
        if (ahead && !early) this.dropAhead(ahead);
        ahead = null;
        let bytes: Uint8Array | null;
        try {
          // Type and size are checked before anything is read (transport.ts).
          bytes = early ? early.bytes : await this.transport.read(file.name, maxBytesOf(stream));
        } catch (error) {
          if (!(error instanceof SyncFileRefused)) throw error;
          if (gap === null) this.reject(deviceId, stream, next, error.reason);
          advance(next + 1);
          continue;
        }
        const address = { syncId: group.syncId, deviceId, kind: file.kind, seq: next };
        const opened = early
          ? early.opened
          : bytes
            ? openFile(address, bytes, sender.ed25519, (id) => this.fileKey(id))
            : ({ ok: false, reason: 'incomplete' } as const);
        if (!opened.ok) {
          if (opened.reason === 'tampered') {
            if (gap === null) this.reject(deviceId, stream, next, 'tampered');
            advance(next + 1);
            continue;
          }
          if (opened.reason === 'unknown-key') this.stuckOnKey.add(`${deviceId}:${stream}`);
          if (gap !== null) break;
          const digest = opened.reason === 'unknown-key' ? `key:${opened.keyId}` : digestOf(bytes);
          if (this.stalled(deviceId, stream, next, digest, latestSnapshot, opened.reason === 'incomplete')) {
            this.stuckOnKey.delete(`${deviceId}:${stream}`);
            next = latestSnapshot;
            continue;
          }
          break;
        }
        let outcome: 'applied' | 'hold' | 'invalid';
        try {
          // This pack's check starts before the next one's (checks finish in the order they start).
          const pack = early?.pack ?? (file.kind === 'b' ? this.startPack(opened.payload) : null);
          if (file.kind === 'b' && gap === null) ahead = await this.readAhead(files, address, sender.ed25519, next + 1);
          outcome = this.apply(deviceId, file.kind, opened.payload, next, pack);
        } catch {
          outcome = 'invalid';
        }
        if (outcome === 'hold') {
          // Waiting for another file; a later snapshot of this device holds everything this one needed from it.
          if (latestSnapshot > next) {
            next = latestSnapshot;
            continue;
          }
          break;
        }
        if (outcome === 'invalid') {
          if (gap === null) this.reject(deviceId, stream, next, 'invalid');
        } else if (gap === null) {
          applied += 1;
          this.counts.pulled.files += 1;
          this.counts.pulled.bytes += bytes!.length;
        }
        advance(next + 1);
      }
    } finally {
      if (ahead) this.dropAhead(ahead);
    }
    const position = gap ?? next;
    this.state.setNextSeq(deviceId, stream, position);
    this.state.clearIncomplete(deviceId, stream, position);
    return applied;
  }

  /**
   * A file that is still incomplete (or missing) at `seq`: waits for it. When it has not changed for
   * a few rounds it is reported once; then a later file that makes it unnecessary (`skipTo`: in the
   * update stream a later snapshot of the same device, in the key and registry streams the next
   * file) lets the stream go on from there (returns true).
   */
  private stalled(deviceId: string, stream: Stream, seq: number, digest: string, skipTo: number, truncated = false): boolean {
    this.counts.waiting += 1;
    const rounds = this.state.noteIncomplete(deviceId, stream, seq, digest);
    if (rounds === stuckRounds && !digest.startsWith('key:')) {
      this.problem(deviceId, stream, seq, truncated ? 'truncated' : 'missing', null);
      this.counts.rejected.push({ device: deviceId, stream, seq, reason: truncated ? 'truncated' : 'missing' });
    }
    return rounds >= stuckRounds && skipTo > seq;
  }

  private apply(deviceId: string, kind: FileKind, payload: Buffer, seq: number, started: StartedPack | null = null): 'applied' | 'hold' | 'invalid' {
    switch (kind) {
      case 'k': {
        const { meta } = decodePayload<{ wraps: unknown }>(payload);
        if (!Array.isArray(meta.wraps)) return 'invalid';
        const group = this.requireGroup();
        const identity = this.state.identity();
        for (const wrap of meta.wraps) {
          if (typeof wrap !== 'string') continue;
          const plain = unwrapWith(identity.x25519, Buffer.from(wrap, 'base64'), `keys:${group.syncId}`);
          if (!plain) continue;
          const bundle = parseBundle(plain);
          if (!bundle || bundle.syncId !== group.syncId || bundle.namingKey !== group.namingKey) return 'invalid';
          this.state.transaction(() => {
            // The chain first: it decides which of the keys may be kept under their ids.
            this.chain.learnEntries(bundle.chain ?? [], deviceId);
            this.chain.learnKeys(bundle.keys);
          });
          this.chain.noteHead(deviceId, bundle.head);
        }
        return 'applied';
      }
      case 'r': {
        const { meta } = decodePayload<{ entries: unknown; head?: unknown }>(payload);
        if (!Array.isArray(meta.entries)) return 'invalid';
        this.chain.learnEntries(meta.entries, deviceId);
        this.chain.noteHead(deviceId, meta.head);
        return 'applied';
      }
      case 'u':
      case 's': {
        const { meta, blobs } = decodePayload<{ covers?: Record<string, number>; head?: unknown }>(payload);
        const update = blobs[0];
        if (!update) return 'invalid';
        const before = this.store.doc.store;
        const pendingBefore = [before.pendingStructs, before.pendingDs];
        this.store.applyRemoteUpdate(update);
        const folder = this.state.folderStateVector();
        mergeInto(folder, Y.parseUpdateMeta(update).to);
        this.state.setFolderStateVector(folder);
        this.chain.noteHead(deviceId, meta.head);
        const after = this.store.doc.store;
        const pendingNow = after.pendingStructs || after.pendingDs;
        // Parts of this update wait for another device's: read it again once those are in.
        if (pendingNow && (after.pendingStructs !== pendingBefore[0] || after.pendingDs !== pendingBefore[1])) return 'hold';
        if (kind === 's') {
          this.counts.pulled.snapshots += 1;
          if (meta.covers && typeof meta.covers === 'object') this.state.setCoverage(deviceId, seq, validCovers(meta.covers));
          const self = this.deviceId;
          for (const [other, seq] of Object.entries(meta.covers ?? {})) {
            if (other !== self && other !== deviceId && Number.isSafeInteger(seq) && this.state.nextSeq(other, 'u') <= seq) {
              this.state.setNextSeq(other, 'u', seq + 1);
            }
          }
        } else this.counts.pulled.updates += 1;
        return 'applied';
      }
      case 'a':
        return 'invalid'; // ack files are read apart (pullAcks), never as a stream
      case 'b': {
        const pack = started ?? this.startPack(payload);
        if (!pack) return 'invalid';
        // The bodies and their being in the folder are written in one transaction.
        if (pack.shipped) this.store.putShippedBodies(pack.shipped, () => this.state.addKnownBodies(pack.hashes));
        else {
          // Packs written before bodies travelled as stored.
          this.store.putBodies(pack.plain);
          this.state.addKnownBodies(pack.hashes);
        }
        this.chain.noteHead(deviceId, pack.head);
        this.counts.pulled.bodies += pack.hashes.length;
        return 'applied';
      }
    }
  }

  /**
   * Decodes a body pack and starts checking its bodies (on the workers, for many); null when it is
   * not a valid pack. Every started check is stored (apply) or dropped (dropAhead).
   */
  private startPack(payload: Buffer): StartedPack | null {
    const { meta, blobs } = decodePayload<{ hashes: string[]; sizes?: number[]; stored?: boolean; parse?: unknown; head?: unknown }>(payload);
    if (!Array.isArray(meta.hashes) || meta.hashes.length !== blobs.length) return null;
    const base = { hashes: meta.hashes, head: meta.head };
    if (!meta.stored) return { ...base, shipped: null, plain: meta.hashes.map((hash, i) => ({ hash, data: Buffer.from(blobs[i]!) })) };
    const sizes = meta.sizes;
    if (!Array.isArray(sizes) || sizes.length !== blobs.length || !sizes.every((n) => Number.isSafeInteger(n))) return null;
    // The records' own bodies (`parse`: their indexes) are worked out for the update that follows.
    const parse = new Set(Array.isArray(meta.parse) ? meta.parse.filter((i): i is number => Number.isInteger(i)).map((i) => meta.hashes[i]!) : []);
    // Views into the pack, not copies: SQLite copies what it stores, and nothing keeps them after the
    // write (copying 200,000 bodies cost 0.7 s and their GC).
    const view = (blob: Uint8Array) => Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
    const shipped = this.store.checkStoredBodies(meta.hashes.map((hash, i) => ({ hash, size: sizes[i]!, data: view(blobs[i]!) })), parse);
    return { ...base, shipped, plain: [] };
  }

  /**
   * The next file of a body stream, read, opened and its check started while the current pack is
   * stored, so the workers check it meanwhile; null when it is not a body pack that opens (the loop
   * reads it again in its turn and says why).
   */
  private async readAhead(files: Map<number, Listed>, address: FileAddress, sender: string, seq: number): Promise<AheadPack | null> {
    const file = files.get(seq);
    if (!file || file.kind !== 'b') return null;
    let bytes: Uint8Array | null;
    try {
      bytes = await this.transport.read(file.name, maxBytesOf('b'));
    } catch {
      return null;
    }
    if (!bytes) return null;
    const opened = openFile({ ...address, kind: file.kind, seq }, bytes, sender, (id) => this.fileKey(id));
    if (!opened.ok) return null;
    let pack: StartedPack | null;
    try {
      pack = this.startPack(opened.payload);
    } catch {
      return null;
    }
    return pack ? { seq, bytes, opened, pack } : null;
  }

  private dropAhead(ahead: AheadPack): void {
    if (ahead.pack.shipped) this.store.dropShippedBodies(ahead.pack.shipped);
  }

  /** Reads a file outside the device streams (pairing messages, own files); a refused one is reported once and read as absent. */
  private async readRefusing(name: string, maxBytes: number): Promise<Uint8Array | null> {
    try {
      return await this.transport.read(name, maxBytes);
    } catch (error) {
      if (!(error instanceof SyncFileRefused)) throw error;
      this.problemOnce(error.reason, createHash('sha256').update(name).digest('hex').slice(0, 16));
      return null;
    }
  }

  // ——— problems ———

  private reject(device: string, stream: Stream, seq: number, reason: RejectReason): void {
    this.counts.rejected.push({ device, stream, seq, reason });
    this.problem(device, stream, seq, reason, null);
  }

  private reportForeign(name: string): void {
    if (this.foreignThisRound.has(name)) return;
    this.foreignThisRound.add(name);
    this.counts.rejected.push({ device: null, stream: null, seq: null, reason: 'foreign' });
    this.problemOnce('foreign', createHash('sha256').update(name).digest('hex').slice(0, 16));
  }

  /** A problem not tied to one file of a device stream: recorded once (while among the recent ones). */
  private problemOnce(kind: string, detail: string | null): void {
    if (!this.state.problems(200).some((p) => p.kind === kind && p.detail === detail)) this.problem(null, null, null, kind, detail);
  }

  private problem(device: string | null, stream: string | null, seq: number | null, kind: string, detail: string | null): void {
    this.state.addProblem({ at: this.now().toISOString(), device, stream, seq, kind, detail });
  }

  /** Names of the current group; kept across rounds of this engine so parsed names are remembered. */
  private names(): FolderNames {
    const group = this.requireGroup();
    const id = `${group.syncId}:${group.namingKey}`;
    if (this.folderNames?.id !== id) this.folderNames = { id, names: new FolderNames(Buffer.from(group.namingKey, 'base64'), group.syncId) };
    return this.folderNames.names;
  }

  private requireGroup() {
    const group = this.state.group();
    if (!group) throw new RegieError('sync-not-set-up');
    return group;
  }
}

/** One round with a fresh engine. */
export function syncOnce(store: RecordStore, transport: SyncTransport, state: SyncState, options?: SyncEngineOptions): Promise<SyncCounts> {
  return new SyncEngine(store, transport, state, options).syncOnce();
}

/** Whether a round brought anything in (records to show again, or the end of a join). */
export function receivedSomething(counts: Pick<SyncCounts, 'pulled' | 'join'>): boolean {
  const { pulled } = counts;
  return pulled.updates + pulled.snapshots + pulled.bodies > 0 || counts.join === 'joined';
}

function emptyCounts(): SyncCounts {
  return {
    pushed: { updates: 0, snapshots: 0, bodies: 0, files: 0, bytes: 0 },
    pulled: { updates: 0, snapshots: 0, bodies: 0, files: 0, bytes: 0 },
    waiting: 0,
    rejected: [],
    pairing: { accepted: 0, refused: 0 },
    join: null,
    compacted: { removed: 0, repacked: 0 },
  };
}

/** A snapshot's covers: device id → a position, nothing else. */
function validCovers(value: object): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [device, seq] of Object.entries(value)) if (/^[0-9a-f]{32}$/.test(device) && Number.isSafeInteger(seq) && seq >= 0) out[device] = seq;
  return out;
}

function digestOf(bytes: Uint8Array | null): string {
  return bytes ? createHash('sha256').update(bytes).digest('hex') : 'absent';
}

/**
 * How far an update this device just encoded from its document reaches, per client: the document's
 * state vector (`local` when taken with the update), which costs nothing, where reading it from the update
 * walks all of it (0.6 s for a snapshot of 100,000 records). Only when parts of other devices'
 * updates wait in the document (Yjs then adds them to what it encodes) is the update itself read.
 */
function reachOf(doc: Y.Doc, update: Uint8Array, local?: Map<number, number>): Map<number, number> {
  if (doc.store.pendingStructs) return Y.parseUpdateMeta(update).to;
  return local ?? Y.decodeStateVector(Y.encodeStateVector(doc));
}

function mergeInto(target: Map<number, number>, clocks: Map<number, number>): void {
  for (const [client, clock] of clocks) if (clock > (target.get(client) ?? 0)) target.set(client, clock);
}

function encodeStateVectorOf(sv: Map<number, number>): Uint8Array {
  // Y.encodeStateVector accepts a Doc or a Map of client → clock.
  return Y.encodeStateVector(sv as unknown as Y.Doc);
}

/** A bundle's shape; keys that are not 256-bit keys under a valid id are left out. Null if it is not a bundle. */
function parseBundle(plain: Buffer): KeyBundle | null {
  let value: KeyBundle;
  try {
    value = JSON.parse(plain.toString('utf8')) as KeyBundle;
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || typeof value.syncId !== 'string' || typeof value.namingKey !== 'string' || !Array.isArray(value.keys)) {
    return null;
  }
  const keys = value.keys
    .filter(
      (k) =>
        typeof k === 'object' &&
        k !== null &&
        Number.isInteger(k.keyId) &&
        k.keyId >= 1 &&
        k.keyId <= 0xffffffff &&
        typeof k.key === 'string' &&
        Buffer.from(k.key, 'base64').length === 32 &&
        Number.isSafeInteger(k.epoch) &&
        typeof k.creator === 'string' &&
        Array.isArray(k.members) &&
        k.members.every((m) => typeof m === 'string' && /^[0-9a-f]{32}$/.test(m)),
    )
    .slice(0, 10_000);
  return {
    syncId: value.syncId,
    namingKey: value.namingKey,
    keys,
    ...(typeof value.genesis === 'string' && { genesis: value.genesis }),
    ...(Array.isArray(value.chain) && { chain: value.chain }),
    ...(value.head !== undefined && { head: value.head }),
  };
}

function isJoinRequest(value: JoinRequest): boolean {
  return (
    /^[0-9a-f]{32}$/.test(value.deviceId) &&
    typeof value.name === 'string' &&
    /^[A-Za-z0-9_-]{43}$/.test(value.x25519) &&
    /^[A-Za-z0-9_-]{43}$/.test(value.ed25519)
  );
}

export type { EpochKey };
