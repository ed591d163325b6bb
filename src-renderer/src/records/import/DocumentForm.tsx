import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../src-preload/contract/errors';
import { DateField } from '../../components/DateTimeFields';
import { formatDayInput, parseDayInput } from '../../components/date-input';
import { Field } from '../../components/Field';
import { FocusHeading } from '../../medmij/FocusHeading';
import { useLanguage } from '../common/useLanguage';
import { useImportStore } from './store';

/** Today as YYYY-MM-DD on this computer's clock. */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** A letter or photo of the person's own: its title (the file name to start with) and its date (today to start with). */
export function DocumentForm() {
  const { t } = useTranslation();
  const language = useLanguage();
  const phase = useImportStore((s) => s.phase);
  const saveDocument = useImportStore((s) => s.saveDocument);
  const dismiss = useImportStore((s) => s.dismiss);
  const fileName = phase.name === 'document' ? phase.file.name : '';
  const [title, setTitle] = useState(() => fileName.replace(/\.[^.]+$/, '').replace(/[_]+/g, ' ').trim());
  const [date, setDate] = useState(() => formatDayInput(today(), language));
  const [problems, setProblems] = useState<{ title?: string; date?: string }>({});
  const titleErrorId = useId();
  if (phase.name !== 'document') return null;

  function submit(event: FormEvent) {
    event.preventDefault();
    const day = parseDayInput(date);
    const found = {
      ...(!title.trim() && { title: t('intake.document.titleMissing') }),
      ...((!day || day > today()) && { date: t('intake.document.dateMissing') }),
    };
    setProblems(found);
    if (found.title || found.date || !day) return;
    void saveDocument(title.trim(), day);
  }

  return (
    <section className="panel import-document" aria-labelledby="import-document-form-title">
      <FocusHeading id="import-document-form-title">{t('intake.document.title')}</FocusHeading>
      <p>{t('intake.document.intro', { file: fileName })}</p>
      <form onSubmit={submit} noValidate>
        <Field
          label={t('intake.document.titleLabel')}
          hint={t('intake.document.titleHint')}
          value={title}
          onValue={setTitle}
          maxLength={200}
          required
          aria-invalid={problems.title ? true : undefined}
          {...(problems.title && { describedBy: titleErrorId })}
        />
        {problems.title && (
          <p id={titleErrorId} className="field-error">
            {problems.title}
          </p>
        )}
        <DateField label={t('intake.document.dateLabel')} value={date} onValue={setDate} error={problems.date ?? null} required />
        <p className="field-hint">{t('intake.document.dateHint')}</p>
        {phase.error && (
          <p role="alert" className="alert alert-error">
            {errorMessage(phase.error, language)}
          </p>
        )}
        <p role="status" className="muted">
          {phase.saving ? t('intake.document.saving') : ''}
        </p>
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={phase.saving}>
            {t('intake.document.save')}
          </button>
          <button type="button" className="button" onClick={dismiss} disabled={phase.saving}>
            {t('intake.document.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
