/**
 * One questionnaire: who asks and why, then the form to fill in, or, once the answers were sent,
 * what was sent and the provider's answer (read-only: sent answers cannot be changed). A previous
 * send the provider refused is shown above the form with its reason.
 */
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../src-preload/contract/errors';
import type { QuestionnaireDetail } from '../../../src-preload/contract/questionnaires';
import { ErrorAlert } from '../components/Alert';
import { ScreenHeading } from '../components/ScreenHeading';
import { formatDay } from '../records/common/format';
import { useLanguage } from '../records/common/useLanguage';
import { QuestionnaireForm } from './QuestionnaireForm';
import { useQuestionnairesStore } from './store';

export function QuestionnaireView() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { detail, detailState, detailError, close } = useQuestionnairesStore();
  return (
    <section className="questionnaire">
      <button type="button" className="link-button back-link" onClick={close}>
        ← {t('questionnaires.backToList')}
      </button>
      {detailState === 'loading' && <p role="status">{t('common.loading')}</p>}
      <ErrorAlert message={detailState === 'error' && detailError ? errorMessage(detailError, language) : null} />
      {detail && <Detail detail={detail} />}
    </section>
  );
}

function Detail({ detail }: { detail: QuestionnaireDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const sent = detail.status === 'sent' ? detail.sent : null;
  const refused = detail.status !== 'sent' && detail.sent?.outcome === 'refused' ? detail.sent : null;
  return (
    <>
      <ScreenHeading focusKey={`${detail.id}-${detail.status}`}>{detail.title}</ScreenHeading>
      <p className="questionnaire-meta">
        {t('questionnaires.from', { provider: detail.providerName })}
        {detail.requester && <> · {t('questionnaires.askedBy', { who: detail.requester })}</>}
        {detail.dueDate && detail.status !== 'sent' && <> · {t('questionnaires.due', { date: formatDay(detail.dueDate, language) })}</>}
      </p>
      {detail.request && <p className="questionnaire-request">{detail.request}</p>}
      {detail.form?.description && !sent && <p>{detail.form.description}</p>}
      {sent ? (
        <SentAnswers detail={detail} sent={sent} />
      ) : !detail.form ? (
        <p className="alert alert-info">{t('questionnaires.missing')}</p>
      ) : detail.status === 'closed' ? (
        <p className="alert alert-info">{t('questionnaires.closed')}</p>
      ) : (
        <>
          {refused && (
            <div className="alert alert-error" role="note">
              {t('questionnaires.sending.failed', { reason: refused.reason?.[language] ?? '' })} {t('questionnaires.sending.notSent')}
            </div>
          )}
          <QuestionnaireForm key={detail.id} detail={detail} form={detail.form} />
        </>
      )}
    </>
  );
}

function SentAnswers({ detail, sent }: { detail: QuestionnaireDetail; sent: NonNullable<QuestionnaireDetail['sent']> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <div className="questionnaire-sent" data-testid="questionnaire-sent">
      <div className="alert alert-success" role="status">
        <strong>{t('questionnaires.sent.title')}.</strong> {t('questionnaires.sent.when', { date: formatDay(sent.sentAt, language), provider: detail.providerName })}{' '}
        {t('questionnaires.sent.accepted')}
      </div>
      <h2>{t('questionnaires.sent.answers')}</h2>
      <p className="muted">{t('questionnaires.sent.readOnly')}</p>
      <dl className="review-answers">
        {sent.answers.map((row, i) => (
          <div key={i} className="field-row">
            <dt>{row.question}</dt>
            <dd>{row.answer}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
