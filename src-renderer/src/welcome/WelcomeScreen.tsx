import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../app/store';
import { ErrorAlert } from '../components/Alert';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Page } from '../components/Page';
import { ScreenHeading } from '../components/ScreenHeading';
import { useErrorText } from '../components/useErrorText';
import { useProfilesStore } from '../profiles/store';

/** First start: what Regie is, where the data lives, and the language. */
export function WelcomeScreen() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const finishWelcome = useAppStore((s) => s.finishWelcome);
  const go = useAppStore((s) => s.go);
  const [error, setError] = useState<string | null>(null);
  const points = t('welcome.what', { returnObjects: true }) as string[];

  async function start() {
    try {
      await finishWelcome();
      const hasProfiles = useProfilesStore.getState().profiles.length > 0;
      go(hasProfiles ? { name: 'picker' } : { name: 'create' });
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <Page wide>
      <ScreenHeading>{t('welcome.title')}</ScreenHeading>
      <p className="lead">{t('welcome.lead')}</p>
      <h2>{t('welcome.whatTitle')}</h2>
      <ul className="checklist">
        {points.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <div className="notice notice-calm">
        <h2>{t('welcome.privacyTitle')}</h2>
        <p>{t('welcome.privacy')}</p>
      </div>
      <LanguageSwitch legend={t('welcome.languageTitle')} />
      <ErrorAlert message={error} />
      <div className="actions">
        <button type="button" className="button button-primary button-large" onClick={() => void start()}>
          {t('welcome.start')}
        </button>
      </div>
    </Page>
  );
}
