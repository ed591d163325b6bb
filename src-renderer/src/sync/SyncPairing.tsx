/**
 * Pairing: "Nieuw apparaat koppelen" shows a one-time code (QR and text, with its expiry) and
 * "Koppelen met een ander apparaat" takes a code shown on the other device.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, StatusMessage } from '../components/Alert';
import { Field } from '../components/Field';
import { QrCode } from '../components/QrCode';
import { useErrorText } from '../components/useErrorText';
import { useLanguage } from '../records/common/useLanguage';
import { useSyncStore, type JoinState } from './store';

export function SyncPairing() {
  const { t } = useTranslation();
  const status = useSyncStore((s) => s.status);
  if (!status) return null;
  const paired = status.devices.some((d) => !d.current && !d.revoked);

  return (
    <section className="panel" aria-labelledby="sync-pair-title">
      <h2 id="sync-pair-title">{t('sync.pair.title')}</h2>
      {status.folder ? (
        <>
          <p>{t('sync.pair.explain')}</p>
          <CreateCode />
          <JoinWithCode paired={paired} joining={status.joining} />
        </>
      ) : (
        <p>{t('sync.pair.needFolder')}</p>
      )}
    </section>
  );
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function CreateCode() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const language = useLanguage();
  const pairing = useSyncStore((s) => s.pairing);
  const accepted = useSyncStore((s) => s.pairingAccepted);
  const createPairing = useSyncStore((s) => s.createPairing);
  const hidePairing = useSyncStore((s) => s.hidePairing);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const now = useNow(pairing !== null);

  async function create() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await createPairing();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const expiresAt = pairing ? Date.parse(pairing.expiresAt) : 0;
  const leftMs = Math.max(0, expiresAt - now);
  const expired = pairing !== null && leftMs === 0;
  const left = `${Math.floor(leftMs / 60_000)}:${String(Math.floor((leftMs % 60_000) / 1000)).padStart(2, '0')}`;
  const time = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'nl-NL', { timeStyle: 'short' }).format(new Date(expiresAt));

  return (
    <div className="sync-subsection" data-testid="sync-pair-create">
      <h3>{t('sync.pair.createTitle')}</h3>
      <p>{t('sync.pair.createExplain')}</p>
      {pairing && !expired && (
        <>
          <div className="enroll">
            <QrCode value={pairing.qrPayload} alt={t('sync.pair.qrAlt')} />
            <div className="secret">
              <p>{t('sync.pair.codeLabel')}</p>
              <code className="secret-code" data-testid="pairing-code">
                {pairing.code.split('-').map((group, i) => (
                  <span key={i}>{group}</span>
                ))}
              </code>
              <p data-testid="pairing-expiry">{t('sync.pair.validUntil', { time, left })}</p>
            </div>
          </div>
          <p>{t('sync.pair.afterCode')}</p>
          <p className="muted">{t('sync.pair.codeSecret')}</p>
        </>
      )}
      {expired && <p>{t('sync.pair.expired')}</p>}
      <StatusMessage tone="success" message={accepted ? t('sync.pair.accepted') : null} />
      <ErrorAlert message={error} />
      <div className="actions">
        {(!pairing || expired) && (
          <button type="button" className="button" disabled={busy} onClick={() => void create()}>
            {expired ? t('sync.pair.newCode') : t('sync.pair.create')}
          </button>
        )}
        {pairing && !expired && (
          <button type="button" className="button" onClick={hidePairing}>
            {t('sync.pair.hide')}
          </button>
        )}
      </div>
    </div>
  );
}

function joinText(t: TFunction, join: JoinState): string | null {
  switch (join) {
    case 'waiting':
      return t('sync.pair.waiting');
    case 'joined':
      return t('sync.pair.joined');
    default:
      return null;
  }
}

function JoinWithCode({ paired, joining }: { paired: boolean; joining: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const join = useSyncStore((s) => s.join);
  const joinWith = useSyncStore((s) => s.joinWith);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refused = join === 'refused-expired' ? t('sync.pair.refusedExpired') : join === 'refused-used' ? t('sync.pair.refusedUsed') : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || !code.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await joinWith(code.trim());
      setCode('');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="sync-subsection" data-testid="sync-pair-join">
      <h3>{t('sync.pair.joinTitle')}</h3>
      <StatusMessage tone={join === 'joined' ? 'success' : 'info'} message={joining ? t('sync.pair.waiting') : joinText(t, join)} />
      {paired && !joining && join !== 'joined' && <p>{t('sync.pair.alreadyPaired')}</p>}
      {!paired && !joining && (
        <>
          <p>{t('sync.pair.joinExplain')}</p>
          <form onSubmit={submit} noValidate>
            <Field
              label={t('sync.pair.joinLabel')}
              hint={t('sync.pair.joinHint')}
              value={code}
              onValue={setCode}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={200}
              className="input-mono"
            />
            <ErrorAlert message={error ?? refused} />
            <div className="actions">
              <button type="submit" className="button button-primary" disabled={busy || !code.trim()}>
                {t('sync.pair.join')}
              </button>
            </div>
          </form>
        </>
      )}
    </div>
  );
}
