/**
 * Vragenlijsten: the questionnaires care providers asked the person to fill in, the ones still to do
 * first, each with who asks, by when, and how far it is; opening one shows the form (or, once sent,
 * the answers as sent).
 */
import { useEffect } from 'react';
import { takeRestored } from '../app/drafts';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../src-preload/contract/errors';
import type { QuestionnaireSummary } from '../../../src-preload/contract/questionnaires';
import { ErrorAlert } from '../components/Alert';
import { ScreenHeading } from '../components/ScreenHeading';
import { formatDay } from '../records/common/format';
import { useLanguage } from '../records/common/useLanguage';
import { showArea } from '../shell/show-area';
import { QuestionnaireView } from './QuestionnaireView';
import { openKey, useQuestionnairesStore } from './store';
import './questionnaires.css';

export function QuestionnairesScreen() {
  const openId = useQuestionnairesStore((s) => s.openId);
  const open = useQuestionnairesStore((s) => s.open);
  // After unlocking: back into the questionnaire the person was filling in before the lock.
  useEffect(() => {
    const restored = takeRestored<string>(openKey);
    if (typeof restored === 'string') void open(restored);
  }, [open]);
  return openId ? <QuestionnaireView /> : <QuestionnaireList />;
}

function QuestionnaireList() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { list, listState, listError, loadList } = useQuestionnairesStore();
  useEffect(() => {
    void loadList();
  }, [loadList]);
  return (
    <section>
      <ScreenHeading>{t('shell.areas.questionnaires')}</ScreenHeading>
      <p>{t('questionnaires.intro')}</p>
      <p className="muted">
        {t('questionnaires.fetchHint')}{' '}
        <button type="button" className="link-button" onClick={() => showArea('providers')}>
          {t('questionnaires.goToProviders')}
        </button>
      </p>
      {listState === 'loading' && !list && <p role="status">{t('common.loading')}</p>}
      <ErrorAlert message={listState === 'error' && listError ? t('questionnaires.loadFailed', { reason: errorMessage(listError, language) }) : null} />
      {listState === 'error' && (
        <button type="button" className="button" onClick={() => void loadList()}>
          {t('questionnaires.retry')}
        </button>
      )}
      {list && list.length === 0 && <p className="empty-state">{t('questionnaires.empty')}</p>}
      {list && list.length > 0 && (
        <ul className="questionnaire-list" aria-label={t('shell.areas.questionnaires')}>
          {list.map((q) => (
            <QuestionnaireCard key={q.id} questionnaire={q} />
          ))}
        </ul>
      )}
    </section>
  );
}

function QuestionnaireCard({ questionnaire: q }: { questionnaire: QuestionnaireSummary }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const open = useQuestionnairesStore((s) => s.open);
  const action = t(`questionnaires.actions.${q.status}`);
  return (
    <li className={`card questionnaire-card questionnaire-${q.status}`}>
      <h2>{q.title}</h2>
      <p className="questionnaire-meta">
        {t('questionnaires.from', { provider: q.providerName })}
        {q.requester && <> · {t('questionnaires.askedBy', { who: q.requester })}</>}
        {q.requestedAt && <> · {t('questionnaires.askedOn', { date: formatDay(q.requestedAt, language) })}</>}
      </p>
      {q.dueDate && q.status !== 'sent' && q.status !== 'closed' && <p>{t('questionnaires.due', { date: formatDay(q.dueDate, language) })}</p>}
      <p className={`questionnaire-status status-${q.status}`}>
        {q.status === 'sent' ? t('questionnaires.status.sent', { date: formatDay(q.sentAt, language) }) : t(`questionnaires.status.${q.status}`)}
      </p>
      <button
        type="button"
        className={q.status === 'open' || q.status === 'draft' ? 'button button-primary' : 'button'}
        onClick={() => void open(q.id)}
        aria-label={t('questionnaires.openLabel', { action, title: q.title })}
      >
        {action}
      </button>
    </li>
  );
}
