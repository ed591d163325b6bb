/**
 * The built-in practice provider: the core starts the simulator in its own process, on a port the
 * system picks, when the sample lists are first needed, and resolves the lists with the address it
 * got. It never looks for (or trusts) a simulator on a well-known port; a simulator the person chose
 * (simulatorOrigin / REGIE_MEDMIJ_SIMULATOR) is used as given.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core, type MedmijOptions } from '../../../src-main/core/create-core';
import { PracticeProvider } from '../../../src-main/medmij/simulator/practice';
import { DEFAULT_SIMULATOR_ROOT } from '../../../src-main/medmij/simulator/people';
import { fastKdfParams } from '../../../src-main/vault/kdf';
import { FORMERLY_TRUSTED_PORT, startImpostorSimulator } from '../../helpers/impostor-simulator';
import { makeTempDir } from '../../helpers/temp-dir';
import { createProfile, loginInBrowser, ok, startSimulator, waitForFetch } from '../client/helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.unstubAllEnvs();
});

function tempDir(): string {
  const temp = makeTempDir();
  cleanups.push(() => temp.remove());
  return temp.dir;
}

describe('PracticeProvider', () => {
  it('starts the simulator once, on a loopback port the system picks, and stops it on close', async () => {
    const practice = new PracticeProvider({ root: DEFAULT_SIMULATOR_ROOT });
    cleanups.push(() => practice.close());
    const [origin, again] = await Promise.all([practice.ensureRunning(), practice.ensureRunning()]);
    expect(again).toBe(origin);
    expect(await practice.ensureRunning()).toBe(origin);
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${origin}/`)).text()).toContain('Zorgaanbieder-simulator');
    await practice.close();
    await expect(fetch(`${origin}/`)).rejects.toThrow();
  });

  it('stops a simulator that was still starting when closed', async () => {
    const practice = new PracticeProvider({ root: DEFAULT_SIMULATOR_ROOT });
    const starting = practice.ensureRunning();
    await practice.close();
    await expect(fetch(`${await starting}/`)).rejects.toThrow();
  });
});

describe('the core with practice providers', () => {
  const coreWith = (dataDir: string, medmij: MedmijOptions = {}, resourcesDir?: string): Core => {
    const core = createCore({
      dataDir,
      host: 'cli',
      kdf: fastKdfParams,
      ...(resourcesDir !== undefined && { resourcesDir }),
      medmij: { practiceProvider: true, ...medmij },
    });
    cleanups.push(() => core.shutdown());
    return core;
  };

  it('says it is a practice environment, starts its own providers for the lists, and a fetch works end to end', async () => {
    vi.stubEnv('REGIE_MEDMIJ_SIMULATOR', '');
    const core = coreWith(tempDir());
    expect(await ok(core.call('medmij.environment', {}))).toEqual({ practice: true });
    const profileId = await createProfile(core);
    expect((await ok(core.call('medmij.searchProviders', { profileId, query: 'Linde' }))).map((p) => p.id)).toEqual(['delinde@medmij']);

    const begun = await ok(core.call('medmij.beginFetch', { profileId, providerId: 'delinde@medmij', serviceId: '63' }));
    const authorization = new URL(begun.authorizationUrl);
    expect(authorization.hostname).toBe('127.0.0.1');
    expect(authorization.pathname).toBe('/delinde/oauth/authorize');
    await loginInBrowser(begun.authorizationUrl, { person: 'kees-compleet' });
    const result = await waitForFetch(core, begun.fetchId);
    expect(result.stage).toBe('done');
    expect(result.imported.byType.Immunization).toBeGreaterThan(0);

    core.shutdown();
    await vi.waitFor(() => expect(fetch(`${authorization.origin}/`)).rejects.toThrow());
  });

  it(`never talks to another program on 127.0.0.1:${FORMERLY_TRUSTED_PORT}, even one that calls itself the simulator`, async () => {
    const impostor = await startImpostorSimulator();
    cleanups.push(() => impostor.close());
    expect(await (await fetch(`${impostor.origin}/`)).text()).toContain('Zorgaanbieder-simulator');
    const seenBefore = impostor.requests.length;
    vi.stubEnv('REGIE_MEDMIJ_SIMULATOR', '');

    const core = coreWith(tempDir());
    const profileId = await createProfile(core);
    await ok(core.call('medmij.searchProviders', { profileId, query: 'Linde' }));
    const begun = await ok(core.call('medmij.beginFetch', { profileId, providerId: 'delinde@medmij', serviceId: '48' }));
    expect(new URL(begun.authorizationUrl).origin).not.toBe(impostor.origin);
    await loginInBrowser(begun.authorizationUrl, { person: 'jan-de-vries' });
    const result = await waitForFetch(core, begun.fetchId);
    expect(result.stage).toBe('done');
    expect(result.imported.byType.Patient).toBeGreaterThan(0);

    // No look at its front page, no login, no token request, no FHIR read.
    expect(impostor.requests.slice(seenBefore)).toEqual([]);
    expect(impostor.authorizations).toEqual([]);
  });

  it('uses a simulator the person chose as given, and starts none of its own', async () => {
    const chosen = await startSimulator();
    cleanups.push(() => chosen.close());
    const core = coreWith(tempDir(), { simulatorOrigin: chosen.origin });
    const profileId = await createProfile(core);
    const begun = await ok(core.call('medmij.beginFetch', { profileId, providerId: 'delinde@medmij', serviceId: '63' }));
    expect(begun.authorizationUrl.startsWith(`${chosen.origin}/delinde/oauth/authorize?`)).toBe(true);
    await loginInBrowser(begun.authorizationUrl, { person: 'kees-compleet' });
    expect((await waitForFetch(core, begun.fetchId)).stage).toBe('done');
    expect(chosen.requests.some((r) => r.path === '/delinde/oauth/token')).toBe(true);
  });

  it('takes the chosen simulator from REGIE_MEDMIJ_SIMULATOR', async () => {
    const chosen = await startSimulator();
    cleanups.push(() => chosen.close());
    vi.stubEnv('REGIE_MEDMIJ_SIMULATOR', `${chosen.origin}/`);
    const core = coreWith(tempDir());
    const profileId = await createProfile(core);
    const begun = await ok(core.call('medmij.beginFetch', { profileId, providerId: 'delinde@medmij', serviceId: '63' }));
    expect(begun.authorizationUrl.startsWith(`${chosen.origin}/delinde/oauth/authorize?`)).toBe(true);
  });

  it('says so in plain words when its providers cannot start, and tries again next time', async () => {
    vi.stubEnv('REGIE_MEDMIJ_SIMULATOR', '');
    // The sample lists are there, the simulator's people are not: the start fails.
    const root = tempDir();
    cpSync(join(DEFAULT_SIMULATOR_ROOT, 'resources/medmij'), join(root, 'resources/medmij'), { recursive: true });
    const core = coreWith(tempDir(), {}, join(root, 'resources'));
    const profileId = await createProfile(core);
    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await core.call('medmij.searchProviders', { profileId, query: 'Linde' });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.code).toBe('practice-provider-unavailable');
    }
    expect(await ok(core.call('medmij.connections', { profileId }))).toEqual([]);
  });

  it('is no practice environment with configured lists, and trusts no loopback address', async () => {
    vi.stubEnv('REGIE_MEDMIJ_SIMULATOR', '');
    const dataDir = tempDir();
    const core = coreWith(dataDir, { listSource: dataDir });
    expect(await ok(core.call('medmij.environment', {}))).toEqual({ practice: false });
    const profileId = await createProfile(core);
    const refused = await core.call('medmij.beginFetch', { profileId, providerId: 'delinde@medmij', serviceId: '48' });
    expect(refused.ok).toBe(false); // no lists in an empty folder
  });
});
