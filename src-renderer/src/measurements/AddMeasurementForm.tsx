/**
 * "Meting toevoegen": what was measured, the value(s) in plain units (a Dutch decimal comma is fine),
 * when (now, unless changed) and an optional note. Checked here in plain words before the core
 * checks it again (the same limits, from the contract); a field with a problem says what is wrong and
 * gets the focus. A possible but unusual value (300/80) asks "Klopt dit?" before anything is saved.
 * With `editing` the same form corrects an own measurement ("Meting wijzigen").
 */
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { unusualSentence } from '../../../src-preload/contract/errors';
import type { MeasurementDetail } from '../../../src-preload/contract/measurements';
import { useTranslation } from 'react-i18next';
import { setFormDraft, takeRestored } from '../app/drafts';
import { ErrorAlert, StatusMessage } from '../components/Alert';
import { localDayAndTime, formatDayInput, parseDayInput, parseTimeInput } from '../components/date-input';
import { DateField, TimeField, useDateInputErrors } from '../components/DateTimeFields';
import { useErrorText } from '../components/useErrorText';
import { formatNumber } from '../records/common/format';
import { useLanguage } from '../records/common/useLanguage';
import { checkMeasurement, type MeasurementFinding, type MeasurementKind, measurementKinds, measurementLimits, parseDecimal } from './kinds';
import { useMeasurementsStore } from './store';

const examples: Record<MeasurementKind, string> = {
  'blood-pressure': '125',
  weight: '72,5',
  glucose: '5,4',
  'heart-rate': '68',
  temperature: '37,2',
};
const diastolicExample = '80';

type FieldName = 'value' | 'value2' | 'date' | 'time';
type Errors = Partial<Record<FieldName, string>>;

const pad = (n: number) => String(n).padStart(2, '0');

/** What a half-filled "Meting toevoegen" holds, kept across a lock (app/drafts.ts). */
interface MeasurementDraft {
  kind: MeasurementKind;
  value: string;
  value2: string;
  date: string;
  time: string;
  note: string;
}
const draftKey = 'measurements.add';

/** "2025-06-01" + "09:30" (local time) → "2025-06-01T09:30:00+02:00". */
function isoWithOffset(date: string, time: string): { iso: string; ms: number } | null {
  const local = new Date(`${date}T${time}:00`);
  if (Number.isNaN(local.getTime())) return null;
  const offset = -local.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return { iso: `${date}T${time}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`, ms: local.getTime() };
}

/** An own measurement being corrected: the form starts from what it says and saves a correction. */
export interface EditedMeasurement {
  detail: MeasurementDetail;
  onSaved(detail: MeasurementDetail): void;
  onCancel(): void;
}

export function AddMeasurementForm({ editing, after }: { editing?: EditedMeasurement; after?: ReactNode } = {}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const errorText = useErrorText();
  const dateErrors = useDateInputErrors();
  // Date and time as the person reads and types them (dd-mm-jjjj, 24-hour clock), now unless changed.
  const localNow = () => {
    const { day, time } = localDayAndTime();
    return { date: formatDayInput(day, language), time };
  };
  const add = useMeasurementsStore((s) => s.add);
  const correct = useMeasurementsStore((s) => s.correct);
  const base = useId();
  const edited = editing?.detail;
  // The moment as the form shows it: the measurement's own when correcting, else now.
  const [initialWhen] = useState(() => {
    if (!edited) return localNow();
    const { day, time: clock } = localDayAndTime(new Date(edited.date));
    return { date: formatDayInput(day, language), time: clock };
  });
  // Input typed before a lock comes back (only when adding; a correction starts from the record).
  const [draft] = useState(() => (edited ? undefined : takeRestored<MeasurementDraft>(draftKey)));
  const [kind, setKind] = useState<MeasurementKind>(edited?.kind ?? draft?.kind ?? 'blood-pressure');
  const [value, setValue] = useState(edited ? formatNumber(edited.value, language) : (draft?.value ?? ''));
  const [value2, setValue2] = useState(edited?.value2 !== undefined ? formatNumber(edited.value2, language) : (draft?.value2 ?? ''));
  const [{ date, time }, setWhen] = useState(draft ? { date: draft.date, time: draft.time } : initialWhen);
  const [note, setNote] = useState(edited?.note ?? draft?.note ?? '');
  useEffect(() => {
    if (edited) return;
    const typed = value.trim() !== '' || value2.trim() !== '' || note.trim() !== '';
    setFormDraft(draftKey, typed ? ({ kind, value, value2, date, time, note } satisfies MeasurementDraft) : null);
  }, [edited, kind, value, value2, date, time, note]);
  useEffect(() => () => setFormDraft(draftKey, null), []);
  /** Unusual values waiting for "Klopt dit?"; null when not asking. */
  const [confirming, setConfirming] = useState<MeasurementFinding[] | null>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refs = {
    value: useRef<HTMLInputElement>(null),
    value2: useRef<HTMLInputElement>(null),
    date: useRef<HTMLInputElement>(null),
    time: useRef<HTMLInputElement>(null),
  };

  const limits = measurementLimits[kind];
  const isBp = kind === 'blood-pressure';
  const num = (n: number) => formatNumber(n, language);

  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
  }, [confirming]);

  function checkNumber(text: string, range: readonly [number, number], example: string): { value?: number; error?: string } {
    if (!text.trim()) return { error: t('measurements.errors.required') };
    const parsed = parseDecimal(text);
    if (parsed === null) return { error: t('measurements.errors.notNumber', { example }) };
    if (parsed < range[0] || parsed > range[1]) {
      return { error: t('measurements.errors.range', { low: num(range[0]), high: num(range[1]), unit: limits.unit }) };
    }
    return { value: parsed };
  }

  function validate(): {
    errors: Errors;
    input?: { value: number; value2?: number; effectiveAt: string };
    unusual: MeasurementFinding[];
  } {
    const found: Errors = {};
    const first = checkNumber(value, limits.possible, examples[kind]);
    if (first.error) found.value = first.error;
    let second: { value?: number; error?: string } = {};
    if (isBp) {
      second = checkNumber(value2, limits.second!.possible, diastolicExample);
      if (second.error) found.value2 = second.error;
    }
    const findings = first.value !== undefined && (!isBp || second.value !== undefined) ? checkMeasurement(kind, first.value, second.value) : [];
    for (const finding of findings) {
      if (finding.problem === 'order') found.value2 = t('measurements.errors.diastolicLower');
      else if (finding.problem === 'too-close') found.value2 = t('measurements.errors.tooClose', { low: finding.low });
    }
    const unusual = findings.filter((finding) => finding.severity === 'unusual');
    const day = parseDayInput(date);
    const clock = parseTimeInput(time);
    if (!date.trim()) found.date = t('measurements.errors.dateRequired');
    else if (!day) found.date = dateErrors.dateInvalid;
    if (!time.trim()) found.time = t('measurements.errors.timeRequired');
    else if (!clock) found.time = dateErrors.timeInvalid;
    const when = day && clock ? isoWithOffset(day, clock) : null;
    if (day && clock) {
      if (!when) found.date = dateErrors.dateInvalid;
      else if (when.ms > Date.now() + 5 * 60 * 1000) found.date = t('measurements.errors.future');
      else if (Number(day.slice(0, 4)) < 1900) found.date = t('measurements.errors.tooOld');
    }
    if (Object.keys(found).length > 0 || !when || first.value === undefined) return { errors: found, unusual };
    return { errors: found, input: { value: first.value, ...(isBp && { value2: second.value! }), effectiveAt: when.iso }, unusual };
  }

  /** `confirmed`: the person answered "Klopt dit?" with yes. */
  async function submit(event: { preventDefault(): void }, confirmed = false) {
    event.preventDefault();
    if (busy) return;
    setSaved(null);
    const result = validate();
    setErrors(result.errors);
    if (!result.input) {
      setConfirming(null);
      setFormError(t('measurements.form.checkFields'));
      const firstBad = (['value', 'value2', 'date', 'time'] as const).find((name) => result.errors[name]);
      if (firstBad) refs[firstBad].current?.focus();
      return;
    }
    setFormError(null);
    if (!confirmed && result.unusual.length > 0) {
      setConfirming(result.unusual);
      return;
    }
    setConfirming(null);
    setBusy(true);
    const values = { ...result.input, ...(confirmed && { confirmedImplausible: true }) };
    try {
      if (edited && editing) {
        // The moment is sent only when the person changed it (it keeps its seconds otherwise).
        const { effectiveAt, ...rest } = values;
        const moved = date !== initialWhen.date || time !== initialWhen.time;
        const detail = await correct(edited.id, { ...rest, ...(moved && { effectiveAt }), note: note.trim() });
        setSaved(t('measurements.edit.saved', { kind: t(`measurements.kinds.${kind}`), value: detail.valueText }));
        editing.onSaved(detail);
        return;
      }
      const summary = await add({ kind, ...values, ...(note.trim() && { note: note.trim() }) });
      setSaved(t('measurements.form.saved', { kind: t(`measurements.kinds.${kind}`), value: summary.valueText ?? '' }));
      setValue('');
      setValue2('');
      setNote('');
      setWhen(localNow());
    } catch (error) {
      setFormError(t('measurements.form.failed', { reason: errorText(error) }));
    } finally {
      setBusy(false);
    }
  }

  const numberField = (name: 'value' | 'value2', label: string, text: string, onText: (v: string) => void, example: string) => {
    const id = `${base}-${name}`;
    const error = errors[name];
    return (
      <div className="field measurement-value">
        <label htmlFor={id}>{label}</label>
        <p id={`${id}-hint`} className="field-hint">
          {t('measurements.form.unitHint', { unit: limits.unit, example })}
        </p>
        <div className="input-with-unit">
          <input
            ref={refs[name]}
            id={id}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={text}
            onChange={(e) => {
              onText(e.target.value);
              setConfirming(null);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={[`${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ')}
            maxLength={8}
          />
          <span className="unit" aria-hidden="true">
            {limits.unit}
          </span>
        </div>
        {error && (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        )}
      </div>
    );
  };

  const whenField = (name: 'date' | 'time', label: string, text: string) => {
    const Field = name === 'date' ? DateField : TimeField;
    return (
      <Field
        id={`${base}-${name}`}
        inputRef={refs[name]}
        label={label}
        value={text}
        onValue={(value) => setWhen((w) => ({ ...w, [name]: value }))}
        error={errors[name]}
        required
      />
    );
  };

  return (
    <section className="panel measurement-form" aria-labelledby={`${base}-title`} data-testid={edited ? 'measurement-edit' : undefined}>
      <h2 id={`${base}-title`} tabIndex={-1}>
        {edited ? t('measurements.edit.title') : t('measurements.form.title')}
      </h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorAlert message={formError} />
        {edited ? (
          <p className="measurement-edit-kind">{t('measurements.edit.what', { kind: t(`measurements.kinds.${kind}`) })}</p>
        ) : (
          <div className="field">
            <label htmlFor={`${base}-kind`}>{t('measurements.form.kind')}</label>
            <select
              id={`${base}-kind`}
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as MeasurementKind);
                setErrors({});
                setFormError(null);
                setConfirming(null);
              }}
            >
              {measurementKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`measurements.kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field-group">
          {isBp ? (
            <>
              {numberField('value', t('measurements.form.systolic'), value, setValue, examples[kind])}
              {numberField('value2', t('measurements.form.diastolic'), value2, setValue2, diastolicExample)}
            </>
          ) : (
            numberField('value', t(`measurements.form.value.${kind}`), value, setValue, examples[kind])
          )}
        </div>
        <fieldset className="field-group-fieldset">
          <legend>{t('measurements.form.when')}</legend>
          <div className="field-group">
            {whenField('date', t('measurements.form.date'), date)}
            {whenField('time', t('measurements.form.time'), time)}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={`${base}-note`}>{t('measurements.form.note')}</label>
          <p id={`${base}-note-hint`} className="field-hint">
            {t('measurements.form.noteHint')}
          </p>
          <textarea
            id={`${base}-note`}
            value={note}
            maxLength={500}
            rows={2}
            onChange={(e) => setNote(e.target.value)}
            aria-describedby={`${base}-note-hint`}
          />
        </div>
        {confirming ? (
          <div className="confirm-box" role="group" aria-labelledby={`${base}-confirm`}>
            <h3 id={`${base}-confirm`} ref={confirmHeading} tabIndex={-1}>
              {t('measurements.confirm.title')}
            </h3>
            {confirming.map((finding) => (
              <p key={finding.field}>{unusualSentence({ ...finding, unit: limits.unit }, language)}</p>
            ))}
            <p>{t('measurements.confirm.explain')}</p>
            <div className="button-row">
              <button type="button" className="button button-primary" disabled={busy} onClick={(e) => void submit(e, true)}>
                {t('measurements.confirm.yes')}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setConfirming(null);
                  refs[confirming[0]?.field === 'diastolic' ? 'value2' : 'value'].current?.focus();
                }}
              >
                {t('measurements.confirm.no')}
              </button>
            </div>
          </div>
        ) : (
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('measurements.form.saving') : edited ? t('measurements.edit.save') : t('measurements.form.save')}
            </button>
            {editing && (
              <button type="button" className="button" onClick={editing.onCancel}>
                {t('measurements.edit.close')}
              </button>
            )}
          </div>
        )}
        <StatusMessage message={saved} tone="success" />
      </form>
      {after}
    </section>
  );
}
