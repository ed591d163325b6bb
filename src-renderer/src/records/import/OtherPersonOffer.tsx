import { useTranslation } from 'react-i18next';
import { leaveProfile } from '../../app/actions';
import { useAppStore } from '../../app/store';

/**
 * After data of someone else was stopped: the way to that person's own profile, or to a new one.
 * Nothing was stored, so the person imports or fetches it again there.
 */
export function OtherPersonOffer() {
  const { t } = useTranslation();
  return (
    <>
      <p>
        {t('intake.otherPerson.offer')} {t('intake.otherPerson.again')}
      </p>
      <div className="actions">
        <button type="button" className="button button-small button-primary" onClick={() => leaveProfile()}>
          {t('intake.otherPerson.otherProfile')}
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            leaveProfile();
            useAppStore.getState().go({ name: 'create' });
          }}
        >
          {t('intake.otherPerson.newProfile')}
        </button>
      </div>
    </>
  );
}
