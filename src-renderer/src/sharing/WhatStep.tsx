import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../src-preload/contract/errors';
import { measurementKinds } from '../../../src-preload/contract/record-sections';
import type { SendSelection } from '../../../src-preload/contract/sharing';
import type { RecordSummary } from '../../../src-preload/contract/records';
import { call } from '../api/client';
import { DateField, useDateInputErrors } from '../components/DateTimeFields';
import { formatDayInput, parseDayInput } from '../components/date-input';
import { Field } from '../components/Field';
import { FocusHeading } from '../medmij/FocusHeading';
import { formatDate } from '../records/common/format';
import { useLanguage } from '../records/common/useLanguage';
import { bytesToBase64 } from '../records/import/base64';
import { currentSession } from '../records/reset';
import { useSharingStore, type SharingStep } from './store';

type WhatStepState = Extract<SharingStep, { name: 'what' }>;

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** What to send, in the form the chosen service takes; then "Bekijk wat er wordt verstuurd". */
export function WhatStep({ step }: { step: WhatStepState }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const back = useSharingStore((s) => s.back);
  const { provider, service } = step;
  return (
    <section className="panel sharing-what" aria-labelledby="sharing-what-title" data-testid="sharing-what">
      <FocusHeading id="sharing-what-title" focusKey={`${provider.id}-${service.id}`}>
        {t('sharing.what.title', { service: service.name, provider: provider.displayName })}
      </FocusHeading>
      <div role="alert" className={step.error ? 'notice notice-error' : 'alert-empty'} data-testid="sharing-what-error">
        {step.error && (
          <>
            <p className="strong">{t('sharing.what.failed')}</p>
            <p>{errorMessage(step.error, language)}</p>
          </>
        )}
      </div>
      {service.selection === 'measurements' && <MeasurementsForm busy={Boolean(step.busy)} />}
      {service.selection === 'photo' && <FileForm kind="photo" busy={Boolean(step.busy)} />}
      {service.selection === 'document' && <FileForm kind="document" busy={Boolean(step.busy)} />}
      {service.selection === 'allergies' && <AllergiesForm busy={Boolean(step.busy)} />}
      <div className="actions">
        <button type="button" className="button" onClick={back}>
          {t('sharing.what.back')}
        </button>
      </div>
    </section>
  );
}

function Submit({ busy }: { busy: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <p role="status" className={busy ? 'medmij-stage' : 'alert-empty'}>
        {busy && (
          <>
            <span className="spinner" aria-hidden="true" /> {t('sharing.what.preparing')}
          </>
        )}
      </p>
      <button type="submit" className="button button-primary" disabled={busy}>
        {t('sharing.what.next')}
      </button>
    </>
  );
}

function MeasurementsForm({ busy }: { busy: boolean }) {
  const { t } = useTranslation();
  const prepare = useSharingStore((s) => s.prepare);
  const { dateInvalid } = useDateInputErrors();
  const [kind, setKind] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});
  const kindId = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    const fromDay = from.trim() ? parseDayInput(from) : null;
    const toDay = to.trim() ? parseDayInput(to) : null;
    const found = { ...(from.trim() && !fromDay && { from: dateInvalid }), ...(to.trim() && !toDay && { to: dateInvalid }) };
    setErrors(found);
    if (found.from || found.to) return;
    const selection: SendSelection = {
      kind: 'measurements',
      ...(kind && { measurementKind: kind as (typeof measurementKinds)[number] }),
      ...(fromDay && { from: fromDay }),
      ...(toDay && { to: toDay }),
    };
    void prepare(selection, null);
  }

  return (
    <form onSubmit={submit} noValidate>
      <p>{t('sharing.what.measurements.intro')}</p>
      <div className="field">
        <label htmlFor={kindId}>{t('sharing.what.measurements.kind')}</label>
        <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="">{t('sharing.what.measurements.allKinds')}</option>
          {measurementKinds.map((k) => (
            <option key={k} value={k}>
              {t(`measurements.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <p className="muted">{t('sharing.what.measurements.periodNote')}</p>
      <DateField label={t('sharing.what.measurements.from')} value={from} onValue={setFrom} error={errors.from} />
      <DateField label={t('sharing.what.measurements.to')} value={to} onValue={setTo} error={errors.to} />
      <Submit busy={busy} />
    </form>
  );
}

/** A photo (JPEG/PNG, with description and date) or a PDF (with title, note and date). */
function FileForm({ kind, busy }: { kind: 'photo' | 'document'; busy: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const prepare = useSharingStore((s) => s.prepare);
  const [file, setFile] = useState<{ name: string; base64: string; type: string } | null>(null);
  const [description, setDescription] = useState('');
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(() => (kind === 'photo' ? formatDayInput(today(), language) : ''));
  const [errors, setErrors] = useState<{ file?: string; description?: string; date?: string }>({});
  const fileId = useId();
  const descriptionId = useId();
  const texts = kind === 'photo' ? 'sharing.what.photo' : 'sharing.what.document';

  async function pick(files: FileList | null) {
    const chosen = files?.[0];
    if (!chosen) return setFile(null);
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    setFile({ name: chosen.name, base64: bytesToBase64(bytes), type: chosen.type });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const day = date.trim() ? parseDayInput(date) : null;
    const found = {
      ...(!file && { file: t('sharing.what.fileMissing') }),
      ...(kind === 'photo' && !description.trim() && { description: t('sharing.what.descriptionMissing') }),
      ...(((kind === 'photo' && !day) || (date.trim() && (!day || day > today()))) && { date: t('sharing.what.dateInvalid') }),
    };
    setErrors(found);
    if (found.file || found.description || found.date || !file) return;
    const common = { file: { name: file.name, contentBase64: file.base64 }, ...(title.trim() && { title: title.trim() }) };
    if (kind === 'photo') {
      const photo = /^image\/(jpeg|png)$/.test(file.type) ? `data:${file.type};base64,${file.base64}` : null;
      void prepare({ kind: 'photo', ...common, description: description.trim(), date: day! }, photo);
    } else {
      void prepare({ kind: 'document', ...common, ...(description.trim() && { description: description.trim() }), ...(day && { date: day }) }, null);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <p>{t(`${texts}.intro`)}</p>
      <div className="field">
        <label htmlFor={fileId}>{t(`${texts}.file`)}</label>
        <input
          id={fileId}
          type="file"
          accept={kind === 'photo' ? 'image/jpeg,image/png' : 'application/pdf'}
          onChange={(e) => void pick(e.target.files)}
          aria-invalid={errors.file ? true : undefined}
          aria-describedby={errors.file ? `${fileId}-error` : undefined}
        />
        {errors.file && (
          <p id={`${fileId}-error`} className="field-error">
            {errors.file}
          </p>
        )}
      </div>
      {kind === 'document' && (
        <Field label={t('sharing.what.document.title')} hint={t('sharing.what.document.titleHint')} value={title} onValue={setTitle} maxLength={200} />
      )}
      <div className="field">
        <label htmlFor={descriptionId}>{t(`${texts}.description`)}</label>
        {kind === 'photo' && (
          <p id={`${descriptionId}-hint`} className="field-hint">
            {t('sharing.what.photo.descriptionHint')}
          </p>
        )}
        <textarea
          id={descriptionId}
          value={description}
          maxLength={1000}
          rows={3}
          onChange={(e) => setDescription(e.target.value)}
          required={kind === 'photo'}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={[kind === 'photo' && `${descriptionId}-hint`, errors.description && `${descriptionId}-error`].filter(Boolean).join(' ') || undefined}
        />
        {errors.description && (
          <p id={`${descriptionId}-error`} className="field-error">
            {errors.description}
          </p>
        )}
      </div>
      <DateField label={t(`${texts}.date`)} value={date} onValue={setDate} error={errors.date} required={kind === 'photo'} />
      {kind === 'photo' && <Field label={t('sharing.what.photo.title')} value={title} onValue={setTitle} maxLength={200} />}
      <Submit busy={busy} />
    </form>
  );
}

/** The AllergyIntolerance records of the profile; the core refuses those not about a medicine. */
function AllergiesForm({ busy }: { busy: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const prepare = useSharingStore((s) => s.prepare);
  const [records, setRecords] = useState<RecordSummary[] | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const session = currentSession();
    if (!session) return;
    let live = true;
    void call('records.list', { profileId: session.profileId, resourceTypes: ['AllergyIntolerance'], limit: 200 })
      .then((list) => {
        if (live) setRecords(list.items);
      })
      .catch(() => {
        if (live) setRecords([]);
      });
    return () => {
      live = false;
    };
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen.length === 0) return setError(t('sharing.what.chooseOne'));
    setError(null);
    void prepare({ kind: 'allergies', recordIds: chosen }, null);
  }

  if (records === null) return <p role="status">{t('sharing.sent.loading')}</p>;
  if (records.length === 0) return <p>{t('sharing.what.allergies.none')}</p>;
  return (
    <form onSubmit={submit} noValidate>
      <p>{t('sharing.what.allergies.intro')}</p>
      <fieldset aria-invalid={error ? true : undefined} aria-describedby={error ? 'sharing-allergies-error' : undefined}>
        <legend>{t('sharing.what.allergies.legend')}</legend>
        {records.map((record) => (
          <label key={record.id} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(record.id)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, record.id] : chosen.filter((id) => id !== record.id))}
            />
            <span>
              {record.title}
              {record.date && <span className="muted"> ({formatDate(record.date, language)})</span>}
            </span>
          </label>
        ))}
        {error && (
          <p id="sharing-allergies-error" className="field-error">
            {error}
          </p>
        )}
      </fieldset>
      <Submit busy={busy} />
    </form>
  );
}
