import { randomBytes } from 'node:crypto';
import { RegieError } from '../core/errors';

export const enrollmentLifetimeMs = 15 * 60_000;

interface EnrollmentBase {
  id: string;
  expiresAt: number;
  totpSecret: string;
  /** Derived from the (new) password at the start, so the password itself need not be kept. */
  passwordSalt: Buffer;
  passwordKek: Buffer;
}
export interface CreateEnrollment extends EnrollmentBase {
  kind: 'create';
  label: string;
}
export interface RecoveryEnrollment extends EnrollmentBase {
  kind: 'recovery';
  profileId: string;
  dataKey: Buffer;
}
export type PendingEnrollment = CreateEnrollment | RecoveryEnrollment;
type WithoutBookkeeping<T> = T extends PendingEnrollment ? Omit<T, 'id' | 'expiresAt'> : never;

/**
 * Enrollments waiting for their first authenticator code. They hold key material, so they are wiped
 * when they expire, are taken, or are cleared; an unref'd timer also wipes them if nobody asks again.
 */
export class Enrollments {
  private readonly pending = new Map<string, PendingEnrollment>();

  constructor(private readonly now: () => number) {}

  add(enrollment: WithoutBookkeeping<PendingEnrollment>): PendingEnrollment {
    this.prune();
    const entry = { ...enrollment, id: randomBytes(18).toString('base64url'), expiresAt: this.now() + enrollmentLifetimeMs };
    this.pending.set(entry.id, entry as PendingEnrollment);
    setTimeout(() => this.discard(entry.id), enrollmentLifetimeMs).unref();
    return entry as PendingEnrollment;
  }

  /** The live enrollment of this kind, still pending (so a wrong code can be retried); else 'enrollment-expired'. */
  find<K extends PendingEnrollment['kind']>(id: string, kind: K): Extract<PendingEnrollment, { kind: K }> {
    this.prune();
    const entry = this.pending.get(id);
    if (!entry || entry.kind !== kind) throw new RegieError('enrollment-expired');
    return entry as Extract<PendingEnrollment, { kind: K }>;
  }

  /** Removes without wiping: the caller now owns the key material. */
  take(id: string): void {
    this.pending.delete(id);
  }

  discard(id: string): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    wipeEnrollment(entry);
  }

  discardWhere(predicate: (entry: PendingEnrollment) => boolean): void {
    for (const entry of [...this.pending.values()]) if (predicate(entry)) this.discard(entry.id);
  }

  private prune(): void {
    const now = this.now();
    this.discardWhere((entry) => entry.expiresAt <= now);
  }
}

export function wipeEnrollment(entry: PendingEnrollment): void {
  entry.passwordKek.fill(0);
  if (entry.kind === 'recovery') entry.dataKey.fill(0);
}
