/**
 * Desktop app only: whether Regie keeps syncing (in the tray / menu bar) once the last window is
 * closed. An app preference of this computer (app.json), not of the profile.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';

export function SyncWhenClosed() {
  const { t } = useTranslation();
  const hintId = useId();
  const [checked, setChecked] = useState<boolean | null>(null);

  useEffect(() => {
    let live = true;
    void call('app.getPreferences', {}).then(
      (preferences) => live && setChecked(preferences.syncWhenClosed),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  if (checked === null) return null;
  return (
    <div className="sync-when-closed">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={checked}
          aria-describedby={hintId}
          onChange={(e) => {
            const value = e.target.checked;
            setChecked(value);
            void call('app.setPreferences', { syncWhenClosed: value }).then(
              (preferences) => setChecked(preferences.syncWhenClosed),
              () => setChecked(!value),
            );
          }}
        />
        {t('sync.whenClosed.label')}
      </label>
      <p id={hintId} className="field-hint">
        {t('sync.whenClosed.hint')}
      </p>
    </div>
  );
}
