import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../api/client';
import { openProfile } from '../app/actions';
import { useAppStore, type LockNotice } from '../app/store';
import { ErrorAlert, StatusMessage } from '../components/Alert';
import { CodeField, Field } from '../components/Field';
import { Page } from '../components/Page';
import { ScreenHeading } from '../components/ScreenHeading';
import { useErrorText } from '../components/useErrorText';
import { useProfilesStore } from '../profiles/store';

function useNoticeText(notice: LockNotice | undefined): string | null {
  const { t } = useTranslation();
  if (!notice) return null;
  switch (notice.reason) {
    case 'manual':
      return t('lockNotice.manual');
    case 'idle':
      return notice.minutes ? t('lockNotice.idle', { count: notice.minutes }) : t('lockNotice.idleUnknown');
    case 'os':
      return t('lockNotice.os');
    case 'password-changed':
      return t('lockNotice.passwordChanged');
    default:
      return t('lockNotice.unknown');
  }
}

/** Password + authenticator code. Errors are the contract's own messages, in a live region. */
export function UnlockScreen({ profileId, notice }: { profileId: string; notice?: LockNotice }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const go = useAppStore((s) => s.go);
  const profile = useProfilesStore((s) => s.profiles.find((p) => p.id === profileId));
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const noticeText = useNoticeText(notice);

  useEffect(() => {
    if (waitUntil <= Date.now()) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [waitUntil]);

  const waitSeconds = Math.max(0, Math.ceil((waitUntil - now) / 1000));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || waitSeconds > 0) return;
    setBusy(true);
    setError(null);
    try {
      const unlocked = await call('auth.unlock', { profileId, password, code });
      openProfile(unlocked);
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError && e.payload.code === 'throttled') {
        const seconds = Number(e.payload.params?.seconds ?? 0);
        setNow(Date.now());
        setWaitUntil(Date.now() + seconds * 1000);
      }
      setCode('');
      setBusy(false);
    }
  }

  return (
    <Page>
      <p className="eyebrow">{t('unlock.submit')}</p>
      <ScreenHeading>{profile?.label ?? '…'}</ScreenHeading>
      <StatusMessage message={noticeText} />
      <p>{t('unlock.intro')}</p>
      <form onSubmit={submit} noValidate>
        <Field
          label={t('unlock.passwordLabel')}
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          required
          spellCheck={false}
        />
        <CodeField label={t('unlock.codeLabel')} value={code} onValue={setCode} />
        <ErrorAlert message={error} />
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy || waitSeconds > 0}>
            {busy ? t('unlock.busy') : waitSeconds > 0 ? t('unlock.wait', { seconds: waitSeconds }) : t('unlock.submit')}
          </button>
        </div>
      </form>
      <div className="secondary-actions">
        <button type="button" className="link-button" onClick={() => go({ name: 'recover', profileId })}>
          {t('unlock.forgot')}
        </button>
        <button type="button" className="link-button" onClick={() => go({ name: 'picker' })}>
          {t('unlock.otherProfile')}
        </button>
      </div>
    </Page>
  );
}
