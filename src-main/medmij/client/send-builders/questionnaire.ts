/**
 * Data service 60, "Antwoorden op vragenlijst" (MedMij catalogue; Delen, paired with 59 "Verwijzing
 * naar vragenlijst"): the answers to a questionnaire the provider asked for, as Vragenlijsten 2.0
 * scenario 3 prescribes (questionnaires/response.ts): first the provider's Task back with status
 * "accepted", then one transaction completing the Task and creating the QuestionnaireResponse.
 *
 * The answers are checked against the questionnaire first (the shared rules); a questionnaire with
 * answers that still need fixing is refused with 'answers-incomplete' and nothing is prepared. Only
 * answers to questions that apply are sent. The preview lists every answered question with its
 * answer in words, so the person sees exactly what goes.
 */
import { checkAnswers } from '../../../../src-preload/contract/questionnaire-answers';
import { RegieError } from '../../../core/errors';
import { describeAnswers } from '../../../questionnaires/describe';
import { questionnaireReference } from '../../../questionnaires/invitations';
import { formOf, requireInvitation } from '../../../questionnaires/questionnaires';
import { answerTransaction, questionnaireResponse, subjectOf, updatedTask } from '../../../questionnaires/response';
import { sendsOf } from '../../../questionnaires/state';
import type { BuiltItem, SendBuilder } from '../send-types';

export const questionnaireBuilder: SendBuilder<'questionnaire'> = {
  serviceId: '60',
  selection: 'questionnaire',
  fhirVersions: ['STU3', 'R4'],
  build(context, selection) {
    const { store } = context;
    const inv = requireInvitation(store, selection.questionnaireId);
    const form = formOf(inv);
    const original = inv.originalTask();
    if (!form || !inv.questionnaire || !original || typeof original.id !== 'string') throw new RegieError('questionnaire-not-found');
    if (sendsOf(store, inv.id).accepted) throw new RegieError('questionnaire-closed');
    if (inv.provenance.source.provider !== context.provider.id) throw new RegieError('send-invalid', { reason: 'wrong-selection' });
    // The Task goes back as it came: a provider answering in another FHIR version would get a mixed message.
    if (inv.provenance.fhirVersion !== context.fhirVersion) throw new RegieError('send-invalid', { reason: 'questionnaire-version' });
    const check = checkAnswers(form, selection.answers);
    if (check.problems.length > 0) throw new RegieError('answers-incomplete', { count: check.problems.length });

    // The person the Task names; every reference carries a display (Nictiz), the person's name when the Task gave none.
    const subject = { display: context.person.name ?? 'Patiënt', ...subjectOf(inv.task) };
    const response = questionnaireResponse({
      form,
      questionnaire: inv.questionnaire.resource,
      questionnaireReference: questionnaireReference(inv.task),
      answers: check.applicable,
      fhirVersion: context.fhirVersion,
      subject,
      authored: context.now.toISOString(),
    });
    const taskPath = `Task/${original.id}`;
    const taskFullUrl = `${context.serviceBase.replace(/\/+$/, '')}/${taskPath}`;
    const { bundle, responseFullUrl } = answerTransaction({ task: original, taskFullUrl, response });

    const title = typeof inv.questionnaire.resource.title === 'string' ? inv.questionnaire.resource.title : 'Vragenlijst';
    const answered: BuiltItem[] = describeAnswers(form, check.applicable, 'nl').map((a) => ({
      kind: 'questionnaire-response',
      label: { nl: a.question, en: a.question },
      detail: a.answers.join(', '),
      date: null,
      recordId: inv.id,
      fullUrl: responseFullUrl,
    }));
    const taskItem: BuiltItem = {
      kind: 'task',
      label: { nl: `Vragenlijst "${title}" ingevuld`, en: `Questionnaire "${title}" completed` },
      detail: 'Voltooid',
      date: null,
      recordId: inv.id,
      fullUrl: taskFullUrl,
    };
    return {
      before: [{ method: 'PUT', path: taskPath, body: updatedTask(original, 'accepted') }],
      request: { method: 'POST', path: '', body: bundle },
      items: [...answered, taskItem],
    };
  },
};
