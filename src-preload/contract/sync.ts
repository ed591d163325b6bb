/**
 * Sync between the person's own devices: a sync folder, pairing codes, the list of devices.
 * Every file in the folder is encrypted and signed; see src-main/sync/index.ts.
 */
import { z } from 'zod';

const profileId = z.string().regex(/^[a-z0-9]{26}$/, 'profile id');
const deviceId = z.string().regex(/^[0-9a-f]{32}$/, 'device id');
const deviceName = z.string().trim().min(1).max(60);

/** The kind of computer the core runs on: paths look different on each. */
export type HostPlatform = 'windows' | 'mac' | 'linux';

/** An example sync folder per kind of computer, for the hint and for messages about a typed path. */
export const exampleSyncFolder: Record<HostPlatform, string> = {
  windows: 'C:\\Users\\Anna\\OneDrive\\Regie',
  mac: '/Users/anna/Dropbox/Regie',
  linux: '/home/anna/Sync/Regie',
};

export interface SyncDevice {
  id: string;
  name: string;
  /** This device. */
  current: boolean;
  revoked: boolean;
  addedAt: string;
  /** The device that paired it; null for the device that started sync. */
  addedBy: string | null;
}

/**
 * The devices that revoking `target` takes along: the active devices it paired, and those they
 * paired, except `self` (the device revoking), those in `keep`, and the devices those paired. A
 * device paired by a device being revoked may be its hidden second copy, so the person is asked which
 * of them are really theirs (see src-main/sync/index.ts, MEMBERSHIP).
 */
export function devicesPairedThrough(
  devices: ReadonlyArray<{ id: string; addedBy: string | null; revoked: boolean }>,
  target: string,
  self: string,
  keep: readonly string[] = [],
): string[] {
  const spared = new Set([self, target, ...keep]);
  const out: string[] = [];
  for (let parents = [target]; parents.length > 0; ) {
    const children = devices.filter((d) => !d.revoked && d.addedBy !== null && parents.includes(d.addedBy) && !spared.has(d.id) && !out.includes(d.id));
    out.push(...children.map((d) => d.id));
    parents = children.map((d) => d.id);
  }
  return out;
}

export interface SyncProblem {
  at: string;
  /**
   * tampered, revoked, foreign, invalid, truncated, missing, too-large, not-a-file (a file refused);
   * behind (others use device-list entries or a key this device lacks), chain-invalid (a device-list
   * change that breaks the rules), removed (this device's own files were deleted from the folder),
   * sync-reset (an old-format group was left: pair again), pairing-expired, pairing-used.
   */
  kind: string;
  device: string | null;
  seq: number | null;
}

export interface SyncCounts {
  pushed: { updates: number; snapshots: number; bodies: number; files: number; bytes: number };
  pulled: { updates: number; snapshots: number; bodies: number; files: number; bytes: number };
  /** Files not (completely) arrived yet; retried on the next round. */
  waiting: number;
  /** Files refused (never applied); also listed in status.errors. */
  rejected: Array<{ device: string | null; stream: string | null; seq: number | null; reason: string }>;
  pairing: { accepted: number; refused: number };
  join: 'waiting' | 'joined' | 'refused-expired' | 'refused-used' | null;
  /** Own files removed from the folder because no device needs them any more, and bodies packed anew first. */
  compacted: { removed: number; repacked: number };
}

export interface SyncStatus {
  folder: string | null;
  lastSyncAt: string | null;
  /** Local changes (Yjs items) and resource bodies not yet in the folder. */
  pending: { changes: number; bodies: number };
  /** Recent problems, newest first. */
  errors: SyncProblem[];
  devices: SyncDevice[];
  /** A join request sent from this device that is still waiting for its answer. */
  joining: boolean;
}

/**
 * A background round finished (the core runs them; see src-main/sync/scheduler.ts). Windows show the
 * status from it (sync.status) and reload the records when something arrived; they start no rounds.
 */
export interface SyncEvents {
  'sync.round': {
    profileId: string;
    /** Something arrived (records to show again, or a join that finished). */
    received: boolean;
    join: SyncCounts['join'];
    /** A device joined with a pairing code shown here. */
    paired: boolean;
    /** Why the round failed; null when it went through. */
    error: import('./errors').ErrorPayload | null;
  };
}

export const syncRequestSchemas = {
  'sync.status': z.object({ profileId }),
  'sync.setFolder': z.object({ profileId, folder: z.string().min(1).max(4096).nullable() }),
  'sync.syncNow': z.object({ profileId }),
  'sync.pairCreate': z.object({ profileId }),
  'sync.pairJoin': z.object({ profileId, code: z.string().min(1).max(200) }),
  'sync.devices': z.object({ profileId }),
  'sync.renameDevice': z.object({ profileId, deviceId, name: deviceName }),
  /** keep: devices paired through this one (devicesPairedThrough) that are the person's own and stay. */
  'sync.revokeDevice': z.object({ profileId, deviceId, keep: z.array(deviceId).max(100).optional() }),
} as const;

export interface SyncResponses {
  'sync.status': SyncStatus;
  'sync.setFolder': SyncStatus;
  'sync.syncNow': SyncCounts;
  /** Show `code` as text and `qrPayload` as a QR code; single use, valid until expiresAt. */
  'sync.pairCreate': { code: string; qrPayload: string; expiresAt: string };
  /** 'waiting' until the other device has answered on its next sync round. */
  'sync.pairJoin': { status: 'waiting' | 'joined' | 'refused-expired' | 'refused-used' | null };
  'sync.devices': SyncDevice[];
  'sync.renameDevice': SyncDevice[];
  'sync.revokeDevice': SyncDevice[];
}
