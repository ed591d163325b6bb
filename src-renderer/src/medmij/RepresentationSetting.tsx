import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Representation } from '../../../src-preload/contract/medmij';
import { call } from '../api/client';
import { useErrorText } from '../components/useErrorText';
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
  const [choice, setChoice] = useState<Choice>('self');
  const [birthDate, setBirthDate] = useState('');
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle');
  const [error, setError] = useState<string | null>(null);
  const birthDateId = useId();
  // Loaded by the Zorgaanbieders screen; the login step reminds whom the profile fetches for.
  const stored = useMedmijStore((s) => s.representation);
  const representationSaved = useMedmijStore((s) => s.representationSaved);

  useEffect(() => {
    setChoice(stored?.kind ?? 'self');
    setBirthDate(stored?.birthDate ?? '');
  }, [stored]);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const session = currentSession();
    if (!session) return;
    if (choice !== 'self' && !birthDate) {
      setStatus('error');
      setError(t('medmij.representation.birthDateMissing'));
      return;
    }
    setStatus('saving');
    setError(null);
    try {
      const saved = await call('medmij.setRepresentation', {
        profileId: session.profileId,
        representation: choice === 'self' ? null : { kind: choice, birthDate },
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
          <div className="field">
            <label htmlFor={birthDateId}>{t('medmij.representation.birthDate')}</label>
            <input
              id={birthDateId}
              type="date"
              value={birthDate}
              max={new Date().toISOString().slice(0, 10)}
              onChange={(e) => {
                setBirthDate(e.target.value);
                setStatus('idle');
              }}
            />
          </div>
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
