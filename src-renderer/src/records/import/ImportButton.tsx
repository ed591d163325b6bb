import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppInfo } from '../../api/app-info';
import { pickedFromInput } from './picked-files';
import { isBusy, useImportStore } from './store';

const accept =
  '.json,.xml,application/json,application/fhir+json,application/xml,application/fhir+xml,text/xml,.pdf,application/pdf,.png,image/png,.jpg,.jpeg,image/jpeg,.zip,application/zip';

/**
 * "Bestand importeren" and "Map importeren": files (a zip archive too) or a whole folder. The
 * desktop app asks the core to open the system's own dialog (it reads the files from disk); a
 * browser uses its file picker and sends what was chosen.
 */
export function ImportButton({ primary = false }: { primary?: boolean }) {
  const { t } = useTranslation();
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const phase = useImportStore((s) => s.phase);
  const run = useImportStore((s) => s.run);
  const pick = useImportStore((s) => s.pick);
  const info = useAppInfo();
  const busy = isBusy(phase);
  const desktop = info?.canPickImport === true;
  const choose = (what: 'files' | 'folder') => {
    if (desktop) void pick(what, t(what === 'files' ? 'bulk.pickFilesTitle' : 'bulk.pickFolderTitle'));
    else (what === 'files' ? filesInput : folderInput).current?.click();
  };
  const chosen = (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])];
    input.value = '';
    void run(pickedFromInput(files));
  };
  return (
    <span className="import-buttons">
      <button type="button" className={primary ? 'button button-primary' : 'button'} onClick={() => choose('files')} disabled={busy}>
        <span className="import-icon" aria-hidden="true" />
        {busy ? t('records.import.busy') : t('records.import.button')}
      </button>
      <button type="button" className="button" onClick={() => choose('folder')} disabled={busy}>
        {t('bulk.folderButton')}
      </button>
      <input ref={filesInput} type="file" multiple accept={accept} hidden data-testid="import-file-input" onChange={(event) => chosen(event.target)} />
      <input
        ref={folderInput}
        type="file"
        multiple
        hidden
        data-testid="import-folder-input"
        // A folder with everything in it (the core says per file what it did with each).
        {...{ webkitdirectory: '' }}
        onChange={(event) => chosen(event.target)}
      />
    </span>
  );
}
