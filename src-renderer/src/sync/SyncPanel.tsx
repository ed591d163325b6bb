/** The "Synchroniseren" panel in Instellingen: what it is, whether it is on, and the way in. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../medmij/format';
import { useLanguage } from '../records/common/useLanguage';
import { useSyncStore } from './store';

export function SyncPanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const status = useSyncStore((s) => s.status);
  const loadStatus = useSyncStore((s) => s.loadStatus);
  const openScreen = useSyncStore((s) => s.openScreen);

  useEffect(() => {
    void loadStatus();
  }, [loadStatus]);

  return (
    <section className="panel" aria-labelledby="settings-sync">
      <h2 id="settings-sync">{t('sync.title')}</h2>
      <p>{t('sync.panelExplain')}</p>
      {status && (
        <p data-testid="sync-summary">
          {status.folder ? t('sync.summaryOn') : t('sync.summaryOff')}
          {status.folder && status.lastSyncAt && ` ${t('sync.status.lastSync', { date: formatDateTime(status.lastSyncAt, language) })}`}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button" onClick={openScreen}>
          {t('sync.open')}
        </button>
      </div>
    </section>
  );
}
