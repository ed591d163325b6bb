/**
 * "Ander profiel": leaving a profile locks it, so on a shared computer the next person does not find
 * it open. Only when the person ticks "open laten" does it stay unlocked this time (until its own
 * auto-lock), e.g. to look something up in a parent's profile and come straight back.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { leaveProfile } from '../app/actions';

export function LeaveProfileButton({ label }: { label: string }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [keepOpen, setKeepOpen] = useState(false);
  const titleId = useId();
  const hintId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <>
      <button
        type="button"
        className="button button-small"
        onClick={() => {
          setKeepOpen(false);
          setOpen(true);
        }}
      >
        {t('shell.otherProfile')}
      </button>
      <dialog ref={dialog} className="leave-dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            setOpen(false);
            leaveProfile({ keepOpen });
          }}
        >
          <h2 id={titleId}>{t('shell.leave.title')}</h2>
          <p>{keepOpen ? t('shell.leave.staysOpen', { label }) : t('shell.leave.locks', { label })}</p>
          <label className="checkbox">
            <input type="checkbox" checked={keepOpen} aria-describedby={hintId} onChange={(e) => setKeepOpen(e.target.checked)} />
            {t('shell.leave.keepOpen')}
          </label>
          <p id={hintId} className="field-hint">
            {t('shell.leave.keepOpenHint')}
          </p>
          <div className="actions">
            <button type="submit" className="button button-primary">
              {t('shell.leave.go')}
            </button>
            <button type="button" className="button" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
