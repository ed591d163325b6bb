import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RecordStores } from '../../src-main/core/record-stores';
import type { RecordStore } from '../../src-main/records/record-store';
import { type FileKind, fileKeyOf, FolderNames, sealFile, streamOf } from '../../src-main/sync/container';
import type { SyncEngineOptions } from '../../src-main/sync/engine';
import { SyncService } from '../../src-main/sync/service';
import { SyncState } from '../../src-main/sync/state';
import type { Database } from '../../src-main/vault/database';
import { fastKdfParams } from '../../src-main/vault/kdf';
import { Vault } from '../../src-main/vault/vault';
import { makeTempDir } from '../helpers/temp-dir';
import { dumpDerived } from '../records/helpers';

export const clock = { t: Date.parse('2025-03-01T10:00:00Z') };

/** One simulated device: its own data dir, an unlocked SQLCipher profile, and sync on `folder`. */
export interface Device {
  name: string;
  profileId: string;
  vault: Vault;
  sync: SyncService;
  recordStores: RecordStores;
  store: RecordStore;
  db: Database;
  state: SyncState;
  remove(): void;
}

export async function makeDevice(name: string, folder: string, engine: Omit<SyncEngineOptions, 'now'> = {}): Promise<Device> {
  const temp = makeTempDir('regie-sync-device-');
  const vault = new Vault({ dataDir: temp.dir, kdf: fastKdfParams, now: () => clock.t });
  const enrollment = await vault.beginCreate(`Profiel ${name}`, 'paarse-olifant-danst-op-zolder');
  const { profile } = await vault.completeCreate(enrollment.enrollmentId, { unconfirmed: true });
  const stores = new RecordStores(vault);
  const sync = new SyncService({ vault, recordStores: stores, now: () => clock.t, deviceName: () => name, engine });
  sync.setFolder(profile.id, folder);
  const db = vault.database(profile.id);
  return {
    name,
    profileId: profile.id,
    vault,
    sync,
    recordStores: stores,
    get store() {
      return stores.of(profile.id);
    },
    db,
    state: new SyncState(db),
    remove: () => {
      vault.lockAll('manual');
      temp.remove();
    },
  };
}

export async function pair(first: Device, joiner: Device): Promise<void> {
  const { code } = first.sync.pairCreate(first.profileId);
  const sent = await joiner.sync.pairJoin(joiner.profileId, code);
  if (sent.status !== 'waiting') throw new Error(`join: ${sent.status}`);
  const answered = await first.sync.syncNow(first.profileId);
  if (answered.pairing.accepted !== 1) throw new Error('pairing not accepted');
  const joined = await joiner.sync.syncNow(joiner.profileId);
  if (joined.join !== 'joined') throw new Error(`join: ${joined.join}`);
}

export const syncNow = (device: Device) => device.sync.syncNow(device.profileId);

/** Derived tables as compared between devices. */
export function derived(device: Device) {
  return dumpDerived(device.db);
}

export function namesOf(device: Device): FolderNames {
  const group = device.state.group()!;
  return new FolderNames(Buffer.from(group.namingKey, 'base64'), group.syncId);
}

/** Every file in the folder (relative names) with its bytes. */
export function folderFiles(folder: string): Array<{ name: string; bytes: Buffer }> {
  const files: Array<{ name: string; bytes: Buffer }> = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      const name = rel ? `${rel}/${entry}` : entry;
      if (statSync(path).isDirectory()) walk(path, name);
      else files.push({ name, bytes: readFileSync(path) });
    }
  };
  walk(folder, '');
  return files;
}

/** The newest file of a device's stream in the folder. */
export function latestFile(folder: string, device: Device, of: Device, kinds: string[] = ['u', 's']) {
  const names = namesOf(device);
  let best: { name: string; seq: number; kind: string } | null = null;
  for (const { name } of folderFiles(folder)) {
    const parsed = names.parse(name);
    if (parsed && parsed.deviceId === of.state.identity().deviceId && kinds.includes(parsed.kind) && (!best || parsed.seq > best.seq)) {
      best = { name, seq: parsed.seq, kind: parsed.kind };
    }
  }
  if (!best) throw new Error('no such file');
  return best;
}

/**
 * Writes a file into `device`'s own stream the way its engine would (its name, its next seq, its
 * signing key, its current key), whatever its engine would decide: how a modified or outdated copy
 * of Regie on a hostile device writes. Returns the seq.
 */
export function writeAsDevice(folder: string, device: Device, kind: FileKind, payload: Buffer): number {
  const { deviceId, ed25519 } = device.state.identity();
  const group = device.state.group()!;
  const stream = streamOf(kind);
  const seq = device.state.nextSeq(deviceId, stream);
  const current = kind === 'k' ? null : device.state.keys().sort((a, b) => b.epoch - a.epoch)[0]!;
  const key = current ? { id: current.keyId, fileKey: fileKeyOf(current.key, group.syncId) } : null;
  const path = join(folder, namesOf(device).file(deviceId, kind, seq));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, sealFile({ syncId: group.syncId, deviceId, kind, seq }, payload, key, ed25519.privateJwk));
  device.state.setNextSeq(deviceId, stream, seq + 1);
  return seq;
}

/** Devices (one per name) on one fresh folder; their removal and the folder's are pushed onto `cleanup`. */
export async function devicesOnOneFolder(cleanup: Array<() => void>, names: readonly string[]): Promise<{ folder: string; devices: Device[] }> {
  const temp = makeTempDir('regie-sync-folder-');
  cleanup.push(temp.remove);
  const devices: Device[] = [];
  for (const name of names) {
    const device = await makeDevice(name, temp.dir);
    cleanup.push(device.remove);
    devices.push(device);
  }
  return { folder: temp.dir, devices };
}

/** Two devices on one fresh folder, paired; their removal is pushed onto `cleanup`. */
export async function twoPairedDevices(cleanup: Array<() => void>, names: [string, string] = ['Laptop', 'Desktop']): Promise<[Device, Device]> {
  const { devices } = await devicesOnOneFolder(cleanup, names);
  await pair(devices[0]!, devices[1]!);
  return devices as [Device, Device];
}
