import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../../../src-preload/contract/constants';
import { useAppStore } from '../app/store';

/** Nederlands / English as a radio group; the choice is saved in the app preferences. */
export function LanguageSwitch({ legend, hideLegend = false }: { legend?: string; hideLegend?: boolean }) {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const chooseLanguage = useAppStore((s) => s.chooseLanguage);
  const name = useId();
  return (
    <fieldset className="language-switch">
      <legend className={hideLegend ? 'visually-hidden' : undefined}>{legend ?? t('common.language')}</legend>
      <div className="segmented">
        {languages.map((lang: Language) => (
          <label key={lang} className={lang === language ? 'segment segment-selected' : 'segment'}>
            <input
              type="radio"
              name={name}
              value={lang}
              checked={lang === language}
              onChange={() => void chooseLanguage(lang).catch(() => undefined)}
            />
            <span lang={lang}>{t(`common.languageNames.${lang}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
