/**
 * One question of a questionnaire, by its type: yes/no and choices as radio buttons or checkboxes
 * in a fieldset (with "Anders, namelijk" and a text field for an open choice), numbers with their
 * unit and limits in the hint, text fields, and the app's own date and time fields. Every field has
 * a visible label (the question, with "verplicht" when it is), and a problem says what to fix right
 * under it (aria-describedby, aria-invalid).
 */
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionItem } from '../../../src-preload/contract/questionnaire-form';
import { DateField, TimeField } from '../components/DateTimeFields';
import { formatNumber } from '../records/common/format';
import { useLanguage } from '../records/common/useLanguage';
import { chosenKeys, type FieldValue, isOther, isParts } from './form-state';

export interface QuestionFieldProps {
  item: QuestionItem;
  /** The id of the first focusable control (the error summary links to it). */
  id: string;
  value: FieldValue | undefined;
  onChange(value: FieldValue | undefined): void;
  onBlur(): void;
  /** What to fix, shown under the field; null when nothing (or not yet). */
  error: string | null;
}

export function QuestionField(props: QuestionFieldProps) {
  const { item } = props;
  if (item.unsupported) return <Unsupported {...props} />;
  switch (item.type) {
    case 'boolean':
      return <YesNo {...props} />;
    case 'choice':
    case 'open-choice':
      return <Choice {...props} />;
    case 'decimal':
    case 'integer':
    case 'quantity':
      return <NumberQuestion {...props} />;
    case 'date':
      return <DateQuestion {...props} />;
    case 'time':
      return <TimeQuestion {...props} />;
    case 'dateTime':
      return <DateTimeQuestion {...props} />;
    default:
      return <TextQuestion {...props} />;
  }
}

export function questionText(item: QuestionItem): string {
  return [item.prefix, item.text].filter(Boolean).join(' ') || item.linkId;
}

function Label({ item }: { item: QuestionItem }) {
  const { t } = useTranslation();
  return (
    <>
      {questionText(item)}
      {item.required && <span className="question-required"> ({t('questionnaires.required')})</span>}
    </>
  );
}

function ErrorText({ id, error }: { id: string; error: string | null }) {
  return error ? (
    <p id={`${id}-error`} className="field-error">
      {error}
    </p>
  ) : null;
}

const describedBy = (...ids: Array<string | false | null | undefined>) => ids.filter(Boolean).join(' ') || undefined;

function Group({ id, item, error, children, hint }: { id: string; item: QuestionItem; error: string | null; children: ReactNode; hint?: ReactNode }) {
  return (
    <fieldset className="question question-group-choice" aria-describedby={describedBy(hint ? `${id}-hint` : null, error && `${id}-error`)}>
      <legend>
        <Label item={item} />
      </legend>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {children}
      <ErrorText id={id} error={error} />
    </fieldset>
  );
}

function ClearButton({ item, value, onChange }: Pick<QuestionFieldProps, 'item' | 'value' | 'onChange'>) {
  const { t } = useTranslation();
  if (item.required || value === undefined || chosenKeys(value).length === 0) return null;
  return (
    <button type="button" className="link-button question-clear" onClick={() => onChange(undefined)}>
      {t('questionnaires.clear')}
      <span className="visually-hidden">: {questionText(item)}</span>
    </button>
  );
}

function YesNo({ item, id, value, onChange, onBlur, error }: QuestionFieldProps) {
  const { t } = useTranslation();
  const options: Array<[boolean, string]> = [
    [true, t('questionnaires.yes')],
    [false, t('questionnaires.no')],
  ];
  return (
    <Group id={id} item={item} error={error}>
      <div className="segmented">
        {options.map(([answer, label], i) => (
          <label key={label} className={`segment${value === answer ? ' segment-selected' : ''}`}>
            <input
              type="radio"
              id={i === 0 ? id : undefined}
              name={id}
              checked={value === answer}
              onChange={() => onChange(answer)}
              onBlur={onBlur}
              aria-invalid={error ? true : undefined}
            />
            {label}
          </label>
        ))}
      </div>
      {typeof value === 'boolean' && !item.required && (
        <button type="button" className="link-button question-clear" onClick={() => onChange(undefined)}>
          {t('questionnaires.clear')}
          <span className="visually-hidden">: {questionText(item)}</span>
        </button>
      )}
    </Group>
  );
}

function Choice({ item, id, value, onChange, onBlur, error }: QuestionFieldProps) {
  const { t } = useTranslation();
  const chosen = chosenKeys(value);
  const other = chosen.find(isOther);
  const open = item.type === 'open-choice';
  const multiple = item.repeats;
  const toggle = (key: string, on: boolean) => {
    if (!multiple) return onChange(on ? key : undefined);
    const rest = chosen.filter((c) => c !== key);
    onChange(on ? [...rest, key] : rest);
  };
  const setOther = (text: string | null) => {
    const rest = chosen.filter((c) => !isOther(c));
    if (!multiple) return onChange(text === null ? undefined : { other: text });
    onChange(text === null ? rest : [...rest, { other: text }]);
  };
  const inputType = multiple ? 'checkbox' : 'radio';
  return (
    <Group id={id} item={item} error={error}>
      <div className="question-options">
        {item.options.map((option, i) => (
          <label key={option.key} className="checkbox">
            <input
              type={inputType}
              id={i === 0 ? id : undefined}
              name={id}
              checked={chosen.includes(option.key)}
              onChange={(e) => (multiple ? toggle(option.key, e.target.checked) : e.target.checked && toggle(option.key, true))}
              onBlur={onBlur}
              aria-invalid={error ? true : undefined}
            />
            {option.label}
          </label>
        ))}
        {open && (
          <>
            <label className="checkbox">
              <input
                type={inputType}
                id={item.options.length === 0 ? id : undefined}
                name={id}
                checked={other !== undefined}
                onChange={(e) => setOther(e.target.checked ? (other?.other ?? '') : null)}
                onBlur={onBlur}
              />
              {t('questionnaires.other')}
            </label>
            {other !== undefined && (
              <div className="field question-other">
                <label htmlFor={`${id}-other`}>{t('questionnaires.otherText')}</label>
                <input id={`${id}-other`} type="text" value={other.other} onChange={(e) => setOther(e.target.value)} onBlur={onBlur} autoComplete="off" />
              </div>
            )}
          </>
        )}
      </div>
      <ClearButton item={item} value={value} onChange={onChange} />
    </Group>
  );
}

function NumberQuestion({ item, id, value, onChange, onBlur, error }: QuestionFieldProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const integer = item.type === 'integer';
  const num = (n: number | string | null) => (typeof n === 'number' ? formatNumber(n, language) : '');
  const min = num(item.minValue);
  const max = num(item.maxValue);
  const example = integer ? '3' : language === 'nl' ? '72,5' : '72.5';
  const hint = [
    item.unit && t('questionnaires.unitHint', { unit: item.unit.label }),
    integer ? t('questionnaires.integerHint', { example }) : t('questionnaires.numberHint', { example }),
    min && max ? t('questionnaires.between', { min, max }) : min ? t('questionnaires.atLeast', { min }) : max ? t('questionnaires.atMost', { max }) : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field question">
      <label htmlFor={id}>
        <Label item={item} />
      </label>
      <p id={`${id}-hint`} className="field-hint">
        {hint}
      </p>
      <div className="input-with-unit">
        <input
          id={id}
          type="text"
          inputMode={integer ? 'numeric' : 'decimal'}
          autoComplete="off"
          className="question-number"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
          onBlur={onBlur}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(`${id}-hint`, error && `${id}-error`)}
        />
        {item.unit && (
          <span className="unit" aria-hidden="true">
            {item.unit.label}
          </span>
        )}
      </div>
      <ErrorText id={id} error={error} />
    </div>
  );
}

function TextQuestion({ item, id, value, onChange, onBlur, error }: QuestionFieldProps) {
  const { t } = useTranslation();
  const hint = item.maxLength !== null ? t('questionnaires.maxLength', { max: item.maxLength }) : null;
  const shared = {
    id,
    value: typeof value === 'string' ? value : '',
    onBlur,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(hint && `${id}-hint`, error && `${id}-error`),
  };
  return (
    <div className="field question">
      <label htmlFor={id}>
        <Label item={item} />
      </label>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {item.type === 'text' ? (
        <textarea {...shared} rows={4} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...shared} type="text" inputMode={item.type === 'url' ? 'url' : undefined} autoComplete="off" onChange={(e) => onChange(e.target.value)} />
      )}
      <ErrorText id={id} error={error} />
    </div>
  );
}

function DateQuestion(props: QuestionFieldProps) {
  return <DayOrTime {...props} Field={DateField} />;
}

function TimeQuestion(props: QuestionFieldProps) {
  return <DayOrTime {...props} Field={TimeField} />;
}

/** A date or a time of day: the app's own text fields (language-independent, 24-hour clock). */
function DayOrTime({ item, id, value, onChange, onBlur, error, Field }: QuestionFieldProps & { Field: typeof DateField }) {
  const { t } = useTranslation();
  return (
    <div className="question" onBlur={onBlur}>
      <Field id={id} label={labelText(item, t)} value={typeof value === 'string' ? value : ''} onValue={onChange} error={error} required={item.required} />
    </div>
  );
}

function DateTimeQuestion({ item, id, value, onChange, onBlur, error }: QuestionFieldProps) {
  const { t } = useTranslation();
  const parts = isParts(value) ? value : { date: '', time: '' };
  return (
    <fieldset className="question question-datetime" onBlur={onBlur} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>
        <Label item={item} />
      </legend>
      <div className="field-group">
        <DateField id={id} label={t('questionnaires.date')} value={parts.date} onValue={(date) => onChange({ ...parts, date })} />
        <TimeField id={`${id}-time`} label={t('questionnaires.time')} value={parts.time} onValue={(time) => onChange({ ...parts, time })} />
      </div>
      <ErrorText id={id} error={error} />
    </fieldset>
  );
}

function Unsupported({ item, id }: QuestionFieldProps) {
  const { t } = useTranslation();
  return (
    <div className="question question-unsupported" id={id} tabIndex={-1}>
      <p className="question-label">
        <Label item={item} />
      </p>
      <p className="field-hint">{t('questionnaires.unsupported')}</p>
    </div>
  );
}

function labelText(item: QuestionItem, t: (key: string) => string): string {
  return item.required ? `${questionText(item)} (${t('questionnaires.required')})` : questionText(item);
}
