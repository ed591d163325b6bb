/**
 * The same create → enroll → lock → unlock flow in the real Electron app (out/main/index.js from
 * `npm run build`). Skipped, with the reason, when the Electron binary itself is not installed:
 * `require('electron')` would then try to download it, so we check the files first.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { createProfile, expectUnlockScreen, goToArea, strongPassword, unlock } from '../helpers';

const repoRoot = resolve(import.meta.dirname, '../../..');
const electronDir = join(repoRoot, 'node_modules/electron');
const pathFile = join(electronDir, 'path.txt');
const binary = existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
const installed = binary !== null && existsSync(binary);
const built = existsSync(join(repoRoot, 'out/main/index.js'));

const skipReason = !installed
  ? `Electron binary not installed (${binary ?? join(electronDir, 'dist')} missing): only the npm package is available on this machine`
  : !built
    ? 'Electron build missing: run `npm run build` (electron-vite) first'
    : null;
// Said out loud, not just counted: a skipped Electron run must never read as a pass.
if (skipReason) console.warn(`[electron e2e] SKIPPED: ${skipReason}`);
test.skip(skipReason !== null, skipReason ?? '');

/** The built app with its own data folder; closed and removed after `use`. */
async function withApp(use: (app: ElectronApplication, page: Page) => Promise<void>): Promise<void> {
  const executablePath = createRequire(import.meta.url)('electron') as string;
  const dataDir = mkdtempSync(join(tmpdir(), 'regie-electron-'));
  const app = await electron.launch({
    executablePath,
    args: ['.'],
    cwd: repoRoot,
    env: { ...process.env, REGIE_DATA_DIR: dataDir },
  });
  try {
    await use(app, await app.firstWindow());
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

test('create, enroll, lock and unlock in Electron', async () => {
  await withApp(async (_app, page) => {
    const { auth } = await createProfile(page, { label: 'Anna' });
    await page.getByRole('button', { name: 'Vergrendelen' }).click();
    await expectUnlockScreen(page, 'Anna');
    await unlock(page, strongPassword, await auth.fresh());
    await expect(page.getByRole('heading', { level: 1, name: 'Overzicht' })).toBeVisible();
  });
});

test('the sync folder is chosen in the system folder dialog, not typed', async () => {
  const syncDir = mkdtempSync(join(tmpdir(), 'regie-electron-sync-'));
  try {
    await withApp(async (app, page) => {
      await createProfile(page, { label: 'Anna' });
      await goToArea(page, 'Instellingen');
      await page.getByRole('region', { name: 'Synchroniseren' }).getByRole('button', { name: 'Synchronisatie instellen' }).click();
      // The person's choice in the native dialog, which a test cannot click.
      await app.evaluate(({ dialog }, folder) => {
        dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [folder] })) as typeof dialog.showOpenDialog;
      }, syncDir);
      const panel = page.getByRole('region', { name: 'Synchronisatiemap' });
      await expect(panel.getByRole('textbox')).toHaveCount(0);
      await panel.getByRole('button', { name: 'Map kiezen…' }).click();
      await expect(page.getByTestId('sync-folder-current')).toHaveText(`Huidige map: ${syncDir}`);
      await expect(panel.getByRole('button', { name: 'Andere map kiezen…' })).toBeVisible();
    });
  } finally {
    rmSync(syncDir, { recursive: true, force: true });
  }
});
