import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecordsData } from '../data-store';
import { usePracticeStore } from './store';

/** Shown at the top of every screen of a practice profile, so fictitious data is never mistaken for real. */
export function PracticeBanner() {
  const { t } = useTranslation();
  const isPractice = usePracticeStore((s) => s.isPractice);
  const detect = usePracticeStore((s) => s.detect);
  const version = useRecordsData((s) => s.version);

  useEffect(() => {
    void detect();
  }, [detect, version]);

  if (!isPractice) return null;
  return (
    <p className="practice-banner" data-testid="practice-banner">
      <span className="practice-banner-icon" aria-hidden="true" />
      {t('practice.banner')}
    </p>
  );
}
