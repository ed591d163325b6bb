/**
 * Date and time fields that follow the app's language, not the browser's: plain text fields with a
 * hint ("dag-maand-jaar, bijvoorbeeld 03-02-2025"; "uu:mm, 24-uursklok"), an error under the field,
 * and the value tidied up when the person leaves the field. The parent keeps the text and checks
 * it with parseDayInput / parseTimeInput when the form is sent (see date-input.ts).
 */
import { type Ref, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../app/store';
import { formatDayInput, parseDayInput, parseTimeInput } from './date-input';

interface TextDateFieldProps {
  label: string;
  value: string;
  onValue(text: string): void;
  /** Shown under the field, and the field is marked invalid. */
  error?: string | null | undefined;
  inputRef?: Ref<HTMLInputElement>;
  id?: string;
  required?: boolean;
}

function TextDateField({
  kind,
  label,
  value,
  onValue,
  error,
  inputRef,
  id,
  required,
  tidy,
}: TextDateFieldProps & { kind: 'date' | 'time'; tidy(text: string): string | null }) {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const generated = useId();
  const inputId = id ?? generated;
  const example = kind === 'date' ? formatDayInput('2025-02-03', language) : '14:30';
  return (
    <div className={`field field-${kind}`}>
      <label htmlFor={inputId}>{label}</label>
      <p id={`${inputId}-hint`} className="field-hint">
        {t(`dateInput.${kind}Hint`, { example })}
      </p>
      <input
        ref={inputRef}
        id={inputId}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        className={`input-${kind}`}
        maxLength={kind === 'date' ? 12 : 6}
        value={value}
        onChange={(event) => onValue(event.target.value)}
        onBlur={() => {
          const tidied = tidy(value);
          if (tidied !== null && tidied !== value) onValue(tidied);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={[`${inputId}-hint`, error && `${inputId}-error`].filter(Boolean).join(' ')}
        required={required}
      />
      {error && (
        <p id={`${inputId}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A day as dd-mm-jjjj (Dutch) or dd/mm/yyyy (English). */
export function DateField(props: TextDateFieldProps) {
  const language = useAppStore((s) => s.language);
  return (
    <TextDateField
      {...props}
      kind="date"
      tidy={(text) => {
        const iso = parseDayInput(text);
        return iso && formatDayInput(iso, language);
      }}
    />
  );
}

/** A time of day on the 24-hour clock, uu:mm. */
export function TimeField(props: TextDateFieldProps) {
  return <TextDateField {...props} kind="time" tidy={parseTimeInput} />;
}

/** What to say under a field whose text is not a date or time, with an example in the app's format. */
export function useDateInputErrors(): { dateInvalid: string; timeInvalid: string } {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  return {
    dateInvalid: t('dateInput.dateInvalid', { example: formatDayInput('2025-02-03', language) }),
    timeInvalid: t('dateInput.timeInvalid', { example: '14:30' }),
  };
}
