import type { BrowserWindow, OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import { describe, expect, it } from 'vitest';
import { electronImportPicker } from '../../src-main/electron/import-picker';

function fakeDialog(answer: OpenDialogReturnValue) {
  const calls: Array<{ parent: unknown; options: OpenDialogOptions }> = [];
  const showOpenDialog = ((...args: unknown[]) => {
    const [parent, options] = args.length === 2 ? args : [undefined, args[0]];
    calls.push({ parent, options: options as OpenDialogOptions });
    return Promise.resolve(answer);
  }) as Electron.Dialog['showOpenDialog'];
  return { dialog: { showOpenDialog }, calls };
}

const window = { id: 1 } as unknown as BrowserWindow;

describe('the desktop import pickers', () => {
  it('files: several at once, FHIR, letters, photos and zip archives first, attached to the window', async () => {
    const { dialog, calls } = fakeDialog({ canceled: false, filePaths: ['/home/anna/export.zip', '/home/anna/lab.json'] });
    const pick = electronImportPicker(dialog, () => window);
    expect(await pick({ what: 'files', title: 'Bestanden kiezen' })).toEqual(['/home/anna/export.zip', '/home/anna/lab.json']);
    expect(calls[0]!.parent).toBe(window);
    expect(calls[0]!.options.properties).toEqual(expect.arrayContaining(['openFile', 'multiSelections']));
    expect(calls[0]!.options.properties).not.toContain('openDirectory');
    expect(calls[0]!.options.filters?.[0]?.extensions).toEqual(expect.arrayContaining(['json', 'xml', 'zip', 'pdf']));
  });

  it('folder: folders only; closing the dialog chooses nothing', async () => {
    const { dialog, calls } = fakeDialog({ canceled: true, filePaths: [] });
    expect(await electronImportPicker(dialog, () => undefined)({ what: 'folder', title: 'Map kiezen' })).toEqual([]);
    expect(calls[0]!.parent).toBeUndefined();
    expect(calls[0]!.options.properties).toEqual(expect.arrayContaining(['openDirectory']));
    expect(calls[0]!.options.properties).not.toContain('openFile');
  });
});
