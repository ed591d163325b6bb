import { useEffect } from 'react';
import { call } from '../api/client';

const MIN_INTERVAL_MS = 5000;

/** While a profile is open, tells the core about pointer/keyboard use, at most once every 5 s. */
export function useActivityReporter(profileId: string | null): void {
  useEffect(() => {
    if (!profileId) return;
    let last = 0;
    const report = () => {
      const now = Date.now();
      if (now - last < MIN_INTERVAL_MS) return;
      last = now;
      void call('auth.activity', { profileId }).catch(() => undefined);
    };
    const events = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
    for (const name of events) window.addEventListener(name, report, { passive: true, capture: true });
    return () => {
      for (const name of events) window.removeEventListener(name, report, { capture: true });
    };
  }, [profileId]);
}
