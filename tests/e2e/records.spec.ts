/**
 * The health record in Chromium: import a file → Overzicht and Mijn gegevens show it → detail view
 * (Dutch labels, value, reference range marker, technical view) → search finds it → timeline.
 * axe-core (WCAG 2.1 A/AA) on every screen.
 */
import { expect, test } from './fixtures';
import { createProfile, goToArea } from './helpers';
import { checkAxe, expectImported, fixtureFile, importViaChooser } from './records-helpers';

test('import a FHIR bundle and find it everywhere', async ({ page, host }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Jan' });

  // Empty state with the call to action.
  await expect(page.getByRole('heading', { level: 2, name: 'Nog geen medische gegevens' })).toBeVisible();
  await checkAxe(page, 'records-01-overview-empty');

  await importViaChooser(page, [await fixtureFile('r4-bgz-bundle.json')]);
  await expectImported(page);
  const counts = page.getByTestId('import-counts');
  await expect(counts).toContainText('metingen en uitslagen');
  await expect(counts).toContainText('allergie');
  await checkAxe(page, 'records-02-import-result');

  // Overzicht: what matters now.
  const problems = page.getByRole('region', { name: 'Actuele problemen' });
  await expect(problems).toContainText('Suikerziekte type 2');
  await expect(page.getByRole('region', { name: 'Allergieën' })).toContainText('Penicilline');
  await expect(page.getByRole('region', { name: 'Recente uitslagen en metingen' })).toContainText('142/88 mmHg');
  // The first visit: nothing is "nieuw" yet (see last-visit.spec.ts).
  await expect(page.getByTestId('new-since-last-visit')).toHaveCount(0);
  await checkAxe(page, 'records-03-overview');

  // An item of the overview opens its detail view.
  await problems.getByRole('button', { name: /Suikerziekte type 2/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Suikerziekte type 2' })).toBeVisible();
  // Names, not codes: the codes are in the technical view only (presentation.spec.ts).
  await expect(page.getByTestId('detail-fields')).toContainText('Suikerziekte type 2');
  await expect(page.getByTestId('detail-fields')).not.toContainText('44054006');
  await page.getByRole('button', { name: 'Terug' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Overzicht' })).toBeVisible();

  // Mijn gegevens by BgZ section.
  await goToArea(page, 'Mijn gegevens');
  const sections = page.getByRole('navigation', { name: 'Onderwerpen' });
  for (const name of ['Personalia & contacten', 'Problemen', 'Allergieën', 'Medicatiegebruik', 'Vaccinaties', 'Labuitslagen', 'Documenten']) {
    await expect(sections.getByRole('button', { name: new RegExp(`^${name}`) })).toBeVisible();
  }
  await sections.getByRole('button', { name: /^Labuitslagen/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Labuitslagen' })).toBeVisible();
  await checkAxe(page, 'records-04-sections');

  // Detail view: Dutch labels, value with unit, reference range and an out-of-range marker in words.
  // (HbA1c is an nl-core-LaboratoryTestResult with the zib lab category SNOMED 275711006 "Chemie".)
  await page.getByRole('list', { name: 'Labuitslagen' }).getByRole('button', { name: /HbA1c/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'HbA1c' })).toBeVisible();
  const fields = page.getByTestId('detail-fields');
  await expect(fields.getByText('Wat is gemeten')).toBeVisible();
  await expect(fields).not.toContainText('59261-8');
  await expect(fields.getByText('Uitslag', { exact: true })).toBeVisible();
  await expect(page.getByTestId('observation-value')).toContainText('56 mmol/mol');
  await expect(page.getByTestId('observation-value').getByTestId('range-marker')).toHaveText(/hoog/);
  await expect(fields.getByText('Normaalwaarde')).toBeVisible();
  await expect(fields).toContainText('20 – 42 mmol/mol');
  await expect(fields).toContainText('maart 2024');
  await expect(page.getByTestId('provenance')).toContainText('r4-bgz-bundle.json');

  // Technische weergave: the original exactly as received, and the normalized R4 JSON.
  await page.getByText('Technische weergave').click();
  await expect(page.getByTestId('technical-view')).toContainText('JSON, FHIR R4');
  await expect(page.getByTestId('original-text').first()).toContainText('"59261-8"');
  await expect(page.getByTestId('technical-codes')).toContainText('59261-8');
  await expect(page.getByTestId('normalized-text')).toContainText('"resourceType": "Observation"');
  await checkAxe(page, 'records-05-detail');

  // Zoeken: from the header, newest first with each result's kind, each opens the detail view.
  const search = page.getByRole('search', { name: 'Zoeken in uw gegevens' });
  await search.getByLabel('Zoek in uw gegevens').fill('Penicilline');
  await search.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Zoekresultaten voor “Penicilline”' })).toBeVisible();
  const group = page.getByRole('list', { name: 'Resultaten voor “Penicilline”' });
  await expect(group.getByRole('button', { name: /Penicilline.*Allergie of overgevoeligheid/ })).toBeVisible();
  await checkAxe(page, 'records-06-search');
  await group.getByRole('button', { name: /Penicilline/ }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Penicilline' })).toBeVisible();
  await expect(page.getByTestId('detail-fields')).toContainText('Allergisch voor');

  await search.getByLabel('Zoek in uw gegevens').fill('xyzzyniets');
  await search.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page.getByTestId('search-empty')).toContainText('Geen resultaten');
  await checkAxe(page, 'records-07-search-empty');

  // Tijdlijn: everything by date, filterable, keyboard-reachable rows.
  await goToArea(page, 'Tijdlijn');
  const timeline = page.getByRole('list', { name: 'Tijdlijn' });
  await expect(timeline.getByRole('listitem').first()).toBeVisible();
  await expect(timeline.getByRole('button', { name: /HbA1c/ })).toBeVisible();
  await checkAxe(page, 'records-08-timeline');
  await page.getByLabel('Soort gegevens').selectOption({ label: 'Allergieën en overgevoeligheden' });
  await expect(page.getByText('1 gegeven', { exact: true })).toBeVisible();
  await timeline.getByRole('button', { name: /Penicilline/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Penicilline' })).toBeVisible();

  // English, too.
  await goToArea(page, 'Instellingen');
  await page.getByRole('radio', { name: 'English' }).check();
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'My records' }).click();
  await expect(page.getByRole('navigation', { name: 'Topics' }).getByRole('button', { name: /^Lab results/ })).toBeVisible();
});

test('a locked profile leaves no record data on screen', async ({ page, host }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Jan' });
  await importViaChooser(page, [await fixtureFile('r4-bgz-bundle.json')]);
  await expectImported(page);
  await expect(page.getByRole('region', { name: 'Allergieën' })).toContainText('Penicilline');
  await page.getByRole('button', { name: 'Vergrendelen' }).click();
  await expect(page.getByRole('button', { name: 'Ontgrendelen', exact: true })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Penicilline');
  await expect(page.locator('body')).not.toContainText('Suikerziekte');
});
