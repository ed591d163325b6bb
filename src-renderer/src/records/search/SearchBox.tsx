import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecordsNavigation } from '../navigation';

/** The search field in the header: searches everything in the open profile. */
export function SearchBox() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const openSearch = useRecordsNavigation((s) => s.openSearch);
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
