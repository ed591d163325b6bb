import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { autoLockChoices } from '../../../src-preload/contract/constants';
import { call } from '../api/client';
import { ErrorAlert, StatusMessage } from '../components/Alert';
import { useErrorText } from '../components/useErrorText';
import { useSessionStore } from '../profiles/session';

export function AutoLockSetting() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const selectId = useId();
  const profile = useSessionStore((s) => s.profile);
  const settings = useSessionStore((s) => s.settings);
  const setSettings = useSessionStore((s) => s.setSettings);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const current = settings?.autoLockMinutes;
  const choices: number[] = [...autoLockChoices];
  if (current !== undefined && !choices.includes(current)) choices.push(current);
  choices.sort((a, b) => a - b);

  async function change(minutes: number) {
    if (!profile) return;
    setStatus(null);
    setError(null);
    try {
      const saved = await call('settings.set', { profileId: profile.id, autoLockMinutes: minutes });
      setSettings(saved);
      setStatus(t('settings.autoLockSaved', { count: saved.autoLockMinutes }));
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <section className="panel" aria-labelledby="settings-autolock">
      <h2 id="settings-autolock">{t('settings.autoLockTitle')}</h2>
      <p>{t('settings.autoLockExplain')}</p>
      <div className="field">
        <label htmlFor={selectId}>{t('settings.autoLockLabel')}</label>
        <select
          id={selectId}
          value={current ?? ''}
          disabled={current === undefined}
          onChange={(e) => void change(Number(e.target.value))}
        >
          {current === undefined && <option value="">{t('common.loading')}</option>}
          {choices.map((m) => (
            <option key={m} value={m}>
              {t('settings.minutes', { count: m })}
            </option>
          ))}
        </select>
      </div>
      <StatusMessage tone="success" message={status} />
      <ErrorAlert message={error} />
    </section>
  );
}
