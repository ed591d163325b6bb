import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { personInWords, type ProfileIdentity as Identity } from '../../../src-preload/contract/identity';
import { call } from '../api/client';
import { ErrorAlert, StatusMessage } from '../components/Alert';
import { DateField } from '../components/DateTimeFields';
import { formatDayInput, parseDayInput } from '../components/date-input';
import { Field } from '../components/Field';
import { useErrorText } from '../components/useErrorText';
import { useLanguage } from '../records/common/useLanguage';
import { currentSession, stillCurrent } from '../records/reset';

/**
 * "Van wie is dit profiel?": the one person whose records this profile keeps. Shown once known
 * (from the person, or the first import or fetch) and then kept; until then the person may say it.
 */
export function ProfileIdentity() {
  const { t } = useTranslation();
  const language = useLanguage();
  const errorText = useErrorText();
  const [identity, setIdentity] = useState<Identity | null | undefined>(undefined);
  const [name, setName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [problems, setProblems] = useState<{ name?: string; birthDate?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Correcting a typing mistake in an identity that is already set. */
  const [correcting, setCorrecting] = useState(false);
  const nameErrorId = useId();

  useEffect(() => {
    const session = currentSession();
    if (!session) return;
    call('records.identity', { profileId: session.profileId })
      .then((found) => {
        if (stillCurrent(session)) setIdentity(found);
      })
      .catch((caught: unknown) => {
        if (stillCurrent(session)) setError(errorText(caught));
      });
  }, [errorText]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const session = currentSession();
    if (!session || busy) return;
    const day = parseDayInput(birthDate);
    const found = {
      ...(!name.trim() && { name: t('intake.identity.nameMissing') }),
      ...(!day && { birthDate: t('intake.identity.birthDateMissing') }),
    };
    setProblems(found);
    if (found.name || found.birthDate || !day) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await call('records.setIdentity', { profileId: session.profileId, name: name.trim(), birthDate: day, correct: correcting });
      if (!stillCurrent(session)) return;
      setIdentity(saved);
      setStatus(t(correcting ? 'intake.identity.corrected' : 'intake.identity.saved'));
      setCorrecting(false);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="settings-identity" data-testid="profile-identity">
      <h2 id="settings-identity">{t('intake.identity.title')}</h2>
      {identity && (
        <>
          <p className="strong" data-testid="profile-identity-person">
            {t('intake.identity.is', { person: personInWords(identity, language) })}
          </p>
          <p className="muted">
            {identity.origin.kind === 'person' ? t('intake.identity.origin.person') : t(`intake.identity.origin.${identity.origin.kind}`, { label: identity.origin.label })}
          </p>
          <p>{t('intake.identity.explain')}</p>
          {!correcting && (
            <div className="actions">
              <button
                type="button"
                className="button"
                onClick={() => {
                  setName(identity.name ?? '');
                  setBirthDate(identity.birthDate ? formatDayInput(identity.birthDate, language) : '');
                  setStatus(null);
                  setCorrecting(true);
                }}
              >
                {t('intake.identity.change')}
              </button>
            </div>
          )}
        </>
      )}
      {(identity === null || (identity && correcting)) && (
        <>
          <p>{correcting ? t('intake.identity.correctExplain') : t('intake.identity.unknown')}</p>
          <form onSubmit={submit} noValidate>
            <Field
              label={t('intake.identity.name')}
              hint={t('intake.identity.nameHint')}
              value={name}
              onValue={setName}
              maxLength={200}
              autoComplete="off"
              required
              aria-invalid={problems.name ? true : undefined}
              {...(problems.name && { describedBy: nameErrorId })}
            />
            {problems.name && (
              <p id={nameErrorId} className="field-error">
                {problems.name}
              </p>
            )}
            <DateField label={t('intake.identity.birthDate')} value={birthDate} onValue={setBirthDate} error={problems.birthDate ?? null} required />
            <div className="actions">
              <button type="submit" className="button" disabled={busy}>
                {t('intake.identity.save')}
              </button>
              {correcting && (
                <button type="button" className="button" onClick={() => setCorrecting(false)}>
                  {t('common.cancel')}
                </button>
              )}
            </div>
          </form>
        </>
      )}
      <StatusMessage tone="success" message={status} />
      <ErrorAlert message={error} />
    </section>
  );
}
