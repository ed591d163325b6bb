/**
 * Medicatie: what the person uses now and used before, one entry per medicine, from the records in
 * the profile (read-only). A medicine opens its history; each record there opens the detail view.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Medicine } from '../../../src-preload/contract/records';
import { ScreenHeading } from '../components/ScreenHeading';
import { useSessionStore } from '../profiles/session';
import { useRecordsData } from '../records/data-store';
import { ImportButton } from '../records/import/ImportButton';
import { ImportResult } from '../records/import/ImportResult';
import { MedicineCard } from './MedicineCard';
import { MedicineView } from './MedicineView';
import { openMedicine, useMedicationStore } from './store';
import './medication.css';

export function MedicationScreen() {
  const { t } = useTranslation();
  const overview = useMedicationStore((s) => s.overview);
  const state = useMedicationStore((s) => s.state);
  const loadedVersion = useMedicationStore((s) => s.loadedVersion);
  const load = useMedicationStore((s) => s.load);
  const medicine = useMedicationStore(openMedicine);
  const version = useRecordsData((s) => s.version);

  // Load on first view and after the record changed (an import, a fetch, sync).
  useEffect(() => {
    if (loadedVersion !== version) void load();
  }, [load, loadedVersion, version]);

  if (medicine) return <MedicineView key={medicine.key} medicine={medicine} />;

  const empty = overview !== null && overview.current.length === 0 && overview.earlier.length === 0;
  return (
    <section>
      <ScreenHeading>{t('shell.areas.medication')}</ScreenHeading>
      {!empty && <p className="lead">{t('medication.intro')}</p>}
      <ImportResult />
      {state === 'loading' && !overview && <p role="status">{t('common.loading')}</p>}
      {state === 'error' && <p className="alert alert-error">{t('medication.loadFailed')}</p>}
      {empty && <NoMedication />}
      {overview && !empty && (
        <>
          <MedicineList id="medication-current" title={t('medication.current')} none={t('medication.noneCurrent')} medicines={overview.current} />
          <MedicineList id="medication-earlier" title={t('medication.earlier')} none={t('medication.noneEarlier')} medicines={overview.earlier} />
          <p className="muted">{t('medication.ownLater')}</p>
        </>
      )}
    </section>
  );
}

function MedicineList({ id, title, none, medicines }: { id: string; title: string; none: string; medicines: Medicine[] }) {
  return (
    <section aria-labelledby={id} className="medicine-section">
      <h2 id={id}>{title}</h2>
      {medicines.length > 0 ? (
        <ul className="medicine-list" aria-labelledby={id}>
          {medicines.map((medicine) => (
            <MedicineCard key={medicine.key} medicine={medicine} />
          ))}
        </ul>
      ) : (
        <p className="muted">{none}</p>
      )}
    </section>
  );
}

/** Where medication comes from, and the two ways to get it here. */
function NoMedication() {
  const { t } = useTranslation();
  const setArea = useSessionStore((s) => s.setArea);
  const ways = t('medication.emptyWays', { returnObjects: true }) as string[];
  return (
    <div className="empty-state">
      <span className="empty-icon empty-icon-medication" aria-hidden="true" />
      <h2>{t('medication.emptyTitle')}</h2>
      <p>{t('medication.emptyText')}</p>
      <ul className="medication-ways">
        {ways.map((way) => (
          <li key={way}>{way}</li>
        ))}
      </ul>
      <div className="actions medication-empty-actions">
        <button type="button" className="button button-primary" onClick={() => setArea('providers')}>
          {t('medication.toProviders')}
        </button>
        <ImportButton />
      </div>
      <p className="muted">{t('medication.ownLater')}</p>
    </div>
  );
}
