/** Handlers of the questionnaires providers ask the person to fill in (Vragenlijsten); sending is in sharing (service 60). */
import { checkQuestionnaire, getQuestionnaire, listQuestionnaires, saveDraft } from '../../questionnaires/questionnaires';
import type { HandlerDeps, HandlersFor } from './types';

export function questionnairesHandlers({ recordStores, now }: HandlerDeps): HandlersFor<'questionnaires'> {
  return {
    'questionnaires.list': ({ profileId }) => listQuestionnaires(recordStores.of(profileId)),
    'questionnaires.get': ({ profileId, questionnaireId, language }) => getQuestionnaire(recordStores.of(profileId), questionnaireId, language ?? 'nl'),
    'questionnaires.saveDraft': ({ profileId, questionnaireId, answers }) =>
      saveDraft(recordStores.of(profileId), questionnaireId, answers, new Date(now())),
    'questionnaires.check': ({ profileId, questionnaireId, answers, language }) =>
      checkQuestionnaire(recordStores.of(profileId), questionnaireId, answers, language ?? 'nl'),
  };
}
