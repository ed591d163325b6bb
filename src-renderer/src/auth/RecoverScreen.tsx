import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Enrollment, ProfileSummary } from '../../../src-preload/contract/api';
import { call } from '../api/client';
import { openProfile } from '../app/actions';
import { useAppStore } from '../app/store';
import { ErrorAlert } from '../components/Alert';
import { Field } from '../components/Field';
import { Page } from '../components/Page';
import { ScreenHeading } from '../components/ScreenHeading';
import { StepIndicator } from '../components/StepIndicator';
import { useErrorText } from '../components/useErrorText';
import { useProfilesStore } from '../profiles/store';
import { AuthenticatorEnrollment } from './AuthenticatorEnrollment';
import { NewPasswordFields } from './NewPasswordFields';
import { RecoveryCodeDisplay } from './RecoveryCodeDisplay';
import { useActivityReporter } from './useActivityReporter';
import { useNewPassword } from './useNewPassword';

type Step =
  | { name: 'code' }
  | { name: 'authenticator'; enrollment: Enrollment }
  | { name: 'recovery'; profile: ProfileSummary; recoveryCode: string };

const stepIndex = { code: 0, authenticator: 1, recovery: 2 } as const;

/** Recovery: recovery code + new password → new authenticator → new recovery code. */
export function RecoverScreen({ profileId }: { profileId: string }) {
  const { t } = useTranslation();
  const label = useProfilesStore((s) => s.profiles.find((p) => p.id === profileId)?.label ?? '');
  const [step, setStep] = useState<Step>({ name: 'code' });
  useActivityReporter(step.name === 'recovery' ? step.profile.id : null);

  return (
    <Page>
      <p className="eyebrow">
        {t('recover.title')}: {label}
      </p>
      <StepIndicator steps={t('recover.steps', { returnObjects: true }) as string[]} current={stepIndex[step.name]} />
      {step.name === 'code' && (
        <CodeStep profileId={profileId} label={label} onEnrollment={(enrollment) => setStep({ name: 'authenticator', enrollment })} />
      )}
      {step.name === 'authenticator' && (
        <AuthenticatorEnrollment
          enrollment={step.enrollment}
          onRestart={() => setStep({ name: 'code' })}
          onBack={() => setStep({ name: 'code' })}
          onCancel={() => useAppStore.getState().go({ name: 'unlock', profileId })}
          cancelLabel={t('recover.cancel')}
          onConfirm={async (code) => {
            const result = await call('auth.completeRecovery', { enrollmentId: step.enrollment.enrollmentId, code });
            setStep({ name: 'recovery', ...result });
          }}
        />
      )}
      {step.name === 'recovery' && (
        <RecoveryCodeDisplay
          profileLabel={step.profile.label}
          recoveryCode={step.recoveryCode}
          note={t('recover.newCodeNote')}
          onDone={() => openProfile(step.profile)}
        />
      )}
    </Page>
  );
}

function CodeStep({ profileId, label, onEnrollment }: { profileId: string; label: string; onEnrollment(e: Enrollment): void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const go = useAppStore((s) => s.go);
  const [recoveryCode, setRecoveryCode] = useState('');
  const password = useNewPassword(label || undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || !password.ready) return;
    setBusy(true);
    setError(null);
    try {
      const enrollment = await call('auth.beginRecovery', {
        profileId,
        recoveryCode: recoveryCode.trim(),
        newPassword: password.password,
      });
      onEnrollment(enrollment);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  }

  return (
    <section>
      <ScreenHeading>{t('recover.steps.0')}</ScreenHeading>
      <p>{t('recover.intro')}</p>
      <form onSubmit={submit} noValidate>
        <Field
          label={t('recover.codeLabel')}
          value={recoveryCode}
          onValue={setRecoveryCode}
          autoComplete="off"
          spellCheck={false}
          required
          className="input-mono"
        />
        <NewPasswordFields state={password} isNew />
        <ErrorAlert message={error} />
        <div className="actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={busy || !recoveryCode.trim() || !password.ready}
          >
            {busy ? t('common.busy') : t('common.continue')}
          </button>
          <button type="button" className="button" onClick={() => go({ name: 'unlock', profileId })}>
            {t('recover.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
