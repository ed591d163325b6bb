/**
 * "Meting toevoegen": what was measured, the value(s) in plain units (a Dutch decimal comma is fine),
 * when (now, unless changed) and an optional note. Checked here in plain words before the core
 * checks it again; a field with a problem says what is wrong and gets the focus.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, StatusMessage } from '../components/Alert';
import { localDayAndTime, formatDayInput, parseDayInput, parseTimeInput } from '../components/date-input';
import { DateField, TimeField, useDateInputErrors } from '../components/DateTimeFields';
import { useErrorText } from '../components/useErrorText';
import { formatNumber } from '../records/common/format';
import { useLanguage } from '../records/common/useLanguage';
import { diastolicRange, kindInfo, type MeasurementKind, measurementKinds, parseDecimal } from './kinds';
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

/** "2025-06-01" + "09:30" (local time) → "2025-06-01T09:30:00+02:00". */
function isoWithOffset(date: string, time: string): { iso: string; ms: number } | null {
  const local = new Date(`${date}T${time}:00`);
  if (Number.isNaN(local.getTime())) return null;
  const offset = -local.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return { iso: `${date}T${time}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`, ms: local.getTime() };
}

export function AddMeasurementForm() {
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
  const base = useId();
  const [kind, setKind] = useState<MeasurementKind>('blood-pressure');
  const [value, setValue] = useState('');
  const [value2, setValue2] = useState('');
  const [{ date, time }, setWhen] = useState(localNow);
  const [note, setNote] = useState('');
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

  const info = kindInfo[kind];
  const isBp = kind === 'blood-pressure';
  const num = (n: number) => formatNumber(n, language);

  function checkNumber(text: string, range: [number, number], example: string): { value?: number; error?: string } {
    if (!text.trim()) return { error: t('measurements.errors.required') };
    const parsed = parseDecimal(text);
    if (parsed === null) return { error: t('measurements.errors.notNumber', { example }) };
    if (parsed < range[0] || parsed > range[1]) {
      return { error: t('measurements.errors.range', { low: num(range[0]), high: num(range[1]), unit: info.unit }) };
    }
    return { value: parsed };
  }

  function validate(): { errors: Errors; input?: { value: number; value2?: number; effectiveAt: string } } {
    const found: Errors = {};
    const first = checkNumber(value, info.range, examples[kind]);
    if (first.error) found.value = first.error;
    let second: { value?: number; error?: string } = {};
    if (isBp) {
      second = checkNumber(value2, diastolicRange, diastolicExample);
      if (second.error) found.value2 = second.error;
      else if (first.value !== undefined && second.value! >= first.value) found.value2 = t('measurements.errors.diastolicLower');
    }
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
    if (Object.keys(found).length > 0 || !when || first.value === undefined) return { errors: found };
    return { errors: found, input: { value: first.value, ...(isBp && { value2: second.value! }), effectiveAt: when.iso } };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setSaved(null);
    const result = validate();
    setErrors(result.errors);
    if (!result.input) {
      setFormError(t('measurements.form.checkFields'));
      const firstBad = (['value', 'value2', 'date', 'time'] as const).find((name) => result.errors[name]);
      if (firstBad) refs[firstBad].current?.focus();
      return;
    }
    setFormError(null);
    setBusy(true);
    try {
      const summary = await add({ kind, ...result.input, ...(note.trim() && { note: note.trim() }) });
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
          {t('measurements.form.unitHint', { unit: info.unit, example })}
        </p>
        <div className="input-with-unit">
          <input
            ref={refs[name]}
            id={id}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={text}
            onChange={(e) => onText(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={[`${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ')}
            maxLength={8}
          />
          <span className="unit" aria-hidden="true">
            {info.unit}
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
    <section className="panel measurement-form" aria-labelledby={`${base}-title`}>
      <h2 id={`${base}-title`}>{t('measurements.form.title')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorAlert message={formError} />
        <div className="field">
          <label htmlFor={`${base}-kind`}>{t('measurements.form.kind')}</label>
          <select
            id={`${base}-kind`}
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as MeasurementKind);
              setErrors({});
              setFormError(null);
            }}
          >
            {measurementKinds.map((k) => (
              <option key={k} value={k}>
                {t(`measurements.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
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
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('measurements.form.saving') : t('measurements.form.save')}
        </button>
        <StatusMessage message={saved} tone="success" />
      </form>
    </section>
  );
}
