/**
 * The relay (relay/) against the test provider with mutual TLS, driven exactly as the desktop drives
 * it (RelayRoute, the loopback listener, exchangeCode, runQuery) and by hand where a test plays an
 * attacker. Everything on 127.0.0.1; certificates from openssl at run time.
 */
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRelayConfig, RelayConfigError } from '../../relay/src/config';
import type { Relay } from '../../relay/src/server';
import { RegieError } from '../../src-main/core/errors';
import { startLoopback } from '../../src-main/medmij/client/loopback';
import { newCodeVerifier, newRequestId, newState } from '../../src-main/medmij/client/pkce';
import { ReasonError } from '../../src-main/medmij/client/reasons';
import { RelayClient } from '../../src-main/medmij/client/relay-route';
import { ListStore } from '../../src-main/medmij/lists/store';
import { browse } from '../helpers/relay-browser.mjs';
import { fetchThroughRelay, serviceAt } from '../helpers/relay-fetch';
import { hasOpenssl, providerHost, relayHost, startRelayInProcess, startRelayWorld, type RelayWorld } from '../helpers/relay-world';
import { makeTempDir } from '../helpers/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
let world: RelayWorld;
let relay: Relay;
const logs: string[] = [];
const started: Relay[] = [];

async function anotherRelay(name: string, changes: Record<string, unknown>): Promise<Relay> {
  const one = await startRelayInProcess(world.writeConfig(name, changes), { log: (line) => logs.push(line) });
  started.push(one);
  return one;
}

/** A fetch's authorize request by hand (what an attacker could send), with the changes given. */
async function authorizeByHand(origin: string, changes: Record<string, unknown> = {}): Promise<Response> {
  const service = serviceAt(world);
  const body = {
    authorizationEndpoint: service.authorizationEndpoint,
    tokenEndpoint: service.tokenEndpoint,
    resourceEndpoint: service.resourceEndpoint,
    params: { scope: 'delinde@medmij~48', code_challenge: 'a'.repeat(43), code_challenge_method: 'S256' },
    loopback: { redirectUri: 'http://127.0.0.1:50000/medmij/callback', state: newState() },
    fetchKey: 'b'.repeat(43),
    correlationId: newRequestId(),
    ...changes,
  };
  return fetch(`${origin}/v1/authorize`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/** Up to the code at the loopback listener, for tests that then misuse it. */
async function loginThrough(origin: string) {
  const service = serviceAt(world);
  const route = new RelayClient(origin).route();
  const state = newState();
  const codeVerifier = newCodeVerifier();
  const correlationId = newRequestId();
  const loopback = await startLoopback({ state });
  const url = await route.authorize({ service, redirectUri: loopback.redirectUri, state, codeVerifier, correlationId, representation: null });
  await browse(url, { hosts: { [providerHost]: world.sim.port, [relayHost]: Number(new URL(origin).port) }, ca: world.ca.cert });
  const callback = await loopback.result;
  if (!callback.ok) throw new Error(`no code: ${callback.kind}`);
  const redeem = () =>
    route.redeem({ service, redirectUri: loopback.redirectUri, code: callback.code, codeVerifier, correlationId, signal: new AbortController().signal, now: Date.now });
  return { route, service, redeem };
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ReasonError) return error.reason.en;
    if (error instanceof RegieError) return `${error.code} ${JSON.stringify(error.params ?? {})}`;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe.skipIf(!hasOpenssl())('the relay (needs the openssl binary)', () => {
  beforeAll(async () => {
    temp = makeTempDir('regie-relay-');
    world = await startRelayWorld(temp.dir);
    // The desktop trusts the relay's certificate (issued by the test CA), as NODE_EXTRA_CA_CERTS does for the CLI.
    setDefaultCACertificates([...getCACertificates('default'), world.ca.cert]);
    relay = await startRelayInProcess(world.writeConfig('relay', { limits: { perClientPerMinute: 100_000, perProviderPerMinute: 100_000 } }), {
      log: (line) => logs.push(line),
    });
  }, 60_000);
  afterAll(async () => {
    for (const one of [relay, ...started]) await one?.close();
    await world?.close();
    temp?.remove();
  });

  it('says it is ready: lists loaded, on the OAuth client list and the whitelist, with a client certificate', async () => {
    const health = await new RelayClient(relay.origin).health();
    expect(health).toMatchObject({ service: 'regie-relay', hostname: relayHost, ready: true, onOAuthClientList: true, onWhitelist: true, clientCertificate: true });
    const bare = await anotherRelay('bare', { clientCertificate: null });
    expect(await bare.health()).toMatchObject({ ready: false, clientCertificate: false });
  });

  it('passes MedMij’s lists on exactly as loaded, and nothing else', async () => {
    const whitelist = await fetch(`${relay.origin}/v1/lists/whitelist.xml`);
    expect(whitelist.status).toBe(200);
    expect(await whitelist.text()).toBe(readFileSync(join(world.listsDir, 'whitelist.xml'), 'utf8'));
    expect((await fetch(`${relay.origin}/v1/lists/../relay.json`)).status).toBe(404);
    expect((await fetch(`${relay.origin}/v1/lists/relay.json`)).status).toBe(404);
  });

  it('fetches a whole data service through the relay: login, code, queries, answers decrypted by the desktop', async () => {
    const result = await fetchThroughRelay({ world, relayOrigin: relay.origin });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.resources).toBeGreaterThan(10);
    // The browser went provider → relay → the desktop's loopback listener.
    expect(result.steps.map((s) => `${s.host?.replace(/:\d+$/, '')} ${s.status}`)).toEqual([
      `${providerHost} 200`,
      `${providerHost} 302`,
      `${relayHost} 302`,
      '127.0.0.1 200',
    ]);
  });

  it('refuses to send a browser anywhere but a loopback listener on this computer', async () => {
    for (const target of [
      'http://evil.example:50000/medmij/callback',
      'https://127.0.0.1:50000/medmij/callback',
      'http://127.0.0.1:50000/elders',
      'http://127.0.0.1:50000/medmij/callback?next=http://evil.example',
      'http://127.0.0.1.evil.example:50000/medmij/callback',
      'http://user@127.0.0.1:50000/medmij/callback',
      'http://127.0.0.1:80/medmij/callback',
    ]) {
      const answer = await authorizeByHand(relay.origin, { loopback: { redirectUri: target, state: newState() } });
      expect(answer.status, target).toBe(400);
      expect(await answer.json()).toEqual({ error: 'not-loopback' });
    }
    // …and the desktop hears it in plain words.
    const route = new RelayClient(relay.origin).route();
    const refused = await reasonOf(
      route.authorize({ service: serviceAt(world), redirectUri: 'http://evil.example:50000/medmij/callback', state: newState(), codeVerifier: newCodeVerifier(), correlationId: newRequestId(), representation: null }),
    );
    expect(refused).toContain('relay-refused');
    expect(refused).toContain('not-loopback');
  });

  it('sends the browser only to the listener registered for the fetch, whatever else the return carries', async () => {
    const registered = 'http://127.0.0.1:50001/medmij/callback';
    const answer = (await (await authorizeByHand(relay.origin, { loopback: { redirectUri: registered, state: 'S'.repeat(43) } })).json()) as {
      authorizationUrl: string;
    };
    const state = new URL(answer.authorizationUrl).searchParams.get('state')!;
    const back = new URL(`${relay.origin}/medmij/callback`);
    back.searchParams.set('state', state);
    back.searchParams.set('code', 'de-code');
    back.searchParams.set('redirect_uri', 'http://127.0.0.1:50002/medmij/callback');
    back.searchParams.set('target', 'http://evil.example/');
    const sent = await fetch(back, { redirect: 'manual' });
    expect(sent.status).toBe(302);
    const location = new URL(sent.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(registered);
    expect([...location.searchParams.keys()].sort()).toEqual(['code', 'state']);
    expect(location.searchParams.get('state')).toBe('S'.repeat(43));
    // Used once: a second return with the same state goes nowhere.
    const again = await fetch(back, { redirect: 'manual' });
    expect(again.status).toBe(409);
    expect(again.headers.get('location')).toBeNull();
    expect(await again.text()).toContain('Al afgehandeld');
  });

  it('answers a return with a state it did not make with a page, and sends the browser nowhere', async () => {
    for (const query of ['state=verzonnen&code=abc', 'code=abc', `state=${'A'.repeat(200)}&code=abc`]) {
      const answer = await fetch(`${relay.origin}/medmij/callback?${query}`, { redirect: 'manual' });
      expect(answer.status, query).toBe(400);
      expect(answer.headers.get('location')).toBeNull();
      expect(await answer.text()).toContain('Onbekend verzoek');
    }
    // Through the browser, with a tampered state: the desktop never hears of a code.
    const result = await fetchThroughRelay({ world, relayOrigin: relay.origin, mode: 'tamper-state', loginTimeoutMs: 1500 });
    expect(result).toMatchObject({ ok: false, stage: 'login', reason: 'timeout' });
    expect(result.steps.find((s) => s.host?.startsWith(relayHost))).toMatchObject({ status: 400, title: 'Onbekend verzoek' });
  });

  it('redeems a code once: a replayed redemption is refused by the relay, and a code injected into another fetch by the provider', async () => {
    const first = await loginThrough(relay.origin);
    const token = await first.redeem();
    expect(token.accessToken.length).toBeGreaterThan(100);
    expect(await reasonOf(first.redeem())).toMatch(/has been used before/);

    // Someone hands the same code to another fetch (its own ticket and verifier): the provider refuses.
    const second = await loginThrough(relay.origin);
    const code = world.sim.issued().codes.at(-2)!;
    const stolen = second.route.redeem({
      service: second.service,
      redirectUri: 'http://127.0.0.1:1/unused',
      code,
      codeVerifier: newCodeVerifier(),
      correlationId: newRequestId(),
      signal: new AbortController().signal,
      now: Date.now,
    });
    expect(await reasonOf(stolen)).toMatch(/did not grant access \(invalid_grant\)/);
  });

  it('uses a grant only at the resource server it was given for', async () => {
    const login = await loginThrough(relay.origin);
    const token = await login.redeem();
    const elsewhere = `https://${providerHost}:${world.sim.port}/rijnstad/fhir/stu3/Patient`;
    const refused = login.route.fetch(elsewhere, { headers: { Authorization: `Bearer ${token.accessToken}` } });
    expect(await reasonOf(refused)).toMatch(/not on MedMij's whitelist/);
    // A grant is not a token: the provider does not take it.
    const direct = await world.call(`${login.service.resourceEndpoint}/Patient`, { headers: { Authorization: `Bearer ${token.accessToken}` }, client: world.certs.relayClient });
    expect(direct.status).toBe(401);
  });

  it('ends a fetch after its hard time limits: the login, and the grant', async () => {
    const quick = await anotherRelay('quick', { limits: { loginTimeoutMs: 800, grantTtlMs: 1500 } });
    const late = await fetchThroughRelay({ world, relayOrigin: quick.origin, mode: 'wait:1200' });
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.reason).toMatchObject({ en: expect.stringMatching(/took too long and has expired/) });

    const login = await loginThrough(quick.origin);
    const token = await login.redeem();
    expect(token.expiresAt! - Date.now()).toBeLessThanOrEqual(1500);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const expired = login.route.fetch(`${login.service.resourceEndpoint}/Patient`, { headers: { Authorization: `Bearer ${token.accessToken}` } });
    expect(await reasonOf(expired)).toMatch(/took too long and has expired/);
  });

  it('without a client certificate the provider does not admit the relay, and the desktop says so', async () => {
    const bare = await anotherRelay('no-cert', { clientCertificate: null });
    const login = await loginThrough(bare.origin);
    expect(await reasonOf(login.redeem())).toMatch(/did not admit the relay .* as a MedMij participant/);
  });

  it('refuses endpoints not on the whitelist, requests without PKCE, and parameters that are the relay’s', async () => {
    const foreign = await authorizeByHand(relay.origin, { tokenEndpoint: 'https://elders.example/oauth/token' });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toEqual({ error: 'host-not-allowed' });
    for (const params of [
      { scope: 'delinde@medmij~48' },
      { scope: 'delinde@medmij~48', code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' },
      { scope: 'delinde@medmij~48', code_challenge: 'a'.repeat(43), code_challenge_method: 'S256', redirect_uri: 'https://evil.example/' },
      { scope: 'delinde@medmij~48', code_challenge: 'a'.repeat(43), code_challenge_method: 'S256', client_id: 'evil.example' },
    ]) {
      const answer = await authorizeByHand(relay.origin, { params });
      expect(answer.status, JSON.stringify(params)).toBe(400);
    }
  });

  it('limits requests per client and per provider, and the size of a request', async () => {
    const strict = await anotherRelay('strict', { limits: { perClientPerMinute: 8, maxRequestBytes: 2048 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await authorizeByHand(strict.origin)).status);
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    expect(statuses).toContain(429);
    const route = new RelayClient(strict.origin).route();
    const busy = await reasonOf(
      route.authorize({ service: serviceAt(world), redirectUri: 'http://127.0.0.1:50000/medmij/callback', state: newState(), codeVerifier: newCodeVerifier(), correlationId: newRequestId(), representation: null }),
    );
    expect(busy).toContain('rate-limited');

    const perProvider = await anotherRelay('per-provider', { limits: { perProviderPerMinute: 4 } });
    const providerStatuses: number[] = [];
    for (let i = 0; i < 3; i++) providerStatuses.push((await authorizeByHand(perProvider.origin)).status);
    expect(providerStatuses).toEqual([200, 429, 429]);

    const big = await fetch(`${relay.origin}/v1/provider`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant: 'x'.repeat(50), method: 'POST', url: 'https://zorg.test/', body: 'A'.repeat(21 * 1024 * 1024) }),
    }).catch(() => null);
    // Either the 413 arrives or the relay closes the connection on the oversized body; never a 200.
    if (big) expect(big.status).toBe(413);
  });

  it('logs one line per request, without tokens, codes, states, query strings or health data', () => {
    const text = logs.join('\n');
    expect(text).toContain('"event":"provider"');
    const { codes, tokens } = world.sim.issued();
    for (const secret of [...codes, ...tokens]) expect(text).not.toContain(secret);
    // A BSN (999…), not any 999: a time stamp's milliseconds or a port may hold that.
    expect(text).not.toMatch(/state=|code=|\?|Bearer|resourceType|Jan de Vries|Vries|999\d{6}/);
  });

  it('serves 50 fetches at the same time', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => fetchThroughRelay({ world, relayOrigin: relay.origin, serviceId: '63', fhirVersion: 'R4' })));
    expect(results.filter((r) => !r.ok)).toEqual([]);
  }, 120_000);
});

describe('the relay’s configuration', () => {
  it('reads a file (paths relative to it) and lets the environment win', () => {
    const dir = makeTempDir('regie-relay-config-');
    try {
      writeFileSync(join(dir.dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n');
      const file = join(dir.dir, 'relay.json');
      writeFileSync(file, JSON.stringify({ hostname: 'relay.example.nl', lists: 'lists', providerCa: 'ca.pem', listen: '0.0.0.0:8080' }));
      const config = loadRelayConfig({ file, env: { REGIE_RELAY_LISTEN: '127.0.0.1:9090', REGIE_RELAY_SECRET: Buffer.alloc(32, 7).toString('base64') } });
      expect(config).toMatchObject({
        hostname: 'relay.example.nl',
        publicUrl: 'https://relay.example.nl',
        redirectUri: 'https://relay.example.nl/medmij/callback',
        listen: { host: '127.0.0.1', port: 9090 },
        lists: join(dir.dir, 'lists'),
        secretConfigured: true,
        clientCertificate: null,
      });
      expect(config.providerCa).toContain('BEGIN CERTIFICATE');
      expect(() => loadRelayConfig({ file, env: { REGIE_RELAY_PUBLIC_URL: 'https://elders.example.nl' } })).toThrow(RelayConfigError);
      expect(() => loadRelayConfig({ file, env: { REGIE_RELAY_PUBLIC_URL: 'http://relay.example.nl' } })).toThrow(/https/);
      expect(() => loadRelayConfig({ file, env: { REGIE_RELAY_SECRET: 'kort' } })).toThrow(/32 bytes/);
      expect(() => loadRelayConfig({ env: { REGIE_RELAY_HOSTNAME: 'relay.example.nl' } })).toThrow(/lists/);
    } finally {
      dir.remove();
    }
  });

  it('keeps MedMij’s lists in memory only when given no folder for them', async () => {
    const dir = makeTempDir('regie-relay-lists-');
    try {
      const store = new ListStore({});
      const result = await store.load('gegevensdienstnamenlijst', join(import.meta.dirname, '../../resources/medmij/gegevensdienstnamenlijst.xml'));
      expect(result.origin).toBe('fresh');
      expect(store.lastGoodText('gegevensdienstnamenlijst')).toContain('<Gegevensdienstnamenlijst');
      const failed = await store.load('gegevensdienstnamenlijst', join(dir.dir, 'missing.xml'));
      expect(failed.origin).toBe('last-good');
      expect(readdirSync(dir.dir)).toEqual([]);
    } finally {
      dir.remove();
    }
  });
});
