import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { lockActiveProfile } from '../app/actions';
import { LockWarning } from '../auth/LockWarning';
import { LeaveProfileButton } from './LeaveProfile';
import { useActivityReporter } from '../auth/useActivityReporter';
import { ProvidersScreen } from '../medmij/ProvidersScreen';
import { MeasurementsScreen } from '../measurements/MeasurementsScreen';
import { MedicationScreen } from '../medication/MedicationScreen';
import { QuestionnairesScreen } from '../questionnaires/QuestionnairesScreen';
import { SkipLink } from '../components/SkipLink';
import { areas, useSessionStore, type Area } from '../profiles/session';
import { DetailScreen } from '../records/detail/DetailScreen';
import { activeSearch, useRecordsNavigation } from '../records/navigation';
import { OverviewScreen } from '../records/overview/OverviewScreen';
import { PracticeBanner } from '../records/practice/PracticeBanner';
import { SearchBox } from '../records/search/SearchBox';
import { SearchResults } from '../records/search/SearchResults';
import { RecordsScreen } from '../records/sections/RecordsScreen';
import { TimelineScreen } from '../records/timeline/TimelineScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { SharingScreen } from '../sharing/SharingScreen';
import { useSyncStatus } from '../sync/useSyncStatus';
import { EmptyArea } from './EmptyArea';
import { followHistory } from './history';
import { showArea } from './show-area';

/** The open profile: header, main navigation and the chosen area. */
export function AppShell() {
  const { t } = useTranslation();
  const profile = useSessionStore((s) => s.profile);
  const area = useSessionStore((s) => s.area);
  // While searching, no menu item is where the person is.
  const searching = useRecordsNavigation((s) => activeSearch(s.stack) !== '');
  useActivityReporter(profile?.id ?? null);
  useSyncStatus(profile?.id ?? null);

  const profileId = profile?.id ?? null;
  useEffect(() => (profileId ? followHistory() : undefined), [profileId]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        void lockActiveProfile();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!profile) return null;

  return (
    <div className="shell">
      <SkipLink />
      <header className="shell-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t('common.appName')}
        </span>
        <p className="shell-profile">
          <span className="visually-hidden">{t('shell.profile')}: </span>
          <span className="avatar avatar-small" aria-hidden="true">
            {profile.label.trim().charAt(0).toUpperCase() || '?'}
          </span>
          <span data-testid="shell-profile-label">{profile.label}</span>
        </p>
        <SearchBox />
        <div className="shell-actions">
          <LeaveProfileButton label={profile.label} />
          <button
            type="button"
            className="button button-small button-primary"
            onClick={() => void lockActiveProfile()}
            aria-keyshortcuts="Control+L Meta+L"
            title={t('shell.lockShortcut')}
          >
            <span className="lock-icon" aria-hidden="true" />
            {t('shell.lock')}
          </button>
        </div>
      </header>
      <LockWarning profileId={profile.id} />
      <div className="shell-body">
        <nav aria-label={t('shell.nav')} className="shell-nav">
          <ul>
            {areas.map((a: Area) => (
              <li key={a}>
                <button
                  type="button"
                  className="nav-item"
                  aria-current={a === area && !searching ? 'page' : undefined}
                  onClick={() => showArea(a)}
                >
                  {t(`shell.areas.${a}`)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1} className="shell-main">
          <PracticeBanner />
          <MainContent area={area} />
        </main>
      </div>
    </div>
  );
}

/** The chosen area, or a record / search results opened on top of it. */
function MainContent({ area }: { area: Area }) {
  const view = useRecordsNavigation((s) => s.stack.at(-1));
  if (view?.kind === 'detail') return <DetailScreen key={view.id} id={view.id} />;
  if (view?.kind === 'search') return <SearchResults key={view.query} query={view.query} />;
  switch (area) {
    case 'overview':
      return <OverviewScreen />;
    case 'records':
      return <RecordsScreen />;
    case 'timeline':
      return <TimelineScreen />;
    case 'measurements':
      return <MeasurementsScreen />;
    case 'medication':
      return <MedicationScreen />;
    case 'questionnaires':
      return <QuestionnairesScreen />;
    case 'providers':
      return <ProvidersScreen />;
    case 'sharing':
      return <SharingScreen />;
    case 'settings':
      return <SettingsScreen />;
    default:
      return <EmptyArea area={area} key={area} />;
  }
}
