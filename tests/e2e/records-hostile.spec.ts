/** Hostile or invalid files are refused: which file and entry failed and why, nothing imported, counts unchanged. */
import { expect, test } from './fixtures';
import { createProfile, goToArea } from './helpers';
import { checkAxe, expectImported, fixtureFile, importViaChooser, sectionCounts } from './records-helpers';

test('a hostile or invalid file imports nothing and says why', async ({ page, host }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Jan' });
  await importViaChooser(page, [await fixtureFile('r4-bgz-bundle.json')]);
  await expectImported(page);

  await goToArea(page, 'Mijn gegevens');
  const before = await sectionCounts(page);
  expect(before['Allergieën']).toBeGreaterThan(0);
  expect(Object.values(before).reduce((a, b) => a + b, 0)).toBeGreaterThan(10);

  // XML with a DOCTYPE (XXE): refused as a whole.
  await importViaChooser(page, [await fixtureFile('hostile-xxe.xml')]);
  const refusal = page.getByRole('alert').filter({ hasText: 'Import geweigerd' });
  await expect(refusal).toBeVisible({ timeout: 30_000 });
  await expect(refusal).toContainText('Er is niets geïmporteerd.');
  await expect(refusal.getByTestId('import-problems')).toContainText('hostile-xxe.xml');
  await checkAxe(page, 'records-10-import-refused');
  expect(await sectionCounts(page)).toEqual(before);

  // A bundle with one bad entry: the entry is named, nothing of the bundle is imported.
  await page.getByRole('button', { name: 'Sluiten' }).click();
  await importViaChooser(page, [await fixtureFile('hostile-bundle-one-bad-entry.json')]);
  await expect(refusal).toBeVisible({ timeout: 30_000 });
  const problems = refusal.getByTestId('import-problems');
  await expect(problems).toContainText('hostile-bundle-one-bad-entry.json');
  await expect(problems).toContainText(/entry\[\d+\]/);
  await expect(refusal).toContainText('Er is niets geïmporteerd.');
  expect(await sectionCounts(page)).toEqual(before);

  // The same refusal in English.
  await goToArea(page, 'Instellingen');
  await page.getByRole('radio', { name: 'English' }).check();
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'My records' }).click();
  await importViaChooser(page, [await fixtureFile('hostile-xxe.xml')], 'Import file');
  const refusalEn = page.getByRole('alert').filter({ hasText: 'Import refused' });
  await expect(refusalEn).toBeVisible({ timeout: 30_000 });
  await expect(refusalEn).toContainText('Nothing has been imported.');
});
