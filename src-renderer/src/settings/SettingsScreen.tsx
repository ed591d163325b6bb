import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ScreenHeading } from '../components/ScreenHeading';
import { AutoLockSetting } from './AutoLockSetting';
import { ChangePassword } from './ChangePassword';
import { DeleteProfile } from './DeleteProfile';
import { ProfileIdentity } from './ProfileIdentity';
import { RenameProfile } from './RenameProfile';
import { SyncPanel } from '../sync/SyncPanel';
import { SyncScreen } from '../sync/SyncScreen';
import { useSyncStore } from '../sync/store';

export function SettingsScreen() {
  const { t } = useTranslation();
  const syncOpen = useSyncStore((s) => s.screenOpen);
  if (syncOpen) return <SyncScreen />;
  return (
    <section className="settings">
      <ScreenHeading>{t('settings.title')}</ScreenHeading>
      <ProfileIdentity />
      <AutoLockSetting />
      <section className="panel" aria-labelledby="settings-language">
        <h2 id="settings-language">{t('settings.languageTitle')}</h2>
        <p>{t('settings.languageExplain')}</p>
        <LanguageSwitch hideLegend />
      </section>
      <SyncPanel />
      <RenameProfile />
      <ChangePassword />
      <DeleteProfile />
    </section>
  );
}
