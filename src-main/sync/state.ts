/**
 * Sync state of one profile, inside its SQLCipher database (migration 4): this device's identity and
 * private keys, the sync group (id, naming key, epoch keys), the membership chain and the device list
 * it gives (sync_device, rewritten from the chain), the next sequence number per (device, stream),
 * which bodies the folder already holds, pairings, problems. The chain's entries and the bookkeeping
 * around them are small and live as JSON in sync_state, so no schema change was needed.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../vault/database';
import type { Stream } from './container';
import { type KeyPairJwk, newKeyPair } from './crypto';
import { type EpochRef, keyCommitment, type Membership, type SignedEntry } from './membership';

export interface Identity {
  deviceId: string;
  name: string;
  x25519: KeyPairJwk;
  ed25519: KeyPairJwk;
}

export interface Group {
  /** 16 random bytes, hex: binds every file to this profile's sync group. */
  syncId: string;
  /** 32 random bytes, base64: names in the folder are derived from it (stable across epochs). */
  namingKey: string;
}

export interface EpochKey {
  keyId: number;
  epoch: number;
  creator: string;
  key: Buffer;
  members: string[];
}

export interface DeviceEntry {
  id: string;
  name: string;
  /** When the name was last set (ISO); the latest wins, ties by device id. */
  nameAt: string;
  x25519: string;
  ed25519: string;
  addedAt: string;
  addedBy: string | null;
  /** Set by a revocation in the chain. upTo: the last seq per stream still accepted from this device. */
  revoked?: { at: string; by: string; upTo: Partial<Record<Stream, number>> };
}

export interface Problem {
  at: string;
  device: string | null;
  stream: string | null;
  seq: number | null;
  kind: string;
  detail: string | null;
}

export interface JoinState {
  secret: string;
  tag: string;
  requestId: string;
  expiresAt: string;
}

export interface Publish {
  keys: boolean;
  registry: boolean;
}

/** sync_state keys of the membership chain and what this device derived from it. */
const chainKeys = ['chain', 'epoch', 'head', 'chainPublished', 'chainHandled', 'heads', 'behindRounds', 'removedSeen'] as const;

/** sync_state keys of compaction (compaction.ts); pack indexes are under 'pack:<seq>'. */
const compactionKeys = ['acks', 'ackPublished', 'coverage', 'removedOwn', 'bodyCompactionRounds'] as const;

/** What a device says it has applied (per other device, the last seq per stream) and which of its own files it removed. */
export interface AckFile {
  applied: Record<string, { u: number; b: number }>;
  /** Its own update files below this seq are removed (a snapshot covers them). */
  uFloor: number;
  /** Its own body packs removed, as [from, to] ranges. */
  bRemoved: Array<[number, number]>;
}

/** The chain as stored: the pinned genesis and every entry seen (forks included). */
export interface StoredChain {
  genesis: string;
  entries: SignedEntry[];
}

/** The chain head another device said it had when it wrote a file. */
export interface ClaimedHead {
  h: number;
  hash: string;
}

export class SyncState {
  constructor(
    private readonly db: Database,
    private readonly defaultName: () => string = () => 'Dit apparaat',
  ) {}

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  private get<T>(key: string): T | null {
    const row = this.db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(key) as string | undefined;
    return row === undefined ? null : (JSON.parse(row) as T);
  }

  private set(key: string, value: unknown): void {
    if (value === null) this.db.prepare('DELETE FROM sync_state WHERE key = ?').run(key);
    else
      this.db
        .prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
        .run(key, JSON.stringify(value));
  }

  identity(): Identity {
    const existing = this.get<Identity>('identity');
    if (existing) return existing;
    const identity: Identity = {
      deviceId: randomBytes(16).toString('hex'),
      name: this.defaultName(),
      x25519: newKeyPair('x25519'),
      ed25519: newKeyPair('ed25519'),
    };
    this.set('identity', identity);
    return identity;
  }

  setIdentityName(name: string): void {
    this.set('identity', { ...this.identity(), name });
  }

  folder(): string | null {
    return this.get<string>('folder');
  }

  setFolder(folder: string | null): void {
    this.set('folder', folder);
  }

  group(): Group | null {
    return this.get<Group>('group');
  }

  setGroup(group: Group): void {
    this.set('group', group);
  }

  /** Forgets the group and everything learned from its folder (before joining another group). */
  leaveGroup(): void {
    this.transaction(() => {
      this.set('group', null);
      this.set('folderSV', null);
      this.set('publish', null);
      this.set('snapshotDue', null);
      this.set('bodiesSV', null);
      for (const key of chainKeys) this.set(key, null);
      for (const key of compactionKeys) this.set(key, null);
      this.db.prepare("DELETE FROM sync_state WHERE key LIKE 'pack:%'").run();
      for (const table of ['sync_key', 'sync_device', 'sync_stream', 'sync_body_known', 'sync_incomplete', 'sync_pairing']) {
        this.db.prepare(`DELETE FROM ${table}`).run();
      }
    });
  }

  /** State vector of everything known to be in the folder (what pushing may leave out). */
  folderStateVector(): Map<number, number> {
    return new Map(this.get<Array<[number, number]>>('folderSV') ?? []);
  }

  setFolderStateVector(sv: Map<number, number>): void {
    this.set('folderSV', [...sv]);
  }

  snapshotDue(): { files: number; bytes: number; lastSnapshotBytes: number } {
    return this.get('snapshotDue') ?? { files: 0, bytes: 0, lastSnapshotBytes: 0 };
  }

  setSnapshotDue(value: { files: number; bytes: number; lastSnapshotBytes: number }): void {
    this.set('snapshotDue', value);
  }

  publish(): Publish {
    return this.get<Publish>('publish') ?? { keys: false, registry: false };
  }

  setPublish(value: Partial<Publish>): void {
    this.set('publish', { ...this.publish(), ...value });
  }

  lastSyncAt(): string | null {
    return this.get<string>('lastSyncAt');
  }

  setLastSyncAt(at: string): void {
    this.set('lastSyncAt', at);
  }

  join(): JoinState | null {
    return this.get<JoinState>('join');
  }

  setJoin(join: JoinState | null): void {
    this.set('join', join);
  }

  // ——— keys ———

  keys(): EpochKey[] {
    const rows = this.db.prepare('SELECT key_id AS keyId, epoch, creator, key, members FROM sync_key').all() as Array<
      Omit<EpochKey, 'members'> & { members: string }
    >;
    return rows.map((row) => ({ ...row, members: JSON.parse(row.members) as string[] }));
  }

  key(keyId: number): EpochKey | null {
    return this.keys().find((k) => k.keyId === keyId) ?? null;
  }

  /**
   * The key new files are written with: the one the chain's latest epoch names, and only if the key
   * held under that id matches the chain's commitment. Null while this device lacks it: it then
   * writes nothing encrypted (a key from anywhere else might be one a revoked device knows).
   */
  currentKey(): EpochKey | null {
    const epoch = this.epoch();
    const group = this.group();
    if (!epoch || !group) return null;
    const key = this.key(epoch.keyId);
    if (!key || keyCommitment(group.syncId, epoch.n, epoch.keyId, key.key) !== epoch.commit) return null;
    return { ...key, epoch: epoch.n };
  }

  /**
   * Adds a key or widens its members; returns whether anything was new. A second key under one id is
   * ignored, unless `replace` (the new one matches the chain's commitment and the held one does not).
   */
  addKey(key: EpochKey, replace = false): boolean {
    const existing = this.key(key.keyId);
    if (existing && !existing.key.equals(key.key)) {
      if (!replace) return false;
      this.db.prepare('DELETE FROM sync_key WHERE key_id = ?').run(key.keyId);
    } else if (existing) {
      const members = [...new Set([...existing.members, ...key.members])].sort();
      if (members.length === existing.members.length) return false;
      this.db.prepare('UPDATE sync_key SET members = ? WHERE key_id = ?').run(JSON.stringify(members), key.keyId);
      return true;
    }
    this.db
      .prepare('INSERT INTO sync_key (key_id, epoch, creator, key, members) VALUES (?, ?, ?, ?, ?)')
      .run(key.keyId, key.epoch, key.creator, key.key, JSON.stringify([...key.members].sort()));
    return true;
  }

  // ——— membership chain ———

  chain(): StoredChain | null {
    return this.get<StoredChain>('chain');
  }

  setChain(chain: StoredChain): void {
    this.set('chain', chain);
  }

  /** The epoch the chain names as current (see currentKey). */
  epoch(): EpochRef | null {
    return this.get<EpochRef>('epoch');
  }

  /** This device's chain head. */
  head(): ClaimedHead | null {
    return this.get<ClaimedHead>('head');
  }

  /** Writes what the chain says: the device list (sync_device), the current epoch and the head. */
  materialize(membership: Membership): void {
    this.transaction(() => {
      this.db.prepare('DELETE FROM sync_device').run();
      const insert = this.db.prepare('INSERT INTO sync_device (id, entry) VALUES (?, ?)');
      for (const m of membership.members.values()) {
        const entry: DeviceEntry = {
          id: m.id,
          name: m.name,
          nameAt: m.nameAt,
          x25519: m.x25519,
          ed25519: m.ed25519,
          addedAt: m.addedAt,
          addedBy: m.addedBy,
          ...(m.revoked && { revoked: { at: m.revoked.at, by: m.revoked.by, upTo: m.revoked.upTo } }),
        };
        insert.run(m.id, JSON.stringify(entry));
      }
      this.set('epoch', membership.epoch);
      this.set('head', membership.head);
    });
  }

  /** Hashes of chain entries in a set kept under `key` (published by this device; handled once). */
  hashSet(key: 'chainPublished' | 'chainHandled'): Set<string> {
    return new Set(this.get<string[]>(key) ?? []);
  }

  setHashSet(key: 'chainPublished' | 'chainHandled', hashes: Set<string>): void {
    this.set(key, [...hashes]);
  }

  /** The latest chain head each other device stated in a file this device accepted. */
  claimedHeads(): Record<string, ClaimedHead> {
    return this.get<Record<string, ClaimedHead>>('heads') ?? {};
  }

  setClaimedHeads(heads: Record<string, ClaimedHead>): void {
    this.set('heads', heads);
  }

  /** Consecutive rounds this device was behind the others (missing chain entries or the current key). */
  behindRounds(): number {
    return this.get<number>('behindRounds') ?? 0;
  }

  setBehindRounds(rounds: number): void {
    this.set('behindRounds', rounds);
  }

  /** Per own key / registry stream, the seqs already found removed from the folder (and written again). */
  removedSeen(): Partial<Record<'r' | 'k', number[]>> {
    return this.get<Partial<Record<'r' | 'k', number[]>>>('removedSeen') ?? {};
  }

  setRemovedSeen(value: Partial<Record<'r' | 'k', number[]>>): void {
    this.set('removedSeen', value);
  }

  devices(): DeviceEntry[] {
    return (this.db.prepare('SELECT entry FROM sync_device ORDER BY id').pluck().all() as string[]).map(
      (entry) => JSON.parse(entry) as DeviceEntry,
    );
  }

  device(id: string): DeviceEntry | null {
    const entry = this.db.prepare('SELECT entry FROM sync_device WHERE id = ?').pluck().get(id) as string | undefined;
    return entry ? (JSON.parse(entry) as DeviceEntry) : null;
  }

  // ——— compaction ———

  /** The newest ack file read from each other device. */
  acks(): Record<string, AckFile> {
    return this.get<Record<string, AckFile>>('acks') ?? {};
  }

  setAck(device: string, ack: AckFile): void {
    this.set('acks', { ...this.acks(), [device]: ack });
  }

  /** The ack this device published last (JSON), so an unchanged one is not written again. */
  ackPublished(): string | null {
    return this.get<string>('ackPublished');
  }

  setAckPublished(value: string): void {
    this.set('ackPublished', value);
  }

  /** Per other device, its latest snapshot read here: its seq and the positions in others' update streams it covers. */
  coverage(): Record<string, { seq: number; covers: Record<string, number> }> {
    return this.get<Record<string, { seq: number; covers: Record<string, number> }>>('coverage') ?? {};
  }

  setCoverage(device: string, seq: number, covers: Record<string, number>): void {
    this.set('coverage', { ...this.coverage(), [device]: { seq, covers } });
  }

  /** Rounds since body packs were last looked at for garbage (compaction.ts). */
  roundsSinceBodyCompaction(): number {
    return this.get<number>('bodyCompactionRounds') ?? 0;
  }

  setRoundsSinceBodyCompaction(rounds: number): void {
    this.set('bodyCompactionRounds', rounds);
  }

  /** Own files this device removed from the folder (announced in its ack file). */
  removedOwn(): { uFloor: number; bRemoved: Array<[number, number]> } {
    return this.get<{ uFloor: number; bRemoved: Array<[number, number]> }>('removedOwn') ?? { uFloor: 1, bRemoved: [] };
  }

  setRemovedOwn(value: { uFloor: number; bRemoved: Array<[number, number]> }): void {
    this.set('removedOwn', value);
  }

  /** The bodies in one of this device's own packs: [hash, stored bytes]. Null for packs written before this was kept. */
  packIndex(seq: number): Array<[string, number]> | null {
    return this.get<Array<[string, number]>>(`pack:${seq}`);
  }

  setPackIndex(seq: number, entries: Array<[string, number]> | null): void {
    this.set(`pack:${seq}`, entries);
  }

  /** Bodies no longer in the folder (their pack was removed): a device that needs them again pushes them again. */
  forgetKnownBodies(hashes: readonly string[]): void {
    const drop = this.db.prepare('DELETE FROM sync_body_known WHERE hash = ?');
    this.transaction(() => {
      for (const hash of hashes) drop.run(hash);
    });
  }

  // ——— streams ———

  nextSeq(device: string, stream: Stream): number {
    return (this.db.prepare('SELECT next_seq FROM sync_stream WHERE device = ? AND stream = ?').pluck().get(device, stream) as number) ?? 1;
  }

  setNextSeq(device: string, stream: Stream, next: number): void {
    this.db
      .prepare(
        'INSERT INTO sync_stream (device, stream, next_seq) VALUES (?, ?, ?) ON CONFLICT (device, stream) DO UPDATE SET next_seq = excluded.next_seq',
      )
      .run(device, stream, next);
  }

  // ——— bodies ———

  knownBodies(): Set<string> {
    return new Set(this.db.prepare('SELECT hash FROM sync_body_known').pluck().all() as string[]);
  }

  /** Those of `hashes` not known to be in the folder: looked up one by one, or against the whole set when many. */
  unknownBodies(hashes: readonly string[]): string[] {
    if (hashes.length === 0) return [];
    if (hashes.length > 5_000) {
      const known = this.knownBodies();
      return hashes.filter((hash) => !known.has(hash));
    }
    const lookup = this.db.prepare('SELECT 1 FROM sync_body_known WHERE hash = ?').pluck();
    return hashes.filter((hash) => lookup.get(hash) === undefined);
  }

  /** The document's state vector when bodies were last pushed completely (null: never, walk everything). */
  bodiesStateVector(): Map<number, number> | null {
    const value = this.get<Array<[number, number]>>('bodiesSV');
    return value ? new Map(value) : null;
  }

  setBodiesStateVector(sv: Map<number, number>): void {
    this.set('bodiesSV', [...sv]);
  }

  addKnownBodies(hashes: readonly string[]): void {
    // In key order: random sha256 keys would touch a random B-tree page each (encrypted, mostly not
    // cached). One statement for all: a call per hash cost more than the insert (first push of
    // 100,000 resources: 200,000 hashes).
    const sorted = [...hashes].sort();
    this.db.prepare('INSERT OR IGNORE INTO sync_body_known (hash) SELECT value FROM json_each(?)').run(JSON.stringify(sorted));
  }

  // ——— pairings (on the device that shows the code) ———

  addPairing(tag: string, secret: Buffer, expiresAt: string, now: string): void {
    this.db.prepare('INSERT INTO sync_pairing (id, secret, expires_at, created_at) VALUES (?, ?, ?, ?)').run(tag, secret, expiresAt, now);
  }

  pairings(): Array<{ id: string; secret: Buffer; expiresAt: string; usedBy: string | null; createdAt: string }> {
    return this.db
      .prepare('SELECT id, secret, expires_at AS expiresAt, used_by AS usedBy, created_at AS createdAt FROM sync_pairing')
      .all() as Array<{ id: string; secret: Buffer; expiresAt: string; usedBy: string | null; createdAt: string }>;
  }

  markPairingUsed(tag: string, deviceId: string): void {
    this.db.prepare('UPDATE sync_pairing SET used_by = ? WHERE id = ?').run(deviceId, tag);
  }

  dropPairing(tag: string): void {
    this.db.prepare('DELETE FROM sync_pairing WHERE id = ?').run(tag);
  }

  // ——— problems ———

  /** Counts consecutive rounds in which a file was seen unchanged and still incomplete (or missing). */
  noteIncomplete(device: string, stream: Stream, seq: number, digest: string): number {
    const row = this.db
      .prepare('SELECT digest, rounds FROM sync_incomplete WHERE device = ? AND stream = ? AND seq = ?')
      .get(device, stream, seq) as { digest: string; rounds: number } | undefined;
    const rounds = row && row.digest === digest ? row.rounds + 1 : 1;
    this.db
      .prepare(
        'INSERT INTO sync_incomplete (device, stream, seq, digest, rounds) VALUES (?, ?, ?, ?, ?) ON CONFLICT (device, stream, seq) DO UPDATE SET digest = excluded.digest, rounds = excluded.rounds',
      )
      .run(device, stream, seq, digest, rounds);
    return rounds;
  }

  clearIncomplete(device: string, stream: Stream, below: number): void {
    this.db.prepare('DELETE FROM sync_incomplete WHERE device = ? AND stream = ? AND seq < ?').run(device, stream, below);
  }

  addProblem(problem: Problem): void {
    this.db
      .prepare('INSERT INTO sync_problem (at, device, stream, seq, kind, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(problem.at, problem.device, problem.stream, problem.seq, problem.kind, problem.detail);
    // Keep the latest 200.
    this.db.prepare('DELETE FROM sync_problem WHERE id <= (SELECT max(id) - 200 FROM sync_problem)').run();
  }

  problems(limit = 50): Problem[] {
    return this.db
      .prepare('SELECT at, device, stream, seq, kind, detail FROM sync_problem ORDER BY id DESC LIMIT ?')
      .all(limit) as Problem[];
  }
}
