import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SkipLink } from './SkipLink';

/** Frame for the screens outside an open profile: brand bar and one centred card. */
export function Page({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <SkipLink />
      <header className={wide ? 'brandbar brandbar-wide' : 'brandbar'}>
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t('common.appName')}
        </span>
      </header>
      <main id="main" tabIndex={-1} className={wide ? 'card card-wide' : 'card'}>
        {children}
      </main>
    </div>
  );
}
