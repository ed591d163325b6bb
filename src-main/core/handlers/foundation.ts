/** Handlers of the foundation: app preferences, profiles, unlocking, profile settings. */

import { hostPlatform } from '../../app/host';
import { assessPassword } from '../../auth/password-policy';
import { RegieError } from '../errors';
import type { HandlerDeps, HandlersFor } from './types';

const empty = {} as Record<string, never>;

export function foundationHandlers({ vault, preferences, host, pickFolder, emit, imports }: HandlerDeps): HandlersFor<'app' | 'profiles' | 'auth' | 'settings'> {
  const changed = () => emit('profiles.changed', {});
  const language = () => preferences.get().language ?? 'nl';

  return {
    'app.info': () => ({ version: process.env.npm_package_version ?? '0.1.0', host, platform: hostPlatform(), canPickFolder: pickFolder !== null, canPickImport: imports.canPick }),
    'app.getPreferences': () => preferences.get(),
    'app.setPreferences': (request) => preferences.update(request),
    'app.pickFolder': async ({ title, defaultPath }) => {
      if (!pickFolder) throw new RegieError('host-unsupported');
      return { folder: await pickFolder({ title, ...(defaultPath !== undefined && { defaultPath }) }) };
    },

    'profiles.list': () => vault.list(),
    'profiles.assessPassword': ({ password, language: requested, label }) =>
      assessPassword(password, requested ?? language(), label ? [label] : []),
    'profiles.beginCreate': ({ label, password }) => vault.beginCreate(label, password),
    'profiles.completeCreate': async ({ enrollmentId, code }) => {
      const created = await vault.completeCreate(enrollmentId, { code });
      changed();
      return created;
    },
    'profiles.cancelEnrollment': ({ enrollmentId }) => {
      vault.cancelEnrollment(enrollmentId);
      return empty;
    },
    'profiles.rename': ({ profileId, label }) => {
      const renamed = vault.rename(profileId, label);
      changed();
      return renamed;
    },
    'profiles.delete': ({ profileId, confirmLabel }) => {
      vault.delete(profileId, confirmLabel);
      changed();
      return empty;
    },

    'auth.unlock': async ({ profileId, password, code }) => {
      const profile = await vault.unlock(profileId, password, code);
      changed();
      return profile;
    },
    'auth.lock': ({ profileId }) => {
      vault.lock(profileId, 'manual');
      return empty;
    },
    'auth.lockAll': ({ exceptKeptOpen }) => {
      vault.lockAll('manual', { exceptKeptOpen: exceptKeptOpen ?? false });
      return empty;
    },
    'auth.activity': ({ profileId }) => {
      vault.touch(profileId);
      return empty;
    },
    'auth.leave': ({ profileId, keepOpen }) => {
      if (keepOpen) vault.keepOpen(profileId);
      else vault.lock(profileId, 'manual');
      return empty;
    },
    'auth.putDraft': ({ profileId, draft }) => {
      vault.putDraft(profileId, draft);
      return empty;
    },
    'auth.takeDraft': ({ profileId }) => ({ draft: vault.takeDraft(profileId) }),
    'auth.beginRecovery': ({ profileId, recoveryCode, newPassword }) =>
      vault.beginRecovery(profileId, recoveryCode, newPassword),
    'auth.completeRecovery': async ({ enrollmentId, code }) => {
      const recovered = await vault.completeRecovery(enrollmentId, code);
      changed();
      return recovered;
    },
    'auth.changePassword': ({ profileId, currentPassword, code, newPassword, renewKey }) =>
      vault.changePassword(profileId, currentPassword, code, newPassword, { renewKey: renewKey ?? false }),

    'settings.get': ({ profileId }) => vault.getSettings(profileId),
    'settings.set': ({ profileId, autoLockMinutes }) => vault.setSettings(profileId, { autoLockMinutes }),
  };
}
