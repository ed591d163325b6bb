import { useTranslation } from 'react-i18next';
import { chooseProfile } from '../app/actions';
import { useAppStore } from '../app/store';
import { StatusMessage } from '../components/Alert';
import { Page } from '../components/Page';
import { ScreenHeading } from '../components/ScreenHeading';
import { PracticeOffer } from '../records/practice/PracticeOffer';
import { useProfilesStore } from './store';

/** Who is this about? Each person has their own, separately locked profile. */
export function ProfilePicker({ notice }: { notice?: 'deleted' }) {
  const { t } = useTranslation();
  const profiles = useProfilesStore((s) => s.profiles);
  const go = useAppStore((s) => s.go);

  return (
    <Page>
      <ScreenHeading>{t('picker.title')}</ScreenHeading>
      <StatusMessage tone="success" message={notice === 'deleted' ? t('picker.deleted') : null} />
      <p>{t('picker.intro')}</p>
      {profiles.length > 0 && <p>{t('picker.choose')}</p>}
      <ul className="profile-list" aria-label={t('picker.listLabel')}>
        {profiles.map((profile) => (
          <li key={profile.id}>
            <button type="button" className="profile-button" onClick={() => chooseProfile(profile)}>
              <span className="avatar" aria-hidden="true">
                {profile.label.trim().charAt(0).toUpperCase() || '?'}
              </span>
              <span className="profile-name">{profile.label}</span>
              <span className={profile.unlocked ? 'badge badge-open' : 'badge'}>
                {profile.unlocked ? t('picker.unlocked') : t('picker.locked')}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" className="button button-primary" onClick={() => go({ name: 'create' })}>
          {t('picker.newProfile')}
        </button>
      </div>
      <PracticeOffer />
    </Page>
  );
}
