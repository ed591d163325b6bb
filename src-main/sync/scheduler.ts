/**
 * Background sync, run by the core (not by a window): for every unlocked profile with a sync folder,
 * a round shortly after each local change, one every `intervalMs`, and one on wake(); in the Electron
 * main process while the app runs, in the test host, and in `regie sync --watch`.
 *
 * Rounds never keep a profile open: they use the database through the vault, which is not activity
 * (only the person's own actions restart the idle timer). When a profile locks, its timers stop and
 * its store's listener goes with the store; a round running at that moment ends with 'profile-locked'
 * (SyncService), which is no failure. After the next unlock it starts again.
 *
 * Rounds of one profile never overlap (SyncService runs them one at a time); a change during a round
 * asks for one more after it. Each finished round is announced (onRound), so a window can show the
 * status without asking for rounds itself.
 */
import type { ErrorPayload } from '../../src-preload/contract/errors';
import type { SyncCounts } from '../../src-preload/contract/sync';
import { toErrorPayload } from '../core/errors';
import type { RecordStores } from '../core/record-stores';
import { origins } from '../records/doc-model';
import type { Vault } from '../vault/vault';
import type { SyncService } from './service';

export interface SyncRoundEvent {
  profileId: string;
  /** The round's counts; null when it failed (see error). */
  counts: SyncCounts | null;
  error: ErrorPayload | null;
}

export interface SyncSchedulerOptions {
  vault: Vault;
  recordStores: RecordStores;
  sync: SyncService;
  /** A round at least this often (default 60 s). */
  intervalMs?: number;
  /** A round this long after a local change (default 2 s): a burst of changes gives one round. */
  afterChangeMs?: number;
  onRound?: (event: SyncRoundEvent) => void;
}

interface Watched {
  interval: ReturnType<typeof setInterval>;
  soon: ReturnType<typeof setTimeout> | null;
  stopListening: () => void;
  running: boolean;
  again: boolean;
}

export class SyncScheduler {
  private readonly watched = new Map<string, Watched>();
  private readonly intervalMs: number;
  private readonly afterChangeMs: number;
  private stopVault: Array<() => void> = [];
  private running = false;

  constructor(private readonly options: SyncSchedulerOptions) {
    this.intervalMs = options.intervalMs ?? 60_000;
    this.afterChangeMs = options.afterChangeMs ?? 2_000;
  }

  /** Starts watching every unlocked profile, and each one unlocked from now on. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const { vault } = this.options;
    this.stopVault = [
      // Not inside the unlock itself: opening the record store can take a while for a large profile.
      vault.onUnlocked((profileId) => void setTimeout(() => this.watch(profileId), 0)),
      vault.onLocked((profileId) => this.unwatch(profileId)),
    ];
    for (const profile of vault.list()) if (profile.unlocked) this.watch(profile.id);
  }

  /** Stops every timer; rounds under way finish on their own. */
  stop(): void {
    this.running = false;
    for (const stop of this.stopVault) stop();
    this.stopVault = [];
    for (const profileId of [...this.watched.keys()]) this.unwatch(profileId);
  }

  /** The computer woke up (or the network came back): a round for every watched profile now. */
  wake(): void {
    for (const profileId of this.watched.keys()) this.soon(profileId, 0);
  }

  /** Profiles being watched (unlocked while the scheduler runs). */
  profiles(): string[] {
    return [...this.watched.keys()];
  }

  private watch(profileId: string): void {
    if (!this.running || this.watched.has(profileId) || !this.options.vault.isUnlocked(profileId)) return;
    let stopListening: () => void;
    try {
      // Local changes only: what a round brings in (remote) or another process wrote (peer) needs no round.
      stopListening = this.options.recordStores.of(profileId).onUpdate((_update, origin) => {
        if (origin === origins.local) this.soon(profileId, this.afterChangeMs);
      });
    } catch {
      return; // locked again already
    }
    const interval = setInterval(() => this.soon(profileId, 0), this.intervalMs);
    interval.unref?.();
    this.watched.set(profileId, { interval, soon: null, stopListening, running: false, again: false });
    // A first round soon after unlocking: what the other devices did meanwhile.
    this.soon(profileId, this.afterChangeMs);
  }

  private unwatch(profileId: string): void {
    const entry = this.watched.get(profileId);
    if (!entry) return;
    clearInterval(entry.interval);
    if (entry.soon) clearTimeout(entry.soon);
    entry.stopListening();
    this.watched.delete(profileId);
  }

  private soon(profileId: string, delayMs: number): void {
    const entry = this.watched.get(profileId);
    if (!entry) return;
    if (entry.running) {
      entry.again = true;
      return;
    }
    if (entry.soon) clearTimeout(entry.soon);
    entry.soon = setTimeout(() => {
      entry.soon = null;
      void this.round(profileId, entry);
    }, delayMs);
    entry.soon.unref?.();
  }

  private async round(profileId: string, entry: Watched): Promise<void> {
    if (this.watched.get(profileId) !== entry) return;
    try {
      if (!this.options.sync.hasFolder(profileId)) return;
    } catch {
      return; // locked meanwhile
    }
    entry.running = true;
    entry.again = false;
    let event: SyncRoundEvent;
    try {
      event = { profileId, counts: await this.options.sync.syncNow(profileId), error: null };
    } catch (error) {
      event = { profileId, counts: null, error: toErrorPayload(error) };
    } finally {
      entry.running = false;
    }
    // Locked meanwhile: nothing to tell a window, and nothing more to do until the next unlock.
    if (this.watched.get(profileId) !== entry) return;
    this.options.onRound?.(event);
    if (entry.again) this.soon(profileId, this.afterChangeMs);
  }
}
