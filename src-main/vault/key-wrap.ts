import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ivLength = 12;
const tagLength = 16;
const keyLength = 32;

/** What a wrapped key is bound to: a wrapped key copied into another profile or slot fails to unwrap. */
export interface WrapContext {
  profileId: string;
  /** 'password', 'recovery' or 'session/<sessionId>'. */
  slot: string;
}

const aadOf = ({ profileId, slot }: WrapContext): Buffer => Buffer.from(`regie/v1/${profileId}/${slot}`, 'utf8');

/** AES-256-GCM: base64 of iv ‖ tag ‖ ciphertext. */
export function wrapKey(dataKey: Buffer, kek: Buffer, context: WrapContext): string {
  if (dataKey.length !== keyLength || kek.length !== keyLength) throw new Error('wrapKey needs 32-byte keys');
  const iv = randomBytes(ivLength);
  const cipher = createCipheriv('aes-256-gcm', kek, iv, { authTagLength: tagLength });
  cipher.setAAD(aadOf(context));
  const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
}

/** The data key, or null when the KEK or context is wrong or the blob was altered (a wrong password is not an error). */
export function unwrapKey(wrapped: string, kek: Buffer, context: WrapContext): Buffer | null {
  const blob = Buffer.from(wrapped, 'base64');
  if (blob.length !== ivLength + tagLength + keyLength || kek.length !== keyLength) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, blob.subarray(0, ivLength), { authTagLength: tagLength });
    decipher.setAAD(aadOf(context));
    decipher.setAuthTag(blob.subarray(ivLength, ivLength + tagLength));
    return Buffer.concat([decipher.update(blob.subarray(ivLength + tagLength)), decipher.final()]);
  } catch {
    return null;
  }
}
