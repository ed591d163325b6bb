import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../src-preload/contract/errors';
import type { RecordDetail } from '../../../../src-preload/contract/records';
import { ScreenHeading } from '../../components/ScreenHeading';
import { formatDate } from '../common/format';
import { RangeMarker } from '../common/RangeMarker';
import { RecordList } from '../common/RecordList';
import { statusText, typeName } from '../common/typeNames';
import { useLanguage } from '../common/useLanguage';
import { useRecordsData } from '../data-store';
import { Attachments } from '../documents/Attachments';
import { HiddenNotice, HideRecordPanel } from '../hidden/HideRecord';
import { useRecordsNavigation } from '../navigation';
import { PresentedFields, PresentedGroups } from './PresentedFields';
import { useDetailStore } from './store';
import { TechnicalView } from './TechnicalView';

/** One record, in words a patient understands. */
export function DetailScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const record = useDetailStore((s) => (s.id === id ? s.record : null));
  const error = useDetailStore((s) => (s.id === id ? s.error : null));
  const load = useDetailStore((s) => s.load);
  const version = useRecordsData((s) => s.version);
  const back = useRecordsNavigation((s) => s.back);

  useEffect(() => {
    void load(id, language);
  }, [id, load, version, language]);

  return (
    <article className="detail">
      <button type="button" className="link-button back-link" onClick={back}>
        <span aria-hidden="true">← </span>
        {t('records.detail.back')}
      </button>
      {!record && !error && (
        <>
          <ScreenHeading focusKey={id}>{t('records.detail.loadingTitle')}</ScreenHeading>
          <p role="status">{t('common.loading')}</p>
        </>
      )}
      {error && (
        <>
          <ScreenHeading focusKey={id}>{t('records.detail.errorTitle')}</ScreenHeading>
          <p className="alert alert-error">{errorMessage(error, language)}</p>
        </>
      )}
      {record && <DetailBody record={record} />}
    </article>
  );
}

function DetailBody({ record }: { record: RecordDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const status = statusText(record.status, language);

  return (
    <>
      <p className="eyebrow">{typeName(t, record.resourceType)}</p>
      <ScreenHeading focusKey={record.id}>{record.title}</ScreenHeading>
      <p className="detail-summary">
        {record.valueText && <span className="detail-value">{record.valueText}</span>}
        {record.outOfRange && !record.fields.some((f) => f.flag) && <RangeMarker flag="abnormal" />}
        {record.date && <span>{formatDate(record.date, language)}</span>}
        {status && <span>{status}</span>}
      </p>
      <HiddenNotice record={record} />

      <section className="panel" aria-labelledby="details-heading">
        <h2 id="details-heading">{t('records.detail.details')}</h2>
        <PresentedFields fields={record.fields} testId="detail-fields" />
        <PresentedGroups groups={record.groups} />
        {record.narrative && (
          <div className="detail-block">
            <h3>{t('records.detail.narrative')}</h3>
            <p className="pre-line">{record.narrative}</p>
          </div>
        )}
      </section>

      <Attachments record={record} />

      {record.related.length > 0 && (
        <section className="panel" aria-labelledby="related-heading">
          <h2 id="related-heading">{t('records.detail.related')}</h2>
          <RecordList records={record.related} />
        </section>
      )}

      <section className="panel" aria-labelledby="provenance-heading">
        <h2 id="provenance-heading">{t('records.detail.provenance')}</h2>
        <ul className="provenance-list" data-testid="provenance">
          {record.sources.map((source, index) => (
            <li key={index}>
              <span className="provenance-source">{source.source.label}</span>
              <span className="muted">
                {t(`records.sourceKinds.${source.source.kind}`)} · {t('records.detail.receivedOn', { date: formatDate(source.receivedAt, language) })}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <HideRecordPanel record={record} />

      <TechnicalView record={record} />
    </>
  );
}
