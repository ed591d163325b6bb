import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../src-preload/contract/errors';
import { countsInWords } from '../common/typeNames';
import { useLanguage } from '../common/useLanguage';
import { useImportStore } from './store';

/** Progress while importing, then what was imported, or why nothing was. */
export function ImportResult() {
  const { t } = useTranslation();
  const language = useLanguage();
  const phase = useImportStore((s) => s.phase);
  const dismiss = useImportStore((s) => s.dismiss);

  let status: string | null = null;
  if (phase.name === 'reading') status = t('records.import.reading', { done: phase.done, total: phase.total });
  else if (phase.name === 'importing') status = t('records.import.importing', { count: phase.total });
  else if (phase.name === 'done' && phase.report.ok) status = t('records.import.successTitle');

  const refusal = phase.name === 'done' && !phase.report.ok ? phase.report.problems : null;
  const rejected = phase.name === 'rejected' || phase.name === 'failed';

  return (
    <div className="import-result" data-testid="import-result">
      <div role="status" className={status ? 'import-status' : 'alert-empty'} aria-busy={phase.name === 'reading' || phase.name === 'importing'}>
        {(phase.name === 'reading' || phase.name === 'importing') && <span className="spinner" aria-hidden="true" />}
        {status}
      </div>
      {phase.name === 'done' && phase.report.ok && (
        <section className="notice notice-success" aria-labelledby="import-success-title">
          <h2 id="import-success-title">{t('records.import.successTitle')}</h2>
          <p data-testid="import-counts">
            {Object.keys(phase.report.byType).length
              ? t('records.import.successCounts', { counts: countsInWords(t, phase.report.byType, language) })
              : t('records.import.successEmpty')}
          </p>
          <p className="muted">
            {t('records.import.successDetail', {
              created: phase.report.created,
              updated: phase.report.updated,
              unchanged: phase.report.unchanged,
            })}
          </p>
          <button type="button" className="button button-small" onClick={dismiss}>
            {t('records.import.close')}
          </button>
        </section>
      )}
      <div role="alert" className={refusal || rejected ? 'notice notice-error' : 'alert-empty'}>
        {refusal && (
          <>
            <h2>{t('records.import.refusedTitle')}</h2>
            <p className="strong">{t('records.import.nothingImported')}</p>
            <p>{t('records.import.refusedExplain', { count: refusal.length })}</p>
            <ul className="problem-list" data-testid="import-problems">
              {refusal.map((problem, index) => (
                <li key={index}>
                  <span className="problem-file">{problem.file}</span>
                  {problem.entryPath && (
                    <>
                      {' — '}
                      {t('records.import.entry')} <code>{problem.entryPath}</code>
                    </>
                  )}
                  <br />
                  {problem.message[language]}
                </li>
              ))}
            </ul>
          </>
        )}
        {phase.name === 'rejected' && (
          <>
            <h2>{t('records.import.refusedTitle')}</h2>
            <p className="strong">{t('records.import.nothingImported')}</p>
            <p>{t(`records.import.rejected.${phase.reason}`, { file: phase.fileName ?? '' })}</p>
          </>
        )}
        {phase.name === 'failed' && (
          <>
            <h2>{t('records.import.failedTitle')}</h2>
            <p className="strong">{t('records.import.nothingImported')}</p>
            <p>{errorMessage(phase.error, language)}</p>
          </>
        )}
        {(refusal || rejected) && (
          <button type="button" className="button button-small" onClick={dismiss}>
            {t('records.import.close')}
          </button>
        )}
      </div>
    </div>
  );
}
