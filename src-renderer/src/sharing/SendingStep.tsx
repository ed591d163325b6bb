import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../src-preload/contract/errors';
import { FocusHeading } from '../medmij/FocusHeading';
import { useLanguage } from '../records/common/useLanguage';
import { ItemResults } from './PreviewStep';
import { useSharingStore, type SharingStep } from './store';

const final = new Set(['done', 'failed', 'cancelled']);

/** Waiting for the login, sending, and the provider's answer per item. */
export function SendingStep({ step }: { step: Extract<SharingStep, { name: 'sending' }> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const cancel = useSharingStore((s) => s.cancel);
  const restart = useSharingStore((s) => s.restart);
  const { preview, progress } = step;
  const stage = progress?.stage ?? 'waiting-for-login';
  const finished = final.has(stage);
  const provider = preview.provider.name;
  const outcome = stage === 'done' ? (progress?.answer?.outcome ?? 'unknown') : stage;

  return (
    <section className="panel sharing-sending" aria-labelledby="sharing-sending-title" data-testid="sharing-sending">
      <FocusHeading id="sharing-sending-title" focusKey={preview.sendId}>
        {t('sharing.sending.title', { provider })}
      </FocusHeading>
      <p role="status" aria-live="polite" className="medmij-stage" data-testid="sharing-stage">
        {!finished && <span className="spinner" aria-hidden="true" />}
        {t(`sharing.sending.stage.${stage}`, { provider })}
      </p>
      {progress?.relay && (
        <p className="muted" data-testid="sharing-via-relay">
          {t('medmij.relay.via', { relay: progress.relay })}
        </p>
      )}
      {stage === 'waiting-for-login' && (
        <div className="medmij-waiting">
          <p className="lead">{t('sharing.sending.waiting')}</p>
          <p>
            {t('sharing.sending.noWindow')}{' '}
            <a href={step.authorizationUrl} target="_blank" rel="noopener noreferrer">
              {t('sharing.sending.reopen')}
              <span className="visually-hidden"> {t('sharing.sending.reopenNewWindow')}</span>
            </a>
          </p>
        </div>
      )}
      {!finished && stage !== 'sending' && (
        <>
          <div role="alert" className={step.error ? 'alert alert-error' : 'alert-empty'}>
            {step.error && `${t('sharing.sending.cancelFailed')} ${errorMessage(step.error, language)}`}
          </div>
          <div className="actions">
            <button type="button" className="button" onClick={() => void cancel()}>
              {t('sharing.sending.cancel')}
            </button>
          </div>
        </>
      )}
      {finished && progress && (
        <div
          className={`notice ${outcome === 'accepted' ? 'notice-success' : outcome === 'partly-accepted' || outcome === 'unknown' ? 'notice-warning' : 'notice-error'}`}
          data-testid="sharing-result"
          data-outcome={outcome}
        >
          <FocusHeading level={3} focusKey={`${preview.sendId}-${outcome}`}>
            {t(`sharing.sending.resultTitle.${outcome}`)}
          </FocusHeading>
          <p data-testid="sharing-result-message">{progress.answer?.message[language] ?? progress.error?.[language]}</p>
          <ItemResults items={progress.items} testId="sharing-result-items" />
          {progress.answer && progress.answer.providerSaid.length > 0 && (
            <>
              <p className="strong">{t('sharing.sending.providerSaid')}</p>
              <ul>
                {progress.answer.providerSaid.map((text, i) => (
                  <li key={i} lang="nl">
                    {text}
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="actions">
            <button type="button" className="button button-primary" onClick={restart}>
              {t('sharing.sending.again')}
            </button>
            <a className="button" href="#sharing-sent-title">
              {t('sharing.sending.toSent')}
            </a>
          </div>
        </div>
      )}
    </section>
  );
}
