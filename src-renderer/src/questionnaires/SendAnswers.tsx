/**
 * The last step before the answers leave: exactly what will be sent (every question that applies
 * with the answer in words), to whom and with which data service, and the explicit "Versturen".
 * Sending goes through Delen (sharing.prepare → sharing.send, data service 60): the person logs in
 * at the provider, the answers go out once, and the provider's answer comes back. Nothing counts as
 * sent unless the provider accepted it; otherwise the answers stay as the draft and the reason shows.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionnaireCheck, QuestionnaireDetail } from '../../../src-preload/contract/questionnaires';
import type { SendProgress } from '../../../src-preload/contract/sharing';
import { appInfo } from '../api/app-info';
import { call, onEvent } from '../api/client';
import { ErrorAlert, StatusMessage } from '../components/Alert';
import { useErrorText } from '../components/useErrorText';
import { currentSession } from '../records/reset';
import { useLanguage } from '../records/common/useLanguage';
import { useQuestionnairesStore } from './store';

type Step = { name: 'review' } | { name: 'starting' } | { name: 'login'; sendId: string; url: string; progress: SendProgress | null } | { name: 'failed'; reason: string };

export function SendAnswers({ detail, check, answers, onBack }: { detail: QuestionnaireDetail; check: QuestionnaireCheck; answers: Record<string, unknown>; onBack(): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const errorText = useErrorText();
  const reload = useQuestionnairesStore((s) => s.reload);
  const [step, setStep] = useState<Step>({ name: 'review' });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  // Progress of the send: events, with polling as a fallback (an event stream can drop).
  const sendId = step.name === 'login' ? step.sendId : null;
  useEffect(() => {
    if (!sendId) return;
    const apply = (progress: SendProgress) => {
      if (progress.sendId !== sendId) return;
      if (progress.stage === 'done' && progress.answer?.outcome === 'accepted') {
        void reload();
        return;
      }
      if (progress.stage === 'done' || progress.stage === 'failed' || progress.stage === 'cancelled') {
        const said = progress.answer ? [progress.answer.message[language], ...progress.answer.providerSaid].join(' ') : (progress.error?.[language] ?? '');
        setStep({ name: 'failed', reason: said });
        return;
      }
      setStep((current) => (current.name === 'login' && current.sendId === sendId ? { ...current, progress } : current));
    };
    const unsubscribe = onEvent((message) => {
      if (message.event === 'sharing.progress') apply(message.payload as SendProgress);
    });
    const timer = setInterval(() => {
      call('sharing.status', { sendId }).then(apply, () => undefined);
    }, 1500);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [sendId, language, reload]);

  async function send() {
    const session = currentSession();
    if (!session || !detail.providerId) return;
    setStep({ name: 'starting' });
    try {
      const prepared = await call('sharing.prepare', {
        profileId: session.profileId,
        providerId: detail.providerId,
        serviceId: '60',
        selection: { kind: 'questionnaire', questionnaireId: detail.id, answers },
      });
      const started = await call('sharing.send', { sendId: prepared.sendId });
      const info = await appInfo();
      // The desktop app opens the system browser itself; in the browser the login opens in a new tab.
      if (info?.host === 'browser') window.open(started.authorizationUrl, '_blank', 'noopener');
      setStep({ name: 'login', sendId: started.sendId, url: started.authorizationUrl, progress: null });
    } catch (error) {
      setStep({ name: 'failed', reason: errorText(error) });
    }
  }

  async function stop(id: string) {
    try {
      await call('sharing.cancel', { sendId: id });
    } catch {
      // Already on its way or finished: the progress says what happened.
    }
  }

  const groups = check.preview.reduce<Array<{ title: string; rows: typeof check.preview }>>((out, row) => {
    const title = row.groups.join(' — ');
    const last = out.at(-1);
    if (last && last.title === title) last.rows.push(row);
    else out.push({ title, rows: [row] });
    return out;
  }, []);

  return (
    <section className="questionnaire-review" aria-labelledby="questionnaire-review-title">
      <h2 id="questionnaire-review-title" ref={heading} tabIndex={-1}>
        {t('questionnaires.review.title')}
      </h2>
      <p>
        <strong>{t('questionnaires.review.to', { provider: check.providerName })}</strong>
        <br />
        {t('questionnaires.review.service')}
      </p>
      <p>{t('questionnaires.review.intro')}</p>
      {check.preview.length === 0 ? (
        <p>{t('questionnaires.review.none')}</p>
      ) : (
        groups.map((group) => (
          <div key={group.title} className="review-group">
            {group.title && <h3>{group.title}</h3>}
            <dl className="review-answers">
              {group.rows.map((row) => (
                <div key={row.linkId} className="field-row">
                  <dt>{row.question}</dt>
                  <dd>{row.answers.join(', ')}</dd>
                </div>
              ))}
            </dl>
          </div>
        ))
      )}
      {step.name === 'review' && (
        <>
          <p className="muted">{detail.providerId ? t('questionnaires.review.login') : t('questionnaires.review.noProvider')}</p>
          <div className="button-row">
            <button type="button" className="button button-primary button-large" onClick={() => void send()} disabled={!detail.providerId}>
              {t('questionnaires.review.send')}
            </button>
            <button type="button" className="button" onClick={onBack}>
              {t('questionnaires.review.back')}
            </button>
          </div>
        </>
      )}
      <StatusMessage
        message={
          step.name === 'starting'
            ? t('common.busy')
            : step.name === 'login'
              ? step.progress?.stage === 'sending' || step.progress?.stage === 'exchanging-code'
                ? t('questionnaires.sending.busy')
                : t('questionnaires.sending.waiting')
              : null
        }
      />
      {step.name === 'login' && step.progress?.stage !== 'sending' && (
        <div className="button-row">
          <a href={step.url} target="_blank" rel="noopener noreferrer" className="button">
            {t('questionnaires.sending.openLogin')}
          </a>
          <button type="button" className="button" onClick={() => void stop(step.sendId)}>
            {t('questionnaires.sending.cancel')}
          </button>
        </div>
      )}
      <ErrorAlert message={step.name === 'failed' ? `${t('questionnaires.sending.failed', { reason: step.reason })} ${t('questionnaires.sending.notSent')}` : null} />
      {step.name === 'failed' && (
        <div className="button-row">
          <button type="button" className="button button-primary" onClick={() => void send()}>
            {t('questionnaires.sending.again')}
          </button>
          <button type="button" className="button" onClick={onBack}>
            {t('questionnaires.review.back')}
          </button>
        </div>
      )}
    </section>
  );
}
