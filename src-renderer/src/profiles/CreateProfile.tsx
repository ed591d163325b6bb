import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Enrollment, ProfileSummary } from '../../../src-preload/contract/api';
import { call } from '../api/client';
import { openProfile, reloadProfiles } from '../app/actions';
import { useAppStore } from '../app/store';
import { AuthenticatorEnrollment } from '../auth/AuthenticatorEnrollment';
import { NewPasswordFields } from '../auth/NewPasswordFields';
import { RecoveryCodeDisplay } from '../auth/RecoveryCodeDisplay';
import { useActivityReporter } from '../auth/useActivityReporter';
import { useNewPassword } from '../auth/useNewPassword';
import { ErrorAlert } from '../components/Alert';
import { Field } from '../components/Field';
import { Page } from '../components/Page';
import { ScreenHeading } from '../components/ScreenHeading';
import { StepIndicator } from '../components/StepIndicator';
import { useErrorText } from '../components/useErrorText';
import { useProfilesStore } from './store';

type Step =
  | { name: 'details' }
  | { name: 'authenticator'; enrollment: Enrollment; label: string }
  | { name: 'recovery'; profile: ProfileSummary; recoveryCode: string };

const stepIndex = { details: 0, authenticator: 1, recovery: 2 } as const;

/** Wizard: name + password → authenticator → recovery code. */
export function CreateProfile() {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ name: 'details' });
  useActivityReporter(step.name === 'recovery' ? step.profile.id : null);

  return (
    <Page>
      <p className="eyebrow">{t('create.title')}</p>
      <StepIndicator steps={t('create.steps', { returnObjects: true }) as string[]} current={stepIndex[step.name]} />
      {step.name === 'details' && (
        <DetailsStep onEnrollment={(enrollment, label) => setStep({ name: 'authenticator', enrollment, label })} />
      )}
      {step.name === 'authenticator' && (
        <AuthenticatorEnrollment
          enrollment={step.enrollment}
          onRestart={() => setStep({ name: 'details' })}
          onConfirm={async (code) => {
            const result = await call('profiles.completeCreate', { enrollmentId: step.enrollment.enrollmentId, code });
            setStep({ name: 'recovery', ...result });
          }}
        />
      )}
      {step.name === 'recovery' && (
        <RecoveryCodeDisplay
          profileLabel={step.profile.label}
          recoveryCode={step.recoveryCode}
          onDone={() => void enter(step.profile)}
        />
      )}
    </Page>
  );
}

/** After the recovery code: into the app, unless the profile locked itself meanwhile. */
async function enter(profile: ProfileSummary): Promise<void> {
  await reloadProfiles();
  const current = useProfilesStore.getState().profiles.find((p) => p.id === profile.id);
  if (current && !current.unlocked) useAppStore.getState().go({ name: 'unlock', profileId: profile.id });
  else openProfile(current ?? profile);
}

function DetailsStep({ onEnrollment }: { onEnrollment(enrollment: Enrollment, label: string): void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const go = useAppStore((s) => s.go);
  const hasProfiles = useProfilesStore((s) => s.profiles.length > 0);
  const [label, setLabel] = useState('');
  const password = useNewPassword(label.trim() || undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!password.matches) return setError(t('password.mismatch'));
    if (password.assessment && !password.assessment.acceptable) return setError(t('password.notAcceptable'));
    setBusy(true);
    setError(null);
    try {
      const enrollment = await call('profiles.beginCreate', { label: label.trim(), password: password.password });
      onEnrollment(enrollment, label.trim());
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  }

  return (
    <section>
      <ScreenHeading>{t('create.steps.0')}</ScreenHeading>
      <p>{t('create.intro')}</p>
      <form onSubmit={submit} noValidate>
        <Field
          label={t('create.nameLabel')}
          hint={t('create.nameNote')}
          value={label}
          onValue={setLabel}
          autoComplete="off"
          maxLength={60}
          required
        />
        <NewPasswordFields state={password} />
        <ErrorAlert message={error} />
        <div className="actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={busy || !label.trim() || !password.ready}
          >
            {busy ? t('common.busy') : t('common.continue')}
          </button>
          {hasProfiles && (
            <button type="button" className="button" onClick={() => go({ name: 'picker' })}>
              {t('create.cancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
