/**
 * Filling in a questionnaire: the questions that apply (enableWhen, worked out as the person
 * answers), grouped under headings, each with its own field; answers kept as a draft in the
 * profile's synced record shortly after every change; "Controleren en versturen" lists what still
 * needs fixing (a summary whose links go to the fields, and the same words under each field) or
 * shows exactly what will be sent before the person sends it.
 *
 * Problems follow the shared rules (contract/questionnaire-answers.ts), so the form and the core
 * give the same verdict. A field shows a problem with what was typed once the person left it; a
 * missing required answer only after "Controleren", so nobody is scolded for not being there yet.
 */
import { Fragment, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkAnswers } from '../../../src-preload/contract/questionnaire-answers';
import { allItems, type QuestionItem, type QuestionnaireForm as Form } from '../../../src-preload/contract/questionnaire-form';
import { answerProblemText } from '../../../src-preload/contract/questionnaire-problems';
import type { QuestionnaireCheck, QuestionnaireDetail } from '../../../src-preload/contract/questionnaires';
import { setFormDraft, takeRestored } from '../app/drafts';
import { ErrorAlert, StatusMessage } from '../components/Alert';
import { useErrorText } from '../components/useErrorText';
import { useLanguage } from '../records/common/useLanguage';
import { type FieldValue, type FieldValues, initialValues, looseAnswers } from './form-state';
import { QuestionField, questionText } from './QuestionField';
import { SendAnswers } from './SendAnswers';
import { formKey, useQuestionnairesStore } from './store';

const saveDelayMs = 700;

type SaveState = { state: 'idle' } | { state: 'saving' } | { state: 'saved'; at: string | null } | { state: 'failed'; reason: string };

export function QuestionnaireForm({ detail, form }: { detail: QuestionnaireDetail; form: Form }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const errorText = useErrorText();
  const base = useId();
  const saveDraft = useQuestionnairesStore((s) => s.saveDraft);
  const checkInCore = useQuestionnairesStore((s) => s.check);
  // Input typed just before a lock (not saved yet) wins over the saved draft.
  const [values, setValues] = useState<FieldValues>(() => {
    const restored = takeRestored<{ id: string; values: FieldValues }>(formKey);
    return restored?.id === detail.id ? restored.values : initialValues(form, detail.draft, language);
  });
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState<SaveState>({ state: 'idle' });
  const [review, setReview] = useState<QuestionnaireCheck | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const loose = useMemo(() => looseAnswers(values), [values]);
  const check = useMemo(() => checkAnswers(form, loose), [form, loose]);
  const items = useMemo(() => allItems(form.items), [form]);
  const ids = useMemo(() => new Map(items.map((item, i) => [item.linkId, `${base}-q${i}`])), [items, base]);
  const problems = useMemo(() => {
    const byId = new Map(items.map((item) => [item.linkId, item]));
    return check.problems.map((problem) => {
      const item = byId.get(problem.linkId) ?? null;
      return { ...problem, item, message: answerProblemText(problem, item, language) };
    });
  }, [check, items, language]);

  // Also in the core's lock stash (app/drafts.ts) until the form closes.
  useEffect(() => setFormDraft(formKey, { id: detail.id, values }), [detail.id, values]);
  useEffect(() => () => setFormDraft(formKey, null), []);

  // Keep the draft shortly after every change (not on the first render: nothing changed yet).
  const pending = useRef<Record<string, unknown> | null>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    pending.current = loose;
    const timer = setTimeout(() => void flush(), saveDelayMs);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- flush reads the latest answers through the ref
  }, [loose]);
  // Leaving the form (another screen, a lock) still keeps what was typed last.
  const flushRef = useRef<() => Promise<void>>(async () => undefined);
  useEffect(() => () => void flushRef.current(), []);
  flushRef.current = flush;
  async function flush(): Promise<void> {
    const answers = pending.current;
    if (!answers) return;
    pending.current = null;
    setSaving({ state: 'saving' });
    try {
      const at = await saveDraft(detail.id, answers);
      setSaving({ state: 'saved', at });
    } catch (error) {
      setSaving({ state: 'failed', reason: errorText(error) });
    }
  }

  const setValue = (linkId: string, value: FieldValue | undefined) => {
    setValues((current) => {
      const next = { ...current };
      if (value === undefined) delete next[linkId];
      else next[linkId] = value;
      return next;
    });
    setReview(null);
  };
  const touch = (linkId: string) => setTouched((current) => (current.has(linkId) ? current : new Set([...current, linkId])));
  const errorFor = (linkId: string): string | null => {
    const problem = problems.find((p) => p.linkId === linkId);
    if (!problem) return null;
    return attempted || (touched.has(linkId) && problem.code !== 'required') ? problem.message : null;
  };

  async function submit(event: { preventDefault(): void }) {
    event.preventDefault();
    setAttempted(true);
    setFormError(null);
    if (problems.length > 0) {
      setReview(null);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    try {
      await flush();
      const result = await checkInCore(detail.id, loose);
      if (result.problems.length > 0) {
        setFormError(result.problems.map((p) => `${p.question ?? p.linkId}: ${p.message}`).join(' '));
        return;
      }
      setReview(result);
    } catch (error) {
      setFormError(errorText(error));
    }
  }

  const focusField = (linkId: string) => {
    const target = document.getElementById(ids.get(linkId) ?? '');
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  };

  const renderItems = (list: readonly QuestionItem[], depth: number) =>
    list
      .filter((item) => check.enabled.has(item.linkId))
      .map((item) => {
        const id = ids.get(item.linkId)!;
        if (item.type === 'display') {
          return (
            <p key={item.linkId} className="question-display" id={id}>
              {questionText(item)}
            </p>
          );
        }
        if (item.type === 'group') {
          const Heading = depth === 0 ? 'h2' : depth === 1 ? 'h3' : 'h4';
          const error = errorFor(item.linkId);
          return (
            <section key={item.linkId} className="question-section" aria-labelledby={`${id}-title`}>
              {item.text && (
                <Heading id={`${id}-title`}>
                  {questionText(item)}
                </Heading>
              )}
              {error && (
                <p className="field-error" id={id} tabIndex={-1}>
                  {error}
                </p>
              )}
              {renderItems(item.items, depth + 1)}
            </section>
          );
        }
        return (
          <Fragment key={item.linkId}>
            <QuestionField
              item={item}
              id={id}
              value={values[item.linkId]}
              onChange={(value) => setValue(item.linkId, value)}
              onBlur={() => touch(item.linkId)}
              error={errorFor(item.linkId)}
            />
            {item.items.length > 0 && <div className="question-children">{renderItems(item.items, depth + 1)}</div>}
          </Fragment>
        );
      });

  const savedText =
    saving.state === 'saving'
      ? t('questionnaires.saving')
      : saving.state === 'saved' && saving.at
        ? t('questionnaires.savedAt', { time: new Date(saving.at).toLocaleTimeString(language === 'nl' ? 'nl-NL' : 'en-GB', { hour: '2-digit', minute: '2-digit' }) })
        : null;

  if (review) {
    return <SendAnswers detail={detail} check={review} answers={loose} onBack={() => setReview(null)} />;
  }

  return (
    <form className="questionnaire-form" onSubmit={(e) => void submit(e)} noValidate>
      {attempted && problems.length > 0 && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef} aria-labelledby={`${base}-summary`}>
          <h2 id={`${base}-summary`}>{t('questionnaires.problemsTitle', { count: problems.length })}</h2>
          <p>{t('questionnaires.problemsIntro')}</p>
          <ul>
            {problems.map((problem, i) => (
              <li key={`${problem.linkId}-${i}`}>
                <a
                  href={`#${ids.get(problem.linkId) ?? ''}`}
                  onClick={(e) => {
                    e.preventDefault();
                    focusField(problem.linkId);
                  }}
                >
                  {problem.item ? questionText(problem.item) : problem.linkId}
                </a>
                : {problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="muted">{t('questionnaires.requiredNote')}</p>
      {renderItems(form.items, 0)}
      <ErrorAlert message={formError ?? (saving.state === 'failed' ? t('questionnaires.saveFailed', { reason: saving.reason }) : null)} />
      <StatusMessage message={savedText} />
      <div className="button-row">
        <button type="submit" className="button button-primary button-large">
          {t('questionnaires.check')}
        </button>
      </div>
    </form>
  );
}
