import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../app/store';

/** The secondary way in: a separate practice profile with fictitious data, never mixed into a real one. */
export function PracticeOffer() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const titleId = useId();
  const textId = useId();
  return (
    <section className="practice-offer" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('practice.offerTitle')}</h2>
      <p id={textId}>{t('practice.offerText')}</p>
      <button
        type="button"
        className="button"
        aria-describedby={textId}
        onClick={() => go({ name: 'create', practice: true })}
      >
        {t('practice.offer')}
      </button>
    </section>
  );
}
