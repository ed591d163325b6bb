import { useTranslation } from 'react-i18next';
import type { RangeFlag } from '../../../../src-preload/contract/records';

/** Outside the reference range, shown by more than colour: an icon and a word ("hoog", "laag", "afwijkend"). */
export function RangeMarker({ flag }: { flag: RangeFlag }) {
  const { t } = useTranslation();
  const icon = flag === 'high' ? '▲' : flag === 'low' ? '▼' : '!';
  return (
    <span className={`range-marker range-${flag}`} data-testid="range-marker">
      <span className="range-icon" aria-hidden="true">
        {icon}
      </span>
      {t(`records.range.${flag}`)}
    </span>
  );
}

export function NewBadge() {
  const { t } = useTranslation();
  return <span className="badge badge-new">{t('records.new')}</span>;
}
