/**
 * The questionnaires of a profile for the API: the list, one with its form, draft and what was sent,
 * saving a draft, and checking answers (what would be sent, and what stands in the way).
 */
import type { Language } from '../../src-preload/contract/constants';
import { checkAnswers, type AnswerCheck } from '../../src-preload/contract/questionnaire-answers';
import { allItems, type QuestionnaireForm } from '../../src-preload/contract/questionnaire-form';
import { answerProblemText } from '../../src-preload/contract/questionnaire-problems';
import type {
  QuestionnaireCheck,
  QuestionnaireDetail,
  QuestionnaireProblem,
  QuestionnaireStatus,
  QuestionnaireSummary,
} from '../../src-preload/contract/questionnaires';
import { RegieError } from '../core/errors';
import { isObject } from '../fhir/types';
import type { RecordStore } from '../records/record-store';
import { describeAnswers } from './describe';
import { questionnaireForm } from './form';
import { invitation, invitations, type Invitation } from './invitations';
import { readDraft, sendsOf, writeDraft } from './state';

/** Task statuses in which the provider still waits for the answers. */
const waiting = new Set(['draft', 'requested', 'received', 'accepted', 'ready', 'in-progress', 'on-hold']);

export function listQuestionnaires(store: RecordStore): QuestionnaireSummary[] {
  const order: Record<QuestionnaireStatus, number> = { draft: 0, open: 1, sent: 2, closed: 3 };
  return invitations(store)
    .map((inv) => summaryOf(store, inv))
    .sort((a, b) => order[a.status] - order[b.status]);
}

export function getQuestionnaire(store: RecordStore, id: string, language: Language): QuestionnaireDetail {
  const inv = requireInvitation(store, id);
  const form = formOf(inv);
  const { accepted, latest } = sendsOf(store, id);
  const shown = accepted ?? latest;
  return {
    ...summaryOf(store, inv),
    form,
    draft: readDraft(store, id)?.answers ?? null,
    sent: shown && {
      sentAt: shown.sentAt,
      // What went, as the Verstuurd log keeps it: each question with its answer in words.
      answers: shown.items
        .filter((item) => item.kind === 'questionnaire-response')
        .map((item) => ({ question: item.label[language], answer: item.detail })),
      outcome: shown.outcome === 'accepted' ? 'accepted' : 'refused',
      reason: shown.outcome === 'accepted' ? null : { nl: [shown.message.nl, ...shown.providerSaid].join(' '), en: [shown.message.en, ...shown.providerSaid].join(' ') },
    },
  };
}

export function saveDraft(store: RecordStore, id: string, answers: Record<string, unknown>, now: Date): { draftSavedAt: string | null } {
  const inv = requireInvitation(store, id);
  if (sendsOf(store, id).accepted) throw new RegieError('questionnaire-closed');
  if (!formOf(inv)) throw new RegieError('questionnaire-not-found');
  return { draftSavedAt: writeDraft(store, id, answers, now) };
}

export function checkQuestionnaire(store: RecordStore, id: string, answers: Record<string, unknown>, language: Language): QuestionnaireCheck {
  const inv = requireInvitation(store, id);
  const form = formOf(inv);
  if (!form) throw new RegieError('questionnaire-not-found');
  const check = checkAnswers(form, answers);
  return { problems: problemsIn(form, check, language), preview: describeAnswers(form, check.applicable, language), providerName: providerNameOf(inv) };
}

export function problemsIn(form: QuestionnaireForm, check: AnswerCheck, language: Language): QuestionnaireProblem[] {
  const byId = new Map(allItems(form.items).map((item) => [item.linkId, item]));
  return check.problems.map((problem) => {
    const item = byId.get(problem.linkId) ?? null;
    return { ...problem, question: item ? [item.prefix, item.text].filter(Boolean).join(' ') || item.linkId : null, message: answerProblemText(problem, item, language) };
  });
}

export function requireInvitation(store: RecordStore, id: string): Invitation {
  const inv = invitation(store, id);
  if (!inv) throw new RegieError('questionnaire-not-found');
  return inv;
}

export function formOf(inv: Invitation): QuestionnaireForm | null {
  return inv.questionnaire ? questionnaireForm(inv.questionnaire.resource, inv.questionnaire.receivedAs) : null;
}

export function providerNameOf(inv: Invitation): string {
  const label = inv.provenance.source.label;
  // Provider sources are labelled "<provider> — <service>"; the person wants the provider.
  return label.split(' — ')[0] ?? label;
}

function summaryOf(store: RecordStore, inv: Invitation): QuestionnaireSummary {
  const task = inv.task;
  const draft = readDraft(store, inv.id);
  const { accepted } = sendsOf(store, inv.id);
  const open = typeof task.status === 'string' && waiting.has(task.status);
  const status: QuestionnaireStatus = accepted ? 'sent' : !open ? 'closed' : draft ? 'draft' : 'open';
  const questionnaireTitle = inv.questionnaire && typeof inv.questionnaire.resource.title === 'string' ? inv.questionnaire.resource.title : null;
  const period = isObject(task.restriction) && isObject(task.restriction.period) ? task.restriction.period : null;
  return {
    id: inv.id,
    title: questionnaireTitle ?? (typeof task.description === 'string' ? task.description : 'Vragenlijst'),
    request: typeof task.description === 'string' ? task.description : null,
    providerId: inv.provenance.source.provider ?? null,
    providerName: providerNameOf(inv),
    requester: isObject(task.requester) && typeof task.requester.display === 'string' ? task.requester.display : null,
    requestedAt: typeof task.authoredOn === 'string' ? task.authoredOn : null,
    dueDate: period && typeof period.end === 'string' ? period.end : null,
    status,
    draftSavedAt: draft?.savedAt ?? null,
    sentAt: accepted?.sentAt ?? null,
    canAnswer: inv.questionnaire !== null && open && !accepted,
  };
}
