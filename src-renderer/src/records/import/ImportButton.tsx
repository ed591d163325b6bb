import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useImportStore } from './store';

const accept =
  '.json,.xml,application/json,application/fhir+json,application/xml,application/fhir+xml,text/xml,.pdf,application/pdf,.png,image/png,.jpg,.jpeg,image/jpeg';

/** "Bestand importeren": opens the system file picker (FHIR files, or one letter or photo). */
export function ImportButton({ primary = false }: { primary?: boolean }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const phase = useImportStore((s) => s.phase);
  const run = useImportStore((s) => s.run);
  const busy = phase.name === 'reading' || phase.name === 'importing' || (phase.name === 'document' && phase.saving);
  return (
    <>
      <button
        type="button"
        className={primary ? 'button button-primary' : 'button'}
        onClick={() => input.current?.click()}
        disabled={busy}
      >
        <span className="import-icon" aria-hidden="true" />
        {busy ? t('records.import.busy') : t('records.import.button')}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept={accept}
        hidden
        data-testid="import-file-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          void run(files);
        }}
      />
    </>
  );
}
