import { useTranslation } from 'react-i18next';
import type { RecordSummary } from '../../../../src-preload/contract/records';
import { useRecordsNavigation } from '../navigation';
import { formatDate } from './format';
import { useIsNew } from './isNew';
import { NewBadge, RangeMarker } from './RangeMarker';
import { statusText, typeName } from './typeNames';
import { useLanguage } from './useLanguage';

/** One record as a row: what it is, its value (with out-of-range marker), date and source. Opens the detail view. */
export function RecordRowContent({ record, showType = true }: { record: RecordSummary; showType?: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const status = statusText(record.status, language);
  const isNew = useIsNew(record);
  return (
    <>
      <span className="record-main">
        <span className="record-title">{record.title}</span>
        {record.valueText && (
          <span className="record-value">
            {record.valueText}
            {record.outOfRange && <RangeMarker flag="abnormal" />}
          </span>
        )}
        {!record.valueText && record.outOfRange && <RangeMarker flag="abnormal" />}
      </span>
      <span className="record-meta">
        {showType && <span>{typeName(t, record.resourceType)}</span>}
        {record.date && <time dateTime={record.date}>{formatDate(record.date, language)}</time>}
        {status && <span>{status}</span>}
        {record.sources[0] && <span className="record-source">{record.sources[0].source.label}</span>}
        {isNew && <NewBadge />}
      </span>
    </>
  );
}

export function RecordList({ records, label, showType = true }: { records: RecordSummary[]; label?: string; showType?: boolean }) {
  const openDetail = useRecordsNavigation((s) => s.openDetail);
  return (
    <ul className="record-list" aria-label={label}>
      {records.map((record) => (
        <li key={record.id}>
          <button type="button" className="record-row" onClick={() => openDetail(record.id)}>
            <RecordRowContent record={record} showType={showType} />
          </button>
        </li>
      ))}
    </ul>
  );
}
