/** The devices of this profile's sync group: rename, and revoke after a plain-words confirmation. */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { devicesPairedThrough, type SyncDevice } from '../../../src-preload/contract/sync';
import { ErrorAlert, StatusMessage } from '../components/Alert';
import { Field } from '../components/Field';
import { useErrorText } from '../components/useErrorText';
import { formatDateTime } from '../medmij/format';
import { useLanguage } from '../records/common/useLanguage';
import { useSyncStore } from './store';

export function SyncDevices() {
  const { t } = useTranslation();
  const devices = useSyncStore((s) => s.status?.devices ?? null);
  const [message, setMessage] = useState<string | null>(null);
  if (!devices) return null;
  const sorted = [...devices].sort((a, b) => Number(b.current) - Number(a.current) || a.addedAt.localeCompare(b.addedAt));

  return (
    <section className="panel" aria-labelledby="sync-devices-title">
      <h2 id="sync-devices-title">{t('sync.devices.title')}</h2>
      <p>{t('sync.devices.explain')}</p>
      {sorted.length === 0 ? (
        <p>{t('sync.devices.none')}</p>
      ) : (
        <ul className="plain-list sync-devices" aria-labelledby="sync-devices-title">
          {sorted.map((d) => (
            <DeviceItem key={d.id} device={d} devices={devices} onDone={setMessage} />
          ))}
        </ul>
      )}
      <StatusMessage tone="success" message={message} />
    </section>
  );
}

type Mode = 'view' | 'rename' | 'revoke';

function DeviceItem({ device, devices, onDone }: { device: SyncDevice; devices: SyncDevice[]; onDone(message: string): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const errorText = useErrorText();
  const renameDevice = useSyncStore((s) => s.renameDevice);
  const revokeDevice = useSyncStore((s) => s.revokeDevice);
  const nameId = useId();
  const [mode, setMode] = useState<Mode>('view');
  const [name, setName] = useState(device.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Devices this one paired go with it, unless the person ticks them as their own (see devicesPairedThrough).
  const [keep, setKeep] = useState<string[]>([]);
  const self = devices.find((d) => d.current)?.id ?? '';
  const pairedThrough = devicesPairedThrough(devices, device.id, self).map((id) => devices.find((d) => d.id === id)!);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const inputWrap = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (mode === 'revoke') confirmRef.current?.focus();
    if (mode === 'rename') inputWrap.current?.querySelector('input')?.focus();
  }, [mode]);

  async function rename(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (busy || !trimmed) return;
    setBusy(true);
    setError(null);
    try {
      await renameDevice(device.id, trimmed);
      setMode('view');
      onDone(t('sync.devices.renamed'));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  async function revoke() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await revokeDevice(device.id, keep);
      setMode('view');
      onDone(t('sync.devices.revokedDone', { name: device.name }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className={device.revoked ? 'sync-device sync-device-revoked' : 'sync-device'} data-testid="sync-device">
      <div className="sync-device-main">
        <span className="strong" id={nameId}>
          {device.name}
        </span>
        {device.current && <span className="badge badge-open">{t('sync.devices.current')}</span>}
        {device.revoked && <span className="badge">{t('sync.devices.revoked')}</span>}
        <span className="muted sync-device-added">{t('sync.devices.added', { date: formatDateTime(device.addedAt, language) })}</span>
      </div>
      {mode === 'view' && !device.revoked && (
        <div className="actions sync-device-actions">
          <button
            type="button"
            className="button button-small"
            aria-describedby={nameId}
            onClick={() => {
              setName(device.name);
              setError(null);
              setMode('rename');
            }}
          >
            {t('sync.devices.rename')}
          </button>
          {!device.current && (
            <button
              type="button"
              className="button button-small button-danger"
              aria-describedby={nameId}
              onClick={() => {
                setError(null);
                setKeep([]);
                setMode('revoke');
              }}
            >
              {t('sync.devices.revoke')}
            </button>
          )}
        </div>
      )}
      {mode === 'rename' && (
        <form onSubmit={rename} noValidate className="sync-device-form">
          <div ref={inputWrap}>
            <Field
              label={t('sync.devices.nameLabel', { name: device.name })}
              value={name}
              onValue={setName}
              maxLength={60}
              autoComplete="off"
              required
            />
          </div>
          <ErrorAlert message={error} />
          <div className="actions">
            <button type="submit" className="button button-primary button-small" disabled={busy || !name.trim()}>
              {t('sync.devices.save')}
            </button>
            <button type="button" className="button button-small" onClick={() => setMode('view')}>
              {t('sync.devices.cancel')}
            </button>
          </div>
        </form>
      )}
      {mode === 'revoke' && (
        <div className="sync-confirm" role="group" aria-labelledby={`${nameId}-confirm`}>
          <h3 id={`${nameId}-confirm`} ref={confirmRef} tabIndex={-1}>
            {t('sync.devices.revokeTitle', { name: device.name })}
          </h3>
          <p>{t('sync.devices.revokeExplain', { name: device.name })}</p>
          {pairedThrough.length > 0 && (
            <fieldset className="sync-paired-through">
              <legend>{t('sync.devices.pairedThroughTitle', { name: device.name })}</legend>
              <p>{t('sync.devices.pairedThroughExplain', { name: device.name })}</p>
              {pairedThrough.map((other) => (
                <label key={other.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={keep.includes(other.id)}
                    onChange={(e) => setKeep((ids) => (e.target.checked ? [...ids, other.id] : ids.filter((id) => id !== other.id)))}
                  />
                  {t('sync.devices.keepOwn', { name: other.name })}
                </label>
              ))}
            </fieldset>
          )}
          <ErrorAlert message={error} />
          <div className="actions">
            <button type="button" className="button button-danger" disabled={busy} onClick={() => void revoke()}>
              {t('sync.devices.revokeConfirm')}
            </button>
            <button type="button" className="button" onClick={() => setMode('view')}>
              {t('sync.devices.cancel')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
