import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { bgzSections, type BgzSection } from '../../../../src-preload/contract/record-sections';
import { ScreenHeading } from '../../components/ScreenHeading';
import { RecordList } from '../common/RecordList';
import { useRecordsData } from '../data-store';
import { HiddenRecordsPanel } from '../hidden/HiddenRecordsPanel';
import { ImportButton } from '../import/ImportButton';
import { ImportDropZone } from '../import/ImportDropZone';
import { ImportResult } from '../import/ImportResult';
import { SECTION_PAGE_SIZE, useSectionsStore } from './store';

/** Mijn gegevens: the record by BgZ section, with counts; a section lists its records page by page. */
export function RecordsScreen() {
  const { t } = useTranslation();
  const counts = useRecordsData((s) => s.counts);
  const countsState = useRecordsData((s) => s.countsState);
  const version = useRecordsData((s) => s.version);
  const loadCounts = useRecordsData((s) => s.loadCounts);
  const section = useSectionsStore((s) => s.section);
  const choose = useSectionsStore((s) => s.choose);
  const load = useSectionsStore((s) => s.load);

  useEffect(() => {
    void loadCounts();
  }, [loadCounts, version]);

  // After an import, reload the open section.
  const firstVersion = useRef(version);
  useEffect(() => {
    if (version !== firstVersion.current && useSectionsStore.getState().section) void load(0);
  }, [version, load]);

  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : null;

  return (
    <section>
      <div className="screen-top">
        <ScreenHeading>{t('shell.areas.records')}</ScreenHeading>
        {total !== 0 && <ImportButton />}
      </div>
      <ImportResult />
      {countsState === 'error' && <p className="alert alert-error">{t('records.loadFailed')}</p>}
      {total === 0 && (
        <div className="empty-state">
          <span className="empty-icon empty-icon-records" aria-hidden="true" />
          <h2>{t('records.sections.emptyTitle')}</h2>
          <p>{t('records.sections.emptyText')}</p>
          <ImportDropZone />
        </div>
      )}
      {counts && total !== 0 && (
        <div className="sections-layout">
          <nav aria-label={t('records.sections.nav')} className="section-nav">
            <ul>
              {bgzSections.map((key: BgzSection) => (
                <li key={key}>
                  <button
                    type="button"
                    className="section-item"
                    aria-current={key === section ? 'true' : undefined}
                    onClick={() => choose(key)}
                  >
                    <span>{t(`records.sectionNames.${key}`)}</span>
                    <span className={counts[key] ? 'count' : 'count count-zero'}>
                      {counts[key] ?? 0}
                      <span className="visually-hidden"> {t('records.sections.items', { count: counts[key] ?? 0 })}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <SectionRecords />
        </div>
      )}
      <HiddenRecordsPanel />
    </section>
  );
}

function SectionRecords() {
  const { t } = useTranslation();
  const section = useSectionsStore((s) => s.section);
  const items = useSectionsStore((s) => s.items);
  const total = useSectionsStore((s) => s.total);
  const offset = useSectionsStore((s) => s.offset);
  const state = useSectionsStore((s) => s.state);
  const load = useSectionsStore((s) => s.load);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (section) heading.current?.focus();
  }, [section, offset]);

  if (!section) return <p className="section-records muted">{t('records.sections.choose')}</p>;
  const name = t(`records.sectionNames.${section}`);
  const pages = Math.max(1, Math.ceil(total / SECTION_PAGE_SIZE));
  const page = Math.floor(offset / SECTION_PAGE_SIZE) + 1;
  return (
    <section className="section-records" aria-labelledby="section-heading">
      <h2 id="section-heading" ref={heading} tabIndex={-1}>
        {name}
      </h2>
      {state === 'loading' && <p role="status">{t('common.loading')}</p>}
      {state === 'error' && <p className="alert alert-error">{t('records.loadFailed')}</p>}
      {state === 'ready' && items.length === 0 && <p className="muted">{t('records.sections.sectionEmpty')}</p>}
      {items.length > 0 && <RecordList records={items} label={name} />}
      {pages > 1 && (
        <nav className="pager" aria-label={t('records.pager.label')}>
          <button type="button" className="button button-small" disabled={page <= 1} onClick={() => void load(offset - SECTION_PAGE_SIZE)}>
            {t('records.pager.previous')}
          </button>
          <span>{t('records.pager.page', { page, pages, total })}</span>
          <button type="button" className="button button-small" disabled={page >= pages} onClick={() => void load(offset + SECTION_PAGE_SIZE)}>
            {t('records.pager.next')}
          </button>
        </nav>
      )}
    </section>
  );
}
