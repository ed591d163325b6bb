/**
 * Answering a provider's questionnaire end to end against the real provider simulator: fetched with
 * Vragenlijsten (59), answered (a draft first), sent with Antwoorden op vragenlijst (60) as the
 * MedMij scenario prescribes (PUT Task accepted, then the transaction), stored by the provider and
 * shown as sent; and refusals — answers that still need fixing, a provider refusing the Task or the
 * answers, a token it no longer accepts — each with a clear message and nothing marked as sent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SendProgress } from '../../src-preload/contract/sharing';
import type { Core } from '../../src-main/core/create-core';
import type { ProviderSimulator } from '../../src-main/medmij/simulator/index';
import { makeTempDir } from '../helpers/temp-dir';
import { createProfile, loginInBrowser, makeCore, ok, startSimulator, waitForFetch } from '../medmij/client/helpers';

// A fresh provider per test: answering changes what the provider holds (the Task is completed).
let sim: ProviderSimulator;
let temp: ReturnType<typeof makeTempDir>;
const cores: Core[] = [];
beforeEach(async () => {
  temp = makeTempDir();
  sim = await startSimulator();
});
afterEach(async () => {
  for (const core of cores.splice(0)) core.shutdown();
  temp.remove();
  await sim.close();
});

const PROVIDER = 'delinde@medmij';
/** Kees's answers with the branches opened: he smokes (how many), has pain (how bad) and may be called (when). */
const answers = {
  gewicht: '78,5', lengte: 176, roken: 'ja', sigaretten: 12, klachten: ['pijn', 'Vermoeidheid'], 'pijn-score': 6,
  'klachten-sinds': '1-10-2026', vervoer: 'Taxi of regiotaxi', bellen: true, beltijd: '2026-12-02T10:00:00+01:00',
};

async function setup(): Promise<{ core: Core; profileId: string; id: string }> {
  const core = makeCore(temp.dir, sim);
  cores.push(core);
  const profileId = await createProfile(core, 'Kees');
  const begun = await ok(core.call('medmij.beginFetch', { profileId, providerId: PROVIDER, serviceId: '59' }));
  await loginInBrowser(begun.authorizationUrl, { person: 'kees-compleet' });
  const fetched = await waitForFetch(core, begun.fetchId);
  expect(fetched.stage).toBe('done');
  const list = await ok(core.call('questionnaires.list', { profileId }));
  expect(list.map((q) => q.title).sort()).toEqual(['Stemming en welbevinden (fictief)', 'Voorbereiding op uw afspraak (fictief)']);
  const id = list.find((q) => q.title.startsWith('Voorbereiding'))!.id;
  return { core, profileId, id };
}

const final = new Set<SendProgress['stage']>(['done', 'failed', 'cancelled']);
async function sendAnswers(core: Core, profileId: string, id: string, given: Record<string, unknown> = answers) {
  const preview = await ok(core.call('sharing.prepare', { profileId, providerId: PROVIDER, serviceId: '60', selection: { kind: 'questionnaire', questionnaireId: id, answers: given } }));
  const begun = await ok(core.call('sharing.send', { sendId: preview.sendId }));
  expect(new URL(begun.authorizationUrl).searchParams.get('scope')).toBe('delinde@medmij~60');
  await loginInBrowser(begun.authorizationUrl, { person: 'kees-compleet' });
  const until = Date.now() + 20_000;
  for (;;) {
    const status = await ok(core.call('sharing.status', { sendId: preview.sendId }));
    if (final.has(status.stage)) return { preview, result: status };
    if (Date.now() > until) throw new Error(`send still ${status.stage}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const writes = (from: number) => sim.requests.slice(from).filter((r) => r.method !== 'GET' && r.path.includes('/fhir/')).map((r) => `${r.method} ${r.path.replace(/^.*\/fhir\/stu3/, '') || '/'} ${r.status}`);

describe('answering a questionnaire (Vragenlijsten 59 → 60)', () => {
  it('keeps a draft, shows exactly what goes, sends it as MedMij prescribes, and shows it as sent', async () => {
    const { core, profileId, id } = await setup();
    await ok(core.call('questionnaires.saveDraft', { profileId, questionnaireId: id, answers: { gewicht: '78,5', roken: 'ja' } }));
    expect((await ok(core.call('questionnaires.list', { profileId }))).find((q) => q.id === id)?.status).toBe('draft');

    const from = sim.requests.length;
    const { preview, result } = await sendAnswers(core, profileId, id);
    expect(preview.service.name).toBe('Antwoorden op vragenlijsten');
    expect(preview.items.map((i) => [i.label.nl, i.detail])).toEqual([
      ['Wat is uw gewicht?', '78,5 kg'],
      ['Wat is uw lengte?', '176 cm'],
      ['Rookt u?', 'Ja'],
      ['Hoeveel sigaretten rookt u per dag?', '12 per dag'],
      ['Welke klachten heeft u op dit moment? (u kunt meer dan één antwoord kiezen)', 'Pijn, Vermoeidheid'],
      ['Hoe erg is de pijn? (0 = geen pijn, 10 = de ergste pijn die u zich kunt voorstellen)', '6'],
      ['Sinds wanneer heeft u deze klachten?', '01-10-2026'],
      ['Hoe komt u naar de afspraak?', 'Taxi of regiotaxi'],
      ['Mogen wij u vóór de afspraak bellen?', 'Ja'],
      ['Wanneer kunnen wij u het best bellen?', '02-12-2026 om 10:00'],
      ['Vragenlijst "Voorbereiding op uw afspraak (fictief)" ingevuld', 'Voltooid'],
    ]);
    expect(result.stage).toBe('done');
    expect(result.answer?.outcome).toBe('accepted');
    // Scenario 3: first the Task accepted, then one transaction (Task completed + the response).
    expect(writes(from)).toEqual(['PUT /Task/vl-kees-compleet-taak-afspraak 200', 'POST / 200']);

    const received = sim.received.at(-1)!;
    expect(received.serviceId).toBe('60');
    expect(received.personId).toBe('kees-compleet');
    const response = received.entries.find((e) => e.resourceType === 'QuestionnaireResponse')!.resource;
    expect(JSON.stringify(response)).toContain('"valueInteger":12');

    const detail = await ok(core.call('questionnaires.get', { profileId, questionnaireId: id }));
    expect(detail.status).toBe('sent');
    expect(detail.sent?.outcome).toBe('accepted');
    expect(detail.sent?.answers[0]).toEqual({ question: 'Wat is uw gewicht?', answer: '78,5 kg' });
    expect(detail.canAnswer).toBe(false);
    const entry = (await ok(core.call('sharing.sent', { profileId })))[0]!;
    expect(entry.service.id).toBe('60');
    expect(entry.outcome).toBe('accepted');
    // Sent answers are read-only, and cannot be sent twice.
    const again = await core.call('questionnaires.saveDraft', { profileId, questionnaireId: id, answers: { gewicht: 80 } });
    expect(!again.ok && again.error.code).toBe('questionnaire-closed');
    const twice = await core.call('sharing.prepare', { profileId, providerId: PROVIDER, serviceId: '60', selection: { kind: 'questionnaire', questionnaireId: id, answers } });
    expect(!twice.ok && twice.error.code).toBe('questionnaire-closed');

    // The provider no longer lists it as open: fetching Vragenlijsten again finds only the other one.
    const refetch = await ok(core.call('medmij.beginFetch', { profileId, providerId: PROVIDER, serviceId: '59' }));
    await loginInBrowser(refetch.authorizationUrl, { person: 'kees-compleet' });
    const progress = await waitForFetch(core, refetch.fetchId);
    expect(progress.imported.byType.Task ?? 0).toBeLessThanOrEqual(1);
  });

  it('refuses answers that still need fixing before anything is prepared or sent', async () => {
    const { core, profileId, id } = await setup();
    const from = sim.requests.length;
    const result = await core.call('sharing.prepare', {
      profileId, providerId: PROVIDER, serviceId: '60', selection: { kind: 'questionnaire', questionnaireId: id, answers: { gewicht: 'zwaar', roken: 'ja' } },
    });
    expect(!result.ok && result.error).toMatchObject({ code: 'answers-incomplete', params: { count: 3 } });
    const check = await ok(core.call('questionnaires.check', { profileId, questionnaireId: id, answers: { gewicht: 'zwaar', roken: 'ja' } }));
    expect(check.problems.map((p) => `${p.question}: ${p.message}`)).toEqual([
      'Wat is uw gewicht?: Vul een getal in, bijvoorbeeld 72,5 (in kg).',
      'Hoeveel sigaretten rookt u per dag?: Vul hier een antwoord in.',
      'Welke klachten heeft u op dit moment? (u kunt meer dan één antwoord kiezen): Kies een antwoord.',
    ]);
    expect(sim.requests.length).toBe(from);
  });

  it('a provider refusing the Task: the answers are not sent, the questionnaire stays open with the reason', async () => {
    const { core, profileId, id } = await setup();
    sim.injectFailure({ provider: 'delinde', match: '/Task/', mode: 'error', status: 409 });
    const from = sim.requests.length;
    const received = sim.received.length;
    const { result } = await sendAnswers(core, profileId, id);
    expect(result.answer?.outcome).toBe('refused');
    expect(writes(from)).toEqual(['PUT /Task/vl-kees-compleet-taak-afspraak 409']);
    expect(sim.received.length).toBe(received);
    const detail = await ok(core.call('questionnaires.get', { profileId, questionnaireId: id }));
    expect(detail.status).toBe('open');
    expect(detail.sent?.outcome).toBe('refused');
    expect(detail.sent?.reason?.nl).toContain('409');
    // A later try succeeds.
    const { result: retry } = await sendAnswers(core, profileId, id);
    expect(retry.answer?.outcome).toBe('accepted');
    expect((await ok(core.call('questionnaires.get', { profileId, questionnaireId: id }))).status).toBe('sent');
  });

  it('a provider refusing the transaction (its rules), or a token it no longer accepts: nothing marked as sent', async () => {
    const { core, profileId, id } = await setup();
    sim.injectFailure({ provider: 'delinde', match: '/fhir/stu3', resourceType: '', mode: 'error', status: 422 });
    const { result } = await sendAnswers(core, profileId, id);
    expect(result.answer?.outcome).toBe('refused');
    expect((await ok(core.call('questionnaires.get', { profileId, questionnaireId: id }))).status).toBe('open');

    const preview = await ok(core.call('sharing.prepare', { profileId, providerId: PROVIDER, serviceId: '60', selection: { kind: 'questionnaire', questionnaireId: id, answers } }));
    const begun = await ok(core.call('sharing.send', { sendId: preview.sendId }));
    sim.injectFailure({ provider: 'delinde', match: '/Task/', mode: 'error', status: 401 });
    await loginInBrowser(begun.authorizationUrl, { person: 'kees-compleet' });
    let status = await ok(core.call('sharing.status', { sendId: preview.sendId }));
    for (let i = 0; i < 400 && !final.has(status.stage); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      status = await ok(core.call('sharing.status', { sendId: preview.sendId }));
    }
    expect(status.answer?.outcome).toBe('refused');
    expect(status.answer?.message.nl).toContain('toegang');
    expect((await ok(core.call('questionnaires.list', { profileId }))).find((q) => q.id === id)?.status).toBe('open');
  });
});
