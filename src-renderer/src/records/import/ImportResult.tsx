import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../src-preload/contract/errors';
import type { ImportFileOutcome, ImportRunReport } from '../../../../src-preload/contract/imports';
import { formatDate, formatNumber } from '../common/format';
import { countsInWords, listInWords } from '../common/typeNames';
import { useLanguage } from '../common/useLanguage';
import { useRecordsNavigation } from '../navigation';
import { DocumentForm } from './DocumentForm';
import { OtherPersonOffer } from './OtherPersonOffer';
import { useImportStore } from './store';

type T = ReturnType<typeof useTranslation>['t'];
type Language = 'nl' | 'en';

/**
 * The count while importing (with "Stoppen"), then: for one file, one line on what was imported
 * (details on request) or in plain words why not (the technical detail on request); for folders,
 * archives and several files, one line per status, the files that were not imported with why, and
 * what happened to each file on request. A letter or photo first asks for its title and date.
 */
export function ImportResult() {
  const { t } = useTranslation();
  const language = useLanguage();
  const phase = useImportStore((s) => s.phase);
  const dismiss = useImportStore((s) => s.dismiss);
  const stop = useImportStore((s) => s.stop);
  const openDetail = useRecordsNavigation((s) => s.openDetail);

  const report = phase.name === 'done' ? phase.report : null;
  const single = report && !(phase.name === 'done' && phase.folder) ? report.files[0] : undefined;
  const singleRefused = single && (single.status === 'refused' || single.status === 'skipped') ? single : null;
  const partial = report && !single && (report.counts.refused > 0 || report.stopped !== null) ? report : null;
  const rejected = phase.name === 'rejected' || phase.name === 'failed' || singleRefused !== null || partial !== null;
  const success = report && !rejected ? report : null;

  return (
    <div className="import-result" data-testid="import-result">
      <div role="status" className={phase.name === 'importing' || success || phase.name === 'documentDone' ? 'import-status' : 'alert-empty'} aria-busy={phase.name === 'importing'}>
        {phase.name === 'importing' && (
          <div className="import-progress">
            <p>
              <span className="spinner" aria-hidden="true" />
              <span data-testid="import-progress">
                {phase.stopping
                  ? t('bulk.stopping')
                  : phase.total === null
                    ? phase.done === 0
                      ? t('bulk.starting')
                      : t('bulk.progressUnknown', { done: formatNumber(phase.done, language) })
                    : t('bulk.progress', { done: formatNumber(phase.done, language), total: formatNumber(phase.total, language) })}
              </span>
            </p>
            {phase.total !== null && <progress max={Math.max(phase.total, 1)} value={Math.min(phase.done, phase.total)} aria-label={t('bulk.progressLabel')} />}
            {phase.current && !phase.stopping && <p className="muted import-current">{t('bulk.current', { file: phase.current })}</p>}
          </div>
        )}
        {success && (
          <section className="notice notice-success" aria-labelledby="import-success-title">
            <h2 id="import-success-title">{t('records.import.successTitle')}</h2>
            {single ? <p data-testid="import-summary">{successLine(t, single, language)}</p> : <RunSummary report={success} />}
            {Object.keys(success.records.byType).length > 0 && (
              <details className="import-details">
                <summary>{t('intake.result.details')}</summary>
                <p data-testid="import-counts">{t('records.import.successCounts', { counts: countsInWords(t, success.records.byType, language) })}</p>
              </details>
            )}
            {!single && <PerFile files={success.files} />}
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
      {phase.name === 'importing' && (
        <button type="button" className="button button-small" onClick={stop} disabled={phase.stopping}>
          {t('bulk.stop')}
        </button>
      )}
      <div role="alert" className={rejected ? 'notice notice-error' : 'alert-empty'}>
        {singleRefused?.otherPerson && (
          <>
            <h2>{t('intake.otherPerson.title')}</h2>
            <p data-testid="import-explanation">{singleRefused.reason?.[language]}</p>
            <OtherPersonOffer />
          </>
        )}
        {singleRefused && !singleRefused.otherPerson && (
          <>
            <h2>{t('records.import.refusedTitle')}</h2>
            <p data-testid="import-explanation">{singleRefused.reason?.[language] ?? t('records.import.nothingImported')}</p>
            {singleRefused.problems && singleRefused.problems.length > 0 && (
              <details className="import-details">
                <summary>{t('intake.result.technical')}</summary>
                <ul className="problem-list" data-testid="import-problems">
                  {singleRefused.problems.map((problem, index) => (
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
            )}
          </>
        )}
        {partial && (
          <>
            <h2>{partial.counts.refused > 0 ? t('bulk.partialTitle') : t('bulk.stoppedTitle')}</h2>
            <RunSummary report={partial} />
            {partial.stopped && <p>{t(`bulk.stopped.${partial.stopped}`)}</p>}
            {partial.counts.refused > 0 && (
              <>
                <p>{t('bulk.refusedList')}</p>
                <ul className="problem-list" data-testid="import-refused-files">
                  {partial.files
                    .filter((file) => file.status === 'refused')
                    .map((file, index) => (
                      <li key={index}>
                        <span className="problem-file">{file.file}</span>
                        <br />
                        {file.reason?.[language]}
                      </li>
                    ))}
                </ul>
              </>
            )}
            <PerFile files={partial.files} />
          </>
        )}
        {phase.name === 'rejected' && (
          <>
            <h2>{t('records.import.refusedTitle')}</h2>
            <p className="strong">{t('records.import.nothingImported')}</p>
            <p>{t(`intake.result.${phase.reason}`, { file: phase.fileName ?? '' })}</p>
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

/** "271 bestanden: 268 geïmporteerd, 2 had u al, 1 overgeslagen." and the records in them. */
function RunSummary({ report }: { report: ImportRunReport }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const files = report.files.length;
  const parts = (['imported', 'unchanged', 'refused', 'skipped'] as const)
    .filter((status) => report.counts[status] > 0)
    .map((status) => t(`bulk.parts.${status}`, { count: report.counts[status], number: formatNumber(report.counts[status], language) }));
  const records = Object.values(report.records.byType).reduce((sum, n) => sum + n, 0);
  const recordParts = (['created', 'updated', 'unchanged'] as const)
    .filter((part) => report.records[part] > 0)
    .map((part) => t(`intake.result.parts.${part}`, { count: report.records[part], number: formatNumber(report.records[part], language) }));
  if (files === 0) return <p data-testid="import-summary">{t('bulk.empty')}</p>;
  return (
    <>
      <p data-testid="import-summary">{t('bulk.files', { count: files, number: formatNumber(files, language), parts: parts.join(', ') })}</p>
      {records > 0 && recordParts.length > 0 && (
        <p data-testid="import-records">{t('bulk.records', { count: records, number: formatNumber(records, language), parts: recordParts.join(', ') })}</p>
      )}
    </>
  );
}

/** Every file with what happened to it, on request. */
function PerFile({ files }: { files: ImportFileOutcome[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (files.length === 0) return null;
  return (
    <details className="import-details">
      <summary>{t('bulk.perFile')}</summary>
      {/* A long list scrolls in place; focusable so it scrolls with the keyboard too. */}
      <ul className="import-file-list" data-testid="import-files" tabIndex={0} aria-label={t('bulk.perFile')}>
        {files.map((file, index) => (
          <li key={index}>
            <span className="problem-file">{file.file}</span>: {t(`bulk.status.${file.status}`)}
            {file.reason && file.status !== 'refused' && <span className="muted"> — {file.reason[language]}</span>}
            {file.reason && file.status === 'refused' && <> — {file.reason[language]}</>}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** "34 gegevens geïmporteerd uit huisarts.json: 30 nieuw, 4 waren er al." */
function successLine(t: T, outcome: ImportFileOutcome, language: Language): string {
  const files = listInWords([outcome.file], language);
  const total = outcome.resources ?? 0;
  if (total === 0) return t('intake.result.empty', { files });
  const parts = (['created', 'updated', 'unchanged'] as const)
    .filter((part) => (outcome[part] ?? 0) > 0)
    .map((part) => t(`intake.result.parts.${part}`, { count: outcome[part] ?? 0, number: formatNumber(outcome[part] ?? 0, language) }));
  return t('intake.result.summary', { count: total, number: formatNumber(total, language), files, parts: parts.join(', ') });
}
