import { useTranslation } from 'react-i18next';

/** Visible progress through a multi-step flow, also announced in text. */
export function StepIndicator({ steps, current }: { steps: string[]; current: number }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('common.stepsLabel')} className="steps">
      <p className="steps-text">{t('common.stepOf', { current: current + 1, total: steps.length })}</p>
      <ol>
        {steps.map((step, index) => {
          const state = index < current ? 'done' : index === current ? 'current' : 'todo';
          return (
            <li key={step} className={`step step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="step-number" aria-hidden="true">
                {state === 'done' ? '✓' : index + 1}
              </span>
              <span className="step-name">
                {step}
                {state === 'done' && <span className="visually-hidden"> ({t('common.stepDone')})</span>}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
