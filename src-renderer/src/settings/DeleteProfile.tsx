import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { reloadProfiles } from '../app/actions';
import { useAppStore } from '../app/store';
import { ErrorAlert } from '../components/Alert';
import { Field } from '../components/Field';
import { useErrorText } from '../components/useErrorText';
import { useSessionStore } from '../profiles/session';
import { useProfilesStore } from '../profiles/store';

/** Danger zone: removing a profile needs its name typed in full. */
export function DeleteProfile() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const profile = useSessionStore((s) => s.profile);
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!profile) return null;
  const matches = confirm.trim() === profile.label;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!profile || busy || !matches) return;
    setBusy(true);
    setError(null);
    try {
      await call('profiles.delete', { profileId: profile.id, confirmLabel: confirm.trim() });
      useSessionStore.getState().clear();
      useProfilesStore.getState().remove(profile.id);
      useAppStore.getState().go({ name: 'picker', notice: 'deleted' });
      void reloadProfiles();
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  }

  return (
    <section className="panel panel-danger" aria-labelledby="settings-delete">
      <h2 id="settings-delete">{t('settings.deleteTitle')}</h2>
      <p>{t('settings.deleteExplain')}</p>
      <form onSubmit={submit} noValidate>
        <Field
          label={t('settings.deleteConfirmLabel', { label: profile.label })}
          value={confirm}
          onValue={setConfirm}
          autoComplete="off"
          spellCheck={false}
        />
        <ErrorAlert message={error} />
        <div className="actions">
          <button type="submit" className="button button-danger" disabled={busy || !matches}>
            {t('settings.deleteSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
