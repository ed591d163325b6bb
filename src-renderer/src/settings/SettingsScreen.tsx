import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ScreenHeading } from '../components/ScreenHeading';
import { AutoLockSetting } from './AutoLockSetting';
import { ChangePassword } from './ChangePassword';
import { DeleteProfile } from './DeleteProfile';
import { RenameProfile } from './RenameProfile';

export function SettingsScreen() {
  const { t } = useTranslation();
  return (
    <section className="settings">
      <ScreenHeading>{t('settings.title')}</ScreenHeading>
      <AutoLockSetting />
      <section className="panel" aria-labelledby="settings-language">
        <h2 id="settings-language">{t('settings.languageTitle')}</h2>
        <p>{t('settings.languageExplain')}</p>
        <LanguageSwitch hideLegend />
      </section>
      <RenameProfile />
      <ChangePassword />
      <DeleteProfile />
    </section>
  );
}
