import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenHeading } from '../components/ScreenHeading';
import { Connections } from './Connections';
import { FetchFlow } from './FetchFlow';
import { PracticeNotice } from './PracticeNotice';
import { ProviderSearch } from './ProviderSearch';
import { useRelayStore } from './relay-store';
import { RelayNotice, RelaySetting } from './RelaySetting';
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
  const relay = useRelayStore((s) => s.state?.relay ?? null);
  const loadRelay = useRelayStore((s) => s.load);

  useEffect(() => {
    void loadConnections();
    void loadRepresentation();
    void loadRelay();
    void appHost();
  }, [loadConnections, loadRepresentation, loadRelay]);

  return (
    <section className="medmij-screen">
      <ScreenHeading>{t('shell.areas.providers')}</ScreenHeading>
      {/* Asked again when the relay changes: lists through a relay hold no practice providers. */}
      <PracticeNotice key={relay ? `${relay.url} ${relay.listsViaRelay}` : 'direct'} />
      <RelayNotice />
      {plan && step ? <FetchFlow plan={plan} step={step} /> : <ProviderSearch />}
      <Connections />
      <RepresentationSetting />
      <RelaySetting />
    </section>
  );
}
