/**
 * The sync folder's layout and the format of every file in it (see index.ts for the design).
 *
 *   <root>/<dev>/<file>        root = HMAC(names key, "root"); dev = PRP(names key, device id);
 *                              file = PRP(names key, 'R' ‖ kind ‖ device id[0..6] ‖ seq u64)
 *   p/<pairing tag>/j-<id>     join request   (see pairing.ts; names from the one-time secret)
 *   p/<pairing tag>/a-<id>     answer
 *
 * A file:  'RGS1' ‖ key id u32 ‖ body length u32 ‖ body ‖ Ed25519 signature (64)
 *   body      = AES-256-GCM(file key of `key id`, deflate(payload), AAD = context ‖ header), or for
 *               key id 0 (only the 'k' stream: wrapped keys, readable before one has an epoch key)
 *               the payload itself
 *   context   = "regie-sync file v1" ‖ sync id ‖ sender device id ‖ kind ‖ seq
 *   signature = over context ‖ header ‖ body, by the sender's device key
 * The declared body length lets a reader tell a file still arriving (shorter) from a complete file
 * that fails to verify (tampered, foreign) without waiting.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { hkdf, hmac, open, prpDecrypt, prpEncrypt, sealInto, sealOverhead, signWith, verifySignature } from './crypto';

export type Stream = 'u' | 'b' | 'r' | 'k' | 'a';
/**
 * u: Yjs update, s: Yjs snapshot (both in stream 'u'), b: body pack, r: device registry, k: wrapped
 * epoch keys, a: what the device has applied of the others' files and which of its own it removed
 * (compaction.ts; only its newest is kept).
 */
export type FileKind = 'u' | 's' | 'b' | 'r' | 'k' | 'a';
export const streams: readonly Stream[] = ['k', 'r', 'u', 'b', 'a'];
const kindCodes: Record<FileKind, number> = { u: 1, s: 2, b: 3, r: 4, k: 5, a: 6 };
const kindByCode = new Map(Object.entries(kindCodes).map(([kind, code]) => [code, kind as FileKind]));
export const streamOf = (kind: FileKind): Stream => (kind === 's' ? 'u' : kind);

const magic = Buffer.from('RGS1');
const headerBytes = 12;
const signatureBytes = 64;
/** Files larger than this are refused unread (a hostile folder must not exhaust memory). */
export const maxFileBytes = 1024 * 1024 * 1024;

/** Parsed names remembered per FolderNames (a bound on memory for a huge or hostile folder). */
const maxRememberedNames = 500_000;

/** Names in the folder for one sync group. */
export class FolderNames {
  private readonly key: Buffer;
  readonly root: string;
  /** Parsed names and device directories seen so far (see parse). */
  private readonly parsed = new Map<string, ParsedName | null>();
  private readonly devices = new Map<string, string>();

  constructor(namingKey: Uint8Array, syncId: string) {
    this.key = hkdf(namingKey, Buffer.from(syncId, 'hex'), 'regie-sync names');
    this.root = hmac(this.key, 'root').subarray(0, 16).toString('hex');
  }

  deviceDir(deviceId: string): string {
    return `${this.root}/${prpEncrypt(this.key, Buffer.from(deviceId, 'hex')).toString('hex')}`;
  }

  file(deviceId: string, kind: FileKind, seq: number): string {
    const block = Buffer.alloc(16);
    block[0] = 0x52;
    block[1] = kindCodes[kind];
    Buffer.from(deviceId, 'hex').copy(block, 2, 0, 6);
    block.writeBigUInt64BE(BigInt(seq), 8);
    return `${this.deviceDir(deviceId)}/${prpEncrypt(this.key, block).toString('hex')}`;
  }

  /**
   * What a listed name is, or null for a name that is not one of ours (foreign, garbage). Results are
   * remembered (names are deterministic under this key), so listing the folder round after round
   * decrypts only the names that are new since the last listing.
   */
  parse(name: string): ParsedName | null {
    const known = this.parsed.get(name);
    if (known !== undefined) return known;
    const parsed = this.parseNew(name);
    if (this.parsed.size >= maxRememberedNames) this.parsed.clear();
    this.parsed.set(name, parsed);
    return parsed;
  }

  private parseNew(name: string): ParsedName | null {
    const parts = name.split('/');
    if (parts.length !== 3 || parts[0] !== this.root || !/^[0-9a-f]{32}$/.test(parts[1]!) || !/^[0-9a-f]{32}$/.test(parts[2]!)) return null;
    let deviceId = this.devices.get(parts[1]!);
    if (deviceId === undefined) {
      deviceId = prpDecrypt(this.key, Buffer.from(parts[1]!, 'hex')).toString('hex');
      this.devices.set(parts[1]!, deviceId);
    }
    const block = prpDecrypt(this.key, Buffer.from(parts[2]!, 'hex'));
    const kind = kindByCode.get(block[1]!);
    if (block[0] !== 0x52 || !kind || !block.subarray(2, 8).equals(Buffer.from(deviceId, 'hex').subarray(0, 6))) return null;
    const seq = block.readBigUInt64BE(8);
    if (seq < 1n || seq > BigInt(Number.MAX_SAFE_INTEGER)) return null;
    return { deviceId, kind, seq: Number(seq) };
  }
}

export interface ParsedName {
  deviceId: string;
  kind: FileKind;
  seq: number;
}

export interface FileAddress {
  syncId: string;
  deviceId: string;
  kind: FileKind;
  seq: number;
}

function context(address: FileAddress): Buffer {
  const tail = Buffer.alloc(9);
  tail[0] = kindCodes[address.kind];
  tail.writeBigUInt64BE(BigInt(address.seq), 1);
  return Buffer.concat([Buffer.from('regie-sync file v1'), Buffer.from(address.syncId, 'hex'), Buffer.from(address.deviceId, 'hex'), tail]);
}

export function fileKeyOf(epochKey: Uint8Array, syncId: string): Buffer {
  return hkdf(epochKey, Buffer.from(syncId, 'hex'), 'regie-sync file');
}

/** Seals a payload into a file. `key` null (key id 0) only for the 'k' stream. */
export function sealFile(
  address: FileAddress,
  payload: Uint8Array,
  key: { id: number; fileKey: Uint8Array } | null,
  signingJwk: string,
): Buffer {
  if ((key === null) !== (address.kind === 'k')) throw new Error('only key files are unencrypted');
  const ctx = context(address);
  const bodyLength = key ? payload.length + sealOverhead : payload.length;
  const header = Buffer.alloc(headerBytes);
  magic.copy(header, 0);
  header.writeUInt32BE(key?.id ?? 0, 4);
  header.writeUInt32BE(bodyLength, 8);
  // One buffer holds what is signed (context ‖ header ‖ body) and then the signature; the file is all
  // of it but the context. The body is written into it directly: one copy of a large payload.
  const signedLength = ctx.length + headerBytes + bodyLength;
  const out = Buffer.allocUnsafe(signedLength + signatureBytes);
  ctx.copy(out, 0);
  header.copy(out, ctx.length);
  // The AAD is the context and header just written: the same bytes the old concatenation made.
  if (key) sealInto(key.fileKey, payload, out.subarray(0, ctx.length + headerBytes), out, ctx.length + headerBytes);
  else out.set(payload, ctx.length + headerBytes);
  const signature = signWith(signingJwk, out.subarray(0, signedLength));
  if (signature.length !== signatureBytes) throw new Error('unexpected signature length');
  signature.copy(out, signedLength);
  return out.subarray(ctx.length);
}

export type OpenResult =
  | { ok: true; payload: Buffer; keyId: number }
  | { ok: false; reason: 'incomplete' | 'tampered' | 'unknown-key'; keyId?: number };

/** Verifies the sender's signature, then decrypts. Never returns data that failed either check. */
export function openFile(
  address: FileAddress,
  bytes: Uint8Array,
  senderPublicKey: string,
  fileKeyFor: (keyId: number) => Uint8Array | null,
): OpenResult {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.length < headerBytes) return { ok: false, reason: 'incomplete' };
  if (!data.subarray(0, 4).equals(magic)) return { ok: false, reason: 'tampered' };
  const keyId = data.readUInt32BE(4);
  const expected = headerBytes + data.readUInt32BE(8) + signatureBytes;
  if (data.length < expected) return { ok: false, reason: 'incomplete' };
  if (data.length > expected) return { ok: false, reason: 'tampered' };
  if ((keyId === 0) !== (address.kind === 'k')) return { ok: false, reason: 'tampered' };
  const ctx = context(address);
  const header = data.subarray(0, headerBytes);
  const body = data.subarray(headerBytes, expected - signatureBytes);
  if (!verifySignature(senderPublicKey, Buffer.concat([ctx, header, body]), data.subarray(expected - signatureBytes))) {
    return { ok: false, reason: 'tampered' };
  }
  if (keyId === 0) return { ok: true, payload: Buffer.from(body), keyId };
  const fileKey = fileKeyFor(keyId);
  if (!fileKey) return { ok: false, reason: 'unknown-key', keyId };
  const payload = open(fileKey, body, Buffer.concat([ctx, header]));
  return payload ? { ok: true, payload, keyId } : { ok: false, reason: 'tampered' };
}

// ——— payloads: JSON metadata + binary blobs, deflated before encryption ———

export interface Payload<M> {
  meta: M;
  blobs: Uint8Array[];
}

/**
 * Compressed before encryption: FHIR bodies shrink 4–8×. The compressed size of a file is visible in
 * the folder; an attacker who could both inject chosen text into the record (e.g. a hostile provider)
 * and watch many rounds of file sizes might learn a little about what else is in the same batch.
 * Accepted: sizes are already the one thing the folder reveals, and batches mix many resources.
 */
export function encodePayload<M>(meta: M, blobs: readonly Uint8Array[] = [], options: { compressed?: boolean } = {}): Buffer {
  const json = Buffer.from(JSON.stringify({ meta, blobs: blobs.map((blob) => blob.length) }));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  // Blobs that are compressed already (body packs ship bodies as stored, deflated) are only framed:
  // level 0 writes stored blocks, so the format stays one and neither side spends time on them.
  return deflateRawSync(Buffer.concat([length, json, ...blobs]), { level: options.compressed ? 0 : 3 });
}

export function decodePayload<M>(compressed: Uint8Array): Payload<M> {
  const raw = inflateRawSync(compressed, { maxOutputLength: 4 * maxFileBytes });
  const length = raw.readUInt32BE(0);
  const parsed = JSON.parse(raw.subarray(4, 4 + length).toString('utf8')) as { meta: M; blobs: number[] };
  const blobs: Uint8Array[] = [];
  let offset = 4 + length;
  for (const size of parsed.blobs) {
    blobs.push(raw.subarray(offset, offset + size));
    offset += size;
  }
  if (offset !== raw.length) throw new Error('payload length mismatch');
  return { meta: parsed.meta, blobs };
}
