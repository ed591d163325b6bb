import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ListStore, listSourceFrom, sampleListPath } from '../../../src-main/medmij/lists';
import { ORIGIN, sampleText, whitelist, zal } from './helpers';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'regie-medmij-lists-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cacheDir = () => join(dir, 'cache');
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('ListStore with files', () => {
  it('loads, validates and persists the last good copy', async () => {
    const store = new ListStore({ cacheDir: cacheDir() });
    const r = await store.load('whitelist', file('wl.xml', whitelist(['a.example.nl'])));
    expect(r.origin).toBe('fresh');
    expect(r.problems).toEqual([]);
    expect(r.list?.hostnames).toEqual(['a.example.nl']);
    expect(readFileSync(join(cacheDir(), 'whitelist.xml'), 'utf8')).toBe(whitelist(['a.example.nl']));
    expect(JSON.parse(readFileSync(join(cacheDir(), 'whitelist.json'), 'utf8'))).toMatchObject({ sequence: 1 });
  });

  it('keeps and returns the last good list when a new one is invalid or missing', async () => {
    const store = new ListStore({ cacheDir: cacheDir() });
    await store.load('whitelist', file('wl.xml', whitelist(['a.example.nl'])));
    const bad = await store.load('whitelist', file('wl2.xml', whitelist(['Niet Geldig'], 2)));
    expect(bad.origin).toBe('last-good');
    expect(bad.list?.hostnames).toEqual(['a.example.nl']);
    expect(bad.problems.map((p) => p.code)).toEqual(['invalid-value']);
    expect(bad.acceptedAt).not.toBeNull();
    // the cache still holds the good list
    expect(readFileSync(join(cacheDir(), 'whitelist.xml'), 'utf8')).toContain('a.example.nl');
    const missing = await store.load('whitelist', join(dir, 'bestaat-niet.xml'));
    expect(missing.origin).toBe('last-good');
    expect(missing.problems[0]!.code).toBe('read-failed');
    // a new store over the same folder still has it (persisted)
    expect(new ListStore({ cacheDir: cacheDir() }).lastGood('whitelist')?.hostnames).toEqual(['a.example.nl']);
  });

  it('reports "none" when there is no last good list', async () => {
    const r = await new ListStore({ cacheDir: cacheDir() }).load('whitelist', file('wl.xml', '<x/>'));
    expect(r).toMatchObject({ origin: 'none', list: null, acceptedAt: null });
    expect(r.problems[0]!.code).toBe('wrong-root');
    expect(existsSync(join(cacheDir(), 'whitelist.xml'))).toBe(false);
  });

  it('refuses an older list (lower Volgnummer) than the last good one', async () => {
    const store = new ListStore({ cacheDir: cacheDir() });
    await store.load('whitelist', file('wl5.xml', whitelist(['a.example.nl'], 5)));
    const older = await store.load('whitelist', file('wl4.xml', whitelist(['b.example.nl'], 4)));
    expect(older.origin).toBe('last-good');
    expect(older.problems.map((p) => p.code)).toEqual(['rollback']);
    expect(older.list?.sequence).toBe(5);
  });

  it('refuses files over the size cap', async () => {
    const r = await new ListStore({ cacheDir: cacheDir(), maxBytes: 50 }).load('whitelist', file('wl.xml', whitelist(['a.example.nl'])));
    expect(r.problems[0]!.code).toBe('too-large');
  });

  it('loads all sample lists with the simulator origin, and stores them with the placeholder unresolved', async () => {
    const store = new ListStore({ cacheDir: cacheDir(), simulatorOrigin: ORIGIN });
    const all = await store.loadAll({
      zorgaanbiederslijst: sampleListPath('zorgaanbiederslijst'),
      gegevensdienstnamenlijst: sampleListPath('gegevensdienstnamenlijst'),
      oauthclientlist: sampleListPath('oauthclientlist'),
      whitelist: sampleListPath('whitelist'),
    });
    for (const r of Object.values(all)) expect([r.kind, r.origin, r.problems]).toEqual([r.kind, 'fresh', []]);
    expect(all.zorgaanbiederslijst.list?.providers[0]!.services[0]!.authorizationEndpoint).toBe(`${ORIGIN}/delinde/oauth/authorize`);
    expect(readFileSync(join(cacheDir(), 'zorgaanbiederslijst.xml'), 'utf8')).toBe(sampleText('zorgaanbiederslijst'));
    // a later run on another ephemeral port re-resolves the cached copy
    const other = new ListStore({ cacheDir: cacheDir(), simulatorOrigin: 'http://127.0.0.1:50001' });
    expect(other.lastGood('zorgaanbiederslijst')?.providers[0]!.services[0]!.tokenEndpoint).toBe('http://127.0.0.1:50001/delinde/oauth/token');
  });

  it('loadAll refuses a provider list whose hosts are not whitelisted, keeping the last good one', async () => {
    const store = new ListStore({ cacheDir: cacheDir() });
    const gnl = file('gnl.xml', sampleText('gegevensdienstnamenlijst'));
    const ocl = file('ocl.xml', sampleText('oauthclientlist'));
    const good = await store.loadAll({
      zorgaanbiederslijst: file('zal.xml', zal()),
      gegevensdienstnamenlijst: gnl,
      oauthclientlist: ocl,
      whitelist: file('wl.xml', whitelist(['auth.example.nl', 'token.example.nl', 'fhir.example.nl'])),
    });
    expect(good.zorgaanbiederslijst.origin).toBe('fresh');
    const bad = await store.loadAll({
      zorgaanbiederslijst: file('zal2.xml', zal().replace('https://fhir.example.nl/fhir', 'https://evil.example.org/fhir').replace('<Volgnummer>3', '<Volgnummer>4')),
      gegevensdienstnamenlijst: gnl,
      oauthclientlist: ocl,
      whitelist: file('wl.xml', whitelist(['auth.example.nl', 'token.example.nl', 'fhir.example.nl'])),
    });
    expect(bad.zorgaanbiederslijst.origin).toBe('last-good');
    expect(bad.zorgaanbiederslijst.problems.map((p) => p.code)).toEqual(['endpoint-not-whitelisted']);
    expect(bad.zorgaanbiederslijst.list?.providers[0]!.services[0]!.systemRoles[0]!.resourceEndpoint).toBe('https://fhir.example.nl/fhir');
    // load() alone checks against the last good whitelist too
    const single = await store.load('zorgaanbiederslijst', file('zal3.xml', zal().replace('https://auth.example.nl', 'https://other.example.nl').replace('<Volgnummer>3', '<Volgnummer>5')));
    expect(single.problems.map((p) => p.code)).toEqual(['endpoint-not-whitelisted']);
  });

  it('parses source specs', () => {
    expect(listSourceFrom('https://lijsten.example.nl/zal.xml')).toEqual({ type: 'url', url: 'https://lijsten.example.nl/zal.xml' });
    expect(listSourceFrom('/tmp/zal.xml')).toEqual({ type: 'file', path: '/tmp/zal.xml' });
  });
});

describe('ListStore over http on 127.0.0.1', () => {
  let server: Server;
  let base: string;
  const routes = new Map<string, (res: import('node:http').ServerResponse) => void>();
  beforeAll(async () => {
    server = createServer((req, res) => {
      const h = routes.get(req.url ?? '');
      if (h) h(res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    routes.set('/wl-good', (res) => res.writeHead(200, { 'content-type': 'application/xml' }).end(whitelist(['a.example.nl'])));
    routes.set('/wl-bad', (res) => res.writeHead(200).end(whitelist(['a.example.nl']).replace('release2', 'release9')));
    routes.set('/wl-500', (res) => res.writeHead(500).end('kapot'));
    routes.set('/wl-big', (res) => {
      res.writeHead(200);
      res.end('x'.repeat(5000));
    });
    routes.set('/wl-slow', (res) => {
      res.writeHead(200);
      res.write('<Whitelist');
      // never ends within the timeout
    });
    routes.set('/wl-redirect', (res) => res.writeHead(302, { location: '/wl-good' }).end());
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('loads a list by URL and falls back on every kind of failure', async () => {
    const store = new ListStore({ cacheDir: cacheDir(), fetchTimeoutMs: 500, maxBytes: 1000 });
    const ok = await store.load('whitelist', `${base}/wl-good`);
    expect(ok.origin).toBe('fresh');
    expect(ok.source).toBe(`${base}/wl-good`);
    const cases: [string, string][] = [
      ['/wl-bad', 'wrong-namespace'],
      ['/wl-500', 'fetch-status'],
      ['/wl-404', 'fetch-status'],
      ['/wl-big', 'too-large'],
      ['/wl-slow', 'fetch-timeout'],
      ['/wl-redirect', 'fetch-failed'],
    ];
    for (const [path, code] of cases) {
      const r = await store.load('whitelist', `${base}${path}`);
      expect([path, r.origin, r.problems[0]?.code]).toEqual([path, 'last-good', code]);
      expect(r.list?.hostnames).toEqual(['a.example.nl']);
    }
    const message = (await store.load('whitelist', `${base}/wl-500`)).problems[0]!.message;
    expect(message).toEqual({ nl: 'De server gaf status 500 bij het ophalen van de lijst.', en: 'The server answered status 500 when fetching the list.' });
  });

  it('refuses plain http to anything but loopback, and unreachable hosts', async () => {
    const store = new ListStore({ cacheDir: cacheDir(), fetchTimeoutMs: 2000 });
    expect((await store.load('whitelist', 'http://example.nl/wl.xml')).problems[0]!.code).toBe('source-invalid');
    const closed = await store.load('whitelist', 'http://127.0.0.1:1/wl.xml');
    expect(closed.problems[0]!.code).toBe('fetch-failed');
    expect(closed.origin).toBe('none');
  });
});
