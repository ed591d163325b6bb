/** The questionnaires of a profile: found from the imported Task → Questionnaire, drafts in the synced document, checks. */
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { invitation } from '../../src-main/questionnaires/invitations';
import { checkQuestionnaire, getQuestionnaire, listQuestionnaires, saveDraft } from '../../src-main/questionnaires/questionnaires';
import { openTestProfile, type TestProfile } from '../records/helpers';
import { importInvitation } from './helpers';

const profiles: TestProfile[] = [];
const open = () => {
  const p = openTestProfile();
  profiles.push(p);
  return p;
};
afterEach(() => {
  for (const p of profiles.splice(0)) p.remove();
});
const now = new Date('2026-11-30T10:00:00Z');

describe('questionnaires in a profile', () => {
  it('finds the invitation with its questionnaire, provider, requester and due date', () => {
    const { store } = open();
    const id = importInvitation(store, 'STU3');
    expect(listQuestionnaires(store)).toEqual([
      {
        id,
        title: 'Voorbereiding op uw afspraak (fictief)',
        request: 'Wilt u vóór uw afspraak de vragenlijst "Voorbereiding op uw afspraak" invullen?',
        providerId: 'delinde@medmij',
        providerName: 'Huisartsenpraktijk De Linde (TEST)',
        requester: 'M. de Wit, huisarts (fictief)',
        requestedAt: '2026-11-25',
        dueDate: '2027-01-15',
        status: 'open',
        draftSavedAt: null,
        sentAt: null,
        canAnswer: true,
      },
    ]);
    const detail = getQuestionnaire(store, id, 'nl');
    expect(detail.form?.items.map((i) => i.linkId)).toEqual(['uitleg', 'over-u', 'klachten-groep', 'afspraak']);
    expect(detail.draft).toBeNull();
  });

  it('keeps the Task as the provider sent it (STU3 requester.agent) for the update', () => {
    const { store } = open();
    const id = importInvitation(store, 'STU3');
    const task = invitation(store, id)?.originalTask();
    expect(task?.requester).toEqual({ agent: { display: 'M. de Wit, huisarts (fictief)' } });
    expect(invitation(store, id)?.task.requester).toMatchObject({ display: 'M. de Wit, huisarts (fictief)' });
  });

  it('saves a draft in the synced document: it survives reopening and reaches another device; empty answers remove it', () => {
    let profile = open();
    const id = importInvitation(profile.store, 'R4');
    expect(saveDraft(profile.store, id, { gewicht: '81,', roken: true, lengte: '' }, now)).toEqual({ draftSavedAt: now.toISOString() });
    profile = profile.reopen();
    expect(getQuestionnaire(profile.store, id, 'nl').draft).toEqual({ gewicht: '81,', roken: true });
    expect(listQuestionnaires(profile.store)[0]).toMatchObject({ status: 'draft', draftSavedAt: now.toISOString() });

    const other = open();
    other.store.applyRemoteUpdate(Y.encodeStateAsUpdate(profile.store.doc));
    other.store.putBodies(profile.store.readBodies(other.store.missingBodies()));
    expect(getQuestionnaire(other.store, id, 'nl')).toMatchObject({ status: 'draft', draft: { gewicht: '81,', roken: true } });

    expect(saveDraft(profile.store, id, { lengte: ' ' }, now)).toEqual({ draftSavedAt: null });
    expect(listQuestionnaires(profile.store)[0]?.status).toBe('open');
  });

  it('checks answers: problems with the question and what to do, and what would be sent in words', () => {
    const { store } = open();
    const id = importInvitation(store, 'R4');
    const check = checkQuestionnaire(store, id, { gewicht: '81,55', roken: 'ja', sigaretten: 5, klachten: ['pijn'], 'pijn-score': 11, beltijd: '2026-12-02T10:00' }, 'nl');
    expect(check.problems.map((p) => [p.question, p.message])).toEqual([
      ['Wat is uw gewicht?', 'Gebruik hoogstens 1 cijfer achter de komma.'],
      ['Hoe erg is de pijn? (0 = geen pijn, 10 = de ergste pijn die u zich kunt voorstellen)', 'Vul 10 of minder in.'],
    ]);
    expect(check.providerName).toBe('Huisartsenpraktijk De Linde (TEST)');
    // beltijd does not apply (bellen was not answered), so it is not in what would be sent.
    expect(check.preview).toEqual([
      { linkId: 'gewicht', groups: ['Over uzelf'], question: 'Wat is uw gewicht?', answers: ['81,55 kg'] },
      { linkId: 'roken', groups: ['Over uzelf'], question: 'Rookt u?', answers: ['Ja'] },
      { linkId: 'sigaretten', groups: ['Over uzelf'], question: 'Hoeveel sigaretten rookt u per dag?', answers: ['5 per dag'] },
      { linkId: 'klachten', groups: ['Uw klachten'], question: 'Welke klachten heeft u op dit moment? (u kunt meer dan één antwoord kiezen)', answers: ['Pijn'] },
      { linkId: 'pijn-score', groups: ['Uw klachten'], question: 'Hoe erg is de pijn? (0 = geen pijn, 10 = de ergste pijn die u zich kunt voorstellen)', answers: ['11'] },
    ]);
  });

  it('refuses an unknown questionnaire id with a clear error', () => {
    const { store } = open();
    expect(() => getQuestionnaire(store, 'bestaat-niet', 'nl')).toThrow('questionnaire-not-found');
    expect(() => saveDraft(store, 'bestaat-niet', { a: 1 }, now)).toThrow('questionnaire-not-found');
  });
});
