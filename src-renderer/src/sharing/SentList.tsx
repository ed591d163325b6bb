import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../medmij/format';
import { useLanguage } from '../records/common/useLanguage';
import { ItemResults } from './PreviewStep';
import { useSharingStore } from './store';

/** Verstuurd: every send, newest first — what, to whom, when, and the answer per item. */
export function SentList() {
  const { t } = useTranslation();
  const language = useLanguage();
  const sent = useSharingStore((s) => s.sent);
  const state = useSharingStore((s) => s.sentState);
  return (
    <section className="sharing-sent" aria-labelledby="sharing-sent-title" data-testid="sharing-sent">
      <h2 id="sharing-sent-title" tabIndex={-1}>
        {t('sharing.sent.title')}
      </h2>
      <p className="muted">{t('sharing.sent.intro')}</p>
      {state === 'loading' && <p role="status">{t('sharing.sent.loading')}</p>}
      {state === 'error' && <p role="alert">{t('sharing.sent.failed')}</p>}
      {sent && sent.length === 0 && <p>{t('sharing.sent.none')}</p>}
      {sent && sent.length > 0 && (
        <ol className="sharing-sent-list">
          {sent.map((entry) => (
            <li key={entry.id} className="panel sharing-sent-entry" data-outcome={entry.outcome}>
              <h3>{t('sharing.sent.entry', { service: entry.service.name, provider: entry.provider.name })}</h3>
              <p className="muted">{t('sharing.sent.when', { when: formatDateTime(entry.sentAt, language) })}</p>
              <p className="strong">{entry.message[language]}</p>
              <ItemResults items={entry.items} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
