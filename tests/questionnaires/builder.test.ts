/** The service-60 send builder: what it refuses before anything is prepared. */
import { afterEach, describe, expect, it } from 'vitest';
import { questionnaireBuilder } from '../../src-main/medmij/client/send-builders/questionnaire';
import type { SendContext } from '../../src-main/medmij/client/send-types';
import { openTestProfile, type TestProfile } from '../records/helpers';
import { importInvitation } from './helpers';

const profiles: TestProfile[] = [];
afterEach(() => {
  for (const p of profiles.splice(0)) p.remove();
});

function context(profile: TestProfile, over: Partial<SendContext> = {}): SendContext {
  return {
    store: profile.store, fhirVersion: 'STU3', now: new Date('2026-12-01T10:00:00Z'), person: { name: 'Sanne Proef', birthDate: null },
    provider: { id: 'delinde@medmij', name: 'Huisartsenpraktijk De Linde (TEST)' }, service: { id: '60', name: 'Antwoorden op vragenlijsten' },
    serviceBase: 'http://127.0.0.1:9/delinde/fhir/stu3', newFullUrl: () => 'urn:uuid:00000000-0000-4000-8000-000000000000', ...over,
  };
}

const answers = { gewicht: 64, roken: false, klachten: ['geen'] };

describe('questionnaireBuilder', () => {
  it('builds the Task update first and the transaction, with one item per answered question', () => {
    const profile = openTestProfile();
    profiles.push(profile);
    const id = importInvitation(profile.store, 'STU3');
    const built = questionnaireBuilder.build(context(profile), { kind: 'questionnaire', questionnaireId: id, answers });
    expect(built.before?.map((r) => [r.method, r.path, r.body.status])).toEqual([['PUT', 'Task/vl-sanne-proef-taak-afspraak', 'accepted']]);
    expect(built.request).toMatchObject({ method: 'POST', path: '', body: { resourceType: 'Bundle', type: 'transaction' } });
    expect(built.items.map((i) => [i.kind, i.label.nl, i.detail])).toEqual([
      ['questionnaire-response', 'Wat is uw gewicht?', '64 kg'],
      ['questionnaire-response', 'Rookt u?', 'Nee'],
      ['questionnaire-response', 'Welke klachten heeft u op dit moment? (u kunt meer dan één antwoord kiezen)', 'Geen klachten'],
      ['task', 'Vragenlijst "Voorbereiding op uw afspraak (fictief)" ingevuld', 'Voltooid'],
    ]);
    expect(built.items.at(-1)?.fullUrl).toBe('http://127.0.0.1:9/delinde/fhir/stu3/Task/vl-sanne-proef-taak-afspraak');
  });

  it('refuses answers that need fixing, another provider, and another FHIR version than the questionnaire came in', () => {
    const profile = openTestProfile();
    profiles.push(profile);
    const id = importInvitation(profile.store, 'STU3');
    const build = (over: Partial<SendContext>, given: Record<string, unknown> = answers) => () =>
      questionnaireBuilder.build(context(profile, over), { kind: 'questionnaire', questionnaireId: id, answers: given });
    expect(build({}, { roken: 'misschien' })).toThrow('answers-incomplete');
    expect(build({ provider: { id: 'rijnstad@medmij', name: 'Ziekenhuis Rijnstad (TEST)' } })).toThrow('send-invalid');
    expect(build({ fhirVersion: 'R4' })).toThrow('send-invalid');
    try {
      build({ fhirVersion: 'R4' })();
    } catch (error) {
      expect((error as { params?: unknown }).params).toEqual({ reason: 'questionnaire-version' });
    }
    expect(() => questionnaireBuilder.build(context(profile), { kind: 'questionnaire', questionnaireId: 'onbekend', answers })).toThrow('questionnaire-not-found');
  });
});
