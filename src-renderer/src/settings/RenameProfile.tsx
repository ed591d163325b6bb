import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { ErrorAlert, StatusMessage } from '../components/Alert';
import { Field } from '../components/Field';
import { useErrorText } from '../components/useErrorText';
import { useSessionStore } from '../profiles/session';
import { useProfilesStore } from '../profiles/store';

export function RenameProfile() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const profile = useSessionStore((s) => s.profile);
  const setLabel = useSessionStore((s) => s.setLabel);
  const upsert = useProfilesStore((s) => s.upsert);
  const [label, setLabelInput] = useState(profile?.label ?? '');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!profile || busy) return;
    setBusy(true);
    setStatus(null);
    setError(null);
    try {
      const renamed = await call('profiles.rename', { profileId: profile.id, label: label.trim() });
      setLabel(renamed.label);
      upsert(renamed);
      setLabelInput(renamed.label);
      setStatus(t('settings.renameDone'));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="settings-rename">
      <h2 id="settings-rename">{t('settings.renameTitle')}</h2>
      <form onSubmit={submit} noValidate>
        <Field
          label={t('settings.renameLabel')}
          hint={t('create.nameNote')}
          value={label}
          onValue={setLabelInput}
          maxLength={60}
          autoComplete="off"
          required
        />
        <StatusMessage tone="success" message={status} />
        <ErrorAlert message={error} />
        <div className="actions">
          <button type="submit" className="button" disabled={busy || !label.trim() || label.trim() === profile?.label}>
            {t('settings.renameSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
