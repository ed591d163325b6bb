import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Enrollment } from '../../../src-preload/contract/api';
import { ApiError, call } from '../api/client';
import { ErrorAlert } from '../components/Alert';
import { CodeField } from '../components/Field';
import { QrCode } from '../components/QrCode';
import { ScreenHeading } from '../components/ScreenHeading';
import { useErrorText } from '../components/useErrorText';

interface Props {
  enrollment: Enrollment;
  /** Confirms the code; throws an ApiError when the core refuses it. */
  onConfirm(code: string): Promise<void>;
  /** Offered when the enrollment expired. */
  onRestart(): void;
  /** "Terug": to the previous step (the enrollment is forgotten; the next attempt makes a new one). */
  onBack(): void;
  /** "Stoppen": out of the whole flow. */
  onCancel(): void;
  /** Label of the way out, e.g. "Stoppen" or "Terug naar ontgrendelen". */
  cancelLabel: string;
}

/** Step "set up the authenticator": QR code, typeable secret, and the first code to prove it works. */
export function AuthenticatorEnrollment({ enrollment, onConfirm, onRestart, onBack, onCancel, cancelLabel }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; expired: boolean } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm(code);
    } catch (e) {
      const expired = e instanceof ApiError && e.payload.code === 'enrollment-expired';
      setError({ text: errorText(e), expired });
      setCode('');
      setBusy(false);
    }
  }

  /** Leaving this step: the core forgets the pending setup (and the keys it holds) right away. */
  function leave(next: () => void) {
    void call('profiles.cancelEnrollment', { enrollmentId: enrollment.enrollmentId }).catch(() => undefined);
    next();
  }

  const groups = enrollment.secret.match(/.{1,4}/g) ?? [enrollment.secret];
  const steps = t('authenticator.steps', { returnObjects: true }) as string[];

  return (
    <section>
      <ScreenHeading>{t('authenticator.title')}</ScreenHeading>
      <p>{t('authenticator.explain')}</p>
      <h2>{t('authenticator.stepsTitle')}</h2>
      <ol className="numbered">
        {steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <div className="enroll">
        <QrCode value={enrollment.otpauthUri} alt={t('authenticator.qrAlt')} />
        <div className="secret">
          <p>{t('authenticator.manual')}</p>
          <code className="secret-code" data-testid="totp-secret">
            {groups.map((g, i) => (
              <span key={i}>{g}</span>
            ))}
          </code>
        </div>
      </div>
      <form onSubmit={submit} noValidate>
        <CodeField label={t('authenticator.codeLabel')} hint={t('authenticator.codeHint')} value={code} onValue={setCode} />
        <ErrorAlert message={error?.text ?? null} />
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('common.busy') : t('authenticator.confirm')}
          </button>
          {error?.expired ? (
            <button type="button" className="button" onClick={onRestart}>
              {t('create.restart')}
            </button>
          ) : (
            <button type="button" className="button" onClick={() => leave(onBack)}>
              {t('common.back')}
            </button>
          )}
          <button type="button" className="button" onClick={() => leave(onCancel)}>
            {cancelLabel}
          </button>
        </div>
      </form>
    </section>
  );
}
