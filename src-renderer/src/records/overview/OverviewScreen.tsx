import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordSummary } from '../../../../src-preload/contract/records';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useSessionStore } from '../../profiles/session';
import { RecordList } from '../common/RecordList';
import { formatDay, formatNumber } from '../common/format';
import { useLanguage } from '../common/useLanguage';
import { useRecordsData } from '../data-store';
import { ImportButton } from '../import/ImportButton';
import { ImportDropZone } from '../import/ImportDropZone';
import { ImportResult } from '../import/ImportResult';
import { useRecordsNavigation } from '../navigation';

const blocks = ['activeProblems', 'currentMedication', 'allergies', 'recentResults', 'upcomingAppointments'] as const;

/** Overzicht: what matters now. */
export function OverviewScreen() {
  const { t } = useTranslation();
  const language = useLanguage();
  const overview = useRecordsData((s) => s.overview);
  const state = useRecordsData((s) => s.overviewState);
  const version = useRecordsData((s) => s.version);
  const loadOverview = useRecordsData((s) => s.loadOverview);
  const newCount = useRecordsData((s) => s.newSinceVisit);
  const visit = useRecordsData((s) => s.visit);
  // The previous visit as it was when this session began (the core already remembers this one).
  const previousVisit = visit ? visit.previous : (overview?.lastVisit ?? null);

  useEffect(() => {
    void loadOverview();
  }, [loadOverview, version]);

  // Empty means no records at all: 3,000 measurements none of the blocks lists are still the person's data.
  const empty = overview !== null && !overview.hasRecords;

  return (
    <section>
      <div className="screen-top">
        <ScreenHeading>{t('shell.areas.overview')}</ScreenHeading>
        {!empty && <ImportButton />}
      </div>
      <ImportResult />
      {state === 'loading' && !overview && <p role="status">{t('common.loading')}</p>}
      {state === 'error' && <p className="alert alert-error">{t('records.loadFailed')}</p>}
      {empty && (
        <div className="empty-state">
          <span className="empty-icon empty-icon-overview" aria-hidden="true" />
          <h2>{t('records.overview.emptyTitle')}</h2>
          <FetchFirst />
          <h3>{t('intake.start.ownTitle')}</h3>
          <p>{t('intake.start.ownText')}</p>
          <ImportDropZone primary={false} />
        </div>
      )}
      {overview && !empty && (
        <>
          {(newCount > 0 || previousVisit) && (
            <p className="notice notice-calm" data-testid="new-since-last-visit">
              {newCount > 0
                ? t('records.overview.newSince', { count: newCount, number: formatNumber(newCount, language) })
                : t('records.overview.nothingNew')}
              {previousVisit && (
                <>
                  {' '}
                  <span data-testid="last-visit">
                    {t('records.overview.lastVisit', { date: formatDay(previousVisit, language) })}
                  </span>
                </>
              )}
            </p>
          )}
          <div className="overview-grid">
            {blocks.map((block) => (
              <OverviewBlock key={block} block={block} records={overview[block]} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

/** Most people get their records from their care providers: that comes first. */
function FetchFirst() {
  const { t } = useTranslation();
  const setArea = useSessionStore((s) => s.setArea);
  const resetView = useRecordsNavigation((s) => s.reset);
  return (
    <>
      <p>{t('intake.start.fetchText')}</p>
      <p>
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            resetView();
            setArea('providers');
          }}
        >
          {t('intake.start.fetchButton')}
        </button>
      </p>
    </>
  );
}

function OverviewBlock({ block, records }: { block: (typeof blocks)[number]; records: RecordSummary[] }) {
  const { t } = useTranslation();
  const id = `overview-${block}`;
  return (
    <section className="panel overview-block" aria-labelledby={id}>
      <h2 id={id}>{t(`records.overview.${block}`)}</h2>
      {records.length ? (
        <RecordList records={records} showType={block === 'recentResults'} />
      ) : (
        <p className="muted">{t(`records.overview.none.${block}`)}</p>
      )}
    </section>
  );
}
