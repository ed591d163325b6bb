import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOTP, URI } from 'otpauth';
import { createCore, type Core } from '../../src-main/core/create-core';
import { fastKdfParams } from '../../src-main/vault/kdf';
import { makeTempDir } from '../helpers/temp-dir';

describe('core API dispatch', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  beforeEach(() => {
    temp = makeTempDir();
    core = createCore({ dataDir: temp.dir, host: 'cli', kdf: fastKdfParams });
  });
  afterEach(() => {
    core.shutdown();
    temp.remove();
  });

  it('refuses an unknown method and a malformed request without throwing', async () => {
    expect(await core.call('nope' as never, {})).toEqual({ ok: false, error: { code: 'unknown-method' } });
    const bad = await core.call('auth.unlock', { profileId: '../../etc', password: 1, code: '1' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.code).toBe('invalid-request');
    expect(!bad.ok && bad.error.detail).toContain('profileId');
  });

  it('keeps first-run preferences and stores the chosen language', async () => {
    expect(await core.call('app.getPreferences', {})).toEqual({ ok: true, value: { language: null, welcomeSeen: false, syncWhenClosed: false } });
    await core.call('app.setPreferences', { language: 'en', welcomeSeen: true, syncWhenClosed: true });
    const reopened = createCore({ dataDir: temp.dir, host: 'cli', kdf: fastKdfParams });
    expect(await reopened.call('app.getPreferences', {})).toEqual({ ok: true, value: { language: 'en', welcomeSeen: true, syncWhenClosed: true } });
  });

  it('creates, unlocks and locks a profile through the API and emits lock events', async () => {
    const events: string[] = [];
    core.onEvent((message) => events.push(message.event));
    const begun = await core.call('profiles.beginCreate', { label: 'Oma Jansen', password: 'paarse-olifant-danst-op-zolder' });
    if (!begun.ok) throw new Error(begun.error.code);
    const totp = URI.parse(begun.value.otpauthUri) as TOTP;
    const created = await core.call('profiles.completeCreate', { enrollmentId: begun.value.enrollmentId, code: totp.generate() });
    if (!created.ok) throw new Error(created.error.code);
    expect(created.value.profile.unlocked).toBe(true);
    expect(created.value.recoveryCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);

    expect(await core.call('auth.lock', { profileId: created.value.profile.id })).toEqual({ ok: true, value: {} });
    expect(events).toContain('profile.locked');
    const list = await core.call('profiles.list', {});
    expect(list.ok && list.value.map((p) => [p.label, p.unlocked])).toEqual([['Oma Jansen', false]]);

    const settings = await core.call('settings.get', { profileId: created.value.profile.id });
    expect(!settings.ok && settings.error.code).toBe('profile-locked');
  });

  it('assesses passwords in the requested language', async () => {
    const weak = await core.call('profiles.assessPassword', { password: 'welkom01', language: 'nl' });
    expect(weak.ok && weak.value.acceptable).toBe(false);
    const strong = await core.call('profiles.assessPassword', { password: 'paarse-olifant-danst-op-zolder' });
    expect(strong.ok && strong.value.acceptable).toBe(true);
  });
});
