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
import { ExampleStep } from '../records/practice/ExampleStep';
import { PracticeOffer } from '../records/practice/PracticeOffer';
import { useProfilesStore } from './store';

type Step =
  | { name: 'details'; label?: string }
  | { name: 'authenticator'; enrollment: Enrollment; label: string }
  | { name: 'recovery'; profile: ProfileSummary; recoveryCode: string }
  | { name: 'example'; profile: ProfileSummary };

const stepIndex = { details: 0, authenticator: 1, recovery: 2, example: 3 } as const;

/**
 * Wizard: name + password → authenticator → recovery code. A practice profile is made the same way
 * (it is a real, locked profile) and then filled with the fictitious example patient.
 */
export function CreateProfile({ practice = false }: { practice?: boolean }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ name: 'details' });
  useActivityReporter(step.name === 'recovery' || step.name === 'example' ? step.profile.id : null);
  const steps = t('create.steps', { returnObjects: true }) as string[];

  return (
    <Page>
      <p className="eyebrow">{practice ? t('practice.title') : t('create.title')}</p>
      <StepIndicator steps={practice ? [...steps, t('practice.step')] : steps} current={stepIndex[step.name]} />
      {step.name === 'details' && (
        <DetailsStep
          practice={practice}
          initialLabel={step.label}
          onEnrollment={(enrollment, label) => setStep({ name: 'authenticator', enrollment, label })}
        />
      )}
      {step.name === 'authenticator' && (
        <AuthenticatorEnrollment
          enrollment={step.enrollment}
          onRestart={() => setStep({ name: 'details', label: step.label })}
          onBack={() => setStep({ name: 'details', label: step.label })}
          onCancel={() => useAppStore.getState().go(useProfilesStore.getState().profiles.length > 0 ? { name: 'picker' } : { name: 'welcome' })}
          cancelLabel={t('create.cancel')}
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
          onDone={() => (practice ? setStep({ name: 'example', profile: step.profile }) : void enter(step.profile))}
        />
      )}
      {step.name === 'example' && <ExampleStep profileId={step.profile.id} onDone={() => void enter(step.profile)} />}
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

function DetailsStep({
  practice,
  initialLabel,
  onEnrollment,
}: {
  practice: boolean;
  /** Back from the next step: the name stays, the password is typed again (it is never kept). */
  initialLabel?: string | undefined;
  onEnrollment(enrollment: Enrollment, label: string): void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const go = useAppStore((s) => s.go);
  const hasProfiles = useProfilesStore((s) => s.profiles.length > 0);
  const [label, setLabel] = useState(() => initialLabel ?? (practice ? t('practice.defaultName') : ''));
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
      <p>{practice ? t('practice.intro') : t('create.intro')}</p>
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
          {(hasProfiles || practice) && (
            <button
              type="button"
              className="button"
              onClick={() => go(hasProfiles ? { name: 'picker' } : { name: 'create' })}
            >
              {t('create.cancel')}
            </button>
          )}
        </div>
      </form>
      {/* First start: the practice profile is offered here too, below the real thing. */}
      {!practice && !hasProfiles && <PracticeOffer />}
    </section>
  );
}
