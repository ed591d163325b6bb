import type { BrowserWindow, OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import { describe, expect, it } from 'vitest';
import { electronFolderPicker } from '../../src-main/electron/folder-picker';

/** Electron's dialog as far as the picker uses it: records what it was asked, answers as told. */
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

describe('the desktop folder picker', () => {
  it('asks the system for a folder (new ones allowed), attached to the window, and returns the choice', async () => {
    const { dialog, calls } = fakeDialog({ canceled: false, filePaths: ['/home/anna/Sync/Regie'] });
    const pick = electronFolderPicker(dialog, () => window);
    expect(await pick({ title: 'Kies de synchronisatiemap', defaultPath: '/home/anna' })).toBe('/home/anna/Sync/Regie');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.parent).toBe(window);
    expect(calls[0]!.options).toMatchObject({ title: 'Kies de synchronisatiemap', defaultPath: '/home/anna' });
    expect(calls[0]!.options.properties).toEqual(expect.arrayContaining(['openDirectory', 'createDirectory']));
    expect(calls[0]!.options.properties).not.toContain('openFile');
  });

  it('closing the dialog is no choice, not an error', async () => {
    const { dialog } = fakeDialog({ canceled: true, filePaths: [] });
    expect(await electronFolderPicker(dialog, () => window)({ title: 'Map' })).toBeNull();
  });

  it('without a window the dialog still opens (unattached), without a default folder when none is given', async () => {
    const { dialog, calls } = fakeDialog({ canceled: false, filePaths: ['C:\\Users\\Anna\\OneDrive\\Regie'] });
    expect(await electronFolderPicker(dialog, () => undefined)({ title: 'Map' })).toBe('C:\\Users\\Anna\\OneDrive\\Regie');
    expect(calls[0]!.parent).toBeUndefined();
    expect(calls[0]!.options).not.toHaveProperty('defaultPath');
  });
});
