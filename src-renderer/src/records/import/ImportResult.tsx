import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../src-preload/contract/errors';
import type { ImportReport } from '../../../../src-preload/contract/records';
import { formatDate, formatNumber } from '../common/format';
import { countsInWords, listInWords } from '../common/typeNames';
import { useLanguage } from '../common/useLanguage';
import { useRecordsNavigation } from '../navigation';
import { DocumentForm } from './DocumentForm';
import { OtherPersonOffer } from './OtherPersonOffer';
import { type RejectReason, useImportStore } from './store';

/** Rejections said in the words of the intake texts (the others are the import's own). */
const intakeReasons: ReadonlySet<RejectReason> = new Set(['wrongType', 'oneDocument', 'documentTooLarge']);

/**
 * Progress while importing, then one line on what was imported (the details on request), or in plain
 * words why nothing was (the technical detail on request). A letter or photo first asks for its
 * title and date.
 */
export function ImportResult() {
  const { t } = useTranslation();
  const language = useLanguage();
  const phase = useImportStore((s) => s.phase);
  const dismiss = useImportStore((s) => s.dismiss);
  const openDetail = useRecordsNavigation((s) => s.openDetail);

  const busy = phase.name === 'reading' || phase.name === 'importing';
  let progress: string | null = null;
  if (phase.name === 'reading') progress = t('records.import.reading', { done: phase.done, total: phase.total });
  else if (phase.name === 'importing') progress = t('records.import.importing', { count: phase.total });

  const report = phase.name === 'done' ? phase.report : null;
  const refusal = report && !report.ok ? report : null;
  const rejected = phase.name === 'rejected' || phase.name === 'failed' || refusal !== null;

  return (
    <div className="import-result" data-testid="import-result">
      <div role="status" className={progress || report?.ok || phase.name === 'documentDone' ? 'import-status' : 'alert-empty'} aria-busy={busy}>
        {busy && <span className="spinner" aria-hidden="true" />}
        {progress}
        {phase.name === 'done' && report?.ok && (
          <section className="notice notice-success" aria-labelledby="import-success-title">
            <h2 id="import-success-title">{t('records.import.successTitle')}</h2>
            <p data-testid="import-summary">{successLine(t, report, phase.fileNames, language)}</p>
            {Object.keys(report.byType).length > 0 && (
              <details className="import-details">
                <summary>{t('intake.result.details')}</summary>
                <p data-testid="import-counts">{t('records.import.successCounts', { counts: countsInWords(t, report.byType, language) })}</p>
              </details>
            )}
            <button type="button" className="button button-small" onClick={dismiss}>
              {t('records.import.close')}
            </button>
          </section>
        )}
        {phase.name === 'documentDone' && (
          <section className="notice notice-success" aria-labelledby="import-document-title">
            <h2 id="import-document-title">{t('records.import.successTitle')}</h2>
            <p data-testid="import-summary">
              {t('intake.document.added', { title: phase.summary.title, date: formatDate(phase.summary.date, language) })}
            </p>
            <div className="actions">
              <button
                type="button"
                className="button button-small button-primary"
                onClick={() => {
                  const id = phase.summary.id;
                  dismiss();
                  openDetail(id);
                }}
              >
                {t('intake.document.open')}
              </button>
              <button type="button" className="button button-small" onClick={dismiss}>
                {t('records.import.close')}
              </button>
            </div>
          </section>
        )}
      </div>
      <div role="alert" className={rejected ? 'notice notice-error' : 'alert-empty'}>
        {refusal?.otherPerson && (
          <>
            <h2>{t('intake.otherPerson.title')}</h2>
            <p data-testid="import-explanation">{refusal.explanation?.[language]}</p>
            <OtherPersonOffer />
          </>
        )}
        {refusal && !refusal.otherPerson && (
          <>
            <h2>{t('records.import.refusedTitle')}</h2>
            <p data-testid="import-explanation">{refusal.explanation?.[language] ?? t('records.import.nothingImported')}</p>
            <details className="import-details">
              <summary>{t('intake.result.technical')}</summary>
              <ul className="problem-list" data-testid="import-problems">
                {refusal.problems.map((problem, index) => (
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
            </details>
          </>
        )}
        {phase.name === 'rejected' && (
          <>
            <h2>{t('records.import.refusedTitle')}</h2>
            <p className="strong">{t('records.import.nothingImported')}</p>
            <p>
              {intakeReasons.has(phase.reason)
                ? t(`intake.result.${phase.reason}`, { file: phase.fileName ?? '' })
                : t(`records.import.rejected.${phase.reason}`, { file: phase.fileName ?? '' })}
            </p>
          </>
        )}
        {phase.name === 'failed' && (
          <>
            <h2>{t('records.import.failedTitle')}</h2>
            <p className="strong">{t('records.import.nothingImported')}</p>
            <p>{errorMessage(phase.error, language)}</p>
          </>
        )}
        {rejected && (
          <button type="button" className="button button-small" onClick={dismiss}>
            {t('records.import.close')}
          </button>
        )}
      </div>
      {phase.name === 'document' && <DocumentForm key={`${phase.file.name}-${phase.file.size}-${phase.file.lastModified}`} />}
    </div>
  );
}

/** "34 gegevens geïmporteerd uit huisarts.json: 30 nieuw, 4 waren er al." */
function successLine(
  t: ReturnType<typeof useTranslation>['t'],
  report: Extract<ImportReport, { ok: true }>,
  fileNames: string[],
  language: 'nl' | 'en',
): string {
  const files = listInWords(fileNames, language);
  const total = Object.values(report.byType).reduce((sum, n) => sum + n, 0);
  if (total === 0) return t('intake.result.empty', { files });
  const parts = (['created', 'updated', 'unchanged'] as const)
    .filter((part) => report[part] > 0)
    .map((part) => t(`intake.result.parts.${part}`, { count: report[part] }));
  return t('intake.result.summary', { count: total, number: formatNumber(total, language), files, parts: parts.join(', ') });
}
