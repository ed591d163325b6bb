import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Enrollment, Language, LockReason, ProfileSettings, ProfileSummary } from '../../src-preload/contract/api';
import { createSession, endSessions, openSession } from '../auth/cli-sessions';
import { assessPassword } from '../auth/password-policy';
import { newRecoveryCode, normalizeRecoveryCode } from '../auth/recovery-code';
import { Throttle } from '../auth/throttle';
import { newTotpSecret, totpUri, verifyTotp } from '../auth/totp';
import { RegieError } from '../core/errors';
import { privateDirMode } from '../common/atomic-file';
import { openProfileDatabase, type Database } from './database';
import { DraftStash, maxDraftBytes } from './drafts';
import { Enrollments, type PendingEnrollment } from './enrollments';
import { readHeader, writeHeader, type KeySlot, type VaultHeader } from './header';
import { rekeyDatabase } from './rekey';
import { KeyedMutex } from './keyed-mutex';
import { defaultKdfParams, deriveKey, keyLength, saltLength, validateKdfParams, type KdfParams } from './kdf';
import { unwrapKey, wrapKey } from './key-wrap';
import { sameLabel, validateLabel } from './label';
import { metaKeys, readMeta, writeMeta } from './meta';
import {
  databaseFileOf,
  isProfileId,
  legacyThrottleFileOf,
  newProfileId,
  profileDirOf,
  profilesDirOf,
  throttleFileOf,
} from './profile-paths';
import { readSettings, settingsSchema, writeSettings } from './settings';

export interface VaultOptions {
  dataDir: string;
  kdf?: KdfParams;
  now?: () => number;
  /** Replaces every profile's auto-lock delay (tests). */
  idleLockMsOverride?: number;
  /** Language of password feedback in 'weak-password' errors; Dutch by default. */
  language?: () => Language;
}

interface OpenProfile {
  db: Database;
  dataKey: Buffer;
  idleMs: number;
  timer: NodeJS.Timeout | null;
  /** Fires shortly before the idle lock, so the person can be warned. */
  warnTimer: NodeJS.Timeout | null;
  /** The person left it and chose to keep it open this time (see keepOpen). */
  keptOpen: boolean;
}

type LockListener = (profileId: string, reason: LockReason) => void;
type LockSoonListener = (profileId: string, locksAt: number) => void;

/** How long before an idle lock the person is warned: a minute, or half the delay when it is shorter. */
export function lockWarningMs(idleMs: number): number {
  return Math.min(60_000, Math.floor(idleMs / 2));
}

const labelCollator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

/**
 * The profiles on this computer and which of them are unlocked. Transport-agnostic: the IPC handlers,
 * the browser test host and the CLI all call this. Keys live only in `unlocked` and pending
 * enrollments, and are zero-filled when a profile locks.
 */
export class Vault {
  private readonly dataDir: string;
  private readonly kdf: KdfParams;
  private readonly now: () => number;
  private readonly idleLockMsOverride: number | undefined;
  private readonly language: () => Language;
  private readonly unlocked = new Map<string, OpenProfile>();
  private readonly listeners = new Set<LockListener>();
  private readonly soonListeners = new Set<LockSoonListener>();
  private readonly unlockListeners = new Set<(profileId: string) => void>();
  private readonly drafts = new DraftStash();
  private readonly enrollments: Enrollments;
  private readonly mutex = new KeyedMutex();

  constructor(options: VaultOptions) {
    this.dataDir = options.dataDir;
    this.kdf = validateKdfParams(options.kdf ?? defaultKdfParams);
    this.now = options.now ?? Date.now;
    this.idleLockMsOverride = options.idleLockMsOverride;
    this.language = options.language ?? (() => 'nl');
    this.enrollments = new Enrollments(this.now);
  }

  onLocked(listener: LockListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A profile was unlocked (opened, created, recovered): background work for it may start. */
  onUnlocked(listener: (profileId: string) => void): () => void {
    this.unlockListeners.add(listener);
    return () => this.unlockListeners.delete(listener);
  }

  /** Shortly before a profile locks itself for inactivity (see lockWarningMs). */
  onLockSoon(listener: LockSoonListener): () => void {
    this.soonListeners.add(listener);
    return () => this.soonListeners.delete(listener);
  }

  list(): ProfileSummary[] {
    let entries;
    try {
      entries = readdirSync(profilesDirOf(this.dataDir), { withFileTypes: true });
    } catch {
      return [];
    }
    const profiles: ProfileSummary[] = [];
    for (const entry of entries) {
      if (!entry.isDirectory() || !isProfileId(entry.name)) continue;
      try {
        profiles.push(this.summary(this.readProfileHeader(entry.name)));
      } catch {
        // A folder without a valid header (e.g. half-deleted by hand) cannot be offered for unlocking.
      }
    }
    return profiles.sort((a, b) => labelCollator.compare(a.label, b.label) || a.id.localeCompare(b.id));
  }

  async beginCreate(label: string, password: string): Promise<Enrollment> {
    const cleanLabel = validateLabel(label);
    this.assertAcceptablePassword(password, cleanLabel);
    const passwordSalt = randomBytes(saltLength);
    const passwordKek = await deriveKey(password, passwordSalt, this.kdf);
    const totpSecret = newTotpSecret();
    const pending = this.enrollments.add({ kind: 'create', label: cleanLabel, passwordSalt, passwordKek, totpSecret });
    return this.enrollmentView(pending, cleanLabel);
  }

  async completeCreate(
    enrollmentId: string,
    confirm: { code: string } | { unconfirmed: true },
  ): Promise<{ profile: ProfileSummary; recoveryCode: string }> {
    const pending = this.enrollments.find(enrollmentId, 'create');
    let confirmedStep: number | null = null;
    if ('code' in confirm) {
      const result = verifyTotp(pending.totpSecret, confirm.code, { now: this.now(), lastUsedStep: null });
      if (!result.ok) throw new RegieError('wrong-code');
      confirmedStep = result.step;
    }
    this.enrollments.take(pending.id);

    const profileId = newProfileId();
    const dir = profileDirOf(this.dataDir, profileId);
    const dataKey = newDataKey();
    const recoveryCode = newRecoveryCode();
    let db: Database | undefined;
    try {
      const header: VaultHeader = {
        format: 'regie-vault',
        version: 1,
        profileId,
        label: pending.label,
        createdAt: new Date(this.now()).toISOString(),
        kdf: this.kdf,
        slots: {
          password: passwordSlot(profileId, dataKey, pending),
          recovery: await this.recoverySlot(profileId, dataKey, recoveryCode),
        },
      };
      mkdirSync(profilesDirOf(this.dataDir), { recursive: true, mode: privateDirMode });
      mkdirSync(dir, { mode: privateDirMode });
      db = openProfileDatabase(databaseFileOf(dir), dataKey, { create: true });
      storeTotp(db, pending.totpSecret, confirmedStep);
      // The header goes last: a folder with a header is a complete profile.
      writeHeader(dir, header);
      this.register(profileId, db, dataKey);
      return { profile: this.summary(header), recoveryCode };
    } catch (error) {
      db?.close();
      dataKey.fill(0);
      rmSync(dir, { recursive: true, force: true });
      throw error;
    } finally {
      pending.passwordKek.fill(0);
    }
  }

  async unlock(profileId: string, password: string, code: string): Promise<ProfileSummary> {
    const dir = this.profileDir(profileId);
    return this.mutex.run(profileId, async () => {
      const throttle = this.beginAttempt(dir);
      const header = await this.settlePendingRekey(profileId, password);
      const dataKey = await this.unwrapWithPassword(header, password);
      // Already unlocked: this is a re-authentication; check the factors against the open database.
      const open = this.unlocked.get(profileId);
      let db: Database;
      try {
        db = open?.db ?? openProfileDatabase(databaseFileOf(dir), dataKey);
      } catch (error) {
        dataKey.fill(0);
        throw error;
      }
      try {
        this.verifyCode(db, code);
      } catch (error) {
        if (!open) db.close();
        dataKey.fill(0);
        throw error;
      }
      throttle.recordSuccess();
      if (open) {
        dataKey.fill(0);
        this.touch(profileId);
      } else {
        this.register(profileId, db, dataKey);
      }
      return this.summary(header);
    });
  }

  lock(profileId: string, reason: LockReason): void {
    const state = this.unlocked.get(profileId);
    if (!state) return;
    this.unlocked.delete(profileId);
    if (state.timer) clearTimeout(state.timer);
    if (state.warnTimer) clearTimeout(state.warnTimer);
    try {
      state.db.close();
    } catch {
      // Closing must never stop the key from being wiped.
    }
    state.dataKey.fill(0);
    for (const listener of [...this.listeners]) {
      try {
        listener(profileId, reason);
      } catch {
        // One failing listener must not keep others from learning about the lock.
      }
    }
  }

  /** Also wipes pending enrollments: after an OS lock nobody should be able to finish someone's setup. */
  lockAll(reason: LockReason, options: { exceptKeptOpen?: boolean } = {}): void {
    this.enrollments.discardWhere(() => true);
    for (const [profileId, state] of [...this.unlocked]) {
      if (!(options.exceptKeptOpen && state.keptOpen)) this.lock(profileId, reason);
    }
  }

  /** The person's own activity in this profile: restarts its idle timer (and they are back in it). */
  touch(profileId: string): void {
    const state = this.unlocked.get(profileId);
    if (!state) return;
    state.keptOpen = false;
    this.restartIdleTimer(profileId, state);
  }

  /**
   * The person leaves an open profile for another one and chose "open laten" this time: it stays
   * unlocked (its own auto-lock still applies), and a new window does not lock it (lockAll
   * exceptKeptOpen). Otherwise leaving locks it.
   */
  keepOpen(profileId: string): void {
    this.requireUnlocked(profileId).keptOpen = true;
  }

  /** The person went back or stopped during setup: the pending enrollment and its keys are wiped now. */
  cancelEnrollment(enrollmentId: string): void {
    this.enrollments.discardWhere((entry) => entry.id === enrollmentId);
  }

  /** Stashes what the person typed but did not save, to survive a lock (see drafts.ts). */
  putDraft(profileId: string, text: string): void {
    if (Buffer.byteLength(text, 'utf8') > maxDraftBytes) throw new RegieError('invalid-request', undefined, 'draft too large');
    this.drafts.put(profileId, this.requireUnlocked(profileId).dataKey, text);
  }

  /** The stashed draft, once (null when none). */
  takeDraft(profileId: string): string | null {
    return this.drafts.take(profileId, this.requireUnlocked(profileId).dataKey);
  }

  isUnlocked(profileId: string): boolean {
    return this.unlocked.has(profileId);
  }

  /**
   * The open database. Using it is not activity: background work (sync rounds, progress polling,
   * reminders) must never keep a profile open. Only a person's actions count, through touch().
   */
  database(profileId: string): Database {
    return this.requireUnlocked(profileId).db;
  }

  async beginRecovery(profileId: string, recoveryCode: string, newPassword: string): Promise<Enrollment> {
    const dir = this.profileDir(profileId);
    return this.mutex.run(profileId, async () => {
      const header = this.readProfileHeader(profileId);
      this.assertAcceptablePassword(newPassword, header.label);
      const throttle = this.beginAttempt(dir);
      const normalized = normalizeRecoveryCode(recoveryCode);
      if (!normalized) {
        // Not counted as a failure: a malformed code reveals nothing and costs no Argon2 run.
        throttle.forgive();
        throw new RegieError('wrong-recovery-code');
      }
      const kek = await deriveKey(normalized, Buffer.from(header.slots.recovery.salt, 'base64'), header.kdf);
      const dataKey = unwrapKey(header.slots.recovery.wrapped, kek, { profileId, slot: 'recovery' });
      kek.fill(0);
      if (!dataKey) throw new RegieError('wrong-recovery-code');
      throttle.recordSuccess();
      try {
        const passwordSalt = randomBytes(saltLength);
        const passwordKek = await deriveKey(newPassword, passwordSalt, this.kdf);
        const totpSecret = newTotpSecret();
        const pending = this.enrollments.add({ kind: 'recovery', profileId, dataKey, passwordSalt, passwordKek, totpSecret });
        return this.enrollmentView(pending, header.label);
      } catch (error) {
        dataKey.fill(0);
        throw error;
      }
    });
  }

  async completeRecovery(enrollmentId: string, code: string): Promise<{ profile: ProfileSummary; recoveryCode: string }> {
    const pending = this.enrollments.find(enrollmentId, 'recovery');
    const result = verifyTotp(pending.totpSecret, code, { now: this.now(), lastUsedStep: null });
    if (!result.ok) throw new RegieError('wrong-code');
    this.enrollments.take(pending.id);
    const { profileId, dataKey } = pending;
    let keyHandedOver = false;
    try {
      const dir = this.profileDir(profileId);
      return await this.mutex.run(profileId, async () => {
        const recoveryCode = newRecoveryCode();
        // Recovery means the old password may be known to someone: the data key is renewed too, so an
        // old vault.json (a backup) with that password no longer opens the database.
        const newKey = newDataKey();
        const recovery = await this.recoverySlot(profileId, newKey, recoveryCode);
        const header = this.readProfileHeader(profileId); // read after the await: a rename may have happened
        const open = this.unlocked.get(profileId);
        const db = open?.db ?? openProfileDatabase(databaseFileOf(dir), dataKey);
        let keyInUse = dataKey;
        try {
          // Database first: if writing the header fails, the old recovery code still works to try again.
          storeTotp(db, pending.totpSecret, result.step);
          const renewed = { password: passwordSlot(profileId, newKey, pending), recovery };
          try {
            this.renewKey(profileId, db, dataKey, newKey, renewed);
            keyInUse = newKey;
          } catch (error) {
            if (!(error instanceof RegieError && error.code === 'profile-in-use')) throw error;
            // Another process holds the profile: recover all the same, with the key as it is.
            const kept = { password: passwordSlot(profileId, dataKey, pending), recovery: await this.recoverySlot(profileId, dataKey, recoveryCode) };
            writeHeader(dir, { ...this.readProfileHeader(profileId), kdf: this.kdf, slots: kept });
          }
        } catch (error) {
          if (!open) db.close();
          newKey.fill(0);
          throw error;
        }
        endSessions(dir);
        const renewed = keyInUse === newKey;
        if (!renewed) newKey.fill(0);
        if (open) {
          if (renewed) {
            open.dataKey.fill(0);
            open.dataKey = newKey;
          }
          this.touch(profileId);
        } else {
          this.register(profileId, db, keyInUse);
          keyHandedOver = !renewed; // this enrollment's copy of the old key is wiped below unless registered
        }
        return { profile: this.summary(header), recoveryCode };
      });
    } finally {
      pending.passwordKek.fill(0);
      if (!keyHandedOver) dataKey.fill(0);
    }
  }

  /**
   * Changes the password. With `renewKey` the data key is renewed too (the database re-encrypted), so
   * an old vault.json from a backup with the old password no longer opens it; that needs a new
   * recovery code, which is returned (shown once). Without it only the password slot changes.
   */
  async changePassword(
    profileId: string,
    currentPassword: string,
    code: string,
    newPassword: string,
    options: { renewKey?: boolean } = {},
  ): Promise<{ recoveryCode: string | null }> {
    const dir = this.profileDir(profileId);
    return this.mutex.run(profileId, async () => {
      const header = this.readProfileHeader(profileId);
      this.assertAcceptablePassword(newPassword, header.label);
      const throttle = this.beginAttempt(dir);
      const dataKey = await this.unwrapWithPassword(await this.settlePendingRekey(profileId, currentPassword), currentPassword);
      let kek: Buffer | undefined;
      let newKey: Buffer | undefined;
      // Both factors are checked again even when the profile is open; the CLI changes it while locked.
      const open = this.unlocked.get(profileId);
      let db: Database | undefined;
      try {
        db = open?.db ?? openProfileDatabase(databaseFileOf(dir), dataKey);
        this.verifyCode(db, code);
        throttle.recordSuccess();
        const salt = randomBytes(saltLength);
        // Same KDF parameters as the header: both slots share them.
        kek = await deriveKey(newPassword, salt, header.kdf);
        if (!options.renewKey) {
          const latest = this.readProfileHeader(profileId);
          const password: KeySlot = { salt: salt.toString('base64'), wrapped: wrapKey(dataKey, kek, { profileId, slot: 'password' }) };
          // Only the password slot changes: the database and its key stay as they are.
          writeHeader(dir, { ...latest, slots: { ...latest.slots, password } });
          endSessions(dir);
          return { recoveryCode: null };
        }
        newKey = newDataKey();
        const recoveryCode = newRecoveryCode();
        const slots = {
          password: { salt: salt.toString('base64'), wrapped: wrapKey(newKey, kek, { profileId, slot: 'password' }) },
          recovery: await this.recoverySlot(profileId, newKey, recoveryCode),
        };
        this.renewKey(profileId, db, dataKey, newKey, slots);
        endSessions(dir);
        if (open && this.unlocked.get(profileId) === open) {
          open.dataKey.fill(0);
          open.dataKey = newKey;
          newKey = undefined; // handed over to the open profile
        }
        return { recoveryCode };
      } finally {
        if (!open) db?.close();
        dataKey.fill(0);
        kek?.fill(0);
        newKey?.fill(0);
      }
    });
  }

  rename(profileId: string, label: string): ProfileSummary {
    this.requireUnlocked(profileId);
    const cleanLabel = validateLabel(label);
    const header = { ...this.readProfileHeader(profileId), label: cleanLabel };
    writeHeader(this.profileDir(profileId), header);
    return this.summary(header);
  }

  delete(profileId: string, confirmLabel: string): void {
    this.requireUnlocked(profileId);
    const dir = this.profileDir(profileId);
    const header = this.readProfileHeader(profileId);
    if (!sameLabel(confirmLabel, header.label)) throw new RegieError('confirmation-mismatch');
    this.lock(profileId, 'deleted');
    this.drafts.drop(profileId);
    this.enrollments.discardWhere((entry) => entry.kind === 'recovery' && entry.profileId === profileId);
    // Retries: on Windows a virus scanner may briefly hold a file open.
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }

  getSettings(profileId: string): ProfileSettings {
    const db = this.database(profileId);
    return asDamaged(() => readSettings(db));
  }

  setSettings(profileId: string, settings: ProfileSettings): ProfileSettings {
    const parsed = settingsSchema.safeParse(settings);
    if (!parsed.success) throw new RegieError('invalid-request', undefined, 'settings out of range');
    const state = this.requireUnlocked(profileId);
    writeSettings(state.db, parsed.data);
    const stored = asDamaged(() => readSettings(state.db));
    state.idleMs = this.idleMsFor(stored);
    this.restartIdleTimer(profileId, state);
    return stored;
  }

  async unlockForSession(
    profileIdOrLabel: string,
    password: string,
    code: string,
    idleMs: number,
  ): Promise<{ profile: ProfileSummary; token: string }> {
    const profileId = this.resolveProfile(profileIdOrLabel);
    const profile = await this.unlock(profileId, password, code);
    const state = this.requireUnlocked(profileId);
    const token = createSession(this.profileDir(profileId), profileId, state.dataKey, idleMs, this.now());
    return { profile, token };
  }

  openWithSession(token: string): ProfileSummary {
    const { profileId, dataKey } = openSession(profilesDirOf(this.dataDir), token, this.now());
    try {
      const header = this.readProfileHeader(profileId);
      if (this.unlocked.has(profileId)) {
        dataKey.fill(0);
        this.touch(profileId);
      } else {
        const db = openProfileDatabase(databaseFileOf(this.profileDir(profileId)), dataKey);
        this.register(profileId, db, dataKey);
      }
      return this.summary(header);
    } catch (error) {
      dataKey.fill(0);
      throw error;
    }
  }

  endSessions(profileId: string): void {
    endSessions(this.profileDir(profileId));
  }

  // ——— internals ———

  /** The folder of an existing profile; the id is checked before it touches a path. */
  private profileDir(profileId: string): string {
    if (!isProfileId(profileId)) throw new RegieError('profile-not-found');
    const dir = profileDirOf(this.dataDir, profileId);
    if (!existsSync(dir)) throw new RegieError('profile-not-found');
    return dir;
  }

  private readProfileHeader(profileId: string): VaultHeader {
    const header = readHeader(this.profileDir(profileId));
    // A header copied in from another profile's folder is not this profile's header.
    if (header.profileId !== profileId) throw new RegieError('vault-damaged', undefined, 'header belongs to another profile');
    return header;
  }

  private requireUnlocked(profileId: string): OpenProfile {
    const state = this.unlocked.get(profileId);
    if (state) return state;
    this.profileDir(profileId);
    throw new RegieError('profile-locked');
  }

  private summary(header: VaultHeader): ProfileSummary {
    return {
      id: header.profileId,
      label: header.label,
      createdAt: header.createdAt,
      unlocked: this.unlocked.has(header.profileId),
    };
  }

  private enrollmentView(pending: PendingEnrollment, label: string): Enrollment {
    return {
      enrollmentId: pending.id,
      otpauthUri: totpUri(pending.totpSecret, label),
      secret: pending.totpSecret,
      expiresAt: new Date(pending.expiresAt).toISOString(),
    };
  }

  private assertAcceptablePassword(password: string, label: string): void {
    const assessment = assessPassword(password, this.language(), [label]);
    if (!assessment.acceptable) throw new RegieError('weak-password', undefined, assessment.warning ?? undefined);
  }

  /**
   * Re-encrypts the database under `newKey` and makes `slots` (wrapping it) the header's, crash-safely:
   * header with a pending entry → re-encrypt → header promoted (see rekey.ts). When the database is in
   * use by another process nothing changes and 'profile-in-use' is thrown.
   */
  private renewKey(profileId: string, db: Database, oldKey: Buffer, newKey: Buffer, slots: { password: KeySlot; recovery: KeySlot }): void {
    const dir = this.profileDir(profileId);
    const latest = this.readProfileHeader(profileId);
    const { pending: _none, ...base } = latest;
    writeHeader(dir, { ...base, pending: { ...slots, previous: wrapKey(oldKey, newKey, { profileId, slot: 'previous' }) } });
    try {
      rekeyDatabase(db, newKey);
    } catch (error) {
      writeHeader(dir, base);
      throw error;
    }
    writeHeader(dir, { ...base, kdf: this.kdf, slots });
  }

  /**
   * A key renewal that stopped half-way (a crash between re-encrypting and writing the header) is
   * finished with the new password, or dropped when the database was never re-encrypted. Returns the
   * header to unlock with. Costs Argon2 runs only when a renewal is pending.
   */
  private async settlePendingRekey(profileId: string, password: string): Promise<VaultHeader> {
    const header = this.readProfileHeader(profileId);
    const { pending, ...base } = header;
    if (!pending) return header;
    const dir = this.profileDir(profileId);
    const file = databaseFileOf(dir);
    const kek = await deriveKey(password, Buffer.from(pending.password.salt, 'base64'), header.kdf);
    const newKey = unwrapKey(pending.password.wrapped, kek, { profileId, slot: 'password' });
    kek.fill(0);
    try {
      if (newKey) {
        if (!opensWith(file, newKey)) {
          const oldKey = unwrapKey(pending.previous, newKey, { profileId, slot: 'previous' });
          if (!oldKey) throw new RegieError('vault-damaged', undefined, 'pending key renewal cannot be finished');
          const db = openProfileDatabase(file, oldKey);
          oldKey.fill(0);
          try {
            rekeyDatabase(db, newKey);
          } finally {
            db.close();
          }
        }
        const settled: VaultHeader = { ...base, slots: { password: pending.password, recovery: pending.recovery } };
        writeHeader(dir, settled);
        return settled;
      }
      const oldKek = await deriveKey(password, Buffer.from(header.slots.password.salt, 'base64'), header.kdf);
      const oldKey = unwrapKey(header.slots.password.wrapped, oldKek, { profileId, slot: 'password' });
      oldKek.fill(0);
      if (!oldKey) return header; // a wrong password: the normal path says so
      const neverRenewed = opensWith(file, oldKey);
      oldKey.fill(0);
      // Re-encrypted already: the old password was replaced, even if the header did not say so yet.
      if (!neverRenewed) throw new RegieError('wrong-credentials');
      writeHeader(dir, base);
      return base;
    } finally {
      newKey?.fill(0);
    }
  }

  /**
   * Starts a guess at a secret: throws 'throttled' before any Argon2 work, else counts the attempt as
   * failed until recordSuccess(), in one step across processes (see Throttle), so parallel attempts
   * cannot all slip past the check.
   */
  private beginAttempt(dir: string): Throttle {
    const throttle = new Throttle(throttleFileOf(dir), legacyThrottleFileOf(dir));
    const waitMs = asDamaged(() => throttle.begin(this.now()));
    if (waitMs > 0) throw new RegieError('throttled', { seconds: Math.ceil(waitMs / 1000) });
    return throttle;
  }

  private async unwrapWithPassword(header: VaultHeader, password: string): Promise<Buffer> {
    const { profileId } = header;
    const kek = await deriveKey(password, Buffer.from(header.slots.password.salt, 'base64'), header.kdf);
    const dataKey = unwrapKey(header.slots.password.wrapped, kek, { profileId, slot: 'password' });
    kek.fill(0);
    if (!dataKey) throw new RegieError('wrong-credentials');
    return dataKey;
  }

  private async recoverySlot(profileId: string, dataKey: Buffer, recoveryCode: string): Promise<KeySlot> {
    const salt = randomBytes(saltLength);
    const normalized = normalizeRecoveryCode(recoveryCode);
    if (!normalized) throw new Error('generated recovery code does not normalize');
    const kek = await deriveKey(normalized, salt, this.kdf);
    try {
      return { salt: salt.toString('base64'), wrapped: wrapKey(dataKey, kek, { profileId, slot: 'recovery' }) };
    } finally {
      kek.fill(0);
    }
  }

  /**
   * Checks the authenticator code against the secret in the database and records its step against
   * replay. Read, check and write are one write transaction (BEGIN IMMEDIATE): another process
   * checking the same code waits for it and then finds the step used.
   */
  private verifyCode(db: Database, code: string): void {
    const verdict = asDamaged(() =>
      db
        .transaction(() => {
          const secret = readMeta(db, metaKeys.totpSecret);
          const lastStep = readMeta(db, metaKeys.totpLastStep);
          if (!secret) return 'no-secret' as const;
          const result = verifyTotp(secret, code, { now: this.now(), lastUsedStep: lastStep === null ? null : Number(lastStep) });
          if (result.ok) writeMeta(db, metaKeys.totpLastStep, String(result.step));
          return result.ok ? ('ok' as const) : result.reason;
        })
        .immediate(),
    );
    if (verdict === 'no-secret') throw new RegieError('vault-damaged', undefined, 'authenticator secret missing');
    // One answer for a wrong password, a wrong code and a used code: telling them apart would let
    // someone who guessed the password confirm it without the person's phone.
    if (verdict !== 'ok') throw new RegieError('wrong-credentials');
  }

  private register(profileId: string, db: Database, dataKey: Buffer): void {
    const settings = asDamaged(() => readSettings(db));
    const state: OpenProfile = { db, dataKey, idleMs: this.idleMsFor(settings), timer: null, warnTimer: null, keptOpen: false };
    this.unlocked.set(profileId, state);
    this.restartIdleTimer(profileId, state);
    for (const listener of [...this.unlockListeners]) {
      try {
        listener(profileId);
      } catch {
        // Background work that fails to start must not undo the unlock.
      }
    }
  }

  private idleMsFor(settings: ProfileSettings): number {
    return this.idleLockMsOverride ?? settings.autoLockMinutes * 60_000;
  }

  private restartIdleTimer(profileId: string, state: OpenProfile): void {
    if (state.timer) clearTimeout(state.timer);
    if (state.warnTimer) clearTimeout(state.warnTimer);
    const locksAt = Date.now() + state.idleMs;
    state.timer = setTimeout(() => {
      if (this.unlocked.get(profileId) === state) this.lock(profileId, 'idle');
    }, state.idleMs);
    state.warnTimer = setTimeout(() => {
      if (this.unlocked.get(profileId) !== state) return;
      for (const listener of [...this.soonListeners]) {
        try {
          listener(profileId, locksAt);
        } catch {
          // A failing listener must not keep others from warning.
        }
      }
    }, state.idleMs - lockWarningMs(state.idleMs));
    // Never keep a CLI process alive just to lock it later.
    state.timer.unref();
    state.warnTimer.unref();
  }

  private resolveProfile(profileIdOrLabel: string): string {
    const wanted = profileIdOrLabel.trim();
    if (isProfileId(wanted) && existsSync(join(profilesDirOf(this.dataDir), wanted))) return wanted;
    const matches = this.list().filter((profile) => sameLabel(profile.label, wanted));
    if (matches.length > 1) {
      throw new RegieError('invalid-request', undefined, 'several profiles have this name; use the profile id');
    }
    const [match] = matches;
    if (!match) throw new RegieError('profile-not-found');
    return match.id;
  }
}

function opensWith(file: string, key: Buffer): boolean {
  try {
    openProfileDatabase(file, key).close();
    return true;
  } catch {
    return false;
  }
}

function newDataKey(): Buffer {
  return randomBytes(keyLength);
}

function passwordSlot(profileId: string, dataKey: Buffer, pending: PendingEnrollment): KeySlot {
  return {
    salt: pending.passwordSalt.toString('base64'),
    wrapped: wrapKey(dataKey, pending.passwordKek, { profileId, slot: 'password' }),
  };
}

function storeTotp(db: Database, secret: string, lastUsedStep: number | null): void {
  asDamaged(() =>
    db.transaction(() => {
      writeMeta(db, metaKeys.totpSecret, secret);
      if (lastUsedStep === null) db.prepare('DELETE FROM meta WHERE key = ?').run(metaKeys.totpLastStep);
      else writeMeta(db, metaKeys.totpLastStep, String(lastUsedStep));
    })(),
  );
}

/** Unexpected fs/SQLite failures while reading a profile become 'vault-damaged' instead of a crash. */
function asDamaged<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof RegieError) throw error;
    throw new RegieError('vault-damaged');
  }
}
