/** Documents: a PDF attachment opens in the in-app viewer (text layer) and can be saved. */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { createProfile, goToArea } from './helpers';
import { checkAxe, expectImported, importViaChooser, pdfBundleFile, pdfText, pdfTitle } from './records-helpers';

test('a PDF letter opens in the viewer and can be saved', async ({ page, host }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Jan' });
  await importViaChooser(page, [pdfBundleFile()]);
  await expectImported(page);

  await goToArea(page, 'Mijn gegevens');
  await page.getByRole('navigation', { name: 'Onderwerpen' }).getByRole('button', { name: /^Documenten/ }).click();
  await page.getByRole('list', { name: 'Documenten' }).getByRole('button', { name: new RegExp(pdfTitle) }).click();
  await expect(page.getByRole('heading', { level: 1, name: pdfTitle })).toBeVisible();

  const attachments = page.getByRole('region', { name: 'Bijlagen' });
  await attachments.getByRole('button', { name: `Bekijken: ${pdfTitle}` }).click();
  const viewer = page.getByTestId('pdf-viewer');
  await expect(viewer.getByRole('heading', { name: pdfTitle })).toBeVisible();
  await expect(viewer.locator('.pdf-page')).toHaveAttribute('data-rendered', 'true', { timeout: 20_000 });
  await expect(page.getByTestId('pdf-text-layer')).toContainText(pdfText);
  await expect(viewer).toContainText('Pagina 1 van 1');
  await checkAxe(page, 'records-09-pdf-viewer');

  const downloadPromise = page.waitForEvent('download');
  await viewer.getByRole('button', { name: 'Opslaan' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`${pdfTitle}.pdf`);
  const saved = await readFile(await download.path());
  expect(saved.subarray(0, 5).toString('latin1')).toBe('%PDF-');

  await viewer.getByRole('button', { name: 'Sluiten' }).click();
  await expect(page.getByTestId('pdf-viewer')).toHaveCount(0);
});
