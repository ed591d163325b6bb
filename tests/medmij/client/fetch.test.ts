/**
 * The client side of MedMij retrieval against the real provider simulator and a real SQLCipher
 * profile: authorization code + PKCE, loopback redirect, the exact queries per data service, paging,
 * partial failure and retry, expired tokens, representation, locking, one person per profile.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FetchProgress } from '../../../src-preload/contract/medmij';
import { errorMessage } from '../../../src-preload/contract/errors';
import type { Core } from '../../../src-main/core/create-core';
import { fhirVersionOfSystemRole, isShareService } from '../../../src-main/medmij/lists/services';
import { loadSampleLists, sampleListPath, SAMPLE_FILES } from '../../../src-main/medmij/lists/samples';
import { buildQueryUrl, forbiddenPatientParams, querySetFor, type FhirVersion } from '../../../src-main/medmij/queries/index';
import type { ProviderSimulator } from '../../../src-main/medmij/simulator/index';
import { makeTempDir } from '../../helpers/temp-dir';
import { createProfile, fhirRequests, loginInBrowser, makeCore, ok, startSimulator, waitForFetch } from './helpers';

let sim: ProviderSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});

let temp: ReturnType<typeof makeTempDir>;
const cores: Core[] = [];
beforeEach(() => {
  temp = makeTempDir();
  sim.clearFailures();
});
afterEach(() => {
  for (const core of cores.splice(0)) core.shutdown();
  temp.remove();
});

async function setup(medmij: Parameters<typeof makeCore>[2] = {}, simulator = sim) {
  const core = makeCore(temp.dir, simulator, medmij);
  cores.push(core);
  const profileId = await createProfile(core);
  return { core, profileId };
}

/** Every request query parameter of a simulator log entry, as ordered pairs. */
function pairsOf(query: Record<string, string[]>): string[] {
  return Object.entries(query).flatMap(([k, vs]) => vs.map((v) => `${k}=${v}`)).sort();
}

function expectedFirstPage(url: string): { path: string; pairs: string[] } {
  const u = new URL(url);
  return { path: u.pathname, pairs: [...u.searchParams].map(([k, v]) => `${k}=${v}`).sort() };
}

async function fetchService(core: Core, profileId: string, providerId: string, serviceId: string, person?: string): Promise<FetchProgress> {
  const begun = await ok(core.call('medmij.beginFetch', { profileId, providerId, serviceId }));
  const { page } = await loginInBrowser(begun.authorizationUrl, person ? { person } : {});
  expect(page.status).toBe(200);
  return waitForFetch(core, begun.fetchId);
}

// ——— every data service of the sample lists, in every FHIR version the list offers it in ———

const sample = loadSampleLists('http://127.0.0.1:1');
const simProviders = new Map<string, string[]>();
const offersIn = (service: { systemRoles: { code: string }[] }, version: FhirVersion) =>
  service.systemRoles.some((r) => fhirVersionOfSystemRole(r.code) === version);
const sampleServicesIn = (version: FhirVersion) => [
  // Sending services (MedMij Delen) are not fetched from: tests/medmij/client/send.test.ts covers them.
  ...new Set(sample.zorgaanbiederslijst.providers.flatMap((p) => p.services.filter((s) => offersIn(s, version) && !isShareService(s.id)).map((s) => s.id))),
];

describe.each(['STU3', 'R4'] as FhirVersion[])('every data service in FHIR %s', (version) => {
  it.each(sampleServicesIn(version))('service %s: sends exactly its query set, never a patient parameter, and imports what every query found', async (serviceId) => {
    for (const p of sim.providers) simProviders.set(p.name, p.serviceIds);
    // The first provider of the sample list that offers this service in this version and that the simulator hosts with it.
    const provider = sample.zorgaanbiederslijst.providers.find(
      (p) => p.services.some((s) => s.id === serviceId && offersIn(s, version)) && simProviders.get(p.name)?.includes(serviceId),
    );
    expect(provider, `no simulator provider offers sample service ${serviceId}`).toBeDefined();
    const { core, profileId } = await setup({ preferFhirVersion: version });
    const before = sim.requests.length;
    // Kees Compleet has data for every query of every set (tests/medmij/simulator/coverage.test.ts).
    const result = await fetchService(core, profileId, provider!.name, serviceId, 'kees-compleet');
    expect(result.stage, JSON.stringify(result.error ?? result.queries.find((q) => q.error))).toBe('done');
    expect(result.queries.every((q) => q.status === 'done')).toBe(true);
    for (const q of result.queries) expect(q.received, `${serviceId} ${version} ${q.id}`).toBeGreaterThan(0);

    const set = querySetFor(serviceId, version)!;
    const slug = sim.providers.find((p) => p.name === provider!.name)!.slug;
    const endpoint = `${sim.origin}/${slug}/fhir/${version.toLowerCase()}`;
    const requests = fhirRequests(sim, before);
    // Never a patient or subject parameter, on any request (first pages, next pages, Binary reads).
    for (const r of requests) expect(forbiddenPatientParams(`http://x${r.path}?${new URLSearchParams(pairsOf(r.query).map((p) => p.split(/=(.*)/s).slice(0, 2) as [string, string]))}`)).toEqual([]);
    for (const r of requests) expect(Object.keys(r.query).some((k) => /^(patient|subject)([.:]|$)/i.test(k))).toBe(false);
    // The first page of each query, in order, exactly as the query set defines it; then the reads it follows.
    const followed = new Set(set.queries.flatMap((q) => (q.follow ? [q.follow.resourceType] : [])));
    const isFollowRead = (path: string) => [...followed].some((type) => new RegExp(`/${type}/[^/]+$`).test(path));
    const firstPages = requests.filter((r) => !r.query._page && !isFollowRead(r.path));
    expect(firstPages.map((r) => ({ path: r.path, pairs: pairsOf(r.query) }))).toEqual(
      set.queries.map((q) => expectedFirstPage(buildQueryUrl(endpoint, q))),
    );
    for (const type of followed) expect(requests.some((r) => r.path.endsWith(`/${type}/`) || new RegExp(`/${type}/[^/]+$`).test(r.path)), `${serviceId} reads a ${type}`).toBe(true);
    // A Task's other inputs (the Patient) are never read: follow reads only the kind the set asks for.
    expect(requests.filter((r) => /\/Patient\/[^/]+$/.test(r.path))).toEqual([]);
    expect(requests.every((r) => r.status === 200)).toBe(true);

    // What was received is in the profile, with provenance: provider + service.
    const sources = await ok(core.call('records.sources', { profileId }));
    const total = Object.values(result.imported.byType).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    expect(sources).toEqual([expect.objectContaining({ kind: 'provider', provider: provider!.name, service: serviceId })]);
    const connections = await ok(core.call('medmij.connections', { profileId }));
    expect(connections).toEqual([expect.objectContaining({ providerId: provider!.name, serviceId, lastResult: 'complete' })]);
  });
});

// ——— OAuth: state, PKCE, codes, denial, timeout ———

describe('authorization', () => {
  it('builds a MedMij authorization request with PKCE S256 and a loopback redirect', async () => {
    const { core, profileId } = await setup();
    const begun = await ok(core.call('medmij.beginFetch', { profileId, providerId: 'delinde@medmij', serviceId: '48' }));
    const url = new URL(begun.authorizationUrl);
    const p = url.searchParams;
    expect(p.get('response_type')).toBe('code');
    expect(p.get('client_id')).toBe('regie.invalid');
    expect(p.get('scope')).toBe('delinde@medmij~48');
    expect(p.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/medmij\/callback$/);
    expect(Buffer.from(p.get('state')!, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(p.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('MedMij-Request-ID')).toMatch(/^[0-9a-f-]{36}$/);
    expect(p.get('X-Correlation-ID')).toMatch(/^[0-9a-f-]{36}$/);
    expect(p.has('MedMij_geboortedatum')).toBe(false);
    expect((await ok(core.call('medmij.fetchStatus', { fetchId: begun.fetchId }))).stage).toBe('waiting-for-login');
    await ok(core.call('medmij.cancelFetch', { fetchId: begun.fetchId }));
    expect((await ok(core.call('medmij.fetchStatus', { fetchId: begun.fetchId }))).stage).toBe('cancelled');
    // The listener is gone once cancelled.
    await expect(fetch(p.get('redirect_uri')!)).rejects.toThrow();
  });

  it('refuses a callback with the wrong state and still accepts the right one, then no second one', async () => {
    const { core, profileId } = await setup();
    const begun = await ok(core.call('medmij.beginFetch', { profileId, providerId: 'delinde@medmij', serviceId: '63' }));
    const { redirect, page } = await loginInBrowser(begun.authorizationUrl, {
      rewriteRedirect: (location) => {
        const forged = new URL(location);
        forged.searchParams.set('state', 'forged-state-value');
        return forged;
      },
    });
    expect(page.status).toBe(400);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(await page.text()).toMatch(/Onbekend verzoek[\s\S]*Unknown request/);
    expect((await ok(core.call('medmij.fetchStatus', { fetchId: begun.fetchId }))).stage).toBe('waiting-for-login');

    const right = new URL(redirect);
    right.searchParams.set('state', new URL(begun.authorizationUrl).searchParams.get('state')!);
    const accepted = await fetch(right);
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toMatch(/U kunt dit tabblad sluiten[\s\S]*You can close this tab/);
    const done = await waitForFetch(core, begun.fetchId);
    expect(done.stage).toBe('done');
    // A second callback is refused: the listener accepted exactly one and closed.
    await expect(fetch(right).then((r) => r.status)).rejects.toThrow();
  });

  it('fails when the code_verifier does not match (the provider checks PKCE) and imports nothing', async () => {
    const { core, profileId } = await setup({ transformCodeVerifier: (v) => `${v.slice(0, -1)}${v.endsWith('A') ? 'B' : 'A'}` });
    const before = sim.requests.length;
    const result = await fetchService(core, profileId, 'delinde@medmij', '48');
    expect(result.stage).toBe('failed');
    expect(result.error?.en).toMatch(/invalid_grant/);
    expect(result.queries.every((q) => q.status === 'pending')).toBe(true);
    const token = sim.requests.slice(before).find((r) => r.path.endsWith('/oauth/token'));
    expect(token?.status).toBe(400);
    expect(fhirRequests(sim, before)).toEqual([]);
    expect((await ok(core.call('records.list', { profileId }))).total).toBe(0);
    expect(await ok(core.call('medmij.connections', { profileId }))).toEqual([]);
  });

  it('a used authorization code is refused by the provider when replayed', async () => {
    const { core, profileId } = await setup();
    const begun = await ok(core.call('medmij.beginFetch', { profileId, providerId: 'delinde@medmij', serviceId: '63' }));
    const { redirect } = await loginInBrowser(begun.authorizationUrl);
    expect((await waitForFetch(core, begun.fetchId)).stage).toBe('done');
    const replay = await fetch(`${sim.origin}/delinde/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: redirect.searchParams.get('code')!,
        redirect_uri: new URL(begun.authorizationUrl).searchParams.get('redirect_uri')!,
        client_id: 'regie.invalid',
        code_verifier: 'x'.repeat(43),
      }).toString(),
    });
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('reports a denied login (access_denied) in Dutch and English', async () => {
    const { core, profileId } = await setup();
    const begun = await ok(core.call('medmij.beginFetch', { profileId, providerId: 'delinde@medmij', serviceId: '48' }));
    const { page } = await loginInBrowser(begun.authorizationUrl, { action: 'cancel' });
    expect(await page.text()).toMatch(/Geen toestemming/);
    const result = await waitForFetch(core, begun.fetchId);
    expect(result.stage).toBe('failed');
    expect(result.error?.nl).toMatch(/geen toestemming/);
    expect(result.error?.en).toMatch(/did not give permission/);
  });

  it('stops waiting for the login after the timeout', async () => {
    const { core, profileId } = await setup({ loginTimeoutMs: 150 });
    const begun = await ok(core.call('medmij.beginFetch', { profileId, providerId: 'delinde@medmij', serviceId: '48' }));
    const result = await waitForFetch(core, begun.fetchId);
    expect(result.stage).toBe('failed');
    // 150 ms: not 'longer than 0 minutes', but plainly too long.
    expect(result.error?.en).toBe('Logging in at the care provider took too long. Please start again.');
    await expect(fetch(new URL(begun.authorizationUrl).searchParams.get('redirect_uri')!)).rejects.toThrow();
  });

  it('adds MedMij representation (onbehalfof + MedMij_geboortedatum) for a caregiver profile', async () => {
    const { core, profileId } = await setup();
    await ok(core.call('medmij.setRepresentation', { profileId, representation: { kind: 'onbehalfof', birthDate: '1950-03-01' } }));
    const begun = await ok(core.call('medmij.beginFetch', { profileId, providerId: 'delinde@medmij', serviceId: '63' }));
    const p = new URL(begun.authorizationUrl).searchParams;
    expect(p.get('scope')).toBe('delinde@medmij~63 onbehalfof');
    expect(p.get('MedMij_geboortedatum')).toBe('19500301');
    await loginInBrowser(begun.authorizationUrl);
    expect((await waitForFetch(core, begun.fetchId)).stage).toBe('done');
    expect(sim.authorizations.at(-1)?.representation).toEqual({ scope: 'onbehalfof', MedMij_geboortedatum: '19500301' });
  });

  it('drops the fetch and closes the listener when the profile locks', async () => {
    const { core, profileId } = await setup();
    const begun = await ok(core.call('medmij.beginFetch', { profileId, providerId: 'delinde@medmij', serviceId: '48' }));
    await ok(core.call('auth.lock', { profileId }));
    const status = await core.call('medmij.fetchStatus', { fetchId: begun.fetchId });
    expect(!status.ok && status.error.code).toBe('fetch-not-found');
    await expect(fetch(new URL(begun.authorizationUrl).searchParams.get('redirect_uri')!)).rejects.toThrow();
  });

  it('refuses unknown providers and services', async () => {
    const { core, profileId } = await setup();
    const provider = await core.call('medmij.beginFetch', { profileId, providerId: 'nobody@medmij', serviceId: '48' });
    expect(!provider.ok && provider.error.code).toBe('provider-not-found');
    const service = await core.call('medmij.beginFetch', { profileId, providerId: 'delinde@medmij', serviceId: '9999' });
    expect(!service.ok && service.error.code).toBe('service-not-offered');
  });

  it('refuses, before any login, a service the list offers only in a FHIR version Regie has no query set for', async () => {
    // GGZ is an STU3-only MedMij service; a list that offers it only in R4 cannot be fetched.
    const lists = makeTempDir();
    try {
      for (const kind of Object.keys(SAMPLE_FILES) as (keyof typeof SAMPLE_FILES)[]) copyFileSync(sampleListPath(kind), join(lists.dir, SAMPLE_FILES[kind]));
      const r4Only = readFileSync(sampleListPath('zorgaanbiederslijst'), 'utf8').replace(
        /<GegevensdienstId>50<\/GegevensdienstId>[\s\S]*?<\/Gegevensdienst>/,
        (block) => block.replace('REGIE-SIM-50-STU3', 'REGIE-SIM-50-R4').replace('/noorderlicht/fhir/stu3<', '/noorderlicht/fhir/r4<'),
      );
      expect(r4Only).toContain('REGIE-SIM-50-R4');
      expect(r4Only).not.toContain('REGIE-SIM-50-STU3');
      expect(r4Only).toContain('/noorderlicht/fhir/r4</ResourceEndpointuri>');
      writeFileSync(join(lists.dir, SAMPLE_FILES.zorgaanbiederslijst), r4Only);
      expect(querySetFor('50', 'R4')).toBeUndefined();

      const { core, profileId } = await setup({ listSource: lists.dir });
      const authorizationsBefore = sim.authorizations.length;
      const requestsBefore = sim.requests.length;
      const refused = await core.call('medmij.beginFetch', { profileId, providerId: 'noorderlicht@medmij', serviceId: '50' });
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.error).toMatchObject({ code: 'service-version-unsupported', params: { fhirVersions: 'R4' } });
      expect(errorMessage(refused.error, 'nl')).toBe(
        'Deze zorgaanbieder biedt deze gegevensdienst alleen aan in FHIR R4; daarvoor heeft Regie geen zoekvragen. Er is niets opgehaald.',
      );
      expect(errorMessage(refused.error, 'en')).toBe(
        'This care provider offers this data service only in FHIR R4, for which Regie has no queries. Nothing was retrieved.',
      );
      // Nothing reached the provider: no authorization, no FHIR request.
      expect(sim.authorizations.length).toBe(authorizationsBefore);
      expect(sim.requests.length).toBe(requestsBefore);
      // The same provider's other services, offered in STU3 and R4, still work.
      const other = await ok(core.call('medmij.beginFetch', { profileId, providerId: 'noorderlicht@medmij', serviceId: '31' }));
      expect(other.authorizationUrl).toContain('noorderlicht');
    } finally {
      lists.remove();
    }
  });
});

// ——— fetching: paging, partial failure, retry, expired tokens ———

describe('fetching', () => {
  it('follows Bundle next links (paging) and imports every page', async () => {
    // Anna (the voorbeeld-PGO patient) has years of lab results; pages of 5 force many next links.
    const paging = await startSimulator({ defaultPageSize: 5 });
    const person = 'anna-de-boer-visser';
    try {
      const { core, profileId } = await setup({ preferFhirVersion: 'R4' }, paging);
      const before = paging.requests.length;
      const begun = await ok(core.call('medmij.beginFetch', { profileId, providerId: 'delinde@medmij', serviceId: '46' }));
      await loginInBrowser(begun.authorizationUrl, { person });
      const result = await waitForFetch(core, begun.fetchId);
      expect(result.stage).toBe('done');
      const paged = fhirRequests(paging, before).filter((r) => r.query._page);
      expect(paged.length).toBeGreaterThan(2);
      expect(paged.every((r) => r.query._count?.[0] === '5' && r.status === 200)).toBe(true);

      // The same data as one big page from a simulator with the default page size.
      const dir = makeTempDir();
      try {
        const other = makeCore(dir.dir, sim, { preferFhirVersion: 'R4' });
        cores.push(other);
        const otherProfile = await createProfile(other);
        const beforeUnpaged = sim.requests.length;
        const again = await ok(other.call('medmij.beginFetch', { profileId: otherProfile, providerId: 'delinde@medmij', serviceId: '46' }));
        await loginInBrowser(again.authorizationUrl, { person });
        const unpaged = await waitForFetch(other, again.fetchId);
        expect(unpaged.stage).toBe('done');
        expect(fhirRequests(sim, beforeUnpaged).filter((r) => r.query._page).length).toBeLessThan(paged.length);
        expect(result.imported.byType).toEqual(unpaged.imported.byType);
        expect(result.queries.map((q) => q.received)).toEqual(unpaged.queries.map((q) => q.received));
        const total = (core2: Core, id: string) => ok(core2.call('records.list', { profileId: id, limit: 1 })).then((l) => l.total);
        expect(await total(core, profileId)).toBe(await total(other, otherProfile));
      } finally {
        dir.remove();
      }
    } finally {
      await paging.close();
    }
  });

  it('a failing query imports nothing while the others import; retry then succeeds', async () => {
    const { core, profileId } = await setup();
    sim.injectFailure({ provider: 'delinde', resourceType: 'Condition', mode: 'error', status: 503, times: 1 });
    const result = await fetchService(core, profileId, 'delinde@medmij', '48');
    expect(result.stage).toBe('done');
    const failed = result.queries.filter((q) => q.status === 'failed');
    expect(failed.map((q) => q.id)).toEqual(['bgz-problemen']);
    expect(failed[0]!.error?.nl).toMatch(/HTTP 503.*niets geïmporteerd/);
    expect(failed[0]!.error?.en).toMatch(/HTTP 503.*Nothing was imported/);
    expect((await ok(core.call('records.list', { profileId, resourceTypes: ['Condition'] }))).total).toBe(0);
    expect((await ok(core.call('records.list', { profileId, resourceTypes: ['AllergyIntolerance'] }))).total).toBe(1);
    expect((await ok(core.call('medmij.connections', { profileId })))[0]?.lastResult).toBe('partial');

    const before = sim.requests.length;
    const retried = await ok(core.call('medmij.retryFailed', { fetchId: result.fetchId }));
    expect(retried.stage).toBe('querying');
    const after = await waitForFetch(core, result.fetchId);
    expect(after.stage).toBe('done');
    expect(after.queries.every((q) => q.status === 'done')).toBe(true);
    // Only the failed query ran again.
    expect(fhirRequests(sim, before).map((r) => r.path)).toEqual([expect.stringMatching(/\/Condition$/)]);
    expect((await ok(core.call('records.list', { profileId, resourceTypes: ['Condition'] }))).total).toBe(1);
    expect((await ok(core.call('medmij.connections', { profileId })))[0]?.lastResult).toBe('complete');
  });

  it('a query whose provider hangs fails with a timeout and imports nothing', async () => {
    const { core, profileId } = await setup({ limits: { requestTimeoutMs: 300 } });
    sim.injectFailure({ provider: 'delinde', resourceType: 'Flag', mode: 'hang', times: 1 });
    const result = await fetchService(core, profileId, 'delinde@medmij', '48');
    const flag = result.queries.find((q) => q.id === 'bgz-alerts')!;
    expect(flag.status).toBe('failed');
    expect(flag.error?.en).toMatch(/did not answer within/);
    expect((await ok(core.call('records.list', { profileId, resourceTypes: ['Flag'] }))).total).toBe(0);
    expect(result.queries.filter((q) => q.status === 'done').length).toBe(result.queries.length - 1);
  });

  it('an access token that expires mid-fetch fails the remaining queries with "log in again"; retry then asks for a new login', async () => {
    const { core, profileId } = await setup();
    let expired = false;
    core.onEvent((message) => {
      if (message.event !== 'medmij.progress' || expired) return;
      const progress = message.payload as FetchProgress;
      if (progress.queries.find((q) => q.id === 'bgz-problemen')?.status === 'running') {
        expired = true;
        sim.expireTokens();
      }
    });
    const result = await fetchService(core, profileId, 'delinde@medmij', '48');
    const index = result.queries.findIndex((q) => q.id === 'bgz-problemen');
    expect(result.queries.slice(0, index).every((q) => q.status === 'done')).toBe(true);
    for (const q of result.queries.slice(index)) {
      expect(q.status).toBe('failed');
      expect(q.error?.nl).toMatch(/opnieuw in/);
      expect(q.error?.en).toMatch(/log in again/);
    }
    expect((await ok(core.call('records.list', { profileId, resourceTypes: ['Condition'] }))).total).toBe(0);
    const retry = await core.call('medmij.retryFailed', { fetchId: result.fetchId });
    expect(!retry.ok && retry.error.code).toBe('login-expired');
  });

  it('emits medmij.progress with per-query status', async () => {
    const { core, profileId } = await setup();
    const seen: FetchProgress[] = [];
    core.onEvent((message) => {
      if (message.event === 'medmij.progress') seen.push(message.payload as FetchProgress);
    });
    await fetchService(core, profileId, 'delinde@medmij', '63');
    expect(seen.map((p) => p.stage)).toEqual(expect.arrayContaining(['waiting-for-login', 'exchanging-code', 'querying', 'done']));
    expect(seen.some((p) => p.queries.some((q) => q.status === 'running'))).toBe(true);
  });
});

async function recordCount(core: Core, profileId: string): Promise<number> {
  return (await ok(core.call('records.list', { profileId, limit: 1 }))).total;
}

describe('one person per profile: a fetch checks whose data it is', () => {
  it('stops a fetch as Kees in Anna’s practice profile before storing anything', async () => {
    const { core, profileId } = await setup();
    await ok(core.call('records.loadExample', { profileId }));
    expect(await ok(core.call('records.identity', { profileId }))).toMatchObject({
      name: 'Anna Maria de Boer-Visser',
      birthDate: '1961-05-14',
      origin: { kind: 'example' },
    });
    const before = await recordCount(core, profileId);
    const sources = (await ok(core.call('records.sources', { profileId }))).length;
    const from = sim.requests.length;

    const progress = await fetchService(core, profileId, 'delinde@medmij', '48', 'kees-compleet');
    const { fetchId } = progress;
    expect(progress.stage).toBe('failed');
    expect(progress.otherPerson).toEqual({
      kind: 'other-person',
      found: { name: 'Kees Compleet (fictief)', birthDate: '1947-02-11', bsn: '999990147' },
      profile: { name: 'Anna Maria de Boer-Visser', birthDate: '1961-05-14', bsn: '999999990' },
    });
    expect(progress.error?.nl).toMatch(/^Deze gegevens zijn van Kees Compleet \(fictief\), geboren 11 februari 1947, maar dit profiel is van Anna Maria de Boer-Visser/);
    expect(progress.error?.nl).toContain('Er is niets opgeslagen.');
    expect(progress.imported).toMatchObject({ created: 0, updated: 0, unchanged: 0 });
    expect(progress.queries.every((q) => q.status === 'pending' && q.received === 0)).toBe(true);
    // Stopped at the first query that named him: no further queries were sent.
    expect(fhirRequests(sim, from).map((r) => r.path)).toEqual([expect.stringMatching(/\/Patient$/)]);
    expect(await recordCount(core, profileId)).toBe(before);
    expect(await ok(core.call('records.sources', { profileId }))).toHaveLength(sources);
    // Retrying cannot bring the data in after all.
    expect(await ok(core.call('medmij.retryFailed', { fetchId }))).toMatchObject({ stage: 'failed', otherPerson: { kind: 'other-person' } });
    expect(await recordCount(core, profileId)).toBe(before);
  });

  it('fetching the profile’s own person works', async () => {
    const { core, profileId } = await setup();
    await ok(core.call('records.setIdentity', { profileId, name: 'Jan de Vries', birthDate: '1958-03-14' }));
    const progress = await fetchService(core, profileId, 'delinde@medmij', '48', 'jan-de-vries');
    expect(progress.stage).toBe('done');
    expect(progress.otherPerson).toBeUndefined();
    expect(progress.imported.created).toBeGreaterThan(10);
  });

  it('checks a caregiver profile against the represented person’s birth date, then takes on the right person', async () => {
    const { core, profileId } = await setup();
    await ok(core.call('medmij.setRepresentation', { profileId, representation: { kind: 'onbehalfof', birthDate: '1947-02-11' } }));

    const wrong = await fetchService(core, profileId, 'delinde@medmij', '48', 'sanne-proef');
    expect(wrong).toMatchObject({
      stage: 'failed',
      otherPerson: { found: { name: 'Sanne Proef (fictief)', birthDate: '1990-07-01' }, profile: { name: null, birthDate: '1947-02-11', bsn: null } },
    });
    expect(wrong.error?.nl).toContain('maar dit profiel is van iemand geboren 11 februari 1947');
    expect(await recordCount(core, profileId)).toBe(0);
    expect(await ok(core.call('records.identity', { profileId }))).toBeNull();

    const right = await fetchService(core, profileId, 'delinde@medmij', '48', 'kees-compleet');
    expect(right.stage).toBe('done');
    expect(await recordCount(core, profileId)).toBeGreaterThan(10);
    expect(await ok(core.call('records.identity', { profileId }))).toMatchObject({
      name: 'Kees Compleet (fictief)',
      bsn: '999990147',
      origin: { kind: 'provider', label: expect.stringContaining('De Linde') },
    });
  });

  it('holds results until the person is known: when the person’s details fail, nothing else is stored; a retry stores all', async () => {
    const { core, profileId } = await setup();
    await ok(core.call('records.setIdentity', { profileId, name: 'Kees Compleet', birthDate: '1947-02-11' }));
    // Both queries that return the person (Patient, and Coverage with its payor) fail once.
    sim.injectFailure({ provider: 'delinde', resourceType: 'Patient', mode: 'error', status: 503, times: 1 });
    sim.injectFailure({ provider: 'delinde', resourceType: 'Coverage', mode: 'error', status: 503, times: 1 });

    const progress = await fetchService(core, profileId, 'delinde@medmij', '48', 'kees-compleet');
    const { fetchId } = progress;
    const held = progress.queries.filter((q) => !['bgz-patient', 'bgz-betaler'].includes(q.id) && q.received > 0);
    expect(held.length).toBeGreaterThan(3);
    for (const q of held) expect(q).toMatchObject({ status: 'failed', error: { nl: expect.stringContaining('kon niet nagaan of deze gegevens van u zijn') } });
    expect(progress.imported.created).toBe(0);
    expect(await recordCount(core, profileId)).toBe(0);

    // The retry asks for the person first, finds Kees, and stores everything.
    await ok(core.call('medmij.retryFailed', { fetchId }));
    const retried = await waitForFetch(core, fetchId);
    expect(retried.stage).toBe('done');
    expect(retried.queries.filter((q) => q.status === 'failed')).toEqual([]);
    expect(await recordCount(core, profileId)).toBeGreaterThan(held.length);
  });
});
