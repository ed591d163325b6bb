/**
 * Which period Metingen shows: the past 3 months, year, 2 or 5 years, everything, or a chosen
 * from–to. Says in words what is shown, and how many older measurements the period leaves out.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDayInput, parseDayInput } from '../components/date-input';
import { DateField, useDateInputErrors } from '../components/DateTimeFields';
import { formatDate } from '../records/common/format';
import { useLanguage } from '../records/common/useLanguage';
import { type Period, useMeasurementsStore } from './store';

const presets = ['3', '12', '24', '60', 'all'] as const;
type Choice = (typeof presets)[number] | 'custom';

function choiceOf(period: Period): Choice {
  if (period.kind === 'months') return String(period.months) as Choice;
  return period.kind;
}

function periodOf(choice: Exclude<Choice, 'custom'>): Period {
  return choice === 'all' ? { kind: 'all' } : { kind: 'months', months: Number(choice) as 3 | 12 | 24 | 60 };
}

export function PeriodChoice() {
  const { t } = useTranslation();
  const language = useLanguage();
  const dateErrors = useDateInputErrors();
  const period = useMeasurementsStore((s) => s.period);
  const earlier = useMeasurementsStore((s) => s.earlier);
  const setPeriod = useMeasurementsStore((s) => s.setPeriod);
  const id = useId();
  const [choice, setChoice] = useState<Choice>(choiceOf(period));
  const [from, setFrom] = useState(period.kind === 'custom' ? formatDayInput(period.from, language) : '');
  const [to, setTo] = useState(period.kind === 'custom' ? formatDayInput(period.to, language) : '');
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});
  const fromRef = useRef<HTMLInputElement>(null);
  const toRef = useRef<HTMLInputElement>(null);

  function choose(next: Choice) {
    setChoice(next);
    setErrors({});
    if (next !== 'custom') void setPeriod(periodOf(next));
  }

  function showCustom(event: FormEvent) {
    event.preventDefault();
    const start = parseDayInput(from);
    const end = parseDayInput(to);
    const found: { from?: string; to?: string } = {};
    if (!start) found.from = from.trim() ? dateErrors.dateInvalid : t('measurements.errors.dateRequired');
    if (!end) found.to = to.trim() ? dateErrors.dateInvalid : t('measurements.errors.dateRequired');
    // A reversed range would silently show nothing: say so instead.
    if (start && end && start > end) found.from = t('measurements.period.reversed');
    setErrors(found);
    if (found.from) fromRef.current?.focus();
    else if (found.to) toRef.current?.focus();
    if (start && end && !found.from && !found.to) void setPeriod({ kind: 'custom', from: start, to: end });
  }

  const shown =
    period.kind === 'custom'
      ? t('measurements.period.shown.custom', { from: formatDate(period.from, language), to: formatDate(period.to, language) })
      : t(`measurements.period.shown.${choiceOf(period)}`);

  return (
    <div className="measurement-period" data-testid="measurement-period">
      <div className="field">
        <label htmlFor={`${id}-choice`}>{t('measurements.period.label')}</label>
        <select id={`${id}-choice`} value={choice} onChange={(e) => choose(e.target.value as Choice)}>
          {[...presets, 'custom' as const].map((key) => (
            <option key={key} value={key}>
              {t(`measurements.period.choices.${key}`)}
            </option>
          ))}
        </select>
      </div>
      {choice === 'custom' && (
        <form className="measurement-period-custom" onSubmit={showCustom} noValidate>
          <DateField id={`${id}-from`} inputRef={fromRef} label={t('measurements.period.from')} value={from} onValue={setFrom} error={errors.from} />
          <DateField id={`${id}-to`} inputRef={toRef} label={t('measurements.period.to')} value={to} onValue={setTo} error={errors.to} />
          <button type="submit" className="button">
            {t('measurements.period.show')}
          </button>
        </form>
      )}
      <p className="muted" data-testid="measurement-period-shown">
        {shown}
      </p>
      {earlier > 0 && (
        <p className="measurement-earlier">
          {t('measurements.period.earlier', { count: earlier })}{' '}
          <button type="button" className="link-button" onClick={() => choose('all')}>
            {t('measurements.period.showAll')}
          </button>
        </p>
      )}
    </div>
  );
}
