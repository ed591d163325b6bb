/**
 * The Electron shell, kept thin on purpose: it creates the hardened window, serves the renderer
 * from the regie:// protocol and forwards the one API to the core. All behaviour lives in the core,
 * which the test host and the CLI use too. Hardening follows Electron's security checklist.
 */
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, protocol, session, shell, type Tray } from 'electron';
import { join } from 'node:path';
import { ipcChannels } from '../../src-preload/contract/ipc-channels';
import { createCore, type Core } from '../core/create-core';
import { useBuiltDigestWorker } from '../records/digest-pool';
import { registerAppProtocol, appOrigin, appScheme } from './app-protocol';
import { isAllowedExternalUrl } from './external-links';
import { electronFolderPicker } from './folder-picker';
import { electronImportPicker } from './import-picker';
import { createTray } from './tray';

protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();
// Bundled beside this file as an entry of its own (electron.vite.config.ts).
useBuiltDigestWorker(join(import.meta.dirname, 'digest-worker.js'));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let core: Core | undefined;
  let mainWindow: BrowserWindow | undefined;
  let tray: Tray | undefined;
  const openWindow = () => {
    if (!mainWindow || mainWindow.isDestroyed()) mainWindow = createMainWindow();
    else {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  };

  app.on('second-instance', () => openWindow());

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${appOrigin}/`) && url !== process.env.ELECTRON_RENDERER_URL) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  void app.whenReady().then(() => {
    const rendererDir = join(import.meta.dirname, '../renderer');
    registerAppProtocol(rendererDir);
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);

    core = createCore({
      dataDir: app.getPath('userData'),
      host: 'electron',
      // MedMij login happens in the system browser, never in a Regie window.
      openExternal: (url) => (isAllowedExternalUrl(url) ? shell.openExternal(url) : undefined),
      // The sync folder is chosen in the system's own folder dialog, not typed.
      pickFolder: electronFolderPicker(dialog, () => mainWindow),
      // Files and folders to import are chosen in the system's dialogs; the core reads them from disk.
      pickImport: electronImportPicker(dialog, () => mainWindow),
      // Until Regie is connected to MedMij, the fictitious practice providers run inside the app.
      medmij: { practiceProvider: true },
      // Sync rounds run here, in the main process, whether or not a window is open.
      backgroundSync: true,
    });
    const activeCore = core;
    ipcMain.handle(ipcChannels.call, (event, method: unknown, request: unknown) => {
      // Only our own page may call the core, never a navigated-away or injected frame.
      const frameUrl = event.senderFrame?.url ?? '';
      if (!frameUrl.startsWith(`${appOrigin}/`) && !frameUrl.startsWith(process.env.ELECTRON_RENDERER_URL ?? '\0')) {
        return { ok: false, error: { code: 'invalid-request' } };
      }
      return activeCore.call(String(method) as never, request);
    });
    activeCore.onEvent((message) => {
      for (const window of BrowserWindow.getAllWindows()) window.webContents.send(ipcChannels.event, message);
    });
    // Leaving the computer locks every profile: the OS lock screen and sleep count as leaving.
    powerMonitor.on('lock-screen', () => activeCore.vault.lockAll('os'));
    powerMonitor.on('suspend', () => activeCore.vault.lockAll('os'));
    powerMonitor.on('resume', () => activeCore.backgroundSync?.wake());
    void activeCore.call('app.getPreferences', {}).then((result) => {
      const language = result.ok && result.value.language === 'en' ? 'en' : 'nl';
      tray = createTray(language, { open: openWindow, quit: () => app.quit() });
    });

    mainWindow = createMainWindow();
  });

  app.on('before-quit', () => core?.shutdown());
  app.on('window-all-closed', () => {
    // The person chose to keep syncing with every window closed: profiles stay as they are (their
    // auto-lock still applies; background rounds are not activity) and Regie stays in the tray.
    void (async () => {
      const preferences = await core?.call('app.getPreferences', {});
      if (preferences?.ok && preferences.value.syncWhenClosed && tray) return;
      core?.vault.lockAll('manual');
      if (process.platform !== 'darwin') app.quit();
    })();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && app.isReady()) openWindow();
  });
}

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 820,
    minWidth: 480,
    minHeight: 480,
    show: false,
    title: 'Regie',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(process.env.ELECTRON_RENDERER_URL ?? `${appOrigin}/index.html`);
  return window;
}
