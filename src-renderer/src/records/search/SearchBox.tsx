import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionStore } from '../../profiles/session';
import { activeSearch, useRecordsNavigation } from '../navigation';

/**
 * The search field in the header: searches everything in the open profile. It shows the search the
 * person is in (also with a result opened, and after back/forward), and empties when they leave it.
 */
export function SearchBox() {
  const { t } = useTranslation();
  const active = useRecordsNavigation((s) => activeSearch(s.stack));
  const area = useSessionStore((s) => s.area);
  const [query, setQuery] = useState(active);
  const openSearch = useRecordsNavigation((s) => s.openSearch);

  useEffect(() => {
    setQuery(active);
  }, [active, area]);

  return (
    <form
      role="search"
      aria-label={t('records.search.label')}
      className="search-box"
      onSubmit={(event) => {
        event.preventDefault();
        const trimmed = query.trim();
        if (trimmed) openSearch(trimmed);
      }}
    >
      <label htmlFor="records-search" className="visually-hidden">
        {t('records.search.fieldLabel')}
      </label>
      <input
        id="records-search"
        type="search"
        value={query}
        maxLength={200}
        autoComplete="off"
        spellCheck={false}
        placeholder={t('records.search.placeholder')}
        onChange={(event) => setQuery(event.target.value)}
      />
      <button type="submit" className="button button-small">
        {t('records.search.submit')}
      </button>
    </form>
  );
}
