/**
 * The sync group's membership as this device keeps it: the chain's stored entries, what they give
 * (membership.ts), and everything the engine does with them: appending this device's changes,
 * redoing those that lost a fork, learning entries and keys from other devices' files, noticing it
 * is behind, and the key bundle it wraps to members. See index.ts, MEMBERSHIP.
 */
import { createHash, randomBytes } from 'node:crypto';
import { RegieError } from '../core/errors';
import {
  activeMembers,
  buildMembership,
  type EpochRef,
  isActive,
  isSignedBy,
  keyCommitment,
  type Membership,
  type Op,
  type ParsedEntry,
  parseEntry,
  type SignedEntry,
  signEntry,
  type StreamPositions,
} from './membership';
import type { ClaimedHead, SyncState } from './state';

export interface BundleKey {
  keyId: number;
  epoch: number;
  creator: string;
  key: string;
  members: string[];
}

/** What a 'k' file wraps to each member, and a pairing answer to the new device. */
export interface KeyBundle {
  syncId: string;
  namingKey: string;
  keys: BundleKey[];
  /** The writer's membership chain: pinned genesis and the winning entries (a device catches up from any key file). */
  genesis?: string;
  chain?: SignedEntry[];
  head?: ClaimedHead;
}

interface ChainView {
  membership: Membership;
  entries: ParsedEntry[];
  /** Every epoch any stored entry names (forks included), by key id. */
  epochs: Map<number, EpochRef>;
}

/** Rounds a device may be behind before it says so (a file may simply not have arrived yet). */
const behindRounds = 3;
/** Entries a device keeps (forks included): a hostile member must not grow the chain without bound. */
const maxChainEntries = 10_000;

type Report = (device: string | null, stream: string | null, seq: number | null, kind: string, detail: string | null) => void;

export class GroupChain {
  private cache: ChainView | null = null;

  constructor(
    private readonly state: SyncState,
    private readonly now: () => Date,
    private readonly report: Report,
  ) {}

  /**
   * Starts a group with this device as its first member: the chain's genesis, epoch 1 and its key.
   * The caller makes sure there is no group yet.
   */
  create(): void {
    const identity = this.state.identity();
    const syncId = randomBytes(16).toString('hex');
    const key = randomBytes(32);
    const keyId = newKeyId();
    const device = { id: identity.deviceId, name: identity.name.slice(0, 60), x25519: identity.x25519.publicKey, ed25519: identity.ed25519.publicKey };
    const genesis = signEntry(
      {
        v: 1,
        group: syncId,
        h: 1,
        prev: '',
        author: identity.deviceId,
        at: this.now().toISOString(),
        op: { type: 'genesis', device, epoch: { n: 1, keyId, commit: keyCommitment(syncId, 1, keyId, key) } },
      },
      identity.ed25519.privateJwk,
    );
    this.state.transaction(() => {
      this.state.setGroup({ syncId, namingKey: randomBytes(32).toString('base64') });
      this.state.setChain({ genesis: genesis.hash, entries: [genesis.signed] });
      this.state.addKey({ keyId, epoch: 1, creator: identity.deviceId, key, members: [identity.deviceId] });
      this.refresh();
      this.state.setPublish({ keys: true, registry: true });
    });
  }

  /** Joins the group a pairing answer describes, if its chain holds up and names this device with its own keys. */
  join(bundle: KeyBundle): boolean {
    if (!bundle.genesis || !bundle.chain) return false;
    const entries = bundle.chain.map((e) => parseEntry(e, bundle.syncId)).filter((p): p is ParsedEntry => p !== null);
    const membership = buildMembership(bundle.genesis, entries);
    const identity = this.state.identity();
    const self = membership?.members.get(identity.deviceId);
    if (!membership || !self || self.revoked || self.x25519 !== identity.x25519.publicKey || self.ed25519 !== identity.ed25519.publicKey) return false;
    this.state.leaveGroup();
    this.cache = null;
    this.state.transaction(() => {
      this.state.setGroup({ syncId: bundle.syncId, namingKey: bundle.namingKey });
      this.state.setChain({ genesis: membership.genesis, entries: membership.chain.map((p) => p.signed) });
      this.refresh();
      this.learnKeys(bundle.keys);
      // The chain reached this device from the one that answered; no need to copy it into the folder.
      this.state.setHashSet('chainPublished', new Set(membership.chain.map((p) => p.hash)));
    });
    return true;
  }

  /** Forgets the computed chain (after the group was left). */
  forget(): void {
    this.cache = null;
  }

  membership(): Membership {
    return this.view().membership;
  }

  /** The chain computed from the stored entries, with every entry and every epoch any of them names. */
  view(): ChainView {
    if (this.cache) return this.cache;
    const group = this.requireGroup();
    const stored = this.state.chain();
    const entries = (stored?.entries ?? []).map((e) => parseEntry(e, group.syncId)).filter((p): p is ParsedEntry => p !== null);
    const membership = stored ? buildMembership(stored.genesis, entries) : null;
    if (!membership) throw new RegieError('sync-not-set-up');
    // Every epoch any entry names (forks included): a key is only kept for writing if it matches one.
    const epochs = new Map<number, EpochRef>();
    for (const { entry } of entries) if (entry.op.type === 'genesis' || entry.op.type === 'revoke') epochs.set(entry.op.epoch.keyId, entry.op.epoch);
    this.cache = { membership, entries, epochs };
    return this.cache;
  }

  /** Recomputes the chain, writes the device list it gives, and reports entries that broke its rules (once each). */
  refresh(): Membership {
    this.cache = null;
    const membership = this.membership();
    this.state.materialize(membership);
    if (membership.invalid.length > 0) {
      const handled = this.state.hashSet('chainHandled');
      for (const bad of membership.invalid) {
        if (handled.has(`invalid:${bad.hash}`)) continue;
        handled.add(`invalid:${bad.hash}`);
        this.report(bad.entry.author, 'r', bad.entry.h, 'chain-invalid', bad.hash.slice(0, 16));
      }
      this.state.setHashSet('chainHandled', handled);
    }
    return membership;
  }

  /** Stores entries not seen before (`from`: the device whose file carried them); returns whether any were new. */
  learnEntries(values: readonly unknown[], from: string | null): boolean {
    const group = this.requireGroup();
    const stored = this.state.chain();
    if (!stored) return false;
    const seen = new Set(stored.entries.map((e) => `${e.sig} ${e.text}`));
    let added = 0;
    for (const value of values) {
      const parsed = parseEntry(value, group.syncId);
      if (!parsed) {
        // Not an entry of this group at all (malformed, an epoch that is no small integer): refused, reported once.
        const text = typeof (value as SignedEntry | null)?.text === 'string' ? (value as SignedEntry).text : JSON.stringify(value ?? null);
        const digest = createHash('sha256').update(text).digest('hex').slice(0, 16);
        if (!this.state.problems(200).some((p) => p.kind === 'chain-invalid' && p.detail === digest)) this.report(from, 'r', null, 'chain-invalid', digest);
        continue;
      }
      if (seen.has(`${parsed.signed.sig} ${parsed.signed.text}`)) continue;
      if (stored.entries.length >= maxChainEntries) {
        if (!this.state.problems(200).some((p) => p.kind === 'chain-full')) this.report(null, null, null, 'chain-full', null);
        break;
      }
      stored.entries.push(parsed.signed);
      seen.add(`${parsed.signed.sig} ${parsed.signed.text}`);
      added += 1;
    }
    if (added === 0) return false;
    this.state.transaction(() => {
      this.state.setChain(stored);
      this.refresh();
    });
    return true;
  }

  /** Appends an entry by this device on top of its chain. */
  append(op: Op): void {
    const membership = this.membership();
    const identity = this.state.identity();
    if (!isActive(membership, identity.deviceId)) throw new RegieError('device-not-found', undefined, 'this device is no longer in the sync group');
    const signed = signEntry(
      { v: 1, group: this.requireGroup().syncId, h: membership.head.h + 1, prev: membership.head.hash, author: identity.deviceId, at: this.now().toISOString(), op },
      identity.ed25519.privateJwk,
    );
    const stored = this.state.chain()!;
    stored.entries.push(signed.signed);
    this.state.setChain(stored);
    if (this.refresh().head.hash !== signed.hash) throw new Error('chain entry not appended');
  }

  appendRevoke(devices: string[]): void {
    const membership = this.membership();
    const upTo: Record<string, StreamPositions> = {};
    for (const id of devices) {
      const positions: StreamPositions = {};
      for (const stream of ['u', 'b', 'r', 'k'] as const) positions[stream] = this.state.nextSeq(id, stream) - 1;
      upTo[id] = positions;
    }
    const taken = new Set([...this.state.keys().map((k) => k.keyId), ...this.view().epochs.keys()]);
    const keyId = newKeyId(taken);
    const key = randomBytes(32);
    const n = membership.epoch.n + 1;
    const remaining = activeMembers(membership).filter((id) => !devices.includes(id));
    this.state.addKey({ keyId, epoch: n, creator: this.state.identity().deviceId, key, members: remaining });
    this.append({ type: 'revoke', devices, upTo, epoch: { n, keyId, commit: keyCommitment(this.requireGroup().syncId, n, keyId, key) } });
    this.state.setPublish({ keys: true, registry: true });
  }

  /**
   * Entries of this device that lost a fork (another device appended at the same height and won):
   * what they did is done again on top of the chain, unless it no longer applies.
   */
  reappendLost(): void {
    const self = this.state.identity().deviceId;
    const { membership, entries } = this.view();
    if (!isActive(membership, self)) return;
    const inChain = new Set(membership.chain.map((p) => p.hash));
    const handled = this.state.hashSet('chainHandled');
    // Only what this device really signed: an entry merely naming it as author is someone else's forgery.
    const own = this.state.identity().ed25519.publicKey;
    const lost = entries
      .filter((p) => p.entry.author === self && !inChain.has(p.hash) && !handled.has(`lost:${p.hash}`) && isSignedBy(p, own))
      .sort((a, b) => a.entry.h - b.entry.h);
    if (lost.length === 0) return;
    this.state.transaction(() => {
      for (const parsed of lost) {
        const marked = this.state.hashSet('chainHandled');
        marked.add(`lost:${parsed.hash}`);
        this.state.setHashSet('chainHandled', marked);
        const current = this.membership();
        const op = parsed.entry.op;
        if (op.type === 'add' && !current.members.has(op.device.id)) {
          this.append({ type: 'add', device: op.device });
          this.state.setPublish({ keys: true, registry: true });
        } else if (op.type === 'rename') {
          const target = current.members.get(op.device);
          const renamedSince = current.chain.some((c) => c.entry.h >= parsed.entry.h && c.entry.op.type === 'rename' && c.entry.op.device === op.device);
          if (target && !target.revoked && target.name !== op.name && !renamedSince) this.append(op);
        } else if (op.type === 'revoke') {
          const still = op.devices.filter((id) => id !== self && isActive(current, id));
          if (still.length > 0) this.appendRevoke(still);
        }
      }
    });
  }

  /** A chain head another device stated in a file: remembered until this device has that entry. */
  noteHead(deviceId: string, head: unknown): void {
    const claimed = head as ClaimedHead;
    if (typeof claimed !== 'object' || claimed === null || !Number.isSafeInteger(claimed.h) || typeof claimed.hash !== 'string' || !/^[0-9a-f]{64}$/.test(claimed.hash)) return;
    if (this.view().entries.some((p) => p.hash === claimed.hash)) return;
    const heads = this.state.claimedHeads();
    const previous = heads[deviceId];
    if (previous && previous.h > claimed.h) return;
    heads[deviceId] = { h: claimed.h, hash: claimed.hash };
    this.state.setClaimedHeads(heads);
  }

  /**
   * Whether this device is behind the others: an active member stated a chain head it does not
   * have, an active member's stream is sealed with a key it lacks, or it lacks the chain's current
   * key. Behind, it pushes no data (it may not know of a revocation); after a few rounds it says so.
   */
  isBehind(stuckOnKey: Iterable<string>): boolean {
    const { membership, entries } = this.view();
    const known = new Set(entries.map((p) => p.hash));
    const heads = this.state.claimedHeads();
    const unresolved: Record<string, ClaimedHead> = {};
    for (const [device, head] of Object.entries(heads)) if (isActive(membership, device) && !known.has(head.hash)) unresolved[device] = head;
    if (Object.keys(unresolved).length !== Object.keys(heads).length) this.state.setClaimedHeads(unresolved);
    const stuck = [...stuckOnKey].some((key) => isActive(membership, key.split(':')[0]!));
    const behind = Object.keys(unresolved).length > 0 || stuck || this.state.currentKey() === null;
    const rounds = behind ? this.state.behindRounds() + 1 : 0;
    if (rounds !== this.state.behindRounds()) this.state.setBehindRounds(rounds);
    if (rounds === behindRounds) this.report(null, null, null, 'behind', null);
    return behind;
  }

  /** All keys that some chain entry commits to, with the chain; what 'k' files and pairing answers carry. */
  bundle(): KeyBundle {
    const group = this.requireGroup();
    const { membership, epochs } = this.view();
    const keys = this.state.keys().filter((k) => {
      const epoch = epochs.get(k.keyId);
      return epoch !== undefined && keyCommitment(group.syncId, epoch.n, k.keyId, k.key) === epoch.commit;
    });
    return {
      syncId: group.syncId,
      namingKey: group.namingKey,
      keys: keys.map((k) => ({ ...k, key: k.key.toString('base64') })),
      genesis: membership.genesis,
      chain: membership.chain.map((p) => p.signed),
      head: membership.head,
    };
  }

  /**
   * Keys unwrapped from a bundle. Any key may be used to read (the file's signature says who wrote
   * it), but a key whose id a chain entry names must match that entry's commitment, or it is dropped;
   * which key is written with is the chain's choice alone (SyncState.currentKey).
   */
  learnKeys(keys: readonly BundleKey[]): void {
    const group = this.requireGroup();
    const { epochs } = this.view();
    for (const k of keys) {
      const key = Buffer.from(k.key, 'base64');
      const epoch = epochs.get(k.keyId);
      const committed = epoch !== undefined && keyCommitment(group.syncId, epoch.n, k.keyId, key) === epoch.commit;
      if (epoch && !committed) continue;
      this.state.addKey({ keyId: k.keyId, epoch: epoch?.n ?? k.epoch, creator: k.creator, key, members: k.members }, committed);
    }
  }

  /** An active device the current key was not wrapped to (paired concurrently with a revocation) needs it wrapped to it. */
  checkKeys(): void {
    const current = this.state.currentKey();
    if (current && activeMembers(this.membership()).some((id) => !current.members.includes(id))) this.state.setPublish({ keys: true });
  }


  private requireGroup() {
    const group = this.state.group();
    if (!group) throw new RegieError('sync-not-set-up');
    return group;
  }
}

export function newKeyId(taken: Set<number> = new Set()): number {
  for (;;) {
    const id = randomBytes(4).readUInt32BE(0);
    if (id !== 0 && !taken.has(id)) return id;
  }
}
