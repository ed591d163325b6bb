import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { NewPasswordFields } from '../auth/NewPasswordFields';
import { RecoveryCodeDisplay } from '../auth/RecoveryCodeDisplay';
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
  const [renewKey, setRenewKey] = useState(false);
  const [newRecoveryCode, setNewRecoveryCode] = useState<string | null>(null);
  const renewHintId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!profile || busy || !password.ready) return;
    setBusy(true);
    setStatus(null);
    setError(null);
    try {
      const { recoveryCode } = await call('auth.changePassword', {
        profileId: profile.id,
        currentPassword: current,
        code,
        newPassword: password.password,
        renewKey,
      });
      setCurrent('');
      setCode('');
      setRenewKey(false);
      password.reset();
      if (recoveryCode) setNewRecoveryCode(recoveryCode);
      else setStatus(t('settings.passwordDone'));
    } catch (e) {
      setError(errorText(e));
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  if (profile && newRecoveryCode) {
    return (
      <section className="panel" aria-labelledby="settings-password">
        <h2 id="settings-password">{t('settings.passwordTitle')}</h2>
        <p role="status">{t('settings.renewKeyDone')}</p>
        <RecoveryCodeDisplay
          profileLabel={profile.label}
          recoveryCode={newRecoveryCode}
          onDone={() => {
            setNewRecoveryCode(null);
            setStatus(t('settings.passwordDone'));
          }}
        />
      </section>
    );
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
        <label className="checkbox">
          <input type="checkbox" checked={renewKey} aria-describedby={renewHintId} onChange={(e) => setRenewKey(e.target.checked)} />
          {t('settings.renewKey')}
        </label>
        <p id={renewHintId} className="field-hint">
          {t('settings.renewKeyHint')}
        </p>
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
