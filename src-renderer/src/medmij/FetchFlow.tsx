import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../src-preload/contract/errors';
import { OtherPersonOffer } from '../records/import/OtherPersonOffer';
import type { FetchProgress, FetchQueryProgress } from '../../../src-preload/contract/medmij';
import { useSessionStore } from '../profiles/session';
import { formatDate } from '../records/common/format';
import { countsInWords, listInWords } from '../records/common/typeNames';
import { useLanguage } from '../records/common/useLanguage';
import { useRecordsNavigation } from '../records/navigation';
import { FocusHeading } from './FocusHeading';
import { isRunning, terminalStages, useMedmijStore, type FlowStep, type Plan } from './store';

/** One provider, one or more services: explain → log in (browser) → progress → result, per service. */
export function FetchFlow({ plan, step }: { plan: Plan; step: FlowStep }) {
  const { t } = useTranslation();
  const service = plan.services[plan.index];
  if (!service) return null;
  const total = plan.services.length;
  return (
    <section aria-labelledby="medmij-flow-title" className="medmij-flow panel" data-testid="medmij-flow">
      <FocusHeading id="medmij-flow-title" focusKey={`${plan.index}-${step.name === 'fetch' ? step.fetchId : step.name}`}>
        {t('medmij.flow.title', { provider: plan.provider.displayName })}
      </FocusHeading>
      <p className="strong" data-testid="medmij-flow-service">
        {total > 1
          ? t('medmij.flow.step', { number: plan.index + 1, total, service: service.name })
          : t('medmij.flow.service', { service: service.name })}
      </p>
      {step.name === 'fetch' ? <FetchView plan={plan} step={step} /> : <ExplainView plan={plan} step={step} />}
    </section>
  );
}

function ExplainView({ plan, step }: { plan: Plan; step: Extract<FlowStep, { name: 'explain' | 'starting' }> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const login = useMedmijStore((s) => s.login);
  const finish = useMedmijStore((s) => s.finish);
  const starting = step.name === 'starting';
  const total = plan.services.length;
  return (
    <>
      {total > 1 && plan.index === 0 && <p className="notice notice-calm">{t('medmij.flow.sequenceNote', { total })}</p>}
      <p className="lead" data-testid="medmij-explain">
        {t('medmij.flow.explain', { provider: plan.provider.displayName })}
      </p>
      <p className="muted">{t('medmij.flow.explainAfter')}</p>
      <RepresentationReminder />
      <div role="alert" className={step.name === 'explain' && step.error ? 'notice notice-error' : 'alert-empty'}>
        {step.name === 'explain' && step.error && (
          <>
            <p className="strong">{t('medmij.flow.beginFailed')}</p>
            <p>{errorMessage(step.error, language)}</p>
          </>
        )}
      </div>
      <p role="status" className={starting ? 'medmij-stage' : 'alert-empty'}>
        {starting && (
          <>
            <span className="spinner" aria-hidden="true" /> {t('medmij.flow.starting')}
          </>
        )}
      </p>
      <div className="actions">
        <button type="button" className="button button-primary" disabled={starting} onClick={() => void login()}>
          {t('medmij.flow.login')}
        </button>
        <button type="button" className="button" disabled={starting} onClick={finish}>
          {t('medmij.flow.back')}
        </button>
      </div>
    </>
  );
}

/**
 * On the way to DigiD, a caregiver's profile says whom the data is for: the person logs in with
 * their own DigiD and could otherwise think they fetch their own records (or the other way round).
 */
function RepresentationReminder() {
  const { t } = useTranslation();
  const language = useLanguage();
  const representation = useMedmijStore((s) => s.representation);
  const name = useSessionStore((s) => s.profile?.label);
  if (!representation || !name) return null;
  return (
    <div className="notice notice-warning" data-testid="medmij-for-person">
      <p className="strong">{t('medmij.flow.forPerson', { name, birthDate: formatDate(representation.birthDate, language) })}</p>
      <p>{t(representation.kind === 'onbehalfofchild' ? 'medmij.flow.forPersonChild' : 'medmij.flow.forPersonMandate', { name })}</p>
      <p>{t('medmij.flow.forPersonChange')}</p>
    </div>
  );
}

function stageKey(progress: FetchProgress): string {
  if (progress.stage === 'done' && progress.queries.some((q) => q.status === 'failed')) return 'partial';
  return progress.stage;
}

function FetchView({ plan, step }: { plan: Plan; step: Extract<FlowStep, { name: 'fetch' }> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const cancel = useMedmijStore((s) => s.cancel);
  const progress = step.progress;
  const stage = progress?.stage ?? 'waiting-for-login';
  const running = isRunning(step);
  const provider = plan.provider.displayName;

  return (
    <>
      <p role="status" aria-live="polite" className="medmij-stage" data-testid="medmij-stage">
        {running && <span className="spinner" aria-hidden="true" />}
        {t(`medmij.flow.stage.${progress ? stageKey(progress) : 'waiting-for-login'}`, { provider })}
      </p>
      {progress?.relay && (
        <p className="muted" data-testid="medmij-via-relay">
          {t('medmij.relay.via', { relay: progress.relay })}
        </p>
      )}
      {stage === 'waiting-for-login' && (
        <div className="medmij-waiting" data-testid="medmij-waiting">
          <p className="lead">{t('medmij.flow.waiting')}</p>
          <p>
            {t('medmij.flow.noWindow')}{' '}
            <a href={step.authorizationUrl} target="_blank" rel="noopener noreferrer">
              {t('medmij.flow.reopen')}
              <span className="visually-hidden"> {t('medmij.flow.reopenNewWindow')}</span>
            </a>
          </p>
        </div>
      )}
      {progress && stage !== 'waiting-for-login' && progress.queries.length > 0 && (
        <ol className="medmij-queries" aria-label={t('medmij.flow.progressList')} data-testid="medmij-queries">
          {progress.queries.map((query) => (
            <QueryRow key={query.id} query={query} />
          ))}
        </ol>
      )}
      {running && (
        <>
          <div role="alert" className={step.actionError ? 'alert alert-error' : 'alert-empty'}>
            {step.actionError && `${t('medmij.flow.cancelFailed')} ${errorMessage(step.actionError, language)}`}
          </div>
          <div className="actions">
            <button type="button" className="button" onClick={() => void cancel()}>
              {t('medmij.flow.cancel')}
            </button>
          </div>
        </>
      )}
      {progress && terminalStages.has(progress.stage) && <ResultView plan={plan} step={step} progress={progress} />}
    </>
  );
}

function QueryRow({ query }: { query: FetchQueryProgress }) {
  const { t } = useTranslation();
  const language = useLanguage();
  let text: string;
  if (query.status === 'pending') text = t('medmij.flow.query.pending');
  else if (query.status === 'running')
    text = query.received > 0 ? t('medmij.flow.query.runningCount', { count: query.received }) : t('medmij.flow.query.running');
  else if (query.status === 'done')
    text = query.received > 0 ? t('medmij.flow.query.done', { count: query.received }) : t('medmij.flow.query.doneNone');
  else text = t('medmij.flow.query.failed', { reason: query.error?.[language] ?? errorMessage({ code: 'internal' }, language) });
  return (
    <li className={`medmij-query medmij-query-${query.status}`} data-status={query.status}>
      <span className={`medmij-query-icon medmij-query-icon-${query.status}`} aria-hidden="true" />
      <span className="medmij-query-label">{query.label}</span>
      <span className="medmij-query-status">{text}</span>
    </li>
  );
}

function ResultView({ plan, step, progress }: { plan: Plan; step: Extract<FlowStep, { name: 'fetch' }>; progress: FetchProgress }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const retryFailed = useMedmijStore((s) => s.retryFailed);
  const restart = useMedmijStore((s) => s.restart);
  const next = useMedmijStore((s) => s.next);
  const finish = useMedmijStore((s) => s.finish);
  const setArea = useSessionStore((s) => s.setArea);
  const resetView = useRecordsNavigation((s) => s.reset);

  const failed = progress.queries.filter((q) => q.status === 'failed');
  const anyDone = progress.queries.some((q) => q.status === 'done');
  const kind =
    progress.stage === 'cancelled' ? 'cancelled' : progress.stage === 'failed' ? 'failed' : failed.length > 0 ? 'partial' : 'done';
  const { imported } = progress;
  const hasCounts = Object.values(imported.byType).some((n) => n > 0);
  const remaining = plan.services.slice(plan.index + 1);
  const nextService = remaining[0];
  const noticeClass =
    kind === 'done' ? 'notice-success' : kind === 'partial' ? 'notice-warning' : kind === 'failed' ? 'notice-error' : 'notice-calm';
  const title = t(`medmij.flow.${kind}Title`);

  const viewRecords = () => {
    // With services still to do, the plan stays: coming back here offers the next one.
    if (!nextService) finish();
    resetView();
    setArea('records');
  };

  return (
    <div className={`notice ${noticeClass} medmij-result`} data-testid="medmij-result" data-result={kind}>
      <FocusHeading level={3} focusKey={`${progress.fetchId}-${kind}`}>
        {title}
      </FocusHeading>
      {anyDone ? (
        <>
          <p data-testid="medmij-counts">
            {hasCounts ? t('medmij.flow.counts', { counts: countsInWords(t, imported.byType, language) }) : t('medmij.flow.countsNone')}
          </p>
          {hasCounts && (
            <p>
              {t('records.import.successDetail', { created: imported.created, updated: imported.updated, unchanged: imported.unchanged })}
            </p>
          )}
        </>
      ) : (
        kind !== 'done' && <p className="strong">{t('medmij.flow.nothingImported')}</p>
      )}
      {kind === 'partial' && (
        <>
          <p>{t('medmij.flow.partialExplain', { count: failed.length })}</p>
          <ul className="problem-list" data-testid="medmij-failed">
            {failed.map((q) => (
              <li key={q.id}>
                <span className="strong">{q.label}</span>: {q.error?.[language] ?? errorMessage({ code: 'internal' }, language)}
              </li>
            ))}
          </ul>
        </>
      )}
      {(kind === 'failed' || kind === 'cancelled') && progress.error && <p data-testid="medmij-reason">{progress.error[language]}</p>}
      {progress.otherPerson && <OtherPersonOffer />}
      <div role="alert" className={step.actionError ? 'alert alert-error' : 'alert-empty'}>
        {step.actionError && `${t('medmij.flow.retryFailed')} ${errorMessage(step.actionError, language)}`}
      </div>
      <div className="actions">
        {kind === 'partial' && !step.actionError && (
          <button type="button" className="button button-primary" onClick={() => void retryFailed()}>
            {t('medmij.flow.retry')}
          </button>
        )}
        {(kind === 'failed' || kind === 'cancelled' || (kind === 'partial' && step.actionError)) && (
          <button type="button" className="button button-primary" onClick={restart}>
            {t('medmij.flow.restart')}
          </button>
        )}
        {anyDone && (
          <button type="button" className="button" onClick={viewRecords}>
            {t('medmij.flow.viewRecords')}
          </button>
        )}
      </div>
      <div className="actions medmij-next">
        {nextService ? (
          <>
            <button type="button" className="button button-primary" onClick={next}>
              {t('medmij.flow.next', { service: nextService.name })}
            </button>
            <button type="button" className="button" onClick={finish}>
              {t('medmij.flow.finish')}
            </button>
          </>
        ) : (
          <button type="button" className="button" onClick={finish}>
            {t('medmij.flow.finish')}
          </button>
        )}
      </div>
      {remaining.length > 1 && (
        <p className="muted">{t('medmij.flow.nextNote', { services: listInWords(remaining.map((s) => s.name), language) })}</p>
      )}
    </div>
  );
}
