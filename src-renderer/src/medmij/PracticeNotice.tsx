import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';

/**
 * Says plainly, while Regie uses its built-in sample lists, that the providers are fictitious
 * practice providers on this computer: nothing real is fetched, and nobody should think so.
 */
export function PracticeNotice() {
  const { t } = useTranslation();
  const [practice, setPractice] = useState(false);

  useEffect(() => {
    let live = true;
    void call('medmij.environment', {})
      .then((environment) => {
        if (live) setPractice(environment.practice);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  if (!practice) return null;
  return (
    <section className="notice notice-calm medmij-practice" aria-labelledby="medmij-practice-title" data-testid="medmij-practice">
      <h2 id="medmij-practice-title">{t('medmij.practice.title')}</h2>
      <p>{t('medmij.practice.body')}</p>
    </section>
  );
}
