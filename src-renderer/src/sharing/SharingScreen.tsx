import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenHeading } from '../components/ScreenHeading';
import { PracticeNotice } from '../medmij/PracticeNotice';
import { ChooseStep } from './ChooseStep';
import { PreviewStep } from './PreviewStep';
import { SendingStep } from './SendingStep';
import { SentList } from './SentList';
import { useSharingStore } from './store';
import { WhatStep } from './WhatStep';
import '../medmij/medmij.css';
import './sharing.css';

/**
 * The "Delen" area: send own measurements, a photo, a document or medication allergies to a care
 * provider via MedMij — choose, see exactly what will be sent, "Versturen", the answer — and the
 * Verstuurd log of everything sent.
 */
export function SharingScreen() {
  const { t } = useTranslation();
  const step = useSharingStore((s) => s.step);
  const loadProviders = useSharingStore((s) => s.loadProviders);
  const loadSent = useSharingStore((s) => s.loadSent);

  useEffect(() => {
    void loadProviders();
    void loadSent();
  }, [loadProviders, loadSent]);

  return (
    <section className="sharing-screen medmij-screen">
      <ScreenHeading>{t('shell.areas.sharing')}</ScreenHeading>
      <p className="lead">{t('sharing.intro')}</p>
      <PracticeNotice />
      {step.name === 'choose' && <ChooseStep />}
      {step.name === 'what' && <WhatStep step={step} />}
      {step.name === 'preview' && <PreviewStep step={step} />}
      {step.name === 'sending' && <SendingStep step={step} />}
      <SentList />
    </section>
  );
}
