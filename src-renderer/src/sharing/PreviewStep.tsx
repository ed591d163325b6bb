import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../src-preload/contract/errors';
import type { SendItem, SendItemResult } from '../../../src-preload/contract/sharing';
import { FocusHeading } from '../medmij/FocusHeading';
import { formatDate } from '../records/common/format';
import { useLanguage } from '../records/common/useLanguage';
import { useSharingStore, type SharingStep } from './store';

/** One item in words: what it is, its content, its date. */
export function ItemText({ item }: { item: Pick<SendItem, 'label' | 'detail' | 'date'> }) {
  const language = useLanguage();
  return (
    <>
      <span className="strong">{item.label[language]}</span>: {item.detail}
      {item.date && <span className="muted"> — {formatDate(item.date, language)}</span>}
    </>
  );
}

/** Each sent item with what became of it (accepted, refused and why, not known): after a send and in Verstuurd. */
export function ItemResults({ items, testId }: { items: readonly SendItemResult[]; testId?: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <ul className="sharing-items" data-testid={testId}>
      {items.map((item, index) => (
        <li key={index} data-status={item.status}>
          <span className={`sharing-status sharing-status-${item.status}`}>{t(`sharing.status.${item.status}`)}</span>{' '}
          <ItemText item={item} />
          {item.reason && <span className="sharing-reason"> — {item.reason[language]}</span>}
        </li>
      ))}
    </ul>
  );
}

/** Exactly what will be sent, to whom and with which service; "Versturen" is the only way on. */
export function PreviewStep({ step }: { step: Extract<SharingStep, { name: 'preview' }> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const send = useSharingStore((s) => s.send);
  const back = useSharingStore((s) => s.back);
  const cancel = useSharingStore((s) => s.cancel);
  const { preview } = step;
  const photo = preview.items.find((i) => i.kind === 'photo');
  return (
    <section className="panel sharing-preview" aria-labelledby="sharing-preview-title" data-testid="sharing-preview">
      <FocusHeading id="sharing-preview-title" focusKey={preview.sendId}>
        {t('sharing.preview.title')}
      </FocusHeading>
      <dl className="sharing-facts">
        <dt>{t('sharing.preview.to')}</dt>
        <dd data-testid="sharing-preview-provider">{preview.provider.name}</dd>
        <dt>{t('sharing.preview.service')}</dt>
        <dd data-testid="sharing-preview-service">{preview.service.name}</dd>
      </dl>
      <h3>{t('sharing.preview.items')}</h3>
      <ul className="sharing-items" aria-label={t('sharing.preview.items')} data-testid="sharing-preview-items">
        {preview.items.map((item, index) => (
          <li key={index} data-kind={item.kind}>
            <ItemText item={item} />
          </li>
        ))}
      </ul>
      {step.photo && photo && (
        <img className="sharing-photo" src={step.photo} alt={t('sharing.preview.photoAlt', { description: photo.detail })} />
      )}
      <p>{t('sharing.preview.loginNote', { provider: preview.provider.name })}</p>
      <div role="alert" className={step.error ? 'notice notice-error' : 'alert-empty'}>
        {step.error && (
          <>
            <p className="strong">{t('sharing.preview.failed')}</p>
            <p>{errorMessage(step.error, language)}</p>
          </>
        )}
      </div>
      <div className="actions">
        <button type="button" className="button button-primary" disabled={step.busy} onClick={() => void send()}>
          {t('sharing.preview.send')}
        </button>
        <button type="button" className="button" disabled={step.busy} onClick={back}>
          {t('sharing.preview.back')}
        </button>
        <button type="button" className="button" disabled={step.busy} onClick={() => void cancel()}>
          {t('sharing.preview.cancel')}
        </button>
      </div>
    </section>
  );
}
