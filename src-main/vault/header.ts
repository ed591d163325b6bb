import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { RegieError } from '../core/errors';
import { writeFileAtomic } from '../common/atomic-file';
import { kdfParamsSchema, saltLength, type KdfParams } from './kdf';
import { headerFileOf } from './profile-paths';

/**
 * vault.json: everything needed to unwrap the data key, and nothing that reveals it.
 * The label is the only person-chosen text outside the encrypted database (shown in the profile picker).
 */
export interface VaultHeader {
  format: 'regie-vault';
  version: 1;
  profileId: string;
  label: string;
  createdAt: string;
  kdf: KdfParams;
  slots: { password: KeySlot; recovery: KeySlot };
  /** A key renewal in progress (see rekey.ts): present only if Regie stopped in the middle of one. */
  pending?: PendingRekey;
}

export interface PendingRekey {
  /** The new data key under the new password and the new recovery code. */
  password: KeySlot;
  recovery: KeySlot;
  /** The old data key wrapped under the new one (wrapKey, slot 'previous'), to finish re-encrypting. */
  previous: string;
}

export interface KeySlot {
  /** base64, 16 bytes */
  salt: string;
  /** base64 output of wrapKey */
  wrapped: string;
}

const base64 = z.string().max(512).regex(/^[A-Za-z0-9+/]*={0,2}$/);
const slotSchema = z.object({
  salt: base64.refine((value) => Buffer.from(value, 'base64').length === saltLength, 'salt length'),
  wrapped: base64.min(1),
});

const headerSchema = z.object({
  format: z.literal('regie-vault'),
  version: z.literal(1),
  profileId: z.string().regex(/^[a-z0-9]{26}$/),
  label: z.string().min(1).max(200),
  createdAt: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'date'),
  kdf: kdfParamsSchema,
  slots: z.object({ password: slotSchema, recovery: slotSchema }),
  pending: z.object({ password: slotSchema, recovery: slotSchema, previous: base64.min(1) }).optional(),
});

/** Missing, unreadable or invalid → 'vault-damaged'. */
export function readHeader(profileDir: string): VaultHeader {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(headerFileOf(profileDir), 'utf8'));
  } catch {
    throw new RegieError('vault-damaged', undefined, 'vault header missing or unreadable');
  }
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) throw new RegieError('vault-damaged', undefined, 'vault header invalid');
  return parsed.data;
}

export function writeHeader(profileDir: string, header: VaultHeader): void {
  writeFileAtomic(headerFileOf(profileDir), `${JSON.stringify(header, null, 2)}\n`);
}
