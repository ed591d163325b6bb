/**
 * Regie in the tray / menu bar while the app runs: "Regie openen" and "Afsluiten". It is what stays
 * when the person chose to keep syncing with every window closed (app preference syncWhenClosed);
 * sync itself runs in the core (src-main/sync/scheduler.ts), not here.
 */
import { Menu, nativeImage, Tray } from 'electron';

/** A 16 × 16 teal disc with a white R (PNG), so no image file has to ship beside the main bundle. */
const iconPng =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAASElEQVR42mNgoAnIq/iPFZOtkSiDiNWM0xAkSWwAvwFoktg04TeEVgbg9QIpLqDYAKqEAVZDCEUjNmfDxamfkChOylTJTGQAAP8bcUiRjUGzAAAAAElFTkSuQmCC';

const labels = {
  nl: { open: 'Regie openen', quit: 'Afsluiten', tooltip: 'Regie' },
  en: { open: 'Open Regie', quit: 'Quit', tooltip: 'Regie' },
} as const;

export function createTray(language: 'nl' | 'en', actions: { open(): void; quit(): void }): Tray {
  const words = labels[language];
  const tray = new Tray(nativeImage.createFromBuffer(Buffer.from(iconPng, 'base64')));
  tray.setToolTip(words.tooltip);
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: words.open, click: () => actions.open() },
      { type: 'separator' },
      { label: words.quit, click: () => actions.quit() },
    ]),
  );
  tray.on('click', () => actions.open());
  return tray;
}
