/**
 * Mistakes can be corrected (issue 10.3) and Metingen shows a chosen period (10.6), in Chromium:
 * - 300/80 asks "Klopt dit?" before anything is stored; "Nee, aanpassen" goes back to the field,
 *   "Ja, opslaan" stores it.
 * - An own measurement is changed, and its earlier value stays visible as its history; another is
 *   deleted after a question.
 * - A received record is hidden with a reason: gone from Overzicht (and search), listed under
 *   "Verborgen gegevens", and back everywhere when shown again.
 * - Imported values of March 2024 appear in chart and table once the period includes them.
 * axe-core (WCAG 2.1 A/AA) on every new state.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestHost } from '../../src-main/testhost/server';
import { expect, test } from './fixtures';
import { createProfile, goToArea } from './helpers';
import { checkAxe, fixtureDir } from './records-helpers';

function profileIdOf(host: TestHost): string {
  const [profile] = host.core.vault.list();
  if (!profile) throw new Error('profile missing');
  return profile.id;
}

async function importFixtures(host: TestHost, names: string[], sourceLabel: string) {
  const files = names.map((name) => ({ name, contentBase64: readFileSync(join(fixtureDir, name)).toString('base64') }));
  const result = await host.core.call('records.import', { profileId: profileIdOf(host), files, sourceLabel });
  expect(result.ok && result.value.ok).toBe(true);
}

async function measurements(host: TestHost) {
  const result = await host.core.call('measurements.list', { profileId: profileIdOf(host) });
  if (!result.ok) throw new Error('list failed');
  return result.value.points;
}

test('an unusual value asks "Klopt dit?"; an own measurement is changed with its history, another deleted', async ({ page, host }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Correctie' });
  await goToArea(page, 'Metingen');
  const form = page.getByRole('region', { name: 'Meting toevoegen' });
  const systolic = form.getByLabel('Bovendruk (systolisch)');
  await systolic.fill('300');
  await form.getByLabel('Onderdruk (diastolisch)').fill('80');
  await form.getByRole('button', { name: 'Meting opslaan' }).click();

  // Possible, but more likely a slip of the finger: asked before anything is stored.
  const question = form.getByRole('group', { name: 'Klopt dit?' });
  await expect(question).toBeVisible();
  await expect(question).toContainText('Een bovendruk van 300 mmHg is ongebruikelijk hoog.');
  await expect(question.getByRole('heading', { name: 'Klopt dit?' })).toBeFocused();
  await checkAxe(page, 'corrections-01-klopt-dit');
  expect(await measurements(host)).toEqual([]);
  await question.getByRole('button', { name: 'Nee, aanpassen' }).click();
  await expect(systolic).toBeFocused();
  await expect(question).toHaveCount(0);

  // The person looks again and says it is right after all.
  await form.getByRole('button', { name: 'Meting opslaan' }).click();
  await form.getByRole('group', { name: 'Klopt dit?' }).getByRole('button', { name: 'Ja, opslaan' }).click();
  await expect(form.getByRole('status')).toHaveText('Meting opgeslagen: Bloeddruk 300/80 mmHg.');
  const bp = page.getByTestId('measurements-blood-pressure');
  await expect(bp.getByTestId('measurement-latest')).toContainText('300/80 mmHg');

  await form.getByLabel('Wat heeft u gemeten?').selectOption({ label: 'Gewicht' });
  await form.getByLabel('Gewicht', { exact: true }).fill('82,4');
  await form.getByRole('button', { name: 'Meting opslaan' }).click();
  await expect(form.getByRole('status')).toHaveText('Meting opgeslagen: Gewicht 82,4 kg.');
  expect((await measurements(host)).map((p) => p.valueText).sort()).toEqual(['300/80 mmHg', '82,4 kg']);

  // Change the blood pressure from the table: the form starts from what it says.
  await bp.getByRole('button', { name: 'Toon als tabel' }).click();
  await bp.getByRole('button', { name: /^Wijzigen: meting van/ }).click();
  const edit = page.getByTestId('measurement-edit');
  await expect(edit.getByRole('heading', { level: 2, name: 'Meting wijzigen' })).toBeFocused();
  await expect(edit.getByLabel('Bovendruk (systolisch)')).toHaveValue('300');
  await expect(edit.getByTestId('measurement-history')).toContainText('Deze meting is nog niet gewijzigd.');
  await edit.getByLabel('Bovendruk (systolisch)').fill('130');
  await edit.getByRole('button', { name: 'Wijziging opslaan' }).click();
  await expect(edit.getByRole('status')).toHaveText('Meting gewijzigd: Bloeddruk 130/80 mmHg.');
  // The earlier value stays, as the history of this measurement.
  const history = edit.getByTestId('measurement-history');
  await expect(history.getByRole('listitem')).toHaveCount(1);
  await expect(history.getByRole('listitem')).toContainText('300/80 mmHg');
  await expect(bp.getByTestId('measurement-latest')).toContainText('130/80 mmHg');
  await checkAxe(page, 'corrections-02-changed-with-history');
  await edit.getByRole('button', { name: 'Sluiten' }).click();
  await expect(page.getByRole('region', { name: 'Meting toevoegen' })).toBeVisible();
  const bpTable = bp.getByRole('table', { name: /Bloeddruk: alle metingen/ });
  await expect(bpTable.getByRole('row')).toHaveCount(2);
  await expect(bpTable.getByRole('row').nth(1)).toContainText('130');
  await expect(bpTable.getByRole('row').nth(1)).toContainText('(gewijzigd)');

  // Delete the weight, after a question.
  const weight = page.getByTestId('measurements-weight');
  await weight.getByRole('button', { name: 'Toon als tabel' }).click();
  await weight.getByRole('button', { name: /^Verwijderen: meting van/ }).click();
  const removal = weight.getByRole('group', { name: 'Meting verwijderen?' });
  await expect(removal).toContainText('82,4 kg');
  await checkAxe(page, 'corrections-03-delete-question');
  await removal.getByRole('button', { name: 'Ja, verwijderen' }).click();
  await expect(page.getByTestId('measurements-weight')).toHaveCount(0);
  await expect(page.getByText(/De meting van .* is verwijderd\./)).toBeVisible();
  expect((await measurements(host)).map((p) => p.valueText)).toEqual(['130/80 mmHg']);
});

test('a received record is hidden with a reason, leaves Overzicht, and comes back when shown again', async ({ page, host }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Verbergen' });
  await importFixtures(host, ['r4-bgz-bundle.json'], 'Huisarts De Linde');
  // Imported behind the screen's back: coming to Overzicht loads it afresh.
  await goToArea(page, 'Mijn gegevens');
  await goToArea(page, 'Overzicht');
  const problems = page.getByRole('region', { name: 'Actuele problemen' });
  await expect(problems).toContainText('Suikerziekte type 2');

  await problems.getByRole('button', { name: /Suikerziekte type 2/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Suikerziekte type 2' })).toBeVisible();
  const panel = page.getByRole('region', { name: 'Klopt dit gegeven niet?' });
  await panel.getByRole('button', { name: 'Dit gegeven verbergen' }).click();
  const reasons = panel.getByRole('group', { name: 'Waarom verbergt u dit gegeven?' });
  for (const reason of ['Klopt niet', 'Dubbel', 'Niet van mij', 'Anders']) await expect(reasons.getByRole('radio', { name: reason })).toBeVisible();
  // No reason chosen yet: say so, hide nothing.
  await panel.getByRole('button', { name: 'Verbergen', exact: true }).click();
  await expect(panel.getByRole('alert')).toHaveText('Kies waarom u dit gegeven verbergt.');
  await reasons.getByRole('radio', { name: 'Niet van mij' }).check();
  await panel.getByLabel('Toelichting (niet verplicht)').fill('Dit is van mijn broer');
  await checkAxe(page, 'corrections-04-hide-form');
  await panel.getByRole('button', { name: 'Verbergen', exact: true }).click();

  const notice = page.getByTestId('hidden-notice');
  await expect(notice.getByRole('heading', { name: 'Dit gegeven is verborgen' })).toBeFocused();
  await expect(notice).toContainText('Reden: Niet van mij.');
  await expect(notice).toContainText('Uw toelichting: Dit is van mijn broer');
  await checkAxe(page, 'corrections-05-hidden-record');
  // Search no longer finds it (other records that mention the condition still are found).
  const hiddenNow = await host.core.call('records.hidden', { profileId: profileIdOf(host) });
  if (!hiddenNow.ok) throw new Error('hidden list failed');
  expect(hiddenNow.value.map((r) => r.title)).toEqual(['Suikerziekte type 2']);
  const search = await host.core.call('records.search', { profileId: profileIdOf(host), query: 'suikerziekte', limit: 200 });
  if (!search.ok) throw new Error('search failed');
  expect(search.value.items.map((r) => r.id)).not.toContain(hiddenNow.value[0]!.id);

  await page.getByRole('button', { name: 'Terug' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Overzicht' })).toBeVisible();
  await expect(problems).not.toContainText('Suikerziekte type 2');

  // Mijn gegevens → Verborgen gegevens: with the reason, and "Weer tonen".
  await goToArea(page, 'Mijn gegevens');
  const hidden = page.getByRole('region', { name: 'Verborgen gegevens' });
  await hidden.getByRole('button', { name: 'Toon het verborgen gegeven (1)' }).click();
  const item = hidden.getByRole('listitem');
  await expect(item).toContainText('Suikerziekte type 2');
  await expect(item).toContainText('Reden: Niet van mij — Dit is van mijn broer');
  await checkAxe(page, 'corrections-06-hidden-list');
  await item.getByRole('button', { name: 'Weer tonen: Suikerziekte type 2' }).click();
  await expect(hidden.getByRole('status')).toHaveText('Het gegeven is weer zichtbaar.');
  await expect(hidden.getByRole('listitem')).toHaveCount(0);

  await goToArea(page, 'Overzicht');
  await expect(problems).toContainText('Suikerziekte type 2');
});

test('Metingen: a chosen period shows the imported values of March 2024 in chart and table', async ({ page, host }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Periode' });
  await importFixtures(host, ['r4-observation-bloeddruk-2024-03.json', 'r4-observation-gewicht-2024-03.json'], 'Huisarts De Linde');
  const profileId = profileIdOf(host);
  const recent = new Date(Date.now() - 20 * 24 * 3600 * 1000).toISOString();
  const added = await host.core.call('records.addMeasurement', { profileId, kind: 'blood-pressure', value: 128, value2: 82, effectiveAt: recent });
  expect(added.ok).toBe(true);

  await goToArea(page, 'Metingen');
  const period = page.getByTestId('measurement-period');
  await expect(period.getByLabel('Periode')).toHaveValue('24');
  await expect(period).toContainText('U ziet de metingen van de afgelopen twee jaar.');
  // What the period leaves out is said, with a way to see it.
  await expect(period).toContainText('Er zijn nog 2 oudere metingen. Kies een langere periode om ze te zien.');
  const bp = page.getByTestId('measurements-blood-pressure');
  await expect(bp.getByTestId('measurement-latest')).toContainText('128/82 mmHg');
  await expect(page.getByTestId('measurements-weight')).toHaveCount(0);

  // A chosen from–to; a reversed one is refused in words, not shown as nothing.
  await period.getByLabel('Periode').selectOption({ label: 'Zelf kiezen' });
  await period.getByLabel('Van').fill('31-03-2024');
  await period.getByLabel('Tot en met').fill('01-03-2024');
  await period.getByRole('button', { name: 'Toon deze periode' }).click();
  await expect(period.getByLabel('Van')).toHaveAccessibleDescription(/De begindatum ligt na de einddatum/);
  await expect(period.getByLabel('Van')).toBeFocused();
  await period.getByLabel('Van').fill('01-03-2024');
  await period.getByLabel('Tot en met').fill('31-03-2024');
  await period.getByRole('button', { name: 'Toon deze periode' }).click();
  await expect(period).toContainText('U ziet de metingen van 1 maart 2024 tot en met 31 maart 2024.');
  await expect(bp.getByTestId('measurement-latest')).toContainText('142/88 mmHg');
  await expect(bp.getByRole('img', { name: /Bloeddruk: verloop over de tijd/ })).toBeVisible();
  await bp.getByRole('button', { name: 'Toon als tabel' }).click();
  const table = bp.getByRole('table', { name: /Bloeddruk: alle metingen/ });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText('5 maart 2024');
  await expect(table.getByRole('row').nth(1)).toContainText('Huisarts De Linde');
  const weight = page.getByTestId('measurements-weight');
  await expect(weight.getByTestId('measurement-latest')).toBeVisible();
  await checkAxe(page, 'corrections-07-period-march-2024');

  // Everything: chart and table hold the same two blood pressures.
  await period.getByLabel('Periode').selectOption({ label: 'Alles' });
  await expect(period).toContainText('U ziet alle metingen.');
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(bp.getByRole('img', { name: /2 metingen van 5 maart 2024/ })).toBeVisible();
});
