import { useTranslation } from 'react-i18next';
import type { RecordDetail } from '../../../../src-preload/contract/records';
import { formatDate } from '../common/format';
import { useLanguage } from '../common/useLanguage';

/** "Technische weergave": every copy exactly as received, and the normalized R4 form the app uses. */
export function TechnicalView({ record }: { record: RecordDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <details className="technical" data-testid="technical-view">
      <summary>{t('records.detail.technical')}</summary>
      <p className="muted">{t('records.detail.technicalExplain')}</p>
      {record.originals.map((original, index) => {
        const id = `original-${index}`;
        return (
          <section key={index} className="technical-block" aria-labelledby={id}>
            <h3 id={id}>
              {t('records.detail.original', { format: original.format.toUpperCase(), version: `FHIR ${original.fhirVersion}` })}
            </h3>
            <p className="muted">
              {original.source.label} · {t('records.detail.receivedOn', { date: formatDate(original.receivedAt, language) })}
            </p>
            <pre className="code-block" tabIndex={0} aria-labelledby={id} data-testid="original-text">
              <code>{original.text}</code>
            </pre>
          </section>
        );
      })}
      <section className="technical-block" aria-labelledby="normalized-heading">
        <h3 id="normalized-heading">{t('records.detail.normalized')}</h3>
        <pre className="code-block" tabIndex={0} aria-labelledby="normalized-heading" data-testid="normalized-text">
          <code>{JSON.stringify(record.resource, null, 2)}</code>
        </pre>
      </section>
    </details>
  );
}
