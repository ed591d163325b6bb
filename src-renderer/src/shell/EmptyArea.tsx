import { useTranslation } from 'react-i18next';
import { ScreenHeading } from '../components/ScreenHeading';
import type { Area } from '../profiles/session';

/** An honest placeholder: what will appear here, no invented data. */
export function EmptyArea({ area }: { area: Exclude<Area, 'settings' | 'overview' | 'records' | 'timeline' | 'medication'> }) {
  const { t } = useTranslation();
  return (
    <section>
      <ScreenHeading>{t(`shell.areas.${area}`)}</ScreenHeading>
      <div className="empty-state">
        <span className={`empty-icon empty-icon-${area}`} aria-hidden="true" />
        <h2>{t('shell.emptyTitle')}</h2>
        <p>{t(`shell.empty.${area}`)}</p>
        <p className="muted">{t('shell.emptyNote')}</p>
      </div>
    </section>
  );
}
