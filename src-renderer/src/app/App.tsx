import { useTranslation } from 'react-i18next';
import { AppShell } from '../shell/AppShell';
import { CreateProfile } from '../profiles/CreateProfile';
import { ProfilePicker } from '../profiles/ProfilePicker';
import { RecoverScreen } from '../auth/RecoverScreen';
import { UnlockScreen } from '../auth/UnlockScreen';
import { Page } from '../components/Page';
import { ScreenHeading } from '../components/ScreenHeading';
import { WelcomeScreen } from '../welcome/WelcomeScreen';
import { useAppStore } from './store';

export function App() {
  const { t } = useTranslation();
  const screen = useAppStore((s) => s.screen);
  switch (screen.name) {
    case 'loading':
      return (
        <Page>
          <p role="status">{t('common.loading')}</p>
        </Page>
      );
    case 'fatal':
      return (
        <Page>
          <ScreenHeading>{t('fatal.title')}</ScreenHeading>
          <p>{t(`fatal.${screen.reason}`)}</p>
        </Page>
      );
    case 'welcome':
      return <WelcomeScreen />;
    case 'picker':
      return <ProfilePicker notice={screen.notice} />;
    case 'create':
      return <CreateProfile key={screen.practice ? 'practice' : 'profile'} practice={screen.practice ?? false} />;
    case 'unlock':
      return <UnlockScreen key={screen.profileId} profileId={screen.profileId} notice={screen.notice} />;
    case 'recover':
      return <RecoverScreen key={screen.profileId} profileId={screen.profileId} />;
    case 'shell':
      return <AppShell key={screen.profileId} />;
  }
}
