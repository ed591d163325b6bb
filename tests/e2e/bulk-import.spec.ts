/**
 * Bulk import in Chromium: a folder through "Map importeren" and a zip archive through "Bestand
 * importeren", sent to the core piece by piece; the count while it runs with "Stoppen"; one line
 * per status, the files that were not imported with why, and every file on request. axe on each.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { makeZip } from '../helpers/zip-writer';
import { heartRate, writeFile } from '../import/helpers';
import { expect, test } from './fixtures';
import { createProfile } from './helpers';
import { checkAxe, fixtureFile } from './records-helpers';

let folders: string;
test.beforeEach(async () => {
  folders = await mkdtemp(join(tmpdir(), 'regie-e2e-bulk-'));
});
test.afterEach(async () => {
  await rm(folders, { recursive: true, force: true });
});

/** Each upload answered a little later, so the count can be seen (and stopped) as a person would. */
async function slowUploads(page: Page, ms: number): Promise<void> {
  await page.route('**/api/call', async (route) => {
    if (route.request().postData()?.includes('"imports.upload"')) await new Promise((resolve) => setTimeout(resolve, ms));
    await route.continue();
  });
}

async function chooseFolder(page: Page, folder: string): Promise<void> {
  const chooserPromise = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Map importeren' }).first().click();
  const chooser = await chooserPromise;
  await chooser.setFiles(folder);
}

test('a folder and a zip archive: the count with Stoppen, then a summary per file', async ({ page, host }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Jan' });

  const folder = join(folders, 'huisarts-export');
  for (let i = 0; i < 40; i++) writeFile(join(folder, `metingen-${i % 4}`, `hartslag-${String(i).padStart(2, '0')}.json`), heartRate(i));
  writeFile(join(folder, 'LEESMIJ.txt'), 'Export van de huisarts');
  writeFile(join(folder, 'brieven', 'ontslagbrief.pdf'), '%PDF-1.4\n%%EOF\n');

  await slowUploads(page, 60);
  await chooseFolder(page, folder);
  const progress = page.getByTestId('import-progress');
  await expect(progress).toHaveText(/^Bestanden importeren… \d+ van 42$/);
  await expect(page.getByRole('progressbar', { name: 'Voortgang van het importeren' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Stoppen' })).toBeVisible();
  await checkAxe(page, 'bulk-01-progress');

  await expect(page.getByRole('heading', { name: 'Import gelukt' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('import-summary')).toHaveText('42 bestanden: 40 geïmporteerd, 2 overgeslagen.');
  await expect(page.getByTestId('import-records')).toHaveText('Daarin 40 gegevens: 40 nieuw.');
  const perFile = page.getByTestId('import-files');
  await expect(perFile).toBeHidden();
  await page.getByText('Wat gebeurde er met elk bestand?').click();
  await expect(perFile.getByRole('listitem')).toHaveCount(42);
  await expect(perFile).toContainText('huisarts-export/LEESMIJ.txt: overgeslagen — Overgeslagen: dit is geen bestand met medische gegevens');
  await expect(perFile).toContainText('huisarts-export/brieven/ontslagbrief.pdf: overgeslagen — Overgeslagen: een brief of foto tussen andere bestanden');
  await expect(perFile).toContainText('huisarts-export/metingen-0/hartslag-00.json: geïmporteerd');
  await checkAxe(page, 'bulk-02-folder-done');
  await page.getByRole('button', { name: 'Sluiten' }).click();

  // A provider's export as a zip, with a hostile entry: the good files import, the bad one says why.
  const zip = makeZip([
    { name: 'export/huisarts/bgz.json', data: (await fixtureFile('r4-bgz-bundle.json')).buffer },
    { name: 'export/lab/hartslag.json', data: heartRate(100) },
    { name: 'export/../../buiten.json', data: heartRate(101) },
  ]);
  await page.unroute('**/api/call');
  const chooserPromise = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Bestand importeren' }).first().click();
  await (await chooserPromise).setFiles([{ name: 'export.zip', mimeType: 'application/zip', buffer: zip }]);
  const partial = page.getByRole('alert').filter({ hasText: 'Niet alles is geïmporteerd' });
  await expect(partial).toBeVisible({ timeout: 60_000 });
  await expect(partial.getByTestId('import-summary')).toHaveText('3 bestanden: 2 geïmporteerd, 1 geweigerd.');
  await expect(partial.getByTestId('import-refused-files')).toContainText('export.zip/export/../../buiten.json');
  await expect(partial.getByTestId('import-refused-files')).toContainText('wijst naar een plek buiten het archief');
  await checkAxe(page, 'bulk-03-zip-partly-refused');
  await partial.getByRole('button', { name: 'Sluiten' }).click();
  await expect(page.getByRole('region', { name: 'Allergieën' })).toContainText('Penicilline');
});

test('Stoppen ends the import after the current file; what was imported stays', async ({ page, host }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Jan' });
  const folder = join(folders, 'veel');
  for (let i = 0; i < 60; i++) writeFile(join(folder, `h-${String(i).padStart(2, '0')}.json`), heartRate(i));

  await slowUploads(page, 150);
  await chooseFolder(page, folder);
  await expect(page.getByTestId('import-progress')).toHaveText(/^Bestanden importeren… [1-9]\d* van 60$/, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Stoppen' }).click();
  const stopped = page.getByRole('alert').filter({ hasText: 'Importeren gestopt' });
  await expect(stopped).toBeVisible({ timeout: 30_000 });
  await expect(stopped).toContainText('U heeft het importeren gestopt. Wat al geïmporteerd was, blijft bewaard.');
  const summary = await stopped.getByTestId('import-summary').textContent();
  const imported = Number(/(\d+) geïmporteerd/.exec(summary ?? '')?.[1]);
  expect(imported).toBeGreaterThan(0);
  expect(imported).toBeLessThan(60);
  await checkAxe(page, 'bulk-04-stopped');
});
