/**
 * A minute before an idle lock: says so, counts down, and any key or click keeps the profile open
 * (reported to the core at once, not after the usual 5-second pause). What the person typed is sent
 * to the core when the warning comes (see app/drafts.ts), so it is back after unlocking even if they
 * walked away.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useLockWarning } from './lock-warning';

export function LockWarning({ profileId }: { profileId: string }) {
  const { t } = useTranslation();
  const warning = useLockWarning((s) => (s.warning?.profileId === profileId ? s.warning : null));
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!warning) return;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    const stay = () => {
      useLockWarning.getState().clear();
      void call('auth.activity', { profileId }).catch(() => undefined);
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const name of events) window.addEventListener(name, stay, { capture: true });
    return () => {
      clearInterval(tick);
      for (const name of events) window.removeEventListener(name, stay, { capture: true });
    };
  }, [warning, profileId]);

  if (!warning) return null;
  const seconds = Math.max(0, Math.ceil((warning.locksAt - now) / 1000));
  return (
    <div className="lock-warning" role="alert">
      <p>
        <strong>{t('lockWarning.title')}</strong> {t('lockWarning.explain')}{' '}
        {/* Counted down on screen only: a live region must not speak every second. */}
        <span aria-hidden="true">{t('lockWarning.countdown', { count: seconds })}</span>
      </p>
      <button type="button" className="button button-small button-primary">
        {t('lockWarning.stay')}
      </button>
    </div>
  );
}
