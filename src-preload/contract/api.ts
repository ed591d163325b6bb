/**
 * The one API contract between the renderer and the core.
 *
 * Every method is a request/response pair validated at the boundary with zod, so that Electron IPC,
 * the loopback test host and the CLI can all hand untrusted payloads to the same handlers.
 * Later domains (records, medmij, sync, sharing) add their methods here.
 */
import { z } from 'zod';

import { autoLockMaxMinutes, languages, type Language } from './constants';
import { hiddenRequestSchemas, type HiddenResponses } from './hidden';
import { importRequestSchemas, type ImportEvents, type ImportResponses } from './imports';
import { measurementRequestSchemas, type MeasurementResponses } from './measurements';
import { medmijRequestSchemas, type MedmijEvents, type MedmijResponses } from './medmij';
import { questionnaireRequestSchemas, type QuestionnaireResponses } from './questionnaires';
import { recordsRequestSchemas, type RecordsResponses } from './records';
import { sharingRequestSchemas, type SharingEvents, type SharingResponses } from './sharing';
import { syncRequestSchemas, type HostPlatform, type SyncEvents, type SyncResponses } from './sync';

export { autoLockChoices, languages, type Language } from './constants';

const profileId = z.string().regex(/^[a-z0-9]{26}$/, 'profile id');
const label = z.string();
const password = z.string().max(1024);
const totpCode = z.string().max(16);

export interface ProfileSummary {
  id: string;
  label: string;
  createdAt: string;
  unlocked: boolean;
}

export interface Enrollment {
  enrollmentId: string;
  /** otpauth://totp/… URI, SHA1, 6 digits, 30 s: scan as QR or type the secret. */
  otpauthUri: string;
  /** The base32 secret, for people who type it in rather than scan. */
  secret: string;
  expiresAt: string;
}

export interface PasswordAssessment {
  /** 0 (very weak) … 4 (very strong), zxcvbn's scale. */
  score: 0 | 1 | 2 | 3 | 4;
  acceptable: boolean;
  /** Localized, human feedback: why it is weak and what helps. */
  warning: string | null;
  suggestions: string[];
}

export interface AppPreferences {
  /** null until the person has chosen (first run shows the welcome in Dutch). */
  language: Language | null;
  welcomeSeen: boolean;
  /** Desktop app: keep syncing (in the tray / menu bar) after the last window closes. */
  syncWhenClosed: boolean;
}

export interface ProfileSettings {
  /** Minutes of inactivity before the profile locks itself. */
  autoLockMinutes: number;
}

export const requestSchemas = {
  'app.info': z.object({}),
  'app.getPreferences': z.object({}),
  'app.setPreferences': z.object({ language: z.enum(languages).optional(), welcomeSeen: z.boolean().optional(), syncWhenClosed: z.boolean().optional() }),
  /**
   * The system's folder picker (a host capability: the desktop app has one, the browser host and the
   * CLI do not — see app.info canPickFolder). `title` is shown in the dialog's title bar.
   */
  'app.pickFolder': z.object({ title: z.string().min(1).max(200), defaultPath: z.string().max(4096).optional() }),

  'profiles.list': z.object({}),
  'profiles.assessPassword': z.object({ password, language: z.enum(languages).optional(), label: label.optional() }),
  'profiles.beginCreate': z.object({ label, password }),
  'profiles.completeCreate': z.object({ enrollmentId: z.string().max(100), code: totpCode }),
  /** "Terug" or "Annuleren" on the authenticator step (creating or recovering): forgets the enrollment. */
  'profiles.cancelEnrollment': z.object({ enrollmentId: z.string().max(100) }),
  'profiles.rename': z.object({ profileId, label }),
  'profiles.delete': z.object({ profileId, confirmLabel: label }),

  'auth.unlock': z.object({ profileId, password, code: totpCode }),
  'auth.lock': z.object({ profileId }),
  /** exceptKeptOpen: leave the profiles the person left open with "open laten" (a new window starts with this). */
  'auth.lockAll': z.object({ exceptKeptOpen: z.boolean().optional() }),
  'auth.activity': z.object({ profileId }),
  /** Leaving a profile for another: it locks, unless the person ticked "open laten" this time. */
  'auth.leave': z.object({ profileId, keepOpen: z.boolean() }),
  /** Unsaved input and the screen, stashed encrypted in the core's memory to survive a lock (at most 64 KiB). */
  'auth.putDraft': z.object({ profileId, draft: z.string().max(64 * 1024) }),
  /** The stashed draft, once, after unlocking. */
  'auth.takeDraft': z.object({ profileId }),
  'auth.beginRecovery': z.object({ profileId, recoveryCode: z.string().max(200), newPassword: password }),
  'auth.completeRecovery': z.object({ enrollmentId: z.string().max(100), code: totpCode }),
  /** renewKey: also re-encrypt the database under a new key (an old vault.json no longer opens it); gives a new recovery code. */
  'auth.changePassword': z.object({ profileId, currentPassword: password, code: totpCode, newPassword: password, renewKey: z.boolean().optional() }),

  'settings.get': z.object({ profileId }),
  'settings.set': z.object({ profileId, autoLockMinutes: z.number().int().min(1).max(autoLockMaxMinutes) }),

  ...recordsRequestSchemas,
  ...hiddenRequestSchemas,
  ...importRequestSchemas,
  ...measurementRequestSchemas,
  ...medmijRequestSchemas,
  ...sharingRequestSchemas,
  ...questionnaireRequestSchemas,
  ...syncRequestSchemas,
} as const;

export type Method = keyof typeof requestSchemas;
/** What a caller sends (defaults may be left out). */
export type Request<M extends Method> = z.input<(typeof requestSchemas)[M]>;
/** What a handler receives: validated, defaults filled in. */
export type ParsedRequest<M extends Method> = z.output<(typeof requestSchemas)[M]>;

export interface Responses
  extends RecordsResponses, HiddenResponses, MeasurementResponses, MedmijResponses, QuestionnaireResponses, SharingResponses, SyncResponses, ImportResponses {
  'app.info': {
    version: string;
    host: 'electron' | 'browser' | 'cli';
    /** The kind of computer the core runs on (the one whose folders the person types). */
    platform: HostPlatform;
    /** app.pickFolder works here (the desktop app); elsewhere folders are typed as a path. */
    canPickFolder: boolean;
    /** imports.pick works here (the desktop app's own file and folder dialogs); elsewhere files are uploaded. */
    canPickImport: boolean;
  };
  'app.getPreferences': AppPreferences;
  'app.setPreferences': AppPreferences;
  /** The chosen folder's absolute path; null when the person closed the dialog without choosing. */
  'app.pickFolder': { folder: string | null };

  'profiles.list': ProfileSummary[];
  'profiles.assessPassword': PasswordAssessment;
  'profiles.beginCreate': Enrollment;
  /** The profile is created and unlocked; the recovery code is shown exactly once. */
  'profiles.completeCreate': { profile: ProfileSummary; recoveryCode: string };
  'profiles.cancelEnrollment': Record<string, never>;
  'profiles.rename': ProfileSummary;
  'profiles.delete': Record<string, never>;

  'auth.unlock': ProfileSummary;
  'auth.lock': Record<string, never>;
  'auth.lockAll': Record<string, never>;
  'auth.activity': Record<string, never>;
  'auth.leave': Record<string, never>;
  'auth.putDraft': Record<string, never>;
  'auth.takeDraft': { draft: string | null };
  /** Recovery code accepted: the person sets up the authenticator again before the new password takes effect. */
  'auth.beginRecovery': Enrollment;
  /** New password and authenticator active, old recovery code replaced by this new one. Profile unlocked. */
  'auth.completeRecovery': { profile: ProfileSummary; recoveryCode: string };
  'auth.changePassword': { recoveryCode: string | null };

  'settings.get': ProfileSettings;
  'settings.set': ProfileSettings;
}
export type Response<M extends Method> = Responses[M];

/** Events pushed from the core to every connected UI. */
export type LockReason = 'manual' | 'idle' | 'os' | 'deleted' | 'password-changed';
export interface Events extends ImportEvents, MedmijEvents, SharingEvents, SyncEvents {
  'profile.locked': { profileId: string; reason: LockReason };
  /** The profile will lock itself for inactivity at `locksAt` (ISO) unless the person does something. */
  'profile.lockSoon': { profileId: string; locksAt: string };
  'profiles.changed': Record<string, never>;
}
export type EventName = keyof Events;
export interface EventMessage<E extends EventName = EventName> {
  event: E;
  payload: Events[E];
}

/** What every transport returns for a call: a result or a typed error. */
export type CallResult<M extends Method> =
  | { ok: true; value: Response<M> }
  | { ok: false; error: import('./errors').ErrorPayload };

/** The shape the renderer programs against, whatever the transport. */
export interface RegieApi {
  call<M extends Method>(method: M, request: Request<M>): Promise<CallResult<M>>;
  onEvent(listener: (message: EventMessage) => void): () => void;
}
