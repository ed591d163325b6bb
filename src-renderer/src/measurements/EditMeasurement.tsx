/**
 * "Meting wijzigen": the form, started from an own measurement, and its earlier values (what it said
 * before each correction), so a correction never makes the old value disappear without a trace.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeasurementDetail } from '../../../src-preload/contract/measurements';
import { formatDate } from '../records/common/format';
import { useLanguage } from '../records/common/useLanguage';
import { AddMeasurementForm } from './AddMeasurementForm';
import { useMeasurementsStore } from './store';

export function EditMeasurement({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useTranslation();
  const loadDetail = useMeasurementsStore((s) => s.detail);
  const [detail, setDetail] = useState<MeasurementDetail | null>(null);
  const [failed, setFailed] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let current = true;
    loadDetail(id).then(
      (loaded) => current && setDetail(loaded),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [id, loadDetail]);

  // The person asked to change this measurement: take them to the form.
  const loaded = detail !== null;
  useEffect(() => {
    if (loaded) wrapper.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [loaded]);

  if (failed) {
    return (
      <div className="panel">
        <p className="alert alert-error">{t('measurements.edit.loadFailed')}</p>
        <button type="button" className="button" onClick={onClose}>
          {t('measurements.edit.close')}
        </button>
      </div>
    );
  }
  if (!detail) return <p role="status">{t('common.loading')}</p>;
  return (
    <div ref={wrapper}>
      <AddMeasurementForm
        key={detail.id}
        editing={{ detail, onSaved: setDetail, onCancel: onClose }}
        after={<MeasurementHistory detail={detail} />}
      />
    </div>
  );
}

function MeasurementHistory({ detail }: { detail: MeasurementDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <div className="measurement-history" data-testid="measurement-history">
      <h3>{t('measurements.edit.history')}</h3>
      {detail.revisions.length === 0 ? (
        <p className="muted">{t('measurements.edit.historyEmpty')}</p>
      ) : (
        <>
          <p className="muted">{t('measurements.edit.historyIntro')}</p>
          <ol>
            {detail.revisions.map((revision) => (
              <li key={revision.changedAt}>
                <strong>{t('measurements.edit.historyItem', { value: revision.valueText ?? '', date: formatDate(revision.date, language) })}</strong>
                <span className="muted"> · {t('measurements.edit.historyChanged', { date: formatDate(revision.changedAt, language) })}</span>
                {revision.note && <div>{t('measurements.edit.historyNote', { note: revision.note })}</div>}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
