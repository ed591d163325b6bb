import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/Alert';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useErrorText } from '../../components/useErrorText';

/**
 * Last step of a practice profile: fill it with the fictitious Voorbeeld-PGO patient (about 2,500
 * records, which takes a moment), then continue into the profile.
 */
export function ExampleStep({ profileId, onDone }: { profileId: string; onDone(): void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [attempt, setAttempt] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const started = useRef(-1);

  useEffect(() => {
    // Once per attempt, also under StrictMode's double effects.
    if (started.current === attempt) return;
    started.current = attempt;
    call('records.loadExample', { profileId })
      .then((report) => {
        if (report.ok) onDone();
        else setError(t('practice.loadFailed'));
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, [attempt, profileId, onDone, t, errorText]);

  return (
    <section>
      <ScreenHeading>{t('practice.loadingTitle')}</ScreenHeading>
      <div role="status" className={error ? 'alert-empty' : 'import-status'} aria-busy={!error}>
        {!error && (
          <>
            <span className="spinner" aria-hidden="true" />
            {t('practice.loading')}
          </>
        )}
      </div>
      <ErrorAlert message={error} />
      {error && (
        <div className="actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setError(null);
              setAttempt((n) => n + 1);
            }}
          >
            {t('practice.retry')}
          </button>
          <button type="button" className="button" onClick={onDone}>
            {t('practice.skip')}
          </button>
        </div>
      )}
    </section>
  );
}
