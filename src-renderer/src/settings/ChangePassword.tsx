import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { NewPasswordFields } from '../auth/NewPasswordFields';
import { useNewPassword } from '../auth/useNewPassword';
import { ErrorAlert, StatusMessage } from '../components/Alert';
import { CodeField, Field } from '../components/Field';
import { useErrorText } from '../components/useErrorText';
import { useSessionStore } from '../profiles/session';

export function ChangePassword() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const profile = useSessionStore((s) => s.profile);
  const [current, setCurrent] = useState('');
  const [code, setCode] = useState('');
  const password = useNewPassword(profile?.label);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!profile || busy || !password.ready) return;
    setBusy(true);
    setStatus(null);
    setError(null);
    try {
      await call('auth.changePassword', {
        profileId: profile.id,
        currentPassword: current,
        code,
        newPassword: password.password,
      });
      setCurrent('');
      setCode('');
      password.reset();
      setStatus(t('settings.passwordDone'));
    } catch (e) {
      setError(errorText(e));
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="settings-password">
      <h2 id="settings-password">{t('settings.passwordTitle')}</h2>
      <p>{t('settings.passwordExplain')}</p>
      <form onSubmit={submit} noValidate>
        <Field
          label={t('settings.currentPassword')}
          type="password"
          autoComplete="current-password"
          value={current}
          onValue={setCurrent}
          required
          spellCheck={false}
        />
        <CodeField label={t('settings.code')} value={code} onValue={setCode} />
        <NewPasswordFields state={password} isNew />
        <StatusMessage tone="success" message={status} />
        <ErrorAlert message={error} />
        <div className="actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={busy || !current || code.length !== 6 || !password.ready}
          >
            {busy ? t('common.busy') : t('settings.passwordSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
