import { useTranslation } from 'react-i18next';

/** "Skip to content": moves focus to the main region without touching the URL. */
export function SkipLink({ target = 'main' }: { target?: string }) {
  const { t } = useTranslation();
  return (
    <a
      className="skip-link"
      href={`#${target}`}
      onClick={(event) => {
        event.preventDefault();
        const main = document.getElementById(target);
        if (!main) return;
        const heading = main.querySelector<HTMLElement>('h1[tabindex="-1"]');
        (heading ?? main).focus();
      }}
    >
      {t('common.skipLink')}
    </a>
  );
}
