import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenHeading } from '../../components/ScreenHeading';
import { RecordList } from '../common/RecordList';
import { typeGroupName } from '../common/typeNames';
import { useRecordsData } from '../data-store';
import { useRecordsNavigation } from '../navigation';
import { useSearchStore } from './store';

/** Search results, grouped by type; each result opens the detail view. */
export function SearchResults({ query }: { query: string }) {
  const { t } = useTranslation();
  const results = useSearchStore((s) => (s.query === query ? s.results : null));
  const state = useSearchStore((s) => s.state);
  const search = useSearchStore((s) => s.search);
  const version = useRecordsData((s) => s.version);
  const back = useRecordsNavigation((s) => s.back);

  useEffect(() => {
    void search(query);
  }, [query, search, version]);

  return (
    <section>
      <button type="button" className="link-button back-link" onClick={back}>
        <span aria-hidden="true">← </span>
        {t('records.search.close')}
      </button>
      <ScreenHeading focusKey={query}>{t('records.search.title', { query })}</ScreenHeading>
      <div role="status">
        {state === 'loading' && t('records.search.searching')}
        {results && results.total === 0 && <p data-testid="search-empty">{t('records.search.none', { query })}</p>}
        {results && results.total > 0 && t('records.search.count', { count: results.total })}
      </div>
      {state === 'error' && <p className="alert alert-error">{t('records.loadFailed')}</p>}
      {results?.groups.map((group) => {
        const id = `search-group-${group.resourceType}`;
        return (
          <section key={group.resourceType} className="panel" aria-labelledby={id}>
            <h2 id={id}>
              {typeGroupName(t, group.resourceType)} <span className="count">{group.items.length}</span>
            </h2>
            <RecordList records={group.items} showType={false} />
          </section>
        );
      })}
    </section>
  );
}
