import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenHeading } from '../../components/ScreenHeading';
import { formatNumber } from '../common/format';
import { RecordList } from '../common/RecordList';
import { typeGroupName } from '../common/typeNames';
import { useLanguage } from '../common/useLanguage';
import { useRecordsData } from '../data-store';
import { useRecordsNavigation } from '../navigation';
import { SEARCH_PAGE_SIZE, type SearchSort, useSearchStore } from './store';

/**
 * Search results: newest first (or best match first), a page at a time with "Toon meer", narrowed
 * to one type when the person wants; each result opens the detail view.
 */
export function SearchResults({ query }: { query: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const s = useSearchStore();
  const version = useRecordsData((d) => d.version);
  const back = useRecordsNavigation((n) => n.back);
  const id = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const current = s.query === query;
  const items = current ? s.items : [];
  const total = current ? s.total : null;
  const allCount = s.byType.reduce((sum, type) => sum + type.count, 0);
  const num = (n: number) => formatNumber(n, language);

  const open = s.open;
  useEffect(() => {
    open(query, version);
  }, [open, query, version]);

  async function showMore() {
    const before = items.length;
    await useSearchStore.getState().more();
    // Keyboard and screen-reader users continue at the first result that was added.
    requestAnimationFrame(() => listRef.current?.querySelectorAll<HTMLButtonElement>('button.record-row')[before]?.focus());
  }

  const remaining = total === null ? 0 : total - items.length;
  return (
    <section>
      <button type="button" className="link-button back-link" onClick={back}>
        <span aria-hidden="true">← </span>
        {t('records.search.close')}
      </button>
      <ScreenHeading focusKey={query}>{t('records.search.title', { query })}</ScreenHeading>
      <div role="status">
        {s.state === 'loading' && items.length === 0 && t('records.search.searching')}
        {total === 0 && !s.resourceType && <p data-testid="search-empty">{t('records.search.none', { query })}</p>}
        {total !== null && (total > 0 || s.resourceType) && (
          <p data-testid="search-count">{t('records.search.count', { count: total, n: num(total) })}</p>
        )}
      </div>
      {s.state === 'error' && <p className="alert alert-error">{t('records.loadFailed')}</p>}
      {current && allCount > 0 && (
        <form className="filters" aria-label={t('records.search.options')} onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor={`${id}-sort`}>{t('records.search.sort')}</label>
            <select id={`${id}-sort`} value={s.sort} onChange={(e) => s.setSort(e.target.value as SearchSort)}>
              <option value="date">{t('records.search.sortDate')}</option>
              <option value="relevance">{t('records.search.sortRelevance')}</option>
            </select>
          </div>
          {s.byType.length > 1 && (
            <div className="field">
              <label htmlFor={`${id}-type`}>{t('records.search.type')}</label>
              <select id={`${id}-type`} value={s.resourceType} onChange={(e) => s.setResourceType(e.target.value)}>
                <option value="">{t('records.search.allTypes', { n: num(allCount) })}</option>
                {s.byType.map((type) => (
                  <option key={type.resourceType} value={type.resourceType}>
                    {typeGroupName(t, type.resourceType)} ({num(type.count)})
                  </option>
                ))}
              </select>
            </div>
          )}
        </form>
      )}
      {items.length > 0 && (
        <div ref={listRef} className="panel">
          <RecordList records={items} label={t('records.search.listLabel', { query })} />
        </div>
      )}
      {total !== null && items.length > 0 && (
        <div className="search-more">
          <p className="muted" data-testid="search-shown">
            {t('records.search.shown', { shown: num(items.length), total: num(total) })}
          </p>
          {remaining > 0 && (
            <button type="button" className="button" onClick={() => void showMore()} disabled={s.state === 'loading'}>
              {s.state === 'loading'
                ? t('common.loading')
                : t('records.search.more', { count: Math.min(SEARCH_PAGE_SIZE, remaining), n: num(Math.min(SEARCH_PAGE_SIZE, remaining)) })}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
