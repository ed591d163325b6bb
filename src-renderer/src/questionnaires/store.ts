/**
 * Vragenlijsten: the list of questionnaires and the one that is open, as the core reads them
 * (questionnaires.list / .get). Drafts are saved through the core into the profile's synced record;
 * nothing of the answers is kept here beyond the open form. Cleared with the rest of the record state.
 */
import { create } from 'zustand';
import type { ErrorPayload } from '../../../src-preload/contract/errors';
import type { QuestionnaireCheck, QuestionnaireDetail, QuestionnaireSummary } from '../../../src-preload/contract/questionnaires';
import { call, toErrorPayload } from '../api/client';
import { setFormDraft } from '../app/drafts';
import { useAppStore } from '../app/store';
import type { LoadState } from '../records/data-store';
import { currentSession, registerReset, stillCurrent } from '../records/reset';

interface QuestionnairesState {
  list: QuestionnaireSummary[] | null;
  listState: LoadState;
  listError: ErrorPayload | null;
  /** The questionnaire being filled in or looked at; null shows the list. */
  openId: string | null;
  detail: QuestionnaireDetail | null;
  detailState: LoadState;
  detailError: ErrorPayload | null;
  loadList(): Promise<void>;
  open(id: string): Promise<void>;
  close(): void;
  /** Loads the open questionnaire again (after sending). */
  reload(): Promise<void>;
  saveDraft(id: string, answers: Record<string, unknown>): Promise<string | null>;
  check(id: string, answers: Record<string, unknown>): Promise<QuestionnaireCheck>;
}

/** Lock-stash keys (app/drafts.ts): the open questionnaire, and the form's input not saved yet. */
export const openKey = 'questionnaires.open';
export const formKey = 'questionnaires.form';

const initial = {
  list: null,
  listState: 'idle' as LoadState,
  listError: null,
  openId: null,
  detail: null,
  detailState: 'idle' as LoadState,
  detailError: null,
};

function session() {
  const current = currentSession();
  if (!current) throw new Error('no open profile');
  return current;
}

export const useQuestionnairesStore = create<QuestionnairesState>((set, get) => ({
  ...initial,

  async loadList() {
    const s = session();
    set({ listState: 'loading', listError: null });
    try {
      const list = await call('questionnaires.list', { profileId: s.profileId });
      if (stillCurrent(s)) set({ list, listState: 'ready' });
    } catch (error) {
      if (stillCurrent(s)) set({ listState: 'error', listError: toErrorPayload(error) });
    }
  },

  async open(id) {
    // Kept across a lock (app/drafts.ts): unlocking brings the person back into this questionnaire.
    setFormDraft(openKey, id);
    set({ openId: id, detail: null, detailState: 'loading', detailError: null });
    await get().reload();
  },

  close() {
    setFormDraft(openKey, null);
    set({ openId: null, detail: null, detailState: 'idle', detailError: null });
  },

  async reload() {
    const id = get().openId;
    if (!id) return;
    const s = session();
    try {
      const detail = await call('questionnaires.get', { profileId: s.profileId, questionnaireId: id, language: useAppStore.getState().language });
      if (stillCurrent(s) && get().openId === id) set({ detail, detailState: 'ready' });
    } catch (error) {
      if (stillCurrent(s) && get().openId === id) set({ detailState: 'error', detailError: toErrorPayload(error) });
    }
  },

  async saveDraft(id, answers) {
    const s = session();
    const { draftSavedAt } = await call('questionnaires.saveDraft', { profileId: s.profileId, questionnaireId: id, answers });
    return draftSavedAt;
  },

  async check(id, answers) {
    const s = session();
    return call('questionnaires.check', { profileId: s.profileId, questionnaireId: id, answers, language: useAppStore.getState().language });
  },
}));

registerReset(() => useQuestionnairesStore.setState(initial));
