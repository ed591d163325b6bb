/**
 * What a person had typed but not yet saved when their profile locked (a half-typed measurement, the
 * screen they were on), kept across the lock so that unlocking brings them back to it.
 *
 * Kept in this process's memory only, and encrypted under a key derived from the profile's data key:
 * while the profile is locked the data key is gone, so the stash cannot be read by anything in this
 * process, and it never touches the disk or browser storage. Unlocking (the data key is back) makes it
 * readable again; taking it removes it.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Generous for form input and a screen reference; refuses anything that looks like bulk data. */
export const maxDraftBytes = 64 * 1024;

interface Sealed {
  iv: Buffer;
  tag: Buffer;
  data: Buffer;
}

function draftKey(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'regie/v1/draft', 32));
}

export class DraftStash {
  private readonly sealed = new Map<string, Sealed>();

  put(profileId: string, dataKey: Buffer, text: string): void {
    const key = draftKey(dataKey);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(profileId));
    const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    this.sealed.set(profileId, { iv, tag: cipher.getAuthTag(), data });
    key.fill(0);
  }

  /** The stashed text, once; null when there is none or it no longer opens (e.g. the key was renewed). */
  take(profileId: string, dataKey: Buffer): string | null {
    const sealed = this.sealed.get(profileId);
    if (!sealed) return null;
    this.sealed.delete(profileId);
    const key = draftKey(dataKey);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
      decipher.setAAD(Buffer.from(profileId));
      decipher.setAuthTag(sealed.tag);
      return Buffer.concat([decipher.update(sealed.data), decipher.final()]).toString('utf8');
    } catch {
      return null;
    } finally {
      key.fill(0);
    }
  }

  drop(profileId: string): void {
    this.sealed.delete(profileId);
  }
}
