/**
 * What a device could read if it ignored its own engine's rules: every key wrapped to it in any key
 * file in the folder, plus the keys it holds, tried on every file. Checks confidentiality the way an
 * attacker with the device's private keys and the folder would, not the way an honest engine behaves.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodePayload, fileKeyOf, openFile } from '../../src-main/sync/container';
import { unwrapWith } from '../../src-main/sync/crypto';
import { type Device, namesOf } from './helpers';

/** Relative names of every plain file in the folder (no FIFOs or links followed). */
export function folderNames(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const name = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(dir, entry.name), name);
      else if (entry.isFile()) out.push(name);
    }
  };
  walk(folder, '');
  return out;
}

/** Epoch keys (by key id) `device` holds or can unwrap from any key file in the folder. */
export function keysObtainableBy(folder: string, device: Device, onlyNames?: ReadonlySet<string>): Map<number, Buffer> {
  const keys = new Map<number, Buffer>();
  if (!onlyNames) for (const k of device.state.keys()) keys.set(k.keyId, k.key);
  const names = namesOf(device);
  const { x25519 } = device.state.identity();
  const syncId = device.state.group()!.syncId;
  for (const name of folderNames(folder)) {
    if (onlyNames && !onlyNames.has(name)) continue;
    if (names.parse(name)?.kind !== 'k') continue;
    const bytes = readFileSync(join(folder, name));
    const body = bytes.subarray(12, bytes.length - 64); // key files are signed, not encrypted
    let wraps: unknown;
    try {
      wraps = decodePayload<{ wraps: unknown }>(body).meta.wraps;
    } catch {
      continue;
    }
    for (const wrap of Array.isArray(wraps) ? wraps : []) {
      const plain = unwrapWith(x25519, Buffer.from(String(wrap), 'base64'), `keys:${syncId}`);
      if (!plain) continue;
      const bundle = JSON.parse(plain.toString('utf8')) as { keys: Array<{ keyId: number; key: string }> };
      for (const k of bundle.keys) keys.set(k.keyId, Buffer.from(k.key, 'base64'));
    }
  }
  return keys;
}

/** Encrypted files among `candidates` that open with `keys` (sender signatures checked with the real devices' keys). */
export function readableWith(folder: string, reader: Device, keys: Map<number, Buffer>, writers: Device[], candidates: Iterable<string>) {
  const names = namesOf(reader);
  const syncId = reader.state.group()!.syncId;
  const senders = new Map(writers.map((d) => [d.state.identity().deviceId, d]));
  const readable: Array<{ device: string; kind: string; seq: number }> = [];
  for (const name of candidates) {
    const parsed = names.parse(name);
    const sender = parsed && senders.get(parsed.deviceId);
    if (!parsed || !sender || parsed.kind === 'k') continue;
    let bytes: Buffer;
    try {
      if (!statSync(join(folder, name)).isFile()) continue;
      bytes = readFileSync(join(folder, name));
    } catch {
      continue;
    }
    const opened = openFile({ syncId, deviceId: parsed.deviceId, kind: parsed.kind, seq: parsed.seq }, bytes, sender.state.identity().ed25519.publicKey, (id) => {
      const key = keys.get(id);
      return key ? fileKeyOf(key, syncId) : null;
    });
    if (opened.ok) readable.push({ device: sender.name, kind: parsed.kind, seq: parsed.seq });
  }
  return readable;
}
