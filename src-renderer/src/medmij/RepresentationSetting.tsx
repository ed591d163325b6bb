import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Representation } from '../../../src-preload/contract/medmij';
import { call } from '../api/client';
import { formatDayInput, localDayAndTime, parseDayInput } from '../components/date-input';
import { DateField, useDateInputErrors } from '../components/DateTimeFields';
import { useErrorText } from '../components/useErrorText';
import { useLanguage } from '../records/common/useLanguage';
import { currentSession, stillCurrent } from '../records/reset';
import { useMedmijStore } from './store';

type Choice = 'self' | Representation['kind'];

/**
 * "Voor wie is dit profiel?": a caregiver's profile for someone else sends MedMij's representation
 * parameters (on whose behalf, and their birth date) with every login at a care provider.
 */
export function RepresentationSetting() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const language = useLanguage();
  const dateErrors = useDateInputErrors();
  const [choice, setChoice] = useState<Choice>('self');
  const [birthDate, setBirthDate] = useState('');
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle');
  const [error, setError] = useState<string | null>(null);
  const birthDateId = useId();
  const [birthDateError, setBirthDateError] = useState<string | null>(null);
  // Loaded by the Zorgaanbieders screen; the login step reminds whom the profile fetches for.
  const stored = useMedmijStore((s) => s.representation);
  const representationSaved = useMedmijStore((s) => s.representationSaved);

  useEffect(() => {
    setChoice(stored?.kind ?? 'self');
    // Typed and shown as dd-mm-jjjj in Dutch, whatever the browser's language.
    setBirthDate(stored?.birthDate ? formatDayInput(stored.birthDate, language) : '');
  }, [stored, language]);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const session = currentSession();
    if (!session) return;
    if (choice !== 'self' && !birthDate.trim()) {
      setStatus('error');
      setError(t('medmij.representation.birthDateMissing'));
      return;
    }
    const day = parseDayInput(birthDate);
    if (choice !== 'self' && (!day || day > localDayAndTime().day)) {
      setStatus('error');
      setError(null);
      setBirthDateError(dateErrors.dateInvalid);
      return;
    }
    setBirthDateError(null);
    setStatus('saving');
    setError(null);
    try {
      const saved = await call('medmij.setRepresentation', {
        profileId: session.profileId,
        representation: choice === 'self' || !day ? null : { kind: choice, birthDate: day },
      });
      if (!stillCurrent(session)) return;
      representationSaved(saved);
      setStatus('saved');
    } catch (caught) {
      setStatus('error');
      setError(errorText(caught));
    }
  }

  return (
    <section aria-labelledby="medmij-representation-title" className="medmij-representation">
      <h2 id="medmij-representation-title">{t('medmij.representation.title')}</h2>
      <p>{t('medmij.representation.intro')}</p>
      <form onSubmit={save} noValidate>
        <fieldset>
          <legend>{t('medmij.representation.legend')}</legend>
          {(['self', 'onbehalfof', 'onbehalfofchild'] as const).map((value) => (
            <label key={value} className="medmij-representation-choice">
              <input
                type="radio"
                name="representation"
                value={value}
                checked={choice === value}
                onChange={() => {
                  setChoice(value);
                  setStatus('idle');
                }}
              />
              {t(`medmij.representation.choice.${value}`)}
            </label>
          ))}
        </fieldset>
        {choice !== 'self' && (
          <DateField
            id={birthDateId}
            label={t('medmij.representation.birthDate')}
            value={birthDate}
            error={birthDateError}
            onValue={(value) => {
              setBirthDate(value);
              setStatus('idle');
            }}
          />
        )}
        {status === 'error' && error && (
          <p role="alert" className="alert alert-error">
            {error}
          </p>
        )}
        <p role="status" className="muted">
          {status === 'saved' ? t('medmij.representation.saved') : ''}
        </p>
        <button type="submit" className="button" disabled={status === 'saving'}>
          {t('medmij.representation.save')}
        </button>
      </form>
    </section>
  );
}
