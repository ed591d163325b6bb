/**
 * Questionnaires from care providers (MedMij Vragenlijsten): the invitations fetched with data
 * service 59 (Task → Questionnaire), answering them with drafts kept in the profile's synced record,
 * and sending the answers back (data service 60). The form model and the answer rules the renderer
 * shares with the core are in questionnaire-form.ts, -enable.ts, -answers.ts and -problems.ts.
 */
import { z } from 'zod';
import { languages } from './constants';
import type { AnswerProblem } from './questionnaire-answers';
import type { QuestionnaireForm } from './questionnaire-form';

const profileId = z.string().regex(/^[a-z0-9]{26}$/, 'profile id');
/** A questionnaire is known by the record id of the provider's invitation (its Task). */
const questionnaireId = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'questionnaire id');

/** Answers as a person or a file gives them: linkId → one value or a list (see checkAnswers). */
export const looseAnswersSchema = z
  .record(z.string().min(1).max(255), z.unknown())
  .refine((answers) => Object.keys(answers).length <= 2000, 'at most 2000 answers')
  .refine((answers) => JSON.stringify(answers).length <= 512 * 1024, 'answers larger than 512 KiB');

/**
 * open: not answered yet; draft: answers saved, not sent; sent: the answers went to the provider;
 * closed: the provider no longer asks for it (the invitation was withdrawn, refused or completed elsewhere).
 */
export type QuestionnaireStatus = 'open' | 'draft' | 'sent' | 'closed';

export interface QuestionnaireSummary {
  id: string;
  title: string;
  /** What the provider wrote with the invitation, in their words. */
  request: string | null;
  /** MedMij name of the provider, e.g. "delinde@medmij"; null for an invitation that came from a file. */
  providerId: string | null;
  providerName: string;
  /** Who asks, e.g. "R. Spiegel, psychiater". */
  requester: string | null;
  /** When it was asked (ISO date or date-time). */
  requestedAt: string | null;
  /** Fill in before this day (ISO), if the provider says. */
  dueDate: string | null;
  status: QuestionnaireStatus;
  /** When the draft was last saved (ISO), on any of the person's devices. */
  draftSavedAt: string | null;
  sentAt: string | null;
  /** false when the questionnaire itself is not in the profile (fetch Vragenlijsten again). */
  canAnswer: boolean;
}

/** One answered question in words, as it was or will be sent. */
export interface AnsweredQuestion {
  linkId: string;
  /** The texts of the groups it is in, outermost first. */
  groups: string[];
  question: string;
  answers: string[];
}

/** An answer problem with the question it is about and what to do, in the asked language. */
export interface QuestionnaireProblem extends AnswerProblem {
  question: string | null;
  message: string;
}

/** The send of the answers that counts (the accepted one, else the latest), as the Verstuurd log keeps it. */
export interface QuestionnaireSent {
  sentAt: string;
  /** What was sent: each question with its answer in words. */
  answers: Array<{ question: string; answer: string }>;
  /** The provider's answer: accepted, or refused (or unanswered) and why, in Dutch and English. */
  outcome: 'accepted' | 'refused';
  reason: { nl: string; en: string } | null;
}

export interface QuestionnaireDetail extends QuestionnaireSummary {
  form: QuestionnaireForm | null;
  /** The saved draft, as it was saved (loose answers). */
  draft: Record<string, unknown> | null;
  sent: QuestionnaireSent | null;
}

export interface QuestionnaireCheck {
  problems: QuestionnaireProblem[];
  /** What would be sent: only the questions that apply, in words. */
  preview: AnsweredQuestion[];
  /** To whom it would go. */
  providerName: string;
}

const language = z.enum(languages).optional();

export const questionnaireRequestSchemas = {
  /** The provider's questionnaires in this profile, the ones still to answer first. */
  'questionnaires.list': z.object({ profileId }),
  'questionnaires.get': z.object({ profileId, questionnaireId, language }),
  /** Keeps the answers so far in the profile (synced to the person's other devices); empty answers remove the draft. */
  'questionnaires.saveDraft': z.object({ profileId, questionnaireId, answers: looseAnswersSchema }),
  /** Checks answers against the questionnaire and says what would be sent; nothing is stored. */
  'questionnaires.check': z.object({ profileId, questionnaireId, answers: looseAnswersSchema, language }),
} as const;

export interface QuestionnaireResponses {
  'questionnaires.list': QuestionnaireSummary[];
  'questionnaires.get': QuestionnaireDetail;
  'questionnaires.saveDraft': { draftSavedAt: string | null };
  'questionnaires.check': QuestionnaireCheck;
}
