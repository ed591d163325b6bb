/**
 * Hiding a received record from its detail view, with a reason ("Klopt niet", "Dubbel", "Niet van
 * mij", "Anders") and an optional note, and showing it again. Nothing is deleted; the record leaves
 * every list and comes back when shown again. Own entries are changed or deleted in Metingen instead.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hideReasons, type HideReason } from '../../../../src-preload/contract/record-sections';
import type { RecordDetail } from '../../../../src-preload/contract/records';
import { call } from '../../api/client';
import { ErrorAlert, StatusMessage } from '../../components/Alert';
import { useErrorText } from '../../components/useErrorText';
import { formatDate } from '../common/format';
import { useSessionStore } from '../../profiles/session';
import { useLanguage } from '../common/useLanguage';
import { useRecordsData } from '../data-store';
import { useRecordsNavigation } from '../navigation';
import { currentSession } from '../reset';
import './hidden.css';

/**
 * The record whose hidden state the person just changed: once the detail view has reloaded, the
 * part that replaced the one they used takes the focus (so it is not lost with the vanished button).
 */
let justChanged: { recordId: string; hidden: boolean } | null = null;

function takeFocusAfterChange(recordId: string, hidden: boolean, target: HTMLElement | null): boolean {
  if (justChanged?.recordId !== recordId || justChanged.hidden !== hidden) return false;
  justChanged = null;
  target?.focus();
  return true;
}

/** Hides (reason given) or shows again (null) a record, then lets every screen reload. */
export async function setRecordHidden(recordId: string, hide: { reason: HideReason; note: string } | null): Promise<void> {
  const session = currentSession();
  if (!session) return;
  if (hide) await call('records.hide', { profileId: session.profileId, recordId, reason: hide.reason, ...(hide.note.trim() && { note: hide.note.trim() }) });
  else await call('records.unhide', { profileId: session.profileId, recordId });
  justChanged = { recordId, hidden: hide !== null };
  useRecordsData.getState().invalidate();
}

/** At the top of a hidden record: that it is hidden, why, and "Weer tonen". */
export function HiddenNotice({ record }: { record: RecordDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const hidden = record.hidden;
  useEffect(() => {
    if (hidden) takeFocusAfterChange(record.id, true, heading.current);
  }, [hidden, record.id]);
  if (!hidden) return null;

  async function show() {
    setBusy(true);
    setError(null);
    try {
      await setRecordHidden(record.id, null);
    } catch (failure) {
      setError(t('hidden.showFailed', { reason: errorText(failure) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="hidden-notice" data-testid="hidden-notice">
      <h2 ref={heading} tabIndex={-1}>
        {t('hidden.noticeTitle')}
      </h2>
      <p>{t('hidden.noticeText', { date: formatDate(hidden.hiddenAt, language), reason: t(`hidden.reasons.${hidden.reason}`) })}</p>
      {hidden.note && <p>{t('hidden.noticeNote', { note: hidden.note })}</p>}
      <ErrorAlert message={error} />
      <button type="button" className="button button-primary" disabled={busy} onClick={() => void show()}>
        {t('hidden.show')}
      </button>
    </div>
  );
}

/** Below a received record that is not hidden: "Klopt dit gegeven niet?" and the way to hide it. */
export function HideRecordPanel({ record }: { record: RecordDetail }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<HideReason | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const firstReason = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (open) firstReason.current?.focus();
  }, [open]);

  const shownAgain = !record.hidden;
  useEffect(() => {
    if (shownAgain && takeFocusAfterChange(record.id, false, heading.current)) setDone(t('hidden.shown'));
  }, [shownAgain, record.id, t]);

  const ownOnly = record.sources.length > 0 && record.sources.every((p) => p.source.kind === 'self');
  if (record.hidden) return null;
  if (ownOnly) return record.resourceType === 'Observation' ? <OwnMeasurementHint /> : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason) {
      setError(t('hidden.chooseReason'));
      firstReason.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await setRecordHidden(record.id, { reason, note });
      setOpen(false);
    } catch (failure) {
      setError(t('hidden.failed', { reason: errorText(failure) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel hide-record" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t('hidden.panelTitle')}
      </h2>
      <p>{t('hidden.panelText')}</p>
      <StatusMessage message={done} tone="success" />
      {!open ? (
        <button type="button" className="button" onClick={() => setOpen(true)}>
          {t('hidden.start')}
        </button>
      ) : (
        <form className="confirm-box" onSubmit={(e) => void submit(e)} noValidate>
          <ErrorAlert message={error} />
          <fieldset className="hide-reasons">
            <legend>{t('hidden.reasonLegend')}</legend>
            {hideReasons.map((key, index) => (
              <label key={key} className="radio-option">
                <input
                  ref={index === 0 ? firstReason : undefined}
                  type="radio"
                  name={`${id}-reason`}
                  value={key}
                  checked={reason === key}
                  onChange={() => {
                    setReason(key);
                    setError(null);
                  }}
                />
                {t(`hidden.reasons.${key}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('hidden.note')}</label>
            <p id={`${id}-note-hint`} className="field-hint">
              {t('hidden.noteHint')}
            </p>
            <textarea id={`${id}-note`} value={note} maxLength={500} rows={2} onChange={(e) => setNote(e.target.value)} aria-describedby={`${id}-note-hint`} />
          </div>
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('hidden.confirm')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setOpen(false);
                setError(null);
              }}
            >
              {t('hidden.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** An own measurement is not hidden but changed or deleted, in Metingen: say where. */
function OwnMeasurementHint() {
  const { t } = useTranslation();
  const id = useId();
  const setArea = useSessionStore((s) => s.setArea);
  const resetView = useRecordsNavigation((s) => s.reset);
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('hidden.ownTitle')}</h2>
      <p>{t('hidden.ownText')}</p>
      <button
        type="button"
        className="button"
        onClick={() => {
          resetView();
          setArea('measurements');
        }}
      >
        {t('hidden.ownGo')}
      </button>
    </section>
  );
}
