import { useTranslation } from 'react-i18next';
import type { Medicine } from '../../../src-preload/contract/records';
import { useLanguage } from '../records/common/useLanguage';
import { medicineFacts } from './format';
import { useMedicationStore } from './store';

/** One medicine in a list: name (opens its history), instructions and the facts a patient looks for. */
export function MedicineCard({ medicine }: { medicine: Medicine }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const open = useMedicationStore((s) => s.open);
  const showPhase = medicine.phase === 'paused' || medicine.phase === 'planned';
  return (
    <li className="medicine" data-testid="medicine">
      <h3 className="medicine-name">
        <button type="button" className="link-button" onClick={() => open(medicine.key)}>
          {medicine.name}
        </button>
      </h3>
      {showPhase && <p className="badge medicine-phase">{t(`medication.phase.${medicine.phase}`)}</p>}
      <p className="medicine-instructions">
        {medicine.instructions ?? <span className="muted">{t('medication.noInstructions')}</span>}
      </p>
      <dl className="fields fields-compact">
        {medicineFacts(medicine, t, language).map((fact) => (
          <div key={fact.key} className="field-row">
            <dt>{fact.label}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
      </dl>
    </li>
  );
}
