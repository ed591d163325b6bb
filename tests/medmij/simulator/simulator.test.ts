import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProviderSimulator, type ProviderSimulator } from '../../../src-main/medmij/simulator';
import { MEDMIJ_QUERY_SETS, expandDateTokens } from '../../../src-main/medmij/queries';
import { loadPeople } from '../../../src-main/medmij/simulator/people';
import { SIM_PROVIDERS, serviceIdOf } from '../../../src-main/medmij/simulator/providers';
import {
  CLIENT_ID, REDIRECT_URI, authorizeUrl, fhirGet, getToken, newVerifier, openLogin, submitLogin, tokenRequest,
} from './helpers';

let clock = Date.now();
let sim: ProviderSimulator;

beforeAll(async () => {
  sim = await startProviderSimulator({ now: () => clock, clients: [{ hostname: CLIENT_ID }, 'andere.pgo.example'] });
});
afterAll(async () => {
  await sim.close();
});

const r4 = (path: string, slug = 'delinde') => `${sim.origin}/${slug}/fhir/r4/${path}`;
const stu3 = (path: string, slug = 'delinde') => `${sim.origin}/${slug}/fhir/stu3/${path}`;
type Entry = { resource: { resourceType: string; id: string }; search: { mode: string } };
const entries = (json: Record<string, unknown>) => (json.entry ?? []) as Entry[];

describe('happy path', () => {
  it('authorize → simulated DigiD → code → token → FHIR', async () => {
    const verifier = newVerifier();
    const login = await openLogin(authorizeUrl(sim.origin, { verifier, state: 'mijn-staat' }));
    expect(login.status).toBe(200);
    expect(login.html).toContain('TESTOMGEVING — geen echte DigiD');
    expect(login.html).toContain('lang="nl"');
    expect(login.html).toContain('Jan de Vries');
    expect(login.html).toContain('Anna de Boer-Visser');
    expect(login.html).toContain('Sanne Proef');
    expect(login.html).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)[a-z]/i);

    const back = await submitLogin(sim.origin, 'delinde', login.session ?? '', 'jan-de-vries');
    expect(back.origin + back.pathname).toBe(REDIRECT_URI);
    expect(back.searchParams.get('state')).toBe('mijn-staat');
    const code = back.searchParams.get('code') ?? '';
    expect(code.length).toBeGreaterThan(20);

    const t = await tokenRequest(sim.origin, 'delinde', { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: CLIENT_ID, code_verifier: verifier });
    expect(t.status).toBe(200);
    expect(t.headers.get('cache-control')).toBe('no-store');
    expect(t.headers.get('pragma')).toBe('no-cache');
    expect(t.json).toMatchObject({ token_type: 'bearer', expires_in: 900, scope: 'delinde@medmij~48' });
    const token = String(t.json.access_token);

    const patient = await fhirGet(r4('Patient?_include=Patient:general-practitioner'), token);
    expect(patient.status).toBe(200);
    expect(patient.headers.get('content-type')).toContain('application/fhir+json');
    expect(patient.json).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    expect(entries(patient.json).map((e) => `${e.resource.resourceType}/${e.search.mode}`)).toEqual(['Patient/match', 'Organization/include']);

    const meds = await fhirGet(r4(`MedicationRequest?category=${encodeURIComponent('http://snomed.info/sct|16076005')}&_include=MedicationRequest:medication`), token);
    expect(entries(meds.json).map((e) => e.resource.resourceType)).toEqual(['MedicationRequest', 'Medication']);

    const s = await fhirGet(stu3('Condition'), token);
    expect(s.status).toBe(200);
    expect(entries(s.json)[0]?.resource.id).toBe('diabetes');
    expect(sim.authorizations.at(-1)).toMatchObject({ provider: 'delinde@medmij', serviceId: '48', personId: 'jan-de-vries', outcome: 'login' });
  });

  it('serves every query of every query set the providers offer, with 200 (both versions, all people)', async () => {
    for (const provider of SIM_PROVIDERS) {
      for (const key of provider.services) {
        const serviceId = serviceIdOf(key);
        for (const { id: person, data } of loadPeople()) {
          const { accessToken } = await getToken(sim.origin, { provider: provider.slug, serviceId, person });
          for (const set of MEDMIJ_QUERY_SETS.filter((s) => s.serviceId === serviceId)) {
            if (!data[set.fhirVersion]) continue;
            for (const query of set.queries) {
              const params = new URLSearchParams(query.params.map(([k, v]) => [k, expandDateTokens(v, new Date(2026, 10, 1))]));
              const url = `${sim.origin}/${provider.slug}/fhir/${set.fhirVersion.toLowerCase()}/${query.path}${params.size ? `?${params}` : ''}`;
              const res = await fhirGet(url, accessToken);
              expect(res.status, `${provider.slug} ${set.fhirVersion} ${query.id} ${person}: ${res.text.slice(0, 300)}`).toBe(200);
              expect(res.json.resourceType).toBe('Bundle');
            }
          }
        }
      }
    }
  });

  it('data matches: BgZ lab $lastn for Anna, vaccinaties, documents → Binary PDF', async () => {
    const { accessToken } = await getToken(sim.origin, { provider: 'delinde', serviceId: '48', person: 'anna-de-boer-visser' });
    const lab = await fhirGet(r4(`Observation/$lastn?category=${encodeURIComponent('http://snomed.info/sct|275711006')}&_include=Observation:specimen`), accessToken);
    const matches = entries(lab.json).filter((e) => e.search.mode === 'match');
    expect(matches.length).toBeGreaterThan(3);
    expect(lab.json.total).toBe(matches.length); // one per code, fits one page
    expect(entries(lab.json).some((e) => e.resource.resourceType === 'Specimen')).toBe(true);

    const docs = await getToken(sim.origin, { provider: 'rijnstad', serviceId: '51', person: 'anna-de-boer-visser' });
    const refs = await fhirGet(`${sim.origin}/rijnstad/fhir/r4/DocumentReference`, docs.accessToken);
    expect(refs.json.total).toBe(3);
    const first = entries(refs.json)[0]?.resource as unknown as { content: { attachment: { url: string; data?: string } }[] };
    expect(first.content[0]?.attachment.data).toBeUndefined();
    const binUrl = `${sim.origin}/rijnstad/fhir/r4/${first.content[0]?.attachment.url}`;
    const pdf = await fetch(binUrl, { headers: { Authorization: `Bearer ${docs.accessToken}`, Accept: 'application/pdf' } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const binJson = await fhirGet(binUrl, docs.accessToken);
    expect(binJson.json).toMatchObject({ resourceType: 'Binary', contentType: 'application/pdf' });

    // Sanne's generated PDF, STU3
    const sanne = await getToken(sim.origin, { provider: 'rijnstad', serviceId: '51', person: 'sanne-proef' });
    const pdf2 = await fetch(`${sim.origin}/rijnstad/fhir/stu3/Binary/sanne-brief-pdf`, { headers: { Authorization: `Bearer ${sanne.accessToken}` } });
    expect((await pdf2.text()).startsWith('%PDF-1.4')).toBe(true);
  });

  it('Anna has no STU3 data: 404 OperationOutcome', async () => {
    const { accessToken } = await getToken(sim.origin, { person: 'anna-de-boer-visser' });
    const res = await fhirGet(stu3('Condition'), accessToken);
    expect(res.status).toBe(404);
    expect(res.json.resourceType).toBe('OperationOutcome');
  });
});

describe('authorization endpoint refuses', () => {
  it('unknown client_id with an error page, no redirect', async () => {
    const res = await openLogin(authorizeUrl(sim.origin, { clientId: 'onbekend.example' }));
    expect(res.status).toBe(400);
    expect(res.location).toBeNull();
    expect(res.html).toContain('Onbekende app');
  });

  it.each([
    'https://127.0.0.1:49152/cb',
    'http://localhost:49152/cb',
    'http://evil.example/cb',
    'http://127.0.0.1/cb',
    'http://127.0.0.1:49152/cb#frag',
    'http://user@127.0.0.1:49152/cb',
    'http://127.0.0.1.evil.example:49152/cb',
  ])('a foreign redirect_uri %s with an error page, no redirect', async (redirectUri) => {
    const res = await openLogin(authorizeUrl(sim.origin, { redirectUri }));
    expect(res.status).toBe(400);
    expect(res.location).toBeNull();
  });

  it.each([
    [{ extra: { response_type: 'token' } }, 'unsupported_response_type'],
    [{ omit: ['response_type'] }, 'invalid_request'],
    [{ providerName: 'rijnstad@medmij' }, 'invalid_scope'],
    [{ serviceId: '50' }, 'invalid_scope'], // De Linde offers no GGZ
    [{ serviceId: '999' }, 'invalid_scope'],
    [{ omit: ['code_challenge'] }, 'invalid_request'],
    [{ extra: { code_challenge_method: 'plain' } }, 'invalid_request'],
    [{ extra: { scope: 'delinde@medmij~48 onbehalfof' } }, 'invalid_request'], // representation needs the birth date
  ] as const)('%j → redirect with error=%s and the state', async (params, error) => {
    const res = await openLogin(authorizeUrl(sim.origin, { ...params, state: 'st' }));
    expect(res.status).toBe(302);
    const loc = new URL(res.location ?? '');
    expect(loc.origin + loc.pathname).toBe(REDIRECT_URI);
    expect(loc.searchParams.get('error')).toBe(error);
    expect(loc.searchParams.get('state')).toBe('st');
    expect(loc.searchParams.get('code')).toBeNull();
  });

  it('a missing state → invalid_request', async () => {
    const res = await openLogin(authorizeUrl(sim.origin, { state: null }));
    expect(new URL(res.location ?? '').searchParams.get('error')).toBe('invalid_request');
  });

  it('Annuleren → access_denied with the state', async () => {
    const login = await openLogin(authorizeUrl(sim.origin, { state: 'annuleer-mij' }));
    const back = await submitLogin(sim.origin, 'delinde', login.session ?? '', 'jan-de-vries', 'cancel');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('annuleer-mij');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('records MedMij representation (namens) parameters', async () => {
    const login = await openLogin(authorizeUrl(sim.origin, {
      extra: { scope: 'delinde@medmij~48 onbehalfof', MedMij_geboortedatum: '20150601', 'MedMij-Request-ID': 'abc', 'X-Correlation-ID': 'def' },
    }));
    expect(login.status).toBe(200);
    expect(login.html).toContain('namens een ander');
    expect(sim.authorizations.at(-1)?.representation).toEqual({ scope: 'onbehalfof', MedMij_geboortedatum: '20150601' });
  });

  it('an unknown login session gives an error page', async () => {
    const res = await fetch(`${sim.origin}/delinde/oauth/authorize`, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'session=nope&person=jan-de-vries&action=login', redirect: 'manual',
    });
    expect(res.status).toBe(400);
  });
});

describe('token endpoint', () => {
  async function freshCode(clientId = CLIENT_ID) {
    const verifier = newVerifier();
    const login = await openLogin(authorizeUrl(sim.origin, { verifier, clientId }));
    const back = await submitLogin(sim.origin, 'delinde', login.session ?? '', 'sanne-proef');
    return { code: back.searchParams.get('code') ?? '', verifier };
  }
  const fields = (code: string, verifier: string, over: Record<string, string> = {}) => ({
    grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: CLIENT_ID, code_verifier: verifier, ...over,
  });

  it('PKCE mismatch → invalid_grant, and the code is burnt', async () => {
    const { code, verifier } = await freshCode();
    const bad = await tokenRequest(sim.origin, 'delinde', fields(code, newVerifier()));
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe('invalid_grant');
    expect(bad.headers.get('cache-control')).toBe('no-store');
    expect((await tokenRequest(sim.origin, 'delinde', fields(code, verifier))).json.error).toBe('invalid_grant');
  });

  it('a reused code is refused and revokes the token issued from it', async () => {
    const { code, verifier } = await freshCode();
    const first = await tokenRequest(sim.origin, 'delinde', fields(code, verifier));
    expect(first.status).toBe(200);
    const token = String(first.json.access_token);
    expect((await fhirGet(r4('Patient'), token)).status).toBe(200);
    const second = await tokenRequest(sim.origin, 'delinde', fields(code, verifier));
    expect(second.status).toBe(400);
    expect(second.json.error).toBe('invalid_grant');
    const after = await fhirGet(r4('Patient'), token);
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('an expired code → invalid_grant', async () => {
    const { code, verifier } = await freshCode();
    clock += 61_000;
    const res = await tokenRequest(sim.origin, 'delinde', fields(code, verifier));
    expect(res.json.error).toBe('invalid_grant');
  });

  it('redirect_uri must match; the code is bound to its client and provider', async () => {
    const a = await freshCode();
    expect((await tokenRequest(sim.origin, 'delinde', fields(a.code, a.verifier, { redirect_uri: 'http://127.0.0.1:49153/callback' }))).json.error).toBe('invalid_grant');
    const b = await freshCode();
    expect((await tokenRequest(sim.origin, 'delinde', fields(b.code, b.verifier, { client_id: 'andere.pgo.example' }))).json.error).toBe('invalid_grant');
    const c = await freshCode();
    expect((await tokenRequest(sim.origin, 'rijnstad', fields(c.code, c.verifier))).json.error).toBe('invalid_grant');
  });

  it('RFC 6749 §5.2 errors: invalid_client 401, invalid_request, unsupported_grant_type', async () => {
    const { code, verifier } = await freshCode();
    const unknown = await tokenRequest(sim.origin, 'delinde', fields(code, verifier, { client_id: 'onbekend.example' }));
    expect(unknown.status).toBe(401);
    expect(unknown.json.error).toBe('invalid_client');
    expect((await tokenRequest(sim.origin, 'delinde', fields(code, verifier, { grant_type: 'password' }))).json.error).toBe('unsupported_grant_type');
    const { code_verifier: _v, ...noVerifier } = fields(code, verifier);
    expect((await tokenRequest(sim.origin, 'delinde', noVerifier)).json.error).toBe('invalid_request');
    const json = await tokenRequest(sim.origin, 'delinde', fields(code, verifier), 'application/json');
    expect(json.status).toBe(400);
    expect(json.json.error).toBe('invalid_request');
    // the code still works after requests that never reached it
    expect((await tokenRequest(sim.origin, 'delinde', fields(code, verifier))).status).toBe(200);
  });
});

describe('FHIR endpoint refuses', () => {
  it('no token → 401 with WWW-Authenticate', async () => {
    const res = await fhirGet(r4('Patient'), null);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
    expect(res.json.resourceType).toBe('OperationOutcome');
  });

  it('an expired token → 401 invalid_token', async () => {
    const { accessToken } = await getToken(sim.origin);
    clock += 15 * 60_000 + 1;
    const res = await fhirGet(r4('Patient'), accessToken);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('expireTokens() expires tokens early', async () => {
    const { accessToken } = await getToken(sim.origin);
    expect((await fhirGet(r4('Patient'), accessToken)).status).toBe(200);
    sim.expireTokens();
    expect((await fhirGet(r4('Patient'), accessToken)).status).toBe(401);
  });

  it.each([
    'Condition?patient=jan-de-vries',
    'Condition?subject=Patient/jan-de-vries',
    'Condition?patient:Patient=jan-de-vries',
    'Condition?subject.identifier=http://fhir.nl/fhir/NamingSystem/bsn|999999990',
    'Condition?subject:Patient.identifier=x',
    'Condition?Patient=x',
    'Observation/$lastn?code=x&patient=1',
  ])('a patient/subject parameter (%s) → 400 OperationOutcome', async (q) => {
    const { accessToken } = await getToken(sim.origin);
    const res = await fhirGet(r4(q), accessToken);
    expect(res.status).toBe(400);
    expect(res.json.resourceType).toBe('OperationOutcome');
  });

  it('a token of another provider, or a type outside the service scope', async () => {
    const { accessToken } = await getToken(sim.origin, { provider: 'hetkruispunt', serviceId: serviceIdOf('medicatie') });
    expect((await fhirGet(r4('MedicationDispense', 'hetkruispunt'), accessToken)).status).toBe(200);
    expect((await fhirGet(r4('MedicationDispense', 'delinde'), accessToken)).status).toBe(401);
    const outside = await fhirGet(r4('Condition', 'hetkruispunt'), accessToken);
    expect(outside.status).toBe(403);
    expect(outside.headers.get('www-authenticate')).toContain('insufficient_scope');
  });

  it.each([
    'Condition?foo=bar',
    'Condition?code:text=astma',
    'Observation?date=gisteren',
    'Condition/$lastn',
    'Observation/$lastn?max=0',
    'Condition?_include=Observation:specimen',
    'Condition?_sort=status',
    'Condition?_count=abc',
    'Condition?_page=zzz',
  ])('an unsupported query (%s) → 400 OperationOutcome', async (q) => {
    const { accessToken } = await getToken(sim.origin);
    const res = await fhirGet(r4(q), accessToken);
    expect(res.status, res.text).toBe(400);
    expect(res.json.resourceType).toBe('OperationOutcome');
  });
});

describe('paging, formats, failures, log', () => {
  it('follows next links to the end (Anna: all vital signs)', async () => {
    const { accessToken } = await getToken(sim.origin, { person: 'anna-de-boer-visser', serviceId: serviceIdOf('zelfmetingen') });
    let url: string | undefined = r4(`Observation?code=${encodeURIComponent('http://loinc.org|8867-4')}&_count=100`);
    const ids = new Set<string>();
    let pages = 0;
    let total = 0;
    while (url) {
      const res = await fhirGet(url, accessToken);
      expect(res.status).toBe(200);
      total = Number(res.json.total);
      for (const e of entries(res.json)) ids.add(e.resource.id);
      url = ((res.json.link ?? []) as { relation: string; url: string }[]).find((l) => l.relation === 'next')?.url;
      pages++;
    }
    expect(total).toBe(479);
    expect(ids.size).toBe(479);
    expect(pages).toBe(5);
  });

  it('default page size 50 for Sanne\'s 121 vital signs, STU3', async () => {
    const { accessToken } = await getToken(sim.origin, { person: 'sanne-proef', serviceId: serviceIdOf('zelfmetingen') });
    const first = await fhirGet(stu3('Observation?code=http://loinc.org|14743-9'), accessToken);
    expect(first.json.total).toBe(120);
    expect(entries(first.json)).toHaveLength(50);
    const dated = await fhirGet(stu3('Observation?code=http://loinc.org|14743-9&date=ge2026-09-01&date=lt2026-09-11'), accessToken);
    expect(dated.json.total).toBe(10);
    const last = await fhirGet(stu3('Observation/$lastn?category=http://hl7.org/fhir/observation-category|vital-signs&max=3'), accessToken);
    expect(last.json.total).toBe(4); // 3 glucose + 1 weight
  });

  it('XML on Accept: application/fhir+xml', async () => {
    const { accessToken } = await getToken(sim.origin);
    const xml = await fhirGet(r4('Patient?_include=Patient:general-practitioner'), accessToken, 'application/fhir+xml');
    expect(xml.status).toBe(200);
    expect(xml.headers.get('content-type')).toContain('application/fhir+xml');
    expect(xml.text).toMatch(/^<\?xml[^>]*>\s*<Bundle xmlns="http:\/\/hl7.org\/fhir">/);
    expect(xml.text).toContain('<total value="1"/>');
    expect(xml.text).toContain('<Patient xmlns="http://hl7.org/fhir">');
    const err = await fhirGet(r4('Condition?patient=1'), accessToken, 'application/fhir+xml');
    expect(err.text).toContain('<OperationOutcome');
  });

  it('injected failures: 500 once, then fine; hang until closed', async () => {
    const { accessToken } = await getToken(sim.origin);
    sim.injectFailure({ provider: 'delinde', match: 'Condition', mode: 'error' });
    expect((await fhirGet(r4('Condition'), accessToken)).status).toBe(500);
    expect((await fhirGet(r4('Condition'), accessToken)).status).toBe(200);

    sim.injectFailure({ resourceType: 'Flag', mode: 'hang' });
    const aborted = await fetch(r4('Flag'), { headers: { Authorization: `Bearer ${accessToken}` }, signal: AbortSignal.timeout(300) }).then(
      () => 'answered',
      () => 'timed out',
    );
    expect(aborted).toBe('timed out');
    expect((await fhirGet(r4('Flag'), accessToken)).status).toBe(200);

    // the same over HTTP, for tests that run the simulator in another process
    const ctl = await fetch(`${sim.origin}/_sim/failures`, { method: 'POST', body: JSON.stringify({ match: 'AllergyIntolerance', mode: 'error', status: 503 }) });
    expect(ctl.status).toBe(201);
    expect((await fhirGet(r4('AllergyIntolerance'), accessToken)).status).toBe(503);
  });

  it('logs requests without bodies', async () => {
    const entry = sim.requests.find((r) => r.path === '/delinde/oauth/token' && r.status === 200);
    expect(entry).toMatchObject({ method: 'POST', query: {} });
    expect(JSON.stringify(sim.requests)).not.toContain('code_verifier');
    const fhirEntry = sim.requests.find((r) => r.path === '/delinde/fhir/r4/Patient' && r.query._include);
    expect(fhirEntry?.query._include).toEqual(['Patient:general-practitioner']);
    expect(typeof fhirEntry?.time).toBe('string');
  });
});

describe('the sample lists in resources/medmij point at the simulator', () => {
  it('every provider and service in the sample Zorgaanbiederslijst exists here, with these endpoints', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseProviderList } = await import('../../../src-main/medmij/lists/parse');
    const parsed = parseProviderList(readFileSync('resources/medmij/zorgaanbiederslijst.xml', 'utf8'), { allowLoopback: true, simulatorOrigin: sim.origin });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.list.providers.map((p) => p.name).sort()).toEqual(sim.providers.map((p) => p.name).sort());
    for (const listed of parsed.list.providers) {
      const here = sim.providers.find((p) => p.name === listed.name);
      expect(listed.services.map((s) => s.id).sort(), listed.name).toEqual([...(here?.serviceIds ?? [])].sort());
      for (const s of listed.services) {
        expect(s.authorizationEndpoint).toBe(here?.authorizationEndpoint);
        expect(s.tokenEndpoint).toBe(here?.tokenEndpoint);
        for (const role of s.systemRoles) expect([here?.fhirBase.STU3, here?.fhirBase.R4]).toContain(role.resourceEndpoint);
      }
    }
  });

  it('without a clients option the sample OAuthclientlist hostnames are accepted', async () => {
    const other = await startProviderSimulator();
    try {
      const ok = await openLogin(authorizeUrl(other.origin, { clientId: 'regie.invalid' }));
      expect(ok.status).toBe(200);
      const bad = await openLogin(authorizeUrl(other.origin, { clientId: 'andere.pgo.example' }));
      expect(bad.status).toBe(400);
    } finally {
      await other.close();
    }
  });
});
