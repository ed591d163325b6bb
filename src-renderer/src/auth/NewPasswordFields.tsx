import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../components/Field';
import type { NewPasswordState } from './useNewPassword';

/** New password + repeat, with a strength meter (bar and words) and the core's advice. */
export function NewPasswordFields({ state, isNew = false }: { state: NewPasswordState; isNew?: boolean }) {
  const { t } = useTranslation();
  const meterId = useId();
  const matchId = useId();
  const [show, setShow] = useState(false);
  const { assessment } = state;
  const levels = t('password.levels', { returnObjects: true }) as string[];
  const score = assessment?.score ?? 0;

  return (
    <div className="password-fields">
      <Field
        label={isNew ? t('password.newLabel') : t('password.label')}
        hint={t('password.hint')}
        type={show ? 'text' : 'password'}
        autoComplete="new-password"
        value={state.password}
        onValue={state.setPassword}
        describedBy={meterId}
        required
        spellCheck={false}
      />
      <div id={meterId} className="strength" aria-live="polite">
        {state.password.length > 0 && (
          <>
            <div className={`strength-bar strength-${assessment ? score : 'pending'}`} aria-hidden="true">
              {[0, 1, 2, 3, 4].map((i) => (
                <span key={i} className={assessment && i <= score ? 'filled' : ''} />
              ))}
            </div>
            {assessment ? (
              <>
                <p className="strength-label">
                  <strong>{t('password.strength', { level: levels[score] })}</strong>.{' '}
                  {assessment.acceptable ? t('password.acceptable') : t('password.notAcceptable')}
                </p>
                {assessment.warning && <p className="strength-warning">{assessment.warning}</p>}
                {assessment.suggestions.length > 0 && (
                  <ul className="strength-suggestions">
                    {assessment.suggestions.map((s) => (
                      <li key={s}>{s}</li>
                    ))}
                  </ul>
                )}
              </>
            ) : (
              <p className="strength-label">{t('password.checking')}</p>
            )}
          </>
        )}
      </div>
      <Field
        label={t('password.repeatLabel')}
        type={show ? 'text' : 'password'}
        autoComplete="new-password"
        value={state.repeat}
        onValue={state.setRepeat}
        describedBy={matchId}
        required
        spellCheck={false}
      />
      <p id={matchId} className="field-hint" aria-live="polite">
        {state.repeat.length > 0 && (state.matches ? t('password.match') : t('password.mismatch'))}
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} />
        {t('password.show')}
      </label>
    </div>
  );
}
