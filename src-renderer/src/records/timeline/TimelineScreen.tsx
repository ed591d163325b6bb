import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenHeading } from '../../components/ScreenHeading';
import { formatDate, formatNumber } from '../common/format';
import { RangeMarker } from '../common/RangeMarker';
import { typeGroupName, typeName } from '../common/typeNames';
import { useLanguage } from '../common/useLanguage';
import { useRecordsData } from '../data-store';
import { ImportDropZone } from '../import/ImportDropZone';
import { ImportResult } from '../import/ImportResult';
import { useRecordsNavigation } from '../navigation';
import { TIMELINE_PAGE_SIZE, typeFilters, useTimelineStore, type TypeFilter } from './store';

const ROW_REM = 4.75;

function rowHeight(): number {
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  return Math.round(ROW_REM * rem);
}

/** Tijdlijn: everything by date, filterable; a virtual list so that 100,000 records scroll smoothly. */
export function TimelineScreen() {
  const { t } = useTranslation();
  const language = useLanguage();
  const total = useTimelineStore((s) => s.total);
  const failed = useTimelineStore((s) => s.failed);
  const reload = useTimelineStore((s) => s.reload);
  const filters = useTimelineStore((s) => s.filters);
  const version = useRecordsData((s) => s.version);

  const loadedVersion = useRef<number | null>(null);
  useEffect(() => {
    const state = useTimelineStore.getState();
    if (loadedVersion.current === null && (state.total !== null || state.pages.size > 0)) {
      loadedVersion.current = version;
      return;
    }
    if (loadedVersion.current !== version) {
      loadedVersion.current = version;
      reload();
    }
  }, [version, reload]);

  const filtered = filters.type !== '' || filters.sourceId !== '' || filters.from !== '' || filters.to !== '';
  return (
    <section>
      <ScreenHeading>{t('shell.areas.timeline')}</ScreenHeading>
      <p className="muted">{t('records.timeline.intro')}</p>
      <TimelineFilters />
      {failed && <p className="alert alert-error">{t('records.loadFailed')}</p>}
      <p role="status" className="timeline-count">
        {total === null ? t('common.loading') : t('records.timeline.count', { count: total, n: formatNumber(total, language) })}
      </p>
      {total === 0 && !filtered && (
        <div className="empty-state">
          <h2>{t('records.sections.emptyTitle')}</h2>
          <p>{t('records.sections.emptyText')}</p>
          <ImportResult />
          <ImportDropZone />
        </div>
      )}
      {total === 0 && filtered && <p>{t('records.timeline.noneForFilters')}</p>}
      {total !== null && total > 0 && <TimelineList total={total} />}
    </section>
  );
}

function TimelineFilters() {
  const { t } = useTranslation();
  const filters = useTimelineStore((s) => s.filters);
  const setFilters = useTimelineStore((s) => s.setFilters);
  const sources = useRecordsData((s) => s.sources);
  const loadSources = useRecordsData((s) => s.loadSources);
  const version = useRecordsData((s) => s.version);
  const id = useId();
  const [from, setFrom] = useState(filters.from);
  const [to, setTo] = useState(filters.to);

  useEffect(() => {
    void loadSources();
  }, [loadSources, version]);

  const validDate = (value: string) => value === '' || /^\d{4}-\d{2}-\d{2}$/.test(value);
  return (
    <form
      className="filters"
      aria-label={t('records.timeline.filters')}
      onSubmit={(event) => {
        event.preventDefault();
        if (validDate(from) && validDate(to)) setFilters({ from, to });
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-type`}>{t('records.timeline.type')}</label>
        <select id={`${id}-type`} value={filters.type} onChange={(e) => setFilters({ type: e.target.value as TypeFilter | '' })}>
          <option value="">{t('records.timeline.allTypes')}</option>
          {(Object.keys(typeFilters) as TypeFilter[]).map((key) => (
            <option key={key} value={key}>
              {key === 'medication' ? t('records.timeline.medication') : typeGroupName(t, key)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-source`}>{t('records.timeline.source')}</label>
        <select id={`${id}-source`} value={filters.sourceId} onChange={(e) => setFilters({ sourceId: e.target.value })}>
          <option value="">{t('records.timeline.allSources')}</option>
          {(sources ?? []).map((source) => (
            <option key={source.id} value={source.id}>
              {source.label} ({source.recordCount})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>{t('records.timeline.from')}</label>
        <input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t('records.timeline.to')}</label>
        <input id={`${id}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <div className="filters-actions">
        <button type="submit" className="button button-small">
          {t('records.timeline.applyPeriod')}
        </button>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setFrom('');
            setTo('');
            setFilters({ type: '', sourceId: '', from: '', to: '' });
          }}
        >
          {t('records.timeline.clearFilters')}
        </button>
      </div>
    </form>
  );
}

function TimelineList({ total }: { total: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const pages = useTimelineStore((s) => s.pages);
  const ensure = useTimelineStore((s) => s.ensure);
  const rememberScroll = useTimelineStore((s) => s.rememberScroll);
  const openDetail = useRecordsNavigation((s) => s.openDetail);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [size] = useState(rowHeight);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => size,
    overscan: 12,
    initialOffset: () => useTimelineStore.getState().scrollOffset,
    onChange: (instance) => {
      if (!instance.isScrolling) rememberScroll(instance.scrollOffset ?? 0);
    },
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => {
    ensure(firstIndex, lastIndex);
  }, [firstIndex, lastIndex, pages, ensure]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    const index = Number(target.closest<HTMLElement>('[data-index]')?.dataset.index);
    if (Number.isNaN(index)) return;
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: -Infinity, End: Infinity };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    const next = Math.min(total - 1, Math.max(0, index + move));
    virtualizer.scrollToIndex(next, { align: 'auto' });
    const focusRow = (attempt: number) => {
      // The row may still be loading (a page fetched on demand): keep trying for a few seconds.
      const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${next}"] button.timeline-row`);
      if (row) row.focus();
      else if (attempt < 300) requestAnimationFrame(() => focusRow(attempt + 1));
    };
    requestAnimationFrame(() => focusRow(0));
  }

  return (
    <div className="timeline-scroll" ref={scrollRef} onKeyDown={onKeyDown} data-testid="timeline-scroll">
      <div role="list" aria-label={t('records.timeline.listLabel')} className="timeline-list" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const record = pages.get(Math.floor(item.index / TIMELINE_PAGE_SIZE))?.[item.index % TIMELINE_PAGE_SIZE];
          return (
            <div
              key={item.key}
              role="listitem"
              aria-setsize={total}
              aria-posinset={item.index + 1}
              data-index={item.index}
              className="timeline-item"
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
            >
              {record ? (
                <button type="button" className="timeline-row" onClick={() => openDetail(record.id)}>
                  <span className="timeline-date">{record.date ? formatDate(record.date, language) : t('records.timeline.noDate')}</span>
                  <span className="timeline-text">
                    <span className="timeline-title">{record.title}</span>
                    <span className="timeline-meta">
                      {typeName(t, record.resourceType)}
                      {record.valueText && ` · ${record.valueText}`}
                      {record.sources[0] && ` · ${record.sources[0].source.label}`}
                    </span>
                  </span>
                  {record.outOfRange && <RangeMarker flag="abnormal" />}
                </button>
              ) : (
                <span className="timeline-row timeline-placeholder">{t('common.loading')}</span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
