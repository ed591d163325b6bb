/**
 * Sync in the UI: the status of the open profile's sync, rounds started by the person ("Nu
 * synchroniseren"), pairing codes and the device list. Background rounds are the core's
 * (src-main/sync/scheduler.ts); useSyncStatus passes on what they did (backgroundRoundDone).
 *
 * A round the person asks for while one of theirs runs waits for it and then runs once more (so what
 * they just changed is included); the core never runs two rounds of a profile at once. After a round
 * that brought something in, the record screens reload (useRecordsData.invalidate). Everything here,
 * the pairing code included, is dropped when the profile locks or another profile opens.
 */
import { create } from 'zustand';
import type { Events } from '../../../src-preload/contract/api';
import type { ErrorPayload } from '../../../src-preload/contract/errors';
import type { SyncCounts, SyncDevice, SyncStatus } from '../../../src-preload/contract/sync';
import { call, toErrorPayload } from '../api/client';
import { useSessionStore } from '../profiles/session';
import { useRecordsData } from '../records/data-store';
import { currentSession, registerReset, stillCurrent } from '../records/reset';

export type JoinState = 'waiting' | 'joined' | 'refused-expired' | 'refused-used' | null;

export interface Pairing {
  code: string;
  qrPayload: string;
  expiresAt: string;
}

interface SyncData {
  status: SyncStatus | null;
  statusState: 'idle' | 'loading' | 'ready' | 'error';
  running: boolean;
  /** The last finished round of this session and what it did. */
  lastRound: { counts: SyncCounts; manual: boolean } | null;
  /** Rounds the person asked for that have finished (so a test or a screen can tell a new result). */
  manualRounds: number;
  /** Why the last round failed (cleared by the next successful one). */
  roundError: ErrorPayload | null;
  /** The pairing code shown on this device, until used, hidden or expired. */
  pairing: Pairing | null;
  /** Set when a round answered a join request for a code shown here. */
  pairingAccepted: boolean;
  /** Outcome of this device's own join request, as far as known. */
  join: JoinState;
  /** The "Synchroniseren" sub-screen of Instellingen is open. */
  screenOpen: boolean;
}

interface SyncStore extends SyncData {
  loadStatus(): Promise<void>;
  /** Saves (or with null clears) the folder; throws an ApiError when the core refuses it. */
  setFolder(folder: string | null): Promise<void>;
  /** One round; resolves with its counts, or null when it failed or was skipped. */
  syncNow(options?: { manual?: boolean }): Promise<SyncCounts | null>;
  /** The core finished a background round: reload what it may have changed. */
  backgroundRoundDone(round: Pick<Events['sync.round'], 'received' | 'join' | 'paired'>): void;
  createPairing(): Promise<void>;
  hidePairing(): void;
  /** Sends a join request for a code from another device; throws an ApiError when refused. */
  joinWith(code: string): Promise<JoinState>;
  renameDevice(deviceId: string, name: string): Promise<void>;
  /** keep: devices paired through this one that the person said are theirs (they stay). */
  revokeDevice(deviceId: string, keep?: string[]): Promise<void>;
  openScreen(): void;
  closeScreen(): void;
}

const initial: SyncData = {
  status: null,
  statusState: 'idle',
  running: false,
  lastRound: null,
  manualRounds: 0,
  roundError: null,
  pairing: null,
  pairingAccepted: false,
  join: null,
  screenOpen: false,
};

/** The round under way (per session epoch) and a follow-up round asked for meanwhile. */
let inFlight: { epoch: number; promise: Promise<SyncCounts | null> } | null = null;
let followUp: { epoch: number; promise: Promise<SyncCounts | null> } | null = null;
function receivedSomething(counts: SyncCounts): boolean {
  const { pulled } = counts;
  return pulled.updates + pulled.snapshots + pulled.bodies > 0 || counts.join === 'joined';
}

export const useSyncStore = create<SyncStore>()((set, get) => {
  function withDevices(devices: SyncDevice[]): void {
    const status = get().status;
    if (status) set({ status: { ...status, devices } });
  }

  async function runRound(session: { profileId: string; epoch: number }, manual: boolean): Promise<SyncCounts | null> {
    set({ running: true });
    try {
      const counts = await call('sync.syncNow', { profileId: session.profileId });
      if (!stillCurrent(session)) return null;
      const patch: Partial<SyncData> = { lastRound: { counts, manual }, roundError: null };
      if (counts.join) patch.join = counts.join;
      if (counts.pairing.accepted > 0) {
        patch.pairing = null;
        patch.pairingAccepted = true;
      }
      set(patch);
      if (receivedSomething(counts)) useRecordsData.getState().invalidate();
      return counts;
    } catch (error) {
      if (stillCurrent(session)) set({ roundError: toErrorPayload(error) });
      return null;
    } finally {
      if (stillCurrent(session)) {
        set({ running: false });
        await get().loadStatus();
        if (manual && stillCurrent(session)) set((s) => ({ manualRounds: s.manualRounds + 1 }));
      }
    }
  }

  return {
    ...initial,

    async loadStatus() {
      const session = currentSession();
      if (!session) return;
      if (!get().status) set({ statusState: 'loading' });
      try {
        const status = await call('sync.status', { profileId: session.profileId });
        if (!stillCurrent(session)) return;
        const patch: Partial<SyncData> = { status, statusState: 'ready' };
        // A join that finished (or was refused) in a background round is reflected in `joining`.
        if (status.joining) patch.join = 'waiting';
        else if (get().join === 'waiting') patch.join = null;
        set(patch);
      } catch {
        if (stillCurrent(session)) set({ statusState: 'error' });
      }
    },

    async setFolder(folder) {
      const session = currentSession();
      if (!session) return;
      const status = await call('sync.setFolder', { profileId: session.profileId, folder });
      if (stillCurrent(session)) set({ status, statusState: 'ready', roundError: null });
    },

    syncNow({ manual = false } = {}) {
      const session = currentSession();
      if (!session || !get().status?.folder) return Promise.resolve(null);
      const running = inFlight?.epoch === session.epoch ? inFlight : null;
      if (running) {
        if (!manual) return Promise.resolve(null);
        if (followUp?.epoch === session.epoch) return followUp.promise;
        const next = running.promise.then(() => {
          followUp = null;
          return stillCurrent(session) ? start() : null;
        });
        followUp = { epoch: session.epoch, promise: next };
        return next;
      }
      return start();

      function start(): Promise<SyncCounts | null> {
        const promise = runRound(session!, manual).finally(() => {
          if (inFlight?.promise === promise) inFlight = null;
        });
        inFlight = { epoch: session!.epoch, promise };
        return promise;
      }
    },

    backgroundRoundDone({ received, join, paired }) {
      const patch: Partial<SyncData> = {};
      if (join) patch.join = join;
      if (paired) {
        patch.pairing = null;
        patch.pairingAccepted = true;
      }
      set(patch);
      if (received) useRecordsData.getState().invalidate();
      void get().loadStatus();
    },

    async createPairing() {
      const session = currentSession();
      if (!session) return;
      set({ pairingAccepted: false });
      const pairing = await call('sync.pairCreate', { profileId: session.profileId });
      if (stillCurrent(session)) set({ pairing });
      await get().loadStatus();
    },

    hidePairing() {
      set({ pairing: null });
    },

    async joinWith(code) {
      const session = currentSession();
      if (!session) return null;
      const { status } = await call('sync.pairJoin', { profileId: session.profileId, code });
      if (!stillCurrent(session)) return null;
      set({ join: status });
      if (status === 'joined') useRecordsData.getState().invalidate();
      await get().loadStatus();
      return status;
    },

    async renameDevice(deviceId, name) {
      const session = currentSession();
      if (!session) return;
      const devices = await call('sync.renameDevice', { profileId: session.profileId, deviceId, name });
      if (stillCurrent(session)) withDevices(devices);
    },

    async revokeDevice(deviceId, keep) {
      const session = currentSession();
      if (!session) return;
      const devices = await call('sync.revokeDevice', { profileId: session.profileId, deviceId, ...(keep && keep.length > 0 && { keep }) });
      if (stillCurrent(session)) withDevices(devices);
      await get().loadStatus();
    },

    openScreen() {
      set({ screenOpen: true });
    },

    closeScreen() {
      set({ screenOpen: false });
    },
  };
});

registerReset(() => {
  inFlight = null;
  followUp = null;
  useSyncStore.setState({ ...initial });
});

// Leaving Instellingen closes the sub-screen, so the next visit starts at the settings themselves.
useSessionStore.subscribe((state, previous) => {
  if (state.area !== previous.area && useSyncStore.getState().screenOpen) useSyncStore.setState({ screenOpen: false });
});
