import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useImportStore } from './store';

const accept = '.json,.xml,application/json,application/fhir+json,application/xml,application/fhir+xml,text/xml';

/** "Bestand importeren": opens the system file picker (several files, .json or .xml). */
export function ImportButton({ primary = false }: { primary?: boolean }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const phase = useImportStore((s) => s.phase.name);
  const run = useImportStore((s) => s.run);
  const busy = phase === 'reading' || phase === 'importing';
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
