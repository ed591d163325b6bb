/**
 * The test provider behaves like a real MedMij provider on its back channel: HTTPS with mutual TLS,
 * a client certificate issued by the test CA standing in for PKIoverheid, its host name on the
 * whitelist and equal to the client_id; on the front channel a client_id on the OAuth client list and
 * a redirect_uri https on that host. Certificates are made at run time with openssl.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasOpenssl, relayHost, startRelayWorld, type RelayWorld } from '../../helpers/relay-world';
import { makeTempDir } from '../../helpers/temp-dir';
import { challengeOf, newVerifier } from './helpers';

const redirectUri = `https://${relayHost}/medmij/callback`;
let temp: ReturnType<typeof makeTempDir>;
let world: RelayWorld;

const back = () => `https://zorg.test:${world.sim.port}/delinde`;

function authorizeUrl(params: Record<string, string>): string {
  const url = new URL(`${back()}/oauth/authorize`);
  const all = {
    response_type: 'code',
    client_id: relayHost,
    redirect_uri: redirectUri,
    scope: 'delinde@medmij~48',
    state: 'staat-123',
    code_challenge: challengeOf(newVerifier()),
    code_challenge_method: 'S256',
    ...params,
  };
  for (const [name, value] of Object.entries(all)) url.searchParams.set(name, value);
  return url.toString();
}

/** Log in as Jan on the login page; returns the code the provider sends to the relay's redirect URI. */
async function codeFor(verifier: string): Promise<string> {
  const page = await world.call(authorizeUrl({ code_challenge: challengeOf(verifier) }));
  const session = /name="session" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
  const posted = await world.call(`${back()}/oauth/authorize`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ session, person: 'jan-de-vries', action: 'login' }).toString(),
  });
  expect(posted.status).toBe(302);
  const location = new URL(posted.location ?? '');
  expect(location.origin).toBe(`https://${relayHost}`);
  return location.searchParams.get('code') ?? '';
}

function tokenForm(code: string, verifier: string, clientId = relayHost): string {
  return new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier }).toString();
}

const form = { 'Content-Type': 'application/x-www-form-urlencoded' };

describe.skipIf(!hasOpenssl())('the test provider with mutual TLS (needs the openssl binary)', () => {
  beforeAll(async () => {
    temp = makeTempDir('regie-mtls-');
    world = await startRelayWorld(temp.dir);
  }, 60_000);
  afterAll(async () => {
    await world?.close();
    temp?.remove();
  });

  it('gives a token and FHIR data to the relay, whose certificate the test CA issued for a whitelisted host', async () => {
    const verifier = newVerifier();
    const code = await codeFor(verifier);
    const token = await world.call(`${back()}/oauth/token`, { method: 'POST', headers: form, body: tokenForm(code, verifier), client: world.certs.relayClient });
    expect(token.status).toBe(200);
    const accessToken = (JSON.parse(token.text) as { access_token: string }).access_token;
    const patient = await world.call(`${back()}/fhir/stu3/Patient`, { headers: { Authorization: `Bearer ${accessToken}` }, client: world.certs.relayClient });
    expect(patient.status).toBe(200);
    expect(JSON.parse(patient.text)).toMatchObject({ resourceType: 'Bundle' });
    // The links it writes are its public name, not 127.0.0.1.
    expect(patient.text).toContain(`https://zorg.test:${world.sim.port}/delinde/fhir/stu3/`);
  });

  it.each([
    ['no client certificate', undefined, 'geen clientcertificaat'],
    ['a certificate from another CA', 'foreign', 'niet uitgegeven door een vertrouwde CA'],
    ['a certificate for a host that is not on the whitelist', 'stranger', 'staat niet op de whitelist'],
  ] as const)('refuses the token request with %s', async (_name, cert, why) => {
    const verifier = newVerifier();
    const code = await codeFor(verifier);
    const client = cert ? world.certs[cert] : undefined;
    const token = await world.call(`${back()}/oauth/token`, { method: 'POST', headers: form, body: tokenForm(code, verifier), ...(client && { client }) });
    expect(token.status).toBe(401);
    expect(JSON.parse(token.text)).toMatchObject({ error: 'invalid_client' });
    expect((JSON.parse(token.text) as { error_description: string }).error_description).toContain(why);
    // FHIR too: not even the CapabilityStatement.
    const metadata = await world.call(`${back()}/fhir/stu3/metadata`, client ? { client } : {});
    expect(metadata.status).toBe(403);
  });

  it('refuses a client_id that is not the host name of the certificate presented', async () => {
    const verifier = newVerifier();
    const code = await codeFor(verifier);
    const token = await world.call(`${back()}/oauth/token`, {
      method: 'POST',
      headers: form,
      body: tokenForm(code, verifier, 'stranger.regie.test'),
      client: world.certs.relayClient,
    });
    expect(token.status).toBe(401);
    expect(JSON.parse(token.text)).toMatchObject({ error: 'invalid_client' });
  });

  it('refuses, on the login page, a client_id not on the OAuth client list and a redirect_uri that is not https on its host', async () => {
    const unknown = await world.call(authorizeUrl({ client_id: 'stranger.regie.test', redirect_uri: 'https://stranger.regie.test/medmij/callback' }));
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('Onbekende app');
    for (const wrong of ['http://127.0.0.1:49152/callback', 'https://elders.example/medmij/callback', `http://${relayHost}/medmij/callback`]) {
      const page = await world.call(authorizeUrl({ redirect_uri: wrong }));
      expect(page.status, wrong).toBe(400);
      expect(page.text).toContain(`https://${relayHost}/`);
    }
    const fine = await world.call(authorizeUrl({}));
    expect(fine.status).toBe(200);
  });
});
