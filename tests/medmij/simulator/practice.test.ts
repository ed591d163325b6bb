/**
 * The built-in practice provider: the core starts the simulator on the sample lists' address on the
 * first login, uses one that already runs there, and refuses to talk to any other program there.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-main/core/create-core';
import { PracticeProvider, PracticeProviderPortBusyError } from '../../../src-main/medmij/simulator/practice';
import { DEFAULT_SIMULATOR_ROOT } from '../../../src-main/medmij/simulator/people';
import { startProviderSimulator } from '../../../src-main/medmij/simulator/server';
import { fastKdfParams } from '../../../src-main/vault/kdf';
import { makeTempDir } from '../../helpers/temp-dir';
import { createProfile, loginInBrowser, ok, waitForFetch } from '../client/helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function listenOther(port: number): Promise<{ server: Server; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.end('een ander programma');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { server, hits };
}

describe('PracticeProvider', () => {
  it('starts the simulator on the given address once, and stops it on close', async () => {
    const origin = `http://127.0.0.1:${await freePort()}`;
    const practice = new PracticeProvider({ origin, root: DEFAULT_SIMULATOR_ROOT });
    cleanups.push(() => practice.close());
    await Promise.all([practice.ensureRunning(), practice.ensureRunning()]);
    await practice.ensureRunning();
    expect(practice.startedHere).toBe(true);
    const index = await fetch(`${origin}/`);
    expect(await index.text()).toContain('Zorgaanbieder-simulator');
    await practice.close();
    await expect(fetch(`${origin}/`)).rejects.toThrow();
  });

  it('uses a simulator that already runs there (npm run provider-sim)', async () => {
    const outside = await startProviderSimulator({ port: await freePort() });
    cleanups.push(() => outside.close());
    const practice = new PracticeProvider({ origin: outside.origin, root: DEFAULT_SIMULATOR_ROOT });
    await practice.ensureRunning();
    expect(practice.startedHere).toBe(false);
    await practice.close();
    expect((await fetch(`${outside.origin}/`)).ok).toBe(true); // not ours to stop
  });

  it('refuses another program on that port after one look at its front page, and tries again later', async () => {
    const port = await freePort();
    const other = await listenOther(port);
    const practice = new PracticeProvider({ origin: `http://127.0.0.1:${port}`, root: DEFAULT_SIMULATOR_ROOT });
    await expect(practice.ensureRunning()).rejects.toBeInstanceOf(PracticeProviderPortBusyError);
    expect(other.hits).toEqual(['GET /']);
    await expect(practice.ensureRunning()).rejects.toBeInstanceOf(PracticeProviderPortBusyError);
    expect(other.hits).toEqual(['GET /', 'GET /']);
  });

  it('only runs on a loopback http address', async () => {
    await expect(new PracticeProvider({ origin: 'http://localhost:8765', root: DEFAULT_SIMULATOR_ROOT }).ensureRunning()).rejects.toThrow(/127\.0\.0\.1/);
  });
});

describe('the core with practice providers', () => {
  const coreWith = (dataDir: string, simulatorOrigin: string, extra: { listSource?: string } = {}): Core => {
    const core = createCore({ dataDir, host: 'cli', kdf: fastKdfParams, medmij: { simulatorOrigin, practiceProvider: true, ...extra } });
    cleanups.push(() => core.shutdown());
    return core;
  };

  it('says it is a practice environment, starts the providers on the first login, and a fetch works end to end', async () => {
    const temp = makeTempDir();
    cleanups.push(() => temp.remove());
    const origin = `http://127.0.0.1:${await freePort()}`;
    const core = coreWith(temp.dir, origin);
    expect(await ok(core.call('medmij.environment', {}))).toEqual({ practice: true });
    const profileId = await createProfile(core);
    // Searching needs no provider: nothing listens yet.
    expect((await ok(core.call('medmij.searchProviders', { profileId, query: 'Linde' }))).map((p) => p.id)).toEqual(['delinde@medmij']);
    await expect(fetch(`${origin}/`)).rejects.toThrow();

    const begun = await ok(core.call('medmij.beginFetch', { profileId, providerId: 'delinde@medmij', serviceId: '63' }));
    expect(begun.authorizationUrl.startsWith(`${origin}/delinde/oauth/authorize?`)).toBe(true);
    await loginInBrowser(begun.authorizationUrl, { person: 'kees-compleet' });
    const result = await waitForFetch(core, begun.fetchId);
    expect(result.stage).toBe('done');
    expect(result.imported.byType.Immunization).toBeGreaterThan(0);
  });

  it('reports another program on the practice address in plain words, and starts nothing', async () => {
    const temp = makeTempDir();
    cleanups.push(() => temp.remove());
    const port = await freePort();
    const other = await listenOther(port);
    const core = coreWith(temp.dir, `http://127.0.0.1:${port}`);
    const profileId = await createProfile(core);
    const refused = await core.call('medmij.beginFetch', { profileId, providerId: 'delinde@medmij', serviceId: '48' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error).toMatchObject({ code: 'practice-provider-unavailable', params: { origin: `http://127.0.0.1:${port}` } });
    expect(other.hits).toEqual(['GET /']);
    expect(await ok(core.call('medmij.connections', { profileId }))).toEqual([]);
  });

  it('is no practice environment with configured lists, and starts no simulator', async () => {
    const temp = makeTempDir();
    cleanups.push(() => temp.remove());
    const origin = `http://127.0.0.1:${await freePort()}`;
    const core = coreWith(temp.dir, origin, { listSource: temp.dir });
    expect(await ok(core.call('medmij.environment', {}))).toEqual({ practice: false });
    const profileId = await createProfile(core);
    const refused = await core.call('medmij.beginFetch', { profileId, providerId: 'delinde@medmij', serviceId: '48' });
    expect(refused.ok).toBe(false); // no lists in an empty folder
    await expect(fetch(`${origin}/`)).rejects.toThrow();
  });
});
