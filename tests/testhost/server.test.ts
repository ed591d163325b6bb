import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from '../../src-main/testhost/server';
import { fastKdfParams } from '../../src-main/vault/kdf';
import { makeTempDir } from '../helpers/temp-dir';

describe('loopback test host', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let host: TestHost;
  beforeAll(async () => {
    temp = makeTempDir();
    const rendererDir = join(temp.dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Regie</title>');
    writeFileSync(join(temp.dir, 'secret.txt'), 'outside the renderer');
    host = await startTestHost({ dataDir: join(temp.dir, 'data'), rendererDir, kdf: fastKdfParams });
  });
  afterAll(async () => {
    await host.close();
    temp.remove();
  });

  const callApi = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${host.origin}/api/call`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, ...headers },
      body: JSON.stringify(body),
    });

  it('binds to 127.0.0.1 and serves the renderer with a strict CSP', async () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${host.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('<title>Regie</title>');
  });

  it('answers API calls only with the token', async () => {
    expect((await callApi({ method: 'profiles.list', request: {} }, { Authorization: 'Bearer wrong' })).status).toBe(401);
    const res = await callApi({ method: 'profiles.list', request: {} });
    expect(await res.json()).toEqual({ ok: true, value: [] });
  });

  it('refuses other origins and hosts (DNS rebinding, cross-site requests)', async () => {
    expect((await callApi({ method: 'profiles.list' }, { Origin: 'https://evil.example' })).status).toBe(403);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const req = request(`${host.origin}/`, { headers: { Host: 'evil.example' } }, (res) => resolve(res.statusCode ?? 0));
      req.end();
    });
    expect(status).toBe(421);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const text = await (await fetch(`${host.origin}${path}`)).text();
      expect(text).not.toContain('outside the renderer');
    }
  });

  it('answers malformed bodies with invalid-request', async () => {
    const res = await fetch(`${host.origin}/api/call`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}` },
      body: '{not json',
    });
    expect(await res.json()).toEqual({ ok: false, error: { code: 'invalid-request' } });
  });
});
