import { argon2id, hash } from 'argon2';
import { z } from 'zod';
import { RegieError } from '../core/errors';

export interface KdfParams {
  algorithm: 'argon2id';
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/** ≈0.33 s on a typical laptop: slow enough to hurt guessing, quick enough for an unlock. */
export const defaultKdfParams: KdfParams = { algorithm: 'argon2id', memoryKiB: 131072, iterations: 2, parallelism: 1 };

/** For tests only: the minimum the header validation accepts. */
export const fastKdfParams: KdfParams = { algorithm: 'argon2id', memoryKiB: 8192, iterations: 1, parallelism: 1 };

/** Bounds for parameters read from a header, so a tampered header cannot make us allocate 100 GiB or loop forever. */
export const kdfParamsSchema = z.object({
  algorithm: z.literal('argon2id'),
  memoryKiB: z.number().int().min(8 * 1024).max(2 * 1024 * 1024),
  iterations: z.number().int().min(1).max(20),
  parallelism: z.number().int().min(1).max(8),
});

export function validateKdfParams(value: unknown): KdfParams {
  const parsed = kdfParamsSchema.safeParse(value);
  if (!parsed.success) throw new RegieError('vault-damaged', undefined, 'key derivation parameters out of range');
  return parsed.data;
}

export const keyLength = 32;
export const saltLength = 16;

/** Derives a 32-byte key-encryption key from a password or recovery code. */
export async function deriveKey(secret: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
  const { memoryKiB, iterations, parallelism } = validateKdfParams(params);
  return hash(secret, {
    type: argon2id,
    raw: true,
    salt,
    memoryCost: memoryKiB,
    timeCost: iterations,
    parallelism,
    hashLength: keyLength,
  });
}
