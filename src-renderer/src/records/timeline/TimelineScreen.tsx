import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDayInput, localDayAndTime, parseDayInput } from '../../components/date-input';
import { DateField, useDateInputErrors } from '../../components/DateTimeFields';
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
  const language = useLanguage();
  const dateErrors = useDateInputErrors();
  const id = useId();
  // The period as the person types it (dd-mm-jjjj); the filters hold ISO days.
  const [from, setFrom] = useState(() => formatDayInput(filters.from, language));
  const [to, setTo] = useState(() => formatDayInput(filters.to, language));
  const [errors, setErrors] = useState<{ from?: string; to?: string; reversed?: boolean }>({});
  const fromRef = useRef<HTMLInputElement>(null);
  const toRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void loadSources();
  }, [loadSources, version]);

  function applyPeriod(fromText: string, toText: string) {
    const fromDay = fromText.trim() === '' ? '' : parseDayInput(fromText);
    const toDay = toText.trim() === '' ? '' : parseDayInput(toText);
    const found: typeof errors = {};
    if (fromDay === null) found.from = dateErrors.dateInvalid;
    if (toDay === null) found.to = dateErrors.dateInvalid;
    // A period that ends before it begins holds nothing: say so rather than show an empty list.
    if (fromDay && toDay && fromDay > toDay) found.reversed = true;
    setErrors(found);
    if (found.from) fromRef.current?.focus();
    else if (found.to || found.reversed) toRef.current?.focus();
    else setFilters({ from: fromDay ?? '', to: toDay ?? '' });
  }

  return (
    <form
      className="filters"
      aria-label={t('records.timeline.filters')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        applyPeriod(from, to);
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
      <DateField id={`${id}-from`} inputRef={fromRef} label={t('records.timeline.from')} value={from} onValue={setFrom} error={errors.from} />
      <DateField
        id={`${id}-to`}
        inputRef={toRef}
        label={t('records.timeline.to')}
        value={to}
        onValue={setTo}
        error={errors.to ?? (errors.reversed ? t('records.timeline.reversed') : null)}
      />
      {errors.reversed && (
        <div className="filters-actions">
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setFrom(to);
              setTo(from);
              applyPeriod(to, from);
            }}
          >
            {t('records.timeline.swapDates')}
          </button>
        </div>
      )}
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
            setErrors({});
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
  const upcoming = useTimelineStore((s) => s.upcoming);
  // "Vandaag" sits between what is still to come (first, newest first) and the past.
  const marker = upcoming > 0 ? upcoming : null;
  const count = total + (marker === null ? 0 : 1);
  const recordIndex = (index: number) => (marker !== null && index > marker ? index - 1 : index);
  const ensure = useTimelineStore((s) => s.ensure);
  const rememberScroll = useTimelineStore((s) => s.rememberScroll);
  const openDetail = useRecordsNavigation((s) => s.openDetail);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [size] = useState(rowHeight);

  const virtualizer = useVirtualizer({
    count,
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

  const firstRecord = recordIndex(firstIndex);
  const lastRecord = recordIndex(lastIndex);
  useEffect(() => {
    ensure(firstRecord, lastRecord);
  }, [firstRecord, lastRecord, pages, ensure]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    const index = Number(target.closest<HTMLElement>('[data-index]')?.dataset.index);
    if (Number.isNaN(index)) return;
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: -Infinity, End: Infinity };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    let next = Math.min(count - 1, Math.max(0, index + move));
    // The marker is not a row to land on: step over it (or back, at either end).
    if (next === marker) next = next + (move > 0 && next < count - 1 ? 1 : next > 0 ? -1 : 1);
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
          const isMarker = item.index === marker;
          const at = recordIndex(item.index);
          const record = isMarker ? undefined : pages.get(Math.floor(at / TIMELINE_PAGE_SIZE))?.[at % TIMELINE_PAGE_SIZE];
          return (
            <div
              key={item.key}
              role="listitem"
              aria-setsize={count}
              aria-posinset={item.index + 1}
              data-index={item.index}
              className={isMarker ? 'timeline-item timeline-today' : 'timeline-item'}
              data-testid={isMarker ? 'timeline-today' : undefined}
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
            >
              {isMarker ? (
                <>
                  <span className="timeline-today-label">
                    {t('records.timeline.today', { date: formatDate(localDayAndTime().day, language) })}
                  </span>
                  <span className="timeline-today-hint">{t('records.timeline.todayHint')}</span>
                </>
              ) : record ? (
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
