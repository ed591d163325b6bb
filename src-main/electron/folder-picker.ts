/**
 * The desktop app's folder picker for the core (host capability app.pickFolder): Electron's own
 * system dialog, attached to Regie's window, where the person can also make a new folder.
 */
import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron';
import type { FolderPicker } from '../app/host';

export function electronFolderPicker(dialog: Pick<Dialog, 'showOpenDialog'>, parentWindow: () => BrowserWindow | undefined): FolderPicker {
  return async ({ title, defaultPath }) => {
    const options: OpenDialogOptions = {
      title,
      // createDirectory: "New folder" in the macOS dialog (Windows and Linux dialogs offer it anyway).
      properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'],
      ...(defaultPath !== undefined && { defaultPath }),
    };
    const parent = parentWindow();
    const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
}
