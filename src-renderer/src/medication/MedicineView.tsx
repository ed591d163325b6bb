import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MedicationHistoryItem, Medicine } from '../../../src-preload/contract/records';
import { ScreenHeading } from '../components/ScreenHeading';
import { formatDate } from '../records/common/format';
import { statusText } from '../records/common/typeNames';
import { useLanguage } from '../records/common/useLanguage';
import { useRecordsNavigation } from '../records/navigation';
import { medicineFacts } from './format';
import { useMedicationStore } from './store';

const firstPage = 25;
const nextPage = 50;

/** One medicine: its summary and every record behind it, newest first, each opening the record detail. */
export function MedicineView({ medicine }: { medicine: Medicine }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const close = useMedicationStore((s) => s.close);
  const [shown, setShown] = useState(firstPage);
  const facts = [
    { key: 'instructions', label: t('medication.facts.instructions'), value: medicine.instructions ?? t('medication.noInstructions') },
    ...medicineFacts(medicine, t, language),
  ];
  const total = medicine.records.length;

  return (
    <article className="medicine-view">
      <button type="button" className="link-button back-link" onClick={close}>
        <span aria-hidden="true">← </span>
        {t('medication.back')}
      </button>
      <p className="eyebrow" data-testid="medicine-phase">
        {t(`medication.phase.${medicine.phase}`)}
      </p>
      <ScreenHeading focusKey={medicine.key}>{medicine.name}</ScreenHeading>

      <section className="panel" aria-labelledby="medicine-summary">
        <h2 id="medicine-summary">{t('medication.summary')}</h2>
        <dl className="fields" data-testid="medicine-facts">
          {facts.map((fact) => (
            <div key={fact.key} className="field-row">
              <dt>{fact.label}</dt>
              <dd>{fact.value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="panel" aria-labelledby="medicine-history">
        <h2 id="medicine-history">
          {t('medication.history')} <span className="muted medicine-count">({t('medication.historyCount', { count: total })})</span>
        </h2>
        <p className="muted">{t('medication.historyIntro')}</p>
        <ul className="record-list" aria-label={t('medication.history')}>
          {medicine.records.slice(0, shown).map((item) => (
            <HistoryRow key={item.id} item={item} />
          ))}
        </ul>
        {shown < total && (
          <button type="button" className="button button-small" onClick={() => setShown((n) => n + nextPage)}>
            {t('medication.showMore', { shown: Math.min(shown, total), total })}
          </button>
        )}
      </section>
    </article>
  );
}

function HistoryRow({ item }: { item: MedicationHistoryItem }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const openDetail = useRecordsNavigation((s) => s.openDetail);
  const status = statusText(item.status, language);
  return (
    <li>
      <button type="button" className="record-row" onClick={() => openDetail(item.id)}>
        <span className="record-main">
          <span className="record-title">{t(`medication.kinds.${item.kind}`)}</span>
          {item.text && <span className="record-value">{item.text}</span>}
        </span>
        <span className="record-meta">
          <span>{item.date ? formatDate(item.date, language) : t('medication.undated')}</span>
          {status && <span>{status}</span>}
          {item.by && <span>{item.by}</span>}
          {item.sourceLabel && <span className="record-source">{item.sourceLabel}</span>}
        </span>
      </button>
    </li>
  );
}
