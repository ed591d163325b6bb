import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenHeading } from '../components/ScreenHeading';

interface Props {
  profileLabel: string;
  recoveryCode: string;
  /** Extra sentence, e.g. that the old code no longer works. */
  note?: string;
  onDone(): void;
}

/** Shows a recovery code exactly once, with print support and a required "I saved it". */
export function RecoveryCodeDisplay({ profileLabel, recoveryCode, note, onDone }: Props) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (saved) onDone();
  }

  return (
    <section>
      <div className="print-area">
        <p className="print-only">{t('recoveryCode.printHeading', { label: profileLabel })}</p>
        <ScreenHeading>{t('recoveryCode.title')}</ScreenHeading>
        <p>{t('recoveryCode.explain')}</p>
        <p className="recovery-box" aria-label={t('recoveryCode.codeLabel')}>
          <code data-testid="recovery-code">{recoveryCode}</code>
        </p>
        {note && <p>{note}</p>}
      </div>
      <p className="notice notice-warning">{t('recoveryCode.once')}</p>
      <div className="actions">
        <button type="button" className="button" onClick={() => window.print()}>
          {t('recoveryCode.print')}
        </button>
      </div>
      <form onSubmit={submit} noValidate>
        <label className="checkbox">
          <input type="checkbox" required checked={saved} onChange={(e) => setSaved(e.target.checked)} />
          {t('recoveryCode.confirm')}
        </label>
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={!saved}>
            {t('recoveryCode.done')}
          </button>
        </div>
      </form>
    </section>
  );
}
