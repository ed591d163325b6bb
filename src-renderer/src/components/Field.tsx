import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  label: ReactNode;
  value: string;
  onValue(value: string): void;
  hint?: ReactNode;
  /** Extra ids the input should be described by (e.g. a strength meter). */
  describedBy?: string;
}

/** A labelled text input with an optional hint, wired up with aria-describedby. */
export function Field({ label, value, onValue, hint, describedBy, id, ...input }: FieldProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const described = [hintId, describedBy].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <input id={inputId} value={value} onChange={(e) => onValue(e.target.value)} aria-describedby={described} {...input} />
    </div>
  );
}

/** Six-digit authenticator code: numeric keyboard, one-time-code autofill, digits only. */
export function CodeField({ label, value, onValue, hint }: { label: ReactNode; value: string; onValue(v: string): void; hint?: ReactNode }) {
  return (
    <Field
      label={label}
      hint={hint}
      value={value}
      // A code copied from an app often reads "123 456": spaces and dashes are dropped, not counted.
      // No maxLength: the browser would cut the pasted text at 6 characters, space included ("12345").
      onValue={(v) => onValue(v.replace(/\D/g, '').slice(0, 6))}
      inputMode="numeric"
      autoComplete="one-time-code"
      required
      className="input-code"
      spellCheck={false}
    />
  );
}
