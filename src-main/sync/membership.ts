/**
 * The device list of a sync group as one append-only chain of signed, numbered, hash-linked entries
 * (see index.ts, MEMBERSHIP, for who may do what and why). Pure functions: parsing, signing, and
 * computing the group's membership from every entry a device has seen, forks included.
 *
 *   entry  = JSON { v: 1, group, h, prev, author, at, op }      h: 1, 2, 3, …; prev: hash of entry h-1
 *   hash   = sha256("regie-sync chain v1\n" ‖ entry text)        the text is kept exactly as signed
 *   sig    = Ed25519 by the author's device key over the same bytes
 *
 * Ops: genesis (the first device and epoch 1), add (a paired device), revoke (devices, the last seq
 * accepted per stream, and the next epoch), rename. An epoch entry holds a commitment to its key,
 * never the key: keys travel wrapped in 'k' files and are only written with when they match.
 */
import { createHash } from 'node:crypto';
import { devicesPairedThrough } from '../../src-preload/contract/sync';
import type { Stream } from './container';
import { signWith, verifySignature } from './crypto';

export interface DeviceInfo {
  id: string;
  name: string;
  x25519: string;
  ed25519: string;
}

/** An epoch key as the chain knows it: its number, its id in file headers, and a commitment to the key. */
export interface EpochRef {
  n: number;
  keyId: number;
  commit: string;
}

export type StreamPositions = Partial<Record<Stream, number>>;

export type Op =
  | { type: 'genesis'; device: DeviceInfo; epoch: EpochRef }
  | { type: 'add'; device: DeviceInfo }
  | { type: 'revoke'; devices: string[]; upTo: Record<string, StreamPositions>; epoch: EpochRef }
  | { type: 'rename'; device: string; name: string };

export interface Entry {
  v: 1;
  group: string;
  h: number;
  prev: string;
  author: string;
  at: string;
  op: Op;
}

/** An entry as stored and sent: its exact text and the author's signature (base64). */
export interface SignedEntry {
  text: string;
  sig: string;
}

export interface ParsedEntry {
  entry: Entry;
  hash: string;
  signed: SignedEntry;
}

export interface Member extends DeviceInfo {
  nameAt: string;
  addedAt: string;
  addedBy: string | null;
  /** Height of the entry that added it: lower is more senior (decides forks). */
  since: number;
  revoked?: { at: string; by: string; upTo: StreamPositions; height: number };
}

export interface Membership {
  genesis: string;
  head: { h: number; hash: string };
  /** The winning chain, in order. */
  chain: ParsedEntry[];
  members: Map<string, Member>;
  /** The epoch new files are written with: the latest in the chain. */
  epoch: EpochRef;
  /** Entries that were offered at a position of the chain and broke its rules (forged, unauthorised, wrong epoch). */
  invalid: ParsedEntry[];
}

const domain = 'regie-sync chain v1\n';
const hex32 = /^[0-9a-f]{32}$/;
const hex64 = /^[0-9a-f]{64}$/;
const publicKey = /^[A-Za-z0-9_-]{43}$/;
const streams: readonly Stream[] = ['u', 'b', 'r', 'k'];
/** No honest entry comes near this; it bounds what one hostile entry can make a device parse. */
export const maxEntryChars = 64 * 1024;

export function entryHash(text: string): string {
  return createHash('sha256').update(domain).update(text).digest('hex');
}

export function signEntry(entry: Entry, signingJwk: string): ParsedEntry {
  const text = JSON.stringify(entry);
  const sig = signWith(signingJwk, Buffer.from(domain + text)).toString('base64');
  return { entry, hash: entryHash(text), signed: { text, sig } };
}

/** Whether the entry's signature is by the holder of `ed25519` (a device checks its own entries with it). */
export function isSignedBy(parsed: ParsedEntry, ed25519: string): boolean {
  return verifySignature(ed25519, Buffer.from(domain + parsed.signed.text), Buffer.from(parsed.signed.sig, 'base64'));
}

/** Binds an epoch key to the chain without revealing it. */
export function keyCommitment(syncId: string, n: number, keyId: number, key: Uint8Array): string {
  return createHash('sha256').update(`regie-sync epoch key\n${syncId}\n${n}\n${keyId}\n`).update(key).digest('hex');
}

/** Structure only (signatures need the chain); null for anything that is not an entry of this group. */
export function parseEntry(value: unknown, group: string): ParsedEntry | null {
  const signed = value as SignedEntry;
  if (typeof signed !== 'object' || signed === null || typeof signed.text !== 'string' || typeof signed.sig !== 'string') return null;
  if (signed.text.length > maxEntryChars || signed.sig.length > 200) return null;
  let entry: Entry;
  try {
    entry = JSON.parse(signed.text) as Entry;
  } catch {
    return null;
  }
  if (!isEntry(entry) || entry.group !== group) return null;
  return { entry, hash: entryHash(signed.text), signed: { text: signed.text, sig: signed.sig } };
}

/**
 * The membership that follows from every entry seen, starting at the pinned genesis: at each height
 * the entries that extend the current head and keep the rules compete; one wins (see chooseWinner),
 * the chain continues from it, and the others (and whatever was built on them) stay outside.
 */
export function buildMembership(genesisHash: string, entries: readonly ParsedEntry[]): Membership | null {
  const byPrev = new Map<string, ParsedEntry[]>();
  let genesis: ParsedEntry | null = null;
  for (const parsed of entries) {
    if (parsed.hash === genesisHash && isValidGenesis(parsed)) genesis = parsed;
    const siblings = byPrev.get(parsed.entry.prev);
    if (siblings) siblings.push(parsed);
    else byPrev.set(parsed.entry.prev, [parsed]);
  }
  if (!genesis || genesis.entry.op.type !== 'genesis') return null;
  const op = genesis.entry.op;
  const members = new Map<string, Member>();
  members.set(op.device.id, { ...op.device, nameAt: genesis.entry.at, addedAt: genesis.entry.at, addedBy: null, since: 1 });
  const state = { members, epoch: op.epoch, keyIds: new Set([op.epoch.keyId]) };
  const chain = [genesis];
  const invalid: ParsedEntry[] = [];
  for (let head = genesis; ; ) {
    const candidates = (byPrev.get(head.hash) ?? []).filter((c) => c.entry.h === head.entry.h + 1);
    const valid: ParsedEntry[] = [];
    for (const candidate of candidates) {
      if (valid.some((v) => v.hash === candidate.hash)) continue; // the same entry, another copy
      if (isValidNext(state, candidate)) valid.push(candidate);
      else if (!candidates.some((c) => c !== candidate && c.hash === candidate.hash && isValidNext(state, c))) invalid.push(candidate);
    }
    if (valid.length === 0) break;
    const winner = chooseWinner(state.members, valid);
    applyEntry(state, winner);
    chain.push(winner);
    head = winner;
  }
  const head = chain[chain.length - 1]!;
  return { genesis: genesisHash, head: { h: head.entry.h, hash: head.hash }, chain, members: state.members, epoch: state.epoch, invalid };
}

export function isActive(membership: Membership, deviceId: string): boolean {
  const member = membership.members.get(deviceId);
  return member !== undefined && member.revoked === undefined;
}

export function activeMembers(membership: Membership): string[] {
  return [...membership.members.values()].filter((m) => !m.revoked).map((m) => m.id).sort();
}

/** The target and the devices revoking it takes along (devicesPairedThrough in the contract). */
export function cascadeOf(membership: Membership, target: string, self: string, keep: readonly string[] = []): string[] {
  const devices = [...membership.members.values()].map((m) => ({ id: m.id, addedBy: m.addedBy, revoked: m.revoked !== undefined }));
  return [target, ...devicesPairedThrough(devices, target, self, keep)];
}

// ——— rules ———

interface ChainState {
  members: Map<string, Member>;
  epoch: EpochRef;
  keyIds: Set<number>;
}

function isValidGenesis(parsed: ParsedEntry): boolean {
  const { entry } = parsed;
  if (entry.op.type !== 'genesis' || entry.h !== 1 || entry.prev !== '' || entry.author !== entry.op.device.id || entry.op.epoch.n !== 1) return false;
  return isSignedBy(parsed, entry.op.device.ed25519);
}

/** Whether an entry may follow the chain as it stands: an active author, its signature, and the op's rules. */
function isValidNext(state: ChainState, parsed: ParsedEntry): boolean {
  const { entry } = parsed;
  const author = state.members.get(entry.author);
  if (!author || author.revoked) return false;
  if (!isSignedBy(parsed, author.ed25519)) return false;
  const op = entry.op;
  switch (op.type) {
    case 'genesis':
      return false;
    case 'add':
      // Never again: a device id, once in the group (even revoked), stays what it was.
      return !state.members.has(op.device.id);
    case 'rename': {
      const target = state.members.get(op.device);
      return target !== undefined && !target.revoked;
    }
    case 'revoke':
      return (
        op.devices.length > 0 &&
        new Set(op.devices).size === op.devices.length &&
        op.devices.every((id) => id !== entry.author && state.members.has(id) && !state.members.get(id)!.revoked) &&
        Object.keys(op.upTo).every((id) => op.devices.includes(id)) &&
        // Epochs are counted: exactly the next one, with a key id not used before.
        op.epoch.n === state.epoch.n + 1 &&
        !state.keyIds.has(op.epoch.keyId)
      );
  }
}

function applyEntry(state: ChainState, parsed: ParsedEntry): void {
  const { entry } = parsed;
  const op = entry.op;
  switch (op.type) {
    case 'genesis':
      return;
    case 'add':
      state.members.set(op.device.id, { ...op.device, nameAt: entry.at, addedAt: entry.at, addedBy: entry.author, since: entry.h });
      return;
    case 'rename': {
      const target = state.members.get(op.device)!;
      state.members.set(op.device, { ...target, name: op.name, nameAt: entry.at });
      return;
    }
    case 'revoke':
      for (const id of op.devices) {
        const target = state.members.get(id)!;
        state.members.set(id, { ...target, revoked: { at: entry.at, by: entry.author, upTo: op.upTo[id] ?? {}, height: entry.h } });
      }
      state.epoch = op.epoch;
      state.keyIds.add(op.epoch.keyId);
      return;
  }
}

/**
 * Two devices appended at the same height. A revocation beats the entries of the devices it revokes
 * (a device being revoked cannot outrun it by writing first); otherwise, and when two devices revoke
 * each other, the more senior author (paired earlier; the first device most) wins; then the lower hash.
 * The loser's author, if still a member, appends its change again on top (engine.ts).
 */
function chooseWinner(members: Map<string, Member>, valid: ParsedEntry[]): ParsedEntry {
  const revokedBy = (parsed: ParsedEntry) => (parsed.entry.op.type === 'revoke' ? parsed.entry.op.devices : []);
  const standing = valid.filter((p) => !valid.some((other) => other !== p && revokedBy(other).includes(p.entry.author)));
  const pool = standing.length > 0 ? standing : valid;
  return pool.reduce((best, p) => {
    const a = members.get(p.entry.author)!.since;
    const b = members.get(best.entry.author)!.since;
    return a < b || (a === b && p.hash < best.hash) ? p : best;
  });
}

// ——— shapes ———

function isEntry(value: Entry): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    value.v === 1 &&
    typeof value.group === 'string' &&
    Number.isSafeInteger(value.h) &&
    value.h >= 1 &&
    (value.prev === '' || (typeof value.prev === 'string' && hex64.test(value.prev))) &&
    typeof value.author === 'string' &&
    hex32.test(value.author) &&
    typeof value.at === 'string' &&
    value.at.length <= 40 &&
    isOp(value.op)
  );
}

function isOp(op: Op): boolean {
  if (typeof op !== 'object' || op === null) return false;
  switch (op.type) {
    case 'genesis':
      return isDeviceInfo(op.device) && isEpochRef(op.epoch);
    case 'add':
      return isDeviceInfo(op.device);
    case 'rename':
      return typeof op.device === 'string' && hex32.test(op.device) && isName(op.name);
    case 'revoke':
      return (
        Array.isArray(op.devices) &&
        op.devices.length <= 1000 &&
        op.devices.every((id) => typeof id === 'string' && hex32.test(id)) &&
        typeof op.upTo === 'object' &&
        op.upTo !== null &&
        Object.values(op.upTo).every(isPositions) &&
        isEpochRef(op.epoch)
      );
    default:
      return false;
  }
}

function isDeviceInfo(value: DeviceInfo): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof value.id === 'string' &&
    hex32.test(value.id) &&
    isName(value.name) &&
    typeof value.x25519 === 'string' &&
    publicKey.test(value.x25519) &&
    typeof value.ed25519 === 'string' &&
    publicKey.test(value.ed25519)
  );
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= 60;
}

function isEpochRef(value: EpochRef): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    Number.isSafeInteger(value.n) &&
    value.n >= 1 &&
    Number.isInteger(value.keyId) &&
    value.keyId >= 1 &&
    value.keyId <= 0xffffffff &&
    typeof value.commit === 'string' &&
    hex64.test(value.commit)
  );
}

function isPositions(value: StreamPositions): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).every(([stream, seq]) => streams.includes(stream as Stream) && Number.isSafeInteger(seq) && seq >= 0);
}
