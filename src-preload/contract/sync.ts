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
}

export interface SyncProblem {
  at: string;
  /** tampered, revoked, foreign, invalid, truncated, missing, pairing-expired, pairing-used. */
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

export const syncRequestSchemas = {
  'sync.status': z.object({ profileId }),
  'sync.setFolder': z.object({ profileId, folder: z.string().min(1).max(4096).nullable() }),
  'sync.syncNow': z.object({ profileId }),
  'sync.pairCreate': z.object({ profileId }),
  'sync.pairJoin': z.object({ profileId, code: z.string().min(1).max(200) }),
  'sync.devices': z.object({ profileId }),
  'sync.renameDevice': z.object({ profileId, deviceId, name: deviceName }),
  'sync.revokeDevice': z.object({ profileId, deviceId }),
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
