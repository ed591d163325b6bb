/**
 * Sync for the core: one engine per unlocked profile, rounds of one profile run one at a time, and
 * nothing is kept once the profile locks (the engine holds no keys itself; they stay in the database).
 */
import { existsSync } from 'node:fs';
import type { SyncCounts, SyncDevice, SyncStatus } from '../../src-preload/contract/sync';
import type { RecordStores } from '../core/record-stores';
import { RegieError } from '../core/errors';
import { KeyedMutex } from '../vault/keyed-mutex';
import type { Vault } from '../vault/vault';
import { SyncEngine, type SyncEngineOptions } from './engine';
import { usableSyncFolder } from './folder-check';
import { SyncState } from './state';
import { FolderTransport, type SyncTransport } from './transport';
import { hostname } from 'node:os';

export interface SyncServiceOptions {
  vault: Vault;
  recordStores: RecordStores;
  now?: () => number;
  /** Tests: another transport for a folder path. */
  transportFor?: (folder: string) => SyncTransport;
  /** Name a new device gives itself (default: the computer's host name). */
  deviceName?: () => string;
  /** Tests: engine tuning (snapshot frequency, pack size). */
  engine?: Omit<SyncEngineOptions, 'now'>;
}

export class SyncService {
  private readonly mutex = new KeyedMutex();
  private readonly now: () => Date;

  constructor(private readonly options: SyncServiceOptions) {
    const now = options.now ?? Date.now;
    this.now = () => new Date(now());
  }

  status(profileId: string): SyncStatus {
    const { state, engine } = this.open(profileId);
    return {
      folder: state.folder(),
      lastSyncAt: state.lastSyncAt(),
      pending: state.group() ? engine.pending() : { changes: 0, bodies: 0 },
      errors: state.problems(20).map(({ at, kind, device, seq }) => ({ at, kind, device, seq })),
      devices: engine.devices(),
      joining: state.join() !== null,
    };
  }

  /** Whether the profile has a sync folder set (background rounds skip those without). */
  hasFolder(profileId: string): boolean {
    return new SyncState(this.options.vault.database(profileId)).folder() !== null;
  }

  setFolder(profileId: string, folder: string | null): SyncStatus {
    const { state } = this.open(profileId);
    state.setFolder(folder === null ? null : usableSyncFolder(folder));
    return this.status(profileId);
  }

  syncNow(profileId: string): Promise<SyncCounts> {
    return this.mutex.run(profileId, async () => {
      const { engine } = this.open(profileId, true);
      try {
        return await engine.syncOnce();
      } catch (error) {
        // The profile locked during the round (its database closed under it): a clean stop, not a failure.
        // Every file already applied stays applied; the next round after unlocking goes on from there.
        if (!this.options.vault.isUnlocked(profileId)) throw new RegieError('profile-locked');
        throw error;
      }
    });
  }

  pairCreate(profileId: string): { code: string; qrPayload: string; expiresAt: string } {
    return this.open(profileId).engine.pairCreate();
  }

  pairJoin(profileId: string, code: string): Promise<{ status: SyncCounts['join'] }> {
    return this.mutex.run(profileId, async () => ({ status: await this.open(profileId, true).engine.pairJoin(code) }));
  }

  devices(profileId: string): SyncDevice[] {
    return this.open(profileId).engine.devices();
  }

  renameDevice(profileId: string, deviceId: string, name: string): SyncDevice[] {
    const { engine } = this.open(profileId);
    engine.renameDevice(deviceId, name);
    return engine.devices();
  }

  /** Revokes the device and those paired through it, except `keep` (see engine.revokeDevice). */
  revokeDevice(profileId: string, deviceId: string, keep: readonly string[] = []): SyncDevice[] {
    const { engine } = this.open(profileId);
    engine.revokeDevice(deviceId, keep);
    return engine.devices();
  }

  private open(profileId: string, needFolder = false): { state: SyncState; engine: SyncEngine } {
    const db = this.options.vault.database(profileId);
    const store = this.options.recordStores.of(profileId);
    const state = new SyncState(db, this.options.deviceName ?? defaultDeviceName);
    const folder = state.folder();
    if (needFolder && !folder) throw new RegieError('sync-folder-not-set');
    if (needFolder && folder && !existsSync(folder)) throw new RegieError('sync-folder-unavailable');
    const transport = folder ? (this.options.transportFor ?? ((dir) => new FolderTransport(dir)))(folder) : unavailableTransport;
    return { state, engine: new SyncEngine(store, transport, state, { ...this.options.engine, now: this.now }) };
  }
}

function defaultDeviceName(): string {
  return hostname().slice(0, 60) || 'Dit apparaat';
}

const unavailableTransport: SyncTransport = {
  list: () => Promise.reject(new RegieError('sync-folder-not-set')),
  read: () => Promise.reject(new RegieError('sync-folder-not-set')),
  writeAtomic: () => Promise.reject(new RegieError('sync-folder-not-set')),
  remove: () => Promise.reject(new RegieError('sync-folder-not-set')),
};
