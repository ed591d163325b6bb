import { useTranslation } from 'react-i18next';
import { useLanguage } from '../records/common/useLanguage';
import { formatDateTime } from './format';
import { isRunning, useMedmijStore } from './store';

/** "Verbonden zorgaanbieders": every provider + service fetched before, with "Opnieuw ophalen". */
export function Connections() {
  const { t } = useTranslation();
  const language = useLanguage();
  const connections = useMedmijStore((s) => s.connections);
  const state = useMedmijStore((s) => s.connectionsState);
  const busy = useMedmijStore((s) => isRunning(s.step));
  const startPlan = useMedmijStore((s) => s.startPlan);

  const sorted = [...(connections ?? [])].sort(
    (a, b) => b.lastRetrievalAt.localeCompare(a.lastRetrievalAt) || a.providerName.localeCompare(b.providerName),
  );

  return (
    <section aria-labelledby="medmij-connections-title" className="medmij-connections" data-testid="medmij-connections">
      <h2 id="medmij-connections-title">{t('medmij.connections.title')}</h2>
      {state === 'loading' && connections === null && <p className="muted">{t('medmij.connections.loading')}</p>}
      {state === 'error' && <p className="alert alert-error">{t('medmij.connections.failed')}</p>}
      {connections !== null && sorted.length === 0 && <p className="muted">{t('medmij.connections.empty')}</p>}
      {sorted.length > 0 && (
        <ul className="medmij-connection-list">
          {sorted.map((c) => (
            <li key={`${c.providerId}|${c.serviceId}`} className="medmij-connection" data-provider-id={c.providerId} data-service-id={c.serviceId}>
              <div className="medmij-connection-main">
                <p className="strong medmij-connection-name">{c.providerName}</p>
                <p className="medmij-connection-service">{c.serviceName}</p>
                <p className="muted">
                  {t('medmij.connections.lastRetrieval', { date: formatDateTime(c.lastRetrievalAt, language) })}
                  {' · '}
                  <span className={`medmij-connection-result medmij-connection-result-${c.lastResult}`}>
                    {t(`medmij.connections.result.${c.lastResult}`)}
                  </span>
                </p>
              </div>
              {!busy && (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => {
                    startPlan({ id: c.providerId, displayName: c.providerName }, [{ id: c.serviceId, name: c.serviceName }]);
                    document.getElementById('main')?.scrollTo?.({ top: 0 });
                  }}
                >
                  {t('medmij.connections.refetch')}
                  <span className="visually-hidden">
                    {': '}
                    {t('medmij.connections.refetchFor', { service: c.serviceName, provider: c.providerName })}
                  </span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
