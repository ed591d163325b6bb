/**
 * Getting data in, as a person would in Chromium (issue 10, items 1, 4 and 8):
 * 1. one person per profile — a file and a fetch about someone else are stopped, saying whose they
 *    are, nothing stored, with the way to another or a new profile; Instellingen says whose it is;
 * 4. the same records from two files show once, with both files as sources;
 * 8. the empty Overzicht leads to Zorgaanbieders first; a PDF letter and a photo become the person's
 *    own documents with a title and a date; a broken file gets plain words (detail on request);
 *    success is one line (detail on request).
 * axe-core (WCAG 2.1 A/AA) on every screen.
 */
import { expect, type Locator } from '@playwright/test';
import { createProfile, goToArea } from './helpers';
import { test } from './medmij-fixtures';
import { checkAxe, expectImported, fixtureFile, importViaChooser, makePdf, sectionCounts } from './records-helpers';

const sanneBundle = () => fixtureFile('r4-bundle-other-person-sanne.json');

async function expectOtherPersonOffer(region: Locator): Promise<void> {
  await expect(region.getByRole('button', { name: 'Naar een ander profiel' })).toBeVisible();
  await expect(region.getByRole('button', { name: 'Nieuw profiel maken' })).toBeVisible();
}

test('1. a file about someone else is stopped before anything is stored, and Instellingen says whose profile it is', async ({ page, host }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Jan' });
  await importViaChooser(page, [await fixtureFile('r4-bgz-bundle.json')]);
  await expectImported(page);

  await goToArea(page, 'Instellingen');
  const identity = page.getByRole('region', { name: 'Van wie is dit profiel?' });
  await expect(identity.getByTestId('profile-identity-person')).toHaveText('Dit profiel is van: Jan de Vries, geboren 14 maart 1958.');
  await expect(identity).toContainText('Overgenomen uit het eerste bestand dat u importeerde (r4-bgz-bundle.json).');
  await checkAxe(page, 'intake-01-identity');

  await goToArea(page, 'Mijn gegevens');
  const before = await sectionCounts(page);
  await goToArea(page, 'Overzicht');
  await importViaChooser(page, [await sanneBundle()]);
  const refusal = page.getByRole('alert').filter({ hasText: 'Gegevens van iemand anders' });
  await expect(refusal).toBeVisible({ timeout: 30_000 });
  await expect(refusal.getByTestId('import-explanation')).toHaveText(
    'Deze gegevens zijn van Sanne Proef, geboren 1 juli 1990, maar dit profiel is van Jan de Vries, geboren 14 maart 1958. ' +
      'Er is niets opgeslagen. Zet ze in het profiel van Sanne Proef, of maak een nieuw profiel voor die persoon.',
  );
  await expectOtherPersonOffer(refusal);
  await checkAxe(page, 'intake-02-other-person-file');
  await goToArea(page, 'Mijn gegevens');
  expect(await sectionCounts(page)).toEqual(before);

  // The offer leads to a new profile.
  await goToArea(page, 'Overzicht');
  await importViaChooser(page, [await sanneBundle()]);
  await refusal.getByRole('button', { name: 'Nieuw profiel maken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Naam en wachtwoord' })).toBeVisible();
});

test('1. a fetch on behalf of someone born 11-02-1947 that returns Sanne (1990) is stopped, nothing stored', async ({ page, context, host }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Kees' });
  await goToArea(page, 'Zorgaanbieders');
  const setting = page.getByRole('region', { name: 'Voor wie is dit profiel?' });
  await setting.getByLabel('iemand die mij heeft gemachtigd').check();
  await setting.getByLabel('Geboortedatum van die persoon').fill('11-02-1947');
  await setting.getByRole('button', { name: 'Opslaan' }).click();
  await expect(setting.getByRole('status')).toContainText('Opgeslagen');

  await page.getByLabel('Zoek een zorgaanbieder').fill('Linde');
  const card = page.getByRole('article', { name: 'Huisartsenpraktijk De Linde' });
  for (const box of await card.getByRole('checkbox', { checked: true }).all()) await box.uncheck();
  await card.getByLabel('Basisgegevens zorg (BgZ)', { exact: true }).check();
  await card.getByRole('button', { name: 'Gegevens ophalen' }).click();
  const popupPromise = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Inloggen bij zorgaanbieder' }).click();
  const popup = await popupPromise;
  await popup.getByLabel(/Sanne Proef/).check();
  await popup.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await popup.waitForURL(/\/medmij\/callback\?/);
  await popup.close();

  const result = page.getByTestId('medmij-result');
  await expect(result).toHaveAttribute('data-result', 'failed', { timeout: 30_000 });
  await expect(result.getByTestId('medmij-reason')).toHaveText(
    'Deze gegevens zijn van Sanne Proef (fictief), geboren 1 juli 1990, maar dit profiel is van iemand geboren 11 februari 1947. ' +
      'Er is niets opgeslagen. Zet ze in het profiel van Sanne Proef (fictief), of maak een nieuw profiel voor die persoon.',
  );
  await expect(result).toContainText('Er is niets opgehaald');
  await expectOtherPersonOffer(result);
  await checkAxe(page, 'intake-03-other-person-fetch');

  await goToArea(page, 'Overzicht');
  await expect(page.getByRole('heading', { level: 2, name: 'Nog geen medische gegevens' })).toBeVisible();
});

test('4. the same records from two files show once on Overzicht, with both files as sources', async ({ page, host }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Jan' });
  await importViaChooser(page, [await fixtureFile('stu3-bgz-bundle.json')]);
  await expectImported(page);
  await page.getByRole('button', { name: 'Sluiten' }).click();
  await importViaChooser(page, [await fixtureFile('r4-bgz-bundle.json')]);
  await expectImported(page);

  const problems = page.getByRole('region', { name: 'Actuele problemen' });
  await expect(problems.getByRole('button', { name: /Suikerziekte type 2/ })).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Allergieën' }).getByRole('button', { name: /Penicilline/ })).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Recente uitslagen en metingen' }).getByRole('button', { name: /HbA1c/ })).toHaveCount(1);
  await checkAxe(page, 'intake-04-no-duplicates');

  await problems.getByRole('button', { name: /Suikerziekte type 2/ }).click();
  const provenance = page.getByTestId('provenance');
  await expect(provenance.getByRole('listitem')).toHaveCount(2);
  await expect(provenance).toContainText('stu3-bgz-bundle.json');
  await expect(provenance).toContainText('r4-bgz-bundle.json');
});

test('8. from the empty Overzicht to providers; a PDF and a photo as own documents; plain words for a broken file; success in one line', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Anna' });

  // Fetching from providers comes first.
  const start = page.getByRole('button', { name: 'Gegevens ophalen bij zorgaanbieders' });
  await expect(start).toHaveClass(/button-primary/);
  await expect(page.getByRole('heading', { level: 3, name: 'Of voeg zelf een bestand toe' })).toBeVisible();
  await checkAxe(page, 'intake-05-empty-overview');
  await start.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Zorgaanbieders' })).toBeVisible();
  await goToArea(page, 'Overzicht');

  // A PDF letter from a patient portal: a title and a date, then one item that opens the letter.
  await importViaChooser(page, [{ name: 'brief_cardioloog.pdf', mimeType: 'application/pdf', buffer: makePdf(['Geachte mevrouw, uw hart is in orde.']) }]);
  const form = page.getByRole('region', { name: 'Eigen document toevoegen' });
  await expect(form.getByLabel('Titel')).toHaveValue('brief cardioloog');
  await form.getByLabel('Titel').fill('Brief van de cardioloog');
  await form.getByLabel('Datum van het document').fill('05-03-2026');
  await checkAxe(page, 'intake-06-document-form');
  await form.getByRole('button', { name: 'Document opslaan' }).click();
  await expect(page.getByTestId('import-summary')).toHaveText('Toegevoegd als uw eigen document: “Brief van de cardioloog” (5 maart 2026).');
  await page.getByRole('button', { name: 'Document openen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Brief van de cardioloog' })).toBeVisible();
  await expect(page.getByTestId('provenance')).toContainText('Zelf ingevoerd');
  await expect(page.locator('.pdf-viewer')).toContainText('uw hart is in orde', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Terug' }).click();

  // A photo works the same way and opens in the app.
  const png = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a3b5f0d80000000049454e44ae426082',
    'hex',
  );
  await importViaChooser(page, [{ name: 'recept.png', mimeType: 'image/png', buffer: png }]);
  await form.getByLabel('Titel').fill('Foto van het recept');
  await form.getByRole('button', { name: 'Document opslaan' }).click();
  await page.getByRole('button', { name: 'Document openen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Foto van het recept' })).toBeVisible();
  await expect(page.getByTestId('image-viewer').getByRole('img', { name: 'Foto van het recept' })).toBeVisible();
  await checkAxe(page, 'intake-07-photo');
  await page.getByRole('button', { name: 'Terug' }).click();

  // A broken file: plain words and what to do; the parser's message only under "Technische details".
  await importViaChooser(page, [{ name: 'kapot.json', mimeType: 'application/json', buffer: Buffer.from('{ "resourceType": "Bundle", type: 1 }') }]);
  const refusal = page.getByRole('alert').filter({ hasText: 'Import geweigerd' });
  await expect(refusal).toBeVisible({ timeout: 30_000 });
  await expect(refusal.getByTestId('import-explanation')).toHaveText(/^Het bestand "kapot\.json" is beschadigd of onvolledig.*Er is niets geïmporteerd\./);
  await expect(refusal.getByText(/Ongeldige JSON/)).toBeHidden();
  await refusal.getByText('Technische details').click();
  await expect(refusal.getByTestId('import-problems')).toContainText('Ongeldige JSON');
  await checkAxe(page, 'intake-08-broken-file');
  await refusal.getByRole('button', { name: 'Sluiten' }).click();

  // Success: one heading, one line; the list per kind on request.
  await importViaChooser(page, [await fixtureFile('r4-bgz-bundle.json')]);
  await expectImported(page);
  await expect(page.getByText('Import gelukt', { exact: true })).toHaveCount(1);
  await expect(page.getByTestId('import-summary')).toHaveText(/^\d+ gegevens geïmporteerd uit r4-bgz-bundle\.json: \d+ nieuw\.$/);
  await expect(page.getByTestId('import-counts')).toBeHidden();
  await page.getByText('Wat is er geïmporteerd?').click();
  await expect(page.getByTestId('import-counts')).toContainText('allergie');
  await checkAxe(page, 'intake-09-success');
});
