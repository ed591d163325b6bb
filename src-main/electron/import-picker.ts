/**
 * The desktop app's pickers for imports (imports.pick): Electron's own file dialog (several files,
 * archives among them) or folder dialog, attached to Regie's window. The paths go to the core only,
 * which reads the files itself; the window learns no more than how many were chosen.
 */
import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron';
import type { ImportPicker } from '../import/import-sessions';

export function electronImportPicker(dialog: Pick<Dialog, 'showOpenDialog'>, parentWindow: () => BrowserWindow | undefined): ImportPicker {
  return async ({ what, title }) => {
    const options: OpenDialogOptions = {
      title,
      // Windows and Linux cannot offer files and folders in one dialog: the app has a button for each.
      properties: what === 'folder' ? ['openDirectory', 'multiSelections', 'dontAddToRecent'] : ['openFile', 'multiSelections', 'dontAddToRecent'],
      ...(what === 'files' && {
        filters: [
          { name: 'FHIR, PDF, JPEG, PNG, ZIP', extensions: ['json', 'xml', 'zip', 'pdf', 'png', 'jpg', 'jpeg'] },
          { name: '*', extensions: ['*'] },
        ],
      }),
    };
    const parent = parentWindow();
    const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  };
}
