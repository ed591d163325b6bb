/**
 * Sending to a care provider (MedMij Delen, issue 12) against the real provider simulator: per
 * service a send that is accepted (and what the provider stored), nothing leaving before
 * "Versturen", and the refusals — a provider saying 4xx, a token the provider no longer accepts, the
 * network gone halfway, a login that is cancelled — each with a clear message and nothing marked as
 * sent that was not. The Verstuurd log holds every request that went out, with the answer.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SendProgress, SendSelection } from '../../../src-preload/contract/sharing';
import { errorMessage } from '../../../src-preload/contract/errors';
import type { Core } from '../../../src-main/core/create-core';
import type { ProviderSimulator } from '../../../src-main/medmij/simulator/index';
import { tinyPdf } from '../../../src-main/medmij/simulator/test-data';
import { makeTempDir } from '../../helpers/temp-dir';
import { createProfile, loginInBrowser, makeCore, ok, startSimulator, waitForFetch } from './helpers';

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

const kees = { name: 'Kees Compleet', birthDate: '1947-02-11' };
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);

/** Every request a send made to a provider (token and FHIR), as it went out. */
interface Captured {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

async function setup(simulator = sim, captured: Captured[] = []) {
  const sendFetch: typeof fetch = async (input, init) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    captured.push({ method: init?.method ?? 'GET', url: String(input), headers, body: typeof init?.body === 'string' ? init.body : null });
    return fetch(input, init);
  };
  const core = makeCore(temp.dir, simulator, { sendFetch });
  cores.push(core);
  const profileId = await createProfile(core, 'Kees');
  await ok(core.call('records.setIdentity', { profileId, ...kees }));
  return { core, profileId };
}

async function addBloodPressures(core: Core, profileId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const [day, upper, lower] of [['2026-11-01', 135, 85], ['2026-11-02', 128, 82], ['2026-11-03', 141, 88]] as const) {
    const added = await ok(core.call('records.addMeasurement', { profileId, kind: 'blood-pressure', value: upper, value2: lower, effectiveAt: `${day}T08:30:00+01:00` }));
    ids.push(added.id);
  }
  return ids;
}

const final = new Set<SendProgress['stage']>(['done', 'failed', 'cancelled']);

async function waitForSend(core: Core, sendId: string): Promise<SendProgress> {
  const until = Date.now() + 20_000;
  for (;;) {
    const status = await ok(core.call('sharing.status', { sendId }));
    if (final.has(status.stage)) return status;
    if (Date.now() > until) throw new Error(`send still ${status.stage}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** prepare → Versturen → the person logs in at the provider → the answer. */
async function send(core: Core, profileId: string, serviceId: string, selection: SendSelection, provider = 'delinde@medmij', person = 'kees-compleet') {
  const preview = await ok(core.call('sharing.prepare', { profileId, providerId: provider, serviceId, selection }));
  const begun = await ok(core.call('sharing.send', { sendId: preview.sendId }));
  const { page } = await loginInBrowser(begun.authorizationUrl, { person });
  expect(page.status).toBe(200);
  return { preview, result: await waitForSend(core, preview.sendId) };
}

const posts = (from: number) => sim.requests.slice(from).filter((r) => r.method === 'POST' && r.path.includes('/fhir/'));

describe('Zelfmetingen delen (53)', () => {
  it('shows exactly what will be sent, sends nothing before Versturen, and the provider accepts and stores the three measurements', async () => {
    const { core, profileId } = await setup();
    const ids = await addBloodPressures(core, profileId);
    const before = sim.requests.length;
    const receivedBefore = sim.received.length;

    const preview = await ok(core.call('sharing.prepare', { profileId, providerId: 'delinde@medmij', serviceId: '53', selection: { kind: 'measurements', measurementKind: 'blood-pressure' } }));
    expect(preview.provider.name).toContain('De Linde');
    expect(preview.service.name).toBe('Zelfmetingen delen');
    expect(preview.items.map((i) => [i.kind, i.label.nl, i.detail])).toEqual([
      ['person', 'Uw gegevens', 'Kees Compleet, geboren 1947-02-11'],
      ['measurement', 'Bloeddruk', '135/85 mmHg'],
      ['measurement', 'Bloeddruk', '128/82 mmHg'],
      ['measurement', 'Bloeddruk', '141/88 mmHg'],
    ]);
    expect(preview.items.filter((i) => i.kind === 'measurement').map((i) => i.recordId)).toEqual(ids);
    expect(preview.summary.nl).toBe('3 onderdelen naar Huisartsenpraktijk De Linde, met de dienst "Zelfmetingen delen".');
    // Preparing contacts no one.
    expect(sim.requests.length).toBe(before);
    expect(await ok(core.call('sharing.sent', { profileId }))).toEqual([]);

    const begun = await ok(core.call('sharing.send', { sendId: preview.sendId }));
    const authorize = new URL(begun.authorizationUrl);
    expect(authorize.searchParams.get('scope')).toBe('delinde@medmij~53');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    await loginInBrowser(begun.authorizationUrl, { person: 'kees-compleet' });
    const result = await waitForSend(core, preview.sendId);

    expect(result.stage).toBe('done');
    expect(result.answer).toMatchObject({ outcome: 'accepted', httpStatus: 200 });
    expect(result.items.every((i) => i.status === 'accepted')).toBe(true);
    // One POST at the FHIR base, no query string at all.
    const sent = posts(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ path: '/delinde/fhir/stu3', query: {}, status: 200 });
    // What the provider stored: the Patient and three zib-BloodPressure Observations, each with the values sent.
    expect(sim.received.length).toBe(receivedBefore + 1);
    const stored = sim.received.at(-1)!;
    expect(stored).toMatchObject({ provider: 'delinde', serviceId: '53', personId: 'kees-compleet', bundleType: 'batch', refused: [] });
    expect(stored.entries.map((e) => e.resourceType)).toEqual(['Patient', 'Observation', 'Observation', 'Observation']);
    const observations = stored.entries.filter((e) => e.resourceType === 'Observation').map((e) => e.resource);
    for (const o of observations) expect((o.meta as { profile: string[] }).profile).toEqual(['http://nictiz.nl/fhir/StructureDefinition/zib-BloodPressure']);
    const values = observations.map((o) => (o.component as Array<{ valueQuantity: { value: number } }>).map((c) => c.valueQuantity.value));
    expect(values).toEqual([[135, 85], [128, 82], [141, 88]]);

    const log = await ok(core.call('sharing.sent', { profileId }));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ version: 1, outcome: 'accepted', provider: { id: 'delinde@medmij' }, service: { id: '53' }, httpStatus: 200 });
    expect(log[0]!.items.filter((i) => i.kind === 'measurement').map((i) => [i.detail, i.status, i.recordId])).toEqual([
      ['135/85 mmHg', 'accepted', ids[0]],
      ['128/82 mmHg', 'accepted', ids[1]],
      ['141/88 mmHg', 'accepted', ids[2]],
    ]);
    // A send that went out cannot be sent twice from the same preview.
    const again = await core.call('sharing.send', { sendId: preview.sendId });
    expect(again.ok).toBe(false);
  });

  it('refuses what is not the person\'s own measurement, and a period without any', async () => {
    const { core, profileId } = await setup();
    const none = await core.call('sharing.prepare', { profileId, providerId: 'delinde@medmij', serviceId: '53', selection: { kind: 'measurements', from: '2020-01-01', to: '2020-12-31' } });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(errorMessage(none.error, 'nl')).toBe('Er zijn in deze periode geen eigen metingen om te versturen.');
    const wrong = await core.call('sharing.prepare', { profileId, providerId: 'delinde@medmij', serviceId: '53', selection: { kind: 'measurements', recordIds: ['not-a-measurement'] } });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error).toMatchObject({ code: 'send-invalid', params: { reason: 'not-own-measurement' } });
    // A photo is not a Zelfmetingen send.
    const mismatch = await core.call('sharing.prepare', { profileId, providerId: 'delinde@medmij', serviceId: '53', selection: { kind: 'photo', description: 'x', date: '2026-01-01', file: { name: 'a.png', contentBase64: png.toString('base64') } } });
    expect(mismatch.ok).toBe(false);
  });

  it('is not something to fetch: "Gegevens ophalen" neither lists nor starts a sending service', async () => {
    const { core, profileId } = await setup();
    const providers = await ok(core.call('medmij.searchProviders', { profileId, query: 'Linde' }));
    expect(providers[0]!.services.map((s) => s.id)).not.toContain('53');
    expect(providers[0]!.services.map((s) => s.id)).toContain('54');
    const begun = await core.call('medmij.beginFetch', { profileId, providerId: 'delinde@medmij', serviceId: '53' });
    expect(begun.ok).toBe(false);
    const sendProviders = await ok(core.call('sharing.searchProviders', { profileId, query: '' }));
    const linde = sendProviders.find((p) => p.id === 'delinde@medmij')!;
    const mine = linde.services.filter((s) => ['53', '55', '57', '58'].includes(s.id));
    expect(mine.map((s) => [s.id, s.selection])).toEqual([['53', 'measurements'], ['55', 'photo'], ['57', 'document'], ['58', 'allergies']]);
    // Providers without a sending service are not listed.
    expect(sendProviders.map((p) => p.id)).not.toContain('determ@medmij');
  });
});

// What Nictiz's PHR-send TestScripts assert on the request (src/common-asserts, checked here by hand,
// independently of the rules module both Regie and the simulator use).
const uuidUrn = /^urn:uuid:[A-Fa-f\d]{8}-[A-Fa-f\d]{4}-[A-Fa-f\d]{4}-[A-Fa-f\d]{4}-[A-Fa-f\d]{12}$/;

function references(value: unknown, out: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(value)) for (const v of value) references(v, out);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.reference === 'string') out.push(record);
    for (const v of Object.values(record)) references(v, out);
  }
  return out;
}

function expectNictizSendRequest(request: Captured, bundleType: 'batch' | 'transaction') {
  expect(request.method).toBe('POST');
  expect(request.headers.authorization).toMatch(/^Bearer [\x21-\x7e]+$/);
  expect(request.headers['content-type']).toMatch(/^application\/fhir\+json/);
  expect(request.headers['medmij-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(request.url).not.toMatch(/[?&](patient|subject)=/);
  expect(new URL(request.url).search).toBe('');
  const bundle = JSON.parse(request.body!) as { resourceType: string; type: string; entry: Array<{ fullUrl: string; resource: Record<string, unknown>; request: { method: string; url: string } }> };
  expect(bundle.resourceType).toBe('Bundle');
  expect(bundle.type).toBe(bundleType);
  for (const entry of bundle.entry) {
    expect(entry.request.method).toBe('POST');
    expect(entry.request.url).toBe(entry.resource.resourceType);
    expect(entry.resource.id).toBeUndefined();
    expect(entry.fullUrl).toMatch(uuidUrn);
    if (entry.resource.resourceType !== 'Binary') expect((entry.resource.meta as { profile: string[] }).profile.length).toBeGreaterThan(0);
  }
  const fullUrls = new Set(bundle.entry.map((e) => e.fullUrl));
  for (const ref of references(bundle.entry.map((e) => e.resource))) {
    expect(typeof ref.display === 'string' && ref.display.length > 0, JSON.stringify(ref)).toBe(true);
    // References between entries point at entries of this Bundle.
    if (String(ref.reference).startsWith('urn:uuid:')) expect(fullUrls.has(String(ref.reference))).toBe(true);
  }
  expect(request.body).not.toContain('http://fhir.nl/fhir/NamingSystem/bsn');
  return bundle;
}

describe('the request itself, as the Nictiz PHR-send TestScripts check it', () => {
  it.each([
    ['53', 'batch', { kind: 'measurements' }],
    ['55', 'transaction', { kind: 'photo', description: 'Wond aan de hiel', date: '2026-11-21', file: { name: 'hiel.png', contentBase64: png.toString('base64') } }],
    ['57', 'transaction', { kind: 'document', title: 'Mijn overzicht', file: { name: 'overzicht.pdf', contentBase64: tinyPdf(['Overzicht']).toString('base64') } }],
  ] as const)('service %s: one %s Bundle, no ids, urn:uuid fullUrls, profiles, displays, the Bearer token, no patient parameter', async (serviceId, bundleType, selection) => {
    const captured: Captured[] = [];
    const { core, profileId } = await setup(sim, captured);
    await addBloodPressures(core, profileId);
    const { result } = await send(core, profileId, serviceId, selection as SendSelection);
    expect(result.answer?.outcome).toBe('accepted');
    const fhirPosts = captured.filter((c) => c.url.includes('/fhir/'));
    expect(fhirPosts).toHaveLength(1);
    const bundle = expectNictizSendRequest(fhirPosts[0]!, bundleType);
    expect(bundle.entry.filter((e) => e.resource.resourceType === 'Patient')).toHaveLength(1);
    // The token request is the only other one, with the same correlation id.
    const token = captured.find((c) => c.url.endsWith('/oauth/token'))!;
    expect(token.headers['x-correlation-id']).toBe(fhirPosts[0]!.headers['x-correlation-id']);
    expect(captured).toHaveLength(2);
  });
});

describe('Beelden (55) and Documenten delen (57)', () => {
  it('sends a photo with its description and date; the provider stores the image as it was', async () => {
    const { core, profileId } = await setup();
    const { preview, result } = await send(core, profileId, '55', {
      kind: 'photo',
      description: 'Plek op de linkerarm, sinds een week',
      date: '2026-11-20',
      file: { name: 'arm.png', contentBase64: png.toString('base64') },
    });
    expect(preview.items[1]).toMatchObject({ kind: 'photo', label: { nl: 'Foto' }, date: '2026-11-20', file: { name: 'arm.png', contentType: 'image/png', bytes: png.length } });
    expect(result.answer?.outcome).toBe('accepted');
    const stored = sim.received.at(-1)!;
    expect(stored.bundleType).toBe('transaction');
    const media = stored.entries.find((e) => e.resourceType === 'Media')!.resource;
    expect(media).toMatchObject({ type: 'photo', occurrenceDateTime: '2026-11-20', note: [{ text: 'Plek op de linkerarm, sinds een week' }] });
    const binary = stored.entries.find((e) => e.resourceType === 'Binary')!.resource;
    expect(Buffer.from(String(binary.content), 'base64').equals(png)).toBe(true);
  });

  it('sends a PDF letter from the record; refuses a file that is not a PDF before anything leaves', async () => {
    const { core, profileId } = await setup();
    const pdf = tinyPdf(['Brief van de cardioloog']);
    const letter = await ok(core.call('records.addDocument', { profileId, title: 'Brief van de cardioloog', date: '2026-10-05', contentBase64: pdf.toString('base64') }));
    const { result } = await send(core, profileId, '57', { kind: 'document', recordId: letter.id, description: 'Voor de controle volgende week' });
    expect(result.answer?.outcome).toBe('accepted');
    const stored = sim.received.at(-1)!;
    const reference = stored.entries.find((e) => e.resourceType === 'DocumentReference')!.resource as { content: Array<{ attachment: { title: string; size: number; creation: string } }> };
    expect(reference.content[0]!.attachment).toMatchObject({ title: 'Brief van de cardioloog', size: pdf.length, creation: '2026-10-05' });

    const before = sim.requests.length;
    const notPdf = await core.call('sharing.prepare', { profileId, providerId: 'delinde@medmij', serviceId: '57', selection: { kind: 'document', file: { name: 'brief.pdf', contentBase64: png.toString('base64') } } });
    expect(notPdf.ok).toBe(false);
    if (!notPdf.ok) expect(errorMessage(notPdf.error, 'nl')).toContain('geen PDF');
    expect(sim.requests.length).toBe(before);
  });
});

describe('Overgevoeligheden (54 collect, 58 send)', () => {
  it('fetches the allergies, then sends the medication one; an allergy to a plaster is not for this service', async () => {
    const { core, profileId } = await setup();
    const begun = await ok(core.call('medmij.beginFetch', { profileId, providerId: 'delinde@medmij', serviceId: '54' }));
    await loginInBrowser(begun.authorizationUrl, { person: 'kees-compleet' });
    const fetched = await waitForFetch(core, begun.fetchId);
    expect(fetched.stage).toBe('done');
    const allergies = await ok(core.call('records.list', { profileId, resourceTypes: ['AllergyIntolerance'] }));
    const codeine = allergies.items.find((i) => i.title.includes('Codeïne'))!;
    const plaster = allergies.items.find((i) => i.title.includes('Pleister'))!;
    expect(codeine && plaster).toBeTruthy();

    const refused = await core.call('sharing.prepare', { profileId, providerId: 'delinde@medmij', serviceId: '58', selection: { kind: 'allergies', recordIds: [plaster.id] } });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(errorMessage(refused.error, 'nl')).toBe('Alleen overgevoeligheden voor medicijnen kunnen met deze dienst worden verstuurd.');

    const { preview, result } = await send(core, profileId, '58', { kind: 'allergies', recordIds: [codeine.id] });
    expect(preview.items[1]!.detail).toBe('Codeïne — reactie: Misselijkheid, Obstipatie');
    expect(result.answer?.outcome).toBe('accepted');
    const stored = sim.received.at(-1)!.entries.find((e) => e.resourceType === 'AllergyIntolerance')!.resource;
    expect(stored).toMatchObject({ category: ['medication'], clinicalStatus: 'active', verificationStatus: 'confirmed', assertedDate: '2018-06-01' });
  });
});

describe('refusals: a clear message, and nothing marked as sent that was not', () => {
  it('the provider says 4xx: every item refused with the provider\'s words, recorded as refused', async () => {
    const { core, profileId } = await setup();
    await addBloodPressures(core, profileId);
    sim.injectFailure({ provider: 'delinde', match: '/fhir/stu3', mode: 'error', status: 422 });
    const { result } = await send(core, profileId, '53', { kind: 'measurements' });
    expect(result.stage).toBe('done');
    expect(result.answer).toMatchObject({ outcome: 'refused', httpStatus: 422 });
    expect(result.answer!.message.nl).toBe('De zorgaanbieder weigerde het (HTTP 422). Er is niets aangenomen.');
    expect(result.items.every((i) => i.status === 'refused' && i.reason?.nl === 'De zorgaanbieder: Gesimuleerde storing (test).')).toBe(true);
    const [entry] = await ok(core.call('sharing.sent', { profileId }));
    expect(entry!.outcome).toBe('refused');
    expect(entry!.items.some((i) => i.status === 'accepted')).toBe(false);
  });

  it('the provider no longer accepts the token (401): refused, asks to log in again', async () => {
    const { core, profileId } = await setup();
    await addBloodPressures(core, profileId);
    sim.injectFailure({ provider: 'delinde', match: '/fhir/stu3', mode: 'error', status: 401 });
    const { result } = await send(core, profileId, '53', { kind: 'measurements' });
    expect(result.answer).toMatchObject({ outcome: 'refused', httpStatus: 401 });
    expect(result.answer!.message.nl).toContain('verstuur het opnieuw en log opnieuw in');
    expect(result.items.every((i) => i.status === 'refused')).toBe(true);
  });

  it('a token that expired before it could be used: nothing is sent and nothing recorded', async () => {
    const shortLived = await startSimulator({ tokenTtlMs: 2_000 });
    try {
      const { core, profileId } = await setup(shortLived);
      await addBloodPressures(core, profileId);
      const { result } = await send(core, profileId, '53', { kind: 'measurements' });
      expect(result.stage).toBe('failed');
      expect(result.error!.nl).toBe('De toegang bij de zorgaanbieder was al verlopen. Er is niets verstuurd. Verstuur het opnieuw en log opnieuw in.');
      expect(shortLived.requests.some((r) => r.method === 'POST' && r.path.includes('/fhir/'))).toBe(false);
      expect(result.items.every((i) => i.status === 'not-sent')).toBe(true);
      expect(await ok(core.call('sharing.sent', { profileId }))).toEqual([]);
    } finally {
      await shortLived.close();
    }
  });

  it('the network goes away halfway: unknown, not accepted — recorded as unconfirmed', async () => {
    const { core, profileId } = await setup();
    await addBloodPressures(core, profileId);
    const receivedBefore = sim.received.length;
    sim.injectFailure({ provider: 'delinde', match: '/fhir/stu3', mode: 'drop' });
    const { result } = await send(core, profileId, '53', { kind: 'measurements' });
    expect(result.stage).toBe('done');
    expect(result.answer).toMatchObject({ outcome: 'unknown', httpStatus: null });
    expect(result.answer!.message.nl).toContain('Regie weet niet of het is aangekomen, dus het staat niet als verstuurd');
    expect(result.items.every((i) => i.status === 'unknown')).toBe(true);
    expect(sim.received.length).toBe(receivedBefore);
    const [entry] = await ok(core.call('sharing.sent', { profileId }));
    expect(entry!.outcome).toBe('unknown');
    expect(entry!.items.every((i) => i.status === 'unknown')).toBe(true);
  });

  it('the person cancels the login at the provider: nothing sent, nothing recorded', async () => {
    const { core, profileId } = await setup();
    await addBloodPressures(core, profileId);
    const preview = await ok(core.call('sharing.prepare', { profileId, providerId: 'delinde@medmij', serviceId: '53', selection: { kind: 'measurements' } }));
    const begun = await ok(core.call('sharing.send', { sendId: preview.sendId }));
    await loginInBrowser(begun.authorizationUrl, { action: 'cancel' });
    const result = await waitForSend(core, preview.sendId);
    expect(result.stage).toBe('failed');
    expect(result.error!.nl).toContain('Er is niets verstuurd.');
    expect(await ok(core.call('sharing.sent', { profileId }))).toEqual([]);
  });

  it('locking the profile while waiting for the login stops the send', async () => {
    const { core, profileId } = await setup();
    await addBloodPressures(core, profileId);
    const preview = await ok(core.call('sharing.prepare', { profileId, providerId: 'delinde@medmij', serviceId: '53', selection: { kind: 'measurements' } }));
    await ok(core.call('sharing.send', { sendId: preview.sendId }));
    await ok(core.call('auth.lock', { profileId }));
    // The send is forgotten with the lock: nothing of it stays in memory.
    const status = await core.call('sharing.status', { sendId: preview.sendId });
    expect(status.ok).toBe(false);
    if (!status.ok) expect(status.error.code).toBe('send-not-found');
  });
});
