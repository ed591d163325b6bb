/**
 * The same create → enroll → lock → unlock flow in the real Electron app (out/main/index.js from
 * `npm run build`). Skipped, with the reason, when the Electron binary itself is not installed:
 * `require('electron')` would then try to download it, so we check the files first.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { createProfile, expectUnlockScreen, strongPassword, unlock } from '../helpers';

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

test('create, enroll, lock and unlock in Electron', async () => {
  const executablePath = createRequire(import.meta.url)('electron') as string;
  const dataDir = mkdtempSync(join(tmpdir(), 'regie-electron-'));
  const app = await electron.launch({
    executablePath,
    args: ['.'],
    cwd: repoRoot,
    env: { ...process.env, REGIE_DATA_DIR: dataDir },
  });
  try {
    const page = await app.firstWindow();
    const { auth } = await createProfile(page, { label: 'Anna' });
    await page.getByRole('button', { name: 'Vergrendelen' }).click();
    await expectUnlockScreen(page, 'Anna');
    await unlock(page, strongPassword, await auth.fresh());
    await expect(page.getByRole('heading', { level: 1, name: 'Overzicht' })).toBeVisible();
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
