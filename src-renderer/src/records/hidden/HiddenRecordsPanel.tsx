/** "Verborgen gegevens" in Mijn gegevens: what the person hid, why, and "Weer tonen". */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HiddenRecord } from '../../../../src-preload/contract/hidden';
import { call } from '../../api/client';
import { ErrorAlert, StatusMessage } from '../../components/Alert';
import { useErrorText } from '../../components/useErrorText';
import { formatDate } from '../common/format';
import { useLanguage } from '../common/useLanguage';
import { useRecordsData } from '../data-store';
import { useRecordsNavigation } from '../navigation';
import { currentSession, stillCurrent } from '../reset';
import { setRecordHidden } from './HideRecord';
import './hidden.css';

export function HiddenRecordsPanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const errorText = useErrorText();
  const version = useRecordsData((s) => s.version);
  const openDetail = useRecordsNavigation((s) => s.openDetail);
  const id = useId();
  const [records, setRecords] = useState<HiddenRecord[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const session = currentSession();
    if (!session) return;
    let current = true;
    call('records.hidden', { profileId: session.profileId }).then(
      (hidden) => {
        if (current && stillCurrent(session)) {
          setRecords(hidden);
          setFailed(false);
        }
      },
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [version]);

  async function show(record: HiddenRecord) {
    setError(null);
    try {
      await setRecordHidden(record.id, null);
      setNotice(t('hidden.shown'));
      document.getElementById(`${id}-title`)?.focus();
    } catch (failure) {
      setError(t('hidden.showFailed', { reason: errorText(failure) }));
    }
  }

  if (failed) return <p className="alert alert-error">{t('hidden.loadFailed')}</p>;
  if (!records || (records.length === 0 && !notice)) return null;
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="hidden-records">
      <h2 id={`${id}-title`} tabIndex={-1}>
        {t('hidden.listTitle')}
      </h2>
      <p>{t('hidden.listIntro')}</p>
      <StatusMessage message={notice} tone="success" />
      <ErrorAlert message={error} />
      {records.length > 0 && (
        <button type="button" className="button button-small" aria-expanded={open} aria-controls={`${id}-list`} onClick={() => setOpen((v) => !v)}>
          {open ? t('hidden.listHide') : t('hidden.listShow', { count: records.length })}
        </button>
      )}
      <div id={`${id}-list`} hidden={!open}>
        {open && (
          <ul className="hidden-list">
            {records.map((record) => (
              <li key={record.id}>
                <div className="hidden-what">
                  <button type="button" className="link-button" onClick={() => openDetail(record.id)}>
                    {record.title}
                  </button>
                  {record.date && <span className="muted"> · {formatDate(record.date, language)}</span>}
                  <div>
                    {t('hidden.listReason', { reason: t(`hidden.reasons.${record.hidden.reason}`) })}
                    {record.hidden.note && ` — ${record.hidden.note}`}
                    <span className="muted"> · {t('hidden.listHiddenOn', { date: formatDate(record.hidden.hiddenAt, language) })}</span>
                  </div>
                </div>
                <button type="button" className="button button-small" aria-label={t('hidden.showLabel', { title: record.title })} onClick={() => void show(record)}>
                  {t('hidden.show')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
