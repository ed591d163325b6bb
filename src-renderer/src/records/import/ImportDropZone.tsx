import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportButton } from './ImportButton';
import { droppedEntries, pickedFromDrop, pickedFromInput } from './picked-files';
import { useImportStore } from './store';

/**
 * Drag files, folders or zip archives here, or use the buttons (the keyboard-accessible way). Only
 * file drops are accepted; dropping never navigates away from Regie.
 */
export function ImportDropZone({ primary = true }: { primary?: boolean }) {
  const { t } = useTranslation();
  const run = useImportStore((s) => s.run);
  const [over, setOver] = useState(false);
  const hasFiles = (event: DragEvent) => [...event.dataTransfer.types].includes('Files');
  return (
    <div
      className={over ? 'drop-zone drop-zone-over' : 'drop-zone'}
      data-testid="import-drop-zone"
      onDragEnter={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(event) => {
        if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
        setOver(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        const dropped = droppedEntries(event.dataTransfer);
        if (dropped.entries.length || dropped.files.length) void pickedFromDrop(dropped).then(run, () => run(pickedFromInput(dropped.files)));
      }}
    >
      <p className="drop-zone-text">{t('records.import.dropHint')}</p>
      <ImportButton primary={primary} />
      <p className="muted drop-zone-note">{t('intake.formats')}</p>
    </div>
  );
}
