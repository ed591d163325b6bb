import { useTranslation } from 'react-i18next';
import type { RecordDetail } from '../../../../src-preload/contract/records';
import { formatDate } from '../common/format';
import { useLanguage } from '../common/useLanguage';

/**
 * "Technische weergave": the codes in the record, every copy exactly as received, and the normalized
 * R4 form the app uses. Codes and raw data are shown here only, never in the normal view.
 */
export function TechnicalView({ record }: { record: RecordDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <details className="technical" data-testid="technical-view">
      <summary>{t('records.detail.technical')}</summary>
      <p className="muted">{t('records.detail.technicalExplain')}</p>
      {record.codes.length > 0 && (
        <section className="technical-block" aria-labelledby="codes-heading">
          <h3 id="codes-heading">{t('records.detail.codes')}</h3>
          <table className="data-table" data-testid="technical-codes">
            <thead>
              <tr>
                <th scope="col">{t('records.detail.codeSystem')}</th>
                <th scope="col">{t('records.detail.code')}</th>
                <th scope="col">{t('records.detail.codeMeaning')}</th>
              </tr>
            </thead>
            <tbody>
              {record.codes.map((code) => (
                <tr key={`${code.system}|${code.code}`}>
                  <td>{code.system}</td>
                  <td>{code.code}</td>
                  <td>{code.display}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
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
