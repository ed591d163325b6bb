import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenHeading } from '../components/ScreenHeading';
import { Connections } from './Connections';
import { FetchFlow } from './FetchFlow';
import { PracticeNotice } from './PracticeNotice';
import { ProviderSearch } from './ProviderSearch';
import { RepresentationSetting } from './RepresentationSetting';
import { appHost, useMedmijStore } from './store';
import './medmij.css';

/** The "Zorgaanbieders" area: fetch records via MedMij, and the providers fetched from before. */
export function ProvidersScreen() {
  const { t } = useTranslation();
  const plan = useMedmijStore((s) => s.plan);
  const step = useMedmijStore((s) => s.step);
  const loadConnections = useMedmijStore((s) => s.loadConnections);
  const loadRepresentation = useMedmijStore((s) => s.loadRepresentation);

  useEffect(() => {
    void loadConnections();
    void loadRepresentation();
    void appHost();
  }, [loadConnections, loadRepresentation]);

  return (
    <section className="medmij-screen">
      <ScreenHeading>{t('shell.areas.providers')}</ScreenHeading>
      <PracticeNotice />
      {plan && step ? <FetchFlow plan={plan} step={step} /> : <ProviderSearch />}
      <Connections />
      <RepresentationSetting />
    </section>
  );
}
