/**
 * What the relay hands out instead of keeping it: the state it sends through the browser, the
 * ticket of a fetch and the grant that stands for the provider's access token, each encrypted and
 * authenticated (AES-256-GCM) under a key derived from the relay's secret. So the relay keeps no
 * fetch in memory or on disk between requests, any instance with the same secret can serve the next
 * request, and only a relay can open them: the desktop holds the grant but cannot read the token in it.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export type SealedKind = 'state' | 'ticket' | 'grant';

/** Through the browser and the provider: where the browser goes next. */
export interface SealedState {
  /** fetch id */
  f: string;
  /** the desktop's loopback listener */
  t: string;
  /** the desktop's state for it */
  s: string;
  /** expires, epoch ms */
  e: number;
}

/** From authorize to the code's redemption. */
export interface SealedTicket {
  f: string;
  /** the fetch's public key */
  k: string;
  /** token endpoint */
  te: string;
  /** resource endpoint */
  re: string;
  /** X-Correlation-ID */
  c: string;
  e: number;
}

/** After the redemption: what a provider request needs, the access token included. */
export interface SealedGrant {
  f: string;
  k: string;
  re: string;
  c: string;
  /** the provider's access token */
  at: string;
  e: number;
}

interface SealedValues {
  state: SealedState;
  ticket: SealedTicket;
  grant: SealedGrant;
}

export class Sealer {
  private readonly keys: Record<SealedKind, Buffer>;

  constructor(secret: Buffer) {
    const key = (kind: SealedKind) => Buffer.from(hkdfSync('sha256', secret, 'regie-relay', `sealed ${kind} v1`, 32));
    this.keys = { state: key('state'), ticket: key('ticket'), grant: key('grant') };
  }

  seal<K extends SealedKind>(kind: K, value: SealedValues[K]): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys[kind], nonce);
    cipher.setAAD(Buffer.from(kind));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url');
  }

  /** The value, or null for anything this relay (or its secret) did not seal as this kind. */
  open<K extends SealedKind>(kind: K, sealed: string): SealedValues[K] | null {
    if (!/^[A-Za-z0-9_-]{40,}$/.test(sealed)) return null;
    const data = Buffer.from(sealed, 'base64url');
    if (data.length < 12 + 16 + 2) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.keys[kind], data.subarray(0, 12));
      decipher.setAAD(Buffer.from(kind));
      decipher.setAuthTag(data.subarray(data.length - 16));
      const json = Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]).toString('utf8');
      const value = JSON.parse(json) as SealedValues[K];
      return typeof value === 'object' && value !== null && typeof value.f === 'string' && typeof value.e === 'number' ? value : null;
    } catch {
      return null;
    }
  }
}

/**
 * Things used once (a state, a ticket's redemption), remembered in memory until they expire anyway.
 * Per instance: behind a load balancer the provider's single-use code and the desktop's one-shot
 * listener still stop a replay that reaches another instance.
 */
export class UsedOnce {
  private readonly used = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly max = 200_000,
  ) {}

  /** True the first time for `id` (until `expiresAt`), false after. */
  take(id: string, expiresAt: number): boolean {
    if (this.used.has(id)) return false;
    if (this.used.size >= this.max) this.prune();
    this.used.set(id, expiresAt);
    return true;
  }

  prune(): void {
    const now = this.now();
    for (const [id, expiresAt] of this.used) if (expiresAt <= now) this.used.delete(id);
  }
}
