/**
 * Medicatie in Chromium: the empty state says where medication comes from; after importing the
 * fictitious Voorbeeld-PGO from that screen, current and earlier medicines are listed with their
 * instructions, period, prescriber, last dispense and source. A medicine opens (by keyboard) its
 * history, whose records open the detail view and come back. axe-core (WCAG 2.1 A/AA) on every state.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, repoRoot, test } from './fixtures';
import { createProfile, goToArea } from './helpers';
import { checkAxe, expectImported, importViaChooser } from './records-helpers';

test('medication: empty state, current and earlier medicines, history and record detail', async ({ page, host }) => {
  test.setTimeout(120_000);
  await page.goto(host.url);
  await createProfile(page, { label: 'Anna' });

  // No medication yet: where it comes from, and a way to each source.
  await goToArea(page, 'Medicatie');
  await expect(page.getByRole('heading', { level: 2, name: 'Nog geen medicatie' })).toBeVisible();
  await expect(page.getByText('Haal uw medicatiegegevens op bij uw apotheek of huisarts, via Zorgaanbieders.')).toBeVisible();
  await expect(page.getByText('Zelf medicijnen toevoegen, zoals iets van de drogist, kan straks ook.')).toBeVisible();
  await checkAxe(page, 'medication-01-empty');
  await page.getByRole('button', { name: 'Naar Zorgaanbieders' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Zorgaanbieders' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('button', { name: 'Zorgaanbieders' })).toHaveAttribute('aria-current', 'page');

  // Import the Voorbeeld-PGO from the empty state; the lists appear without reloading.
  await goToArea(page, 'Medicatie');
  const example = await readFile(join(repoRoot, 'resources/voorbeeld-pgo/voorbeeld-pgo.r4.json'));
  await importViaChooser(page, [{ name: 'voorbeeld-pgo.r4.json', mimeType: 'application/json', buffer: example }]);
  await expectImported(page);

  const current = page.getByRole('region', { name: 'Huidige medicatie' });
  const earlier = page.getByRole('region', { name: 'Eerder gebruikt' });
  await expect(current.getByRole('heading', { level: 3 })).toHaveText([
    'Atorvastatine tablet 20 mg',
    'Gliclazide tablet 80 mg',
    'Hydrochloorthiazide tablet 12,5 mg',
    'Lisinopril tablet 10 mg',
    'Metformine tablet 500 mg',
    'Paracetamol tablet 500 mg',
  ]);
  await expect(earlier.getByRole('heading', { level: 3 })).toHaveText(['Nitrofurantoïne capsule 50 mg', 'Doxycycline tablet 100 mg']);

  const metformine = current.getByTestId('medicine').filter({ hasText: 'Metformine tablet 500 mg' });
  await expect(metformine).toContainText('2x per dag 1 tablet, bij de maaltijd');
  await expect(metformine).toContainText('Sinds25 maart 2019');
  await expect(metformine).toContainText('Voorgeschreven doordr. M. Jansen, Huisartsenpraktijk De Linde');
  await expect(metformine).toContainText('ApotheekS. de Wit, Apotheek Domplein');
  await expect(metformine).toContainText(/Laatst opgehaald\d+ \w+ 20\d\d, 180 stuk, voor 90 dagen/);
  await expect(metformine).toContainText('Bronvoorbeeld-pgo.r4.json');
  await expect(earlier.getByTestId('medicine').filter({ hasText: 'Doxycycline' })).toContainText('Periode7 februari 2022 tot 14 februari 2022');
  // Self-care medicine without a prescriber says only what is known.
  await expect(current.getByTestId('medicine').filter({ hasText: 'Paracetamol' })).not.toContainText('Voorgeschreven door');
  await checkAxe(page, 'medication-02-lists');

  // Open a medicine with the keyboard: its summary and history, newest first.
  await metformine.getByRole('button', { name: 'Metformine tablet 500 mg' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Metformine tablet 500 mg' })).toBeFocused();
  await expect(page.getByTestId('medicine-phase')).toHaveText('Gebruikt u nu');
  await expect(page.getByTestId('medicine-facts')).toContainText('Gebruik2x per dag 1 tablet, bij de maaltijd');
  const history = page.getByRole('list', { name: 'Geschiedenis' });
  await expect(page.getByRole('heading', { level: 2, name: /Geschiedenis/ })).toContainText('34 gegevens');
  await expect(history.getByRole('listitem')).toHaveCount(25);
  await expect(history.getByRole('button').first()).toContainText('Verstrekking door de apotheek');
  await expect(history.getByRole('button').first()).toContainText('180 stuk');
  await page.getByRole('button', { name: 'Meer tonen (25 van 34)' }).click();
  await expect(history.getByRole('listitem')).toHaveCount(34);
  await expect(history.getByRole('button').last()).toContainText(/Medicatieafspraak|Medicatiegebruik/);
  await checkAxe(page, 'medication-03-medicine');

  // A record of the history opens in the detail view; "Terug" returns to the medicine.
  await history.getByRole('button').filter({ hasText: 'Medicatieafspraak' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Metformine tablet 500 mg' })).toBeVisible();
  await expect(page.locator('.eyebrow')).toHaveText('Medicatieafspraak');
  await expect(page.getByTestId('detail-fields')).toContainText('2x per dag 1 tablet, bij de maaltijd');
  await page.getByRole('button', { name: 'Terug', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Terug naar Medicatie' })).toBeVisible();
  await expect(page.getByTestId('medicine-phase')).toHaveText('Gebruikt u nu');

  // An earlier medicine says it stopped, and when.
  await page.getByRole('button', { name: 'Terug naar Medicatie' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Medicatie' })).toBeFocused();
  await earlier.getByRole('button', { name: 'Doxycycline tablet 100 mg' }).click();
  await expect(page.getByTestId('medicine-phase')).toHaveText('Gestopt');
  await expect(page.getByTestId('medicine-facts')).toContainText('Periode7 februari 2022 tot 14 februari 2022');

  // The main menu leaves the medicine; coming back shows the lists again.
  await goToArea(page, 'Overzicht');
  await goToArea(page, 'Medicatie');
  await expect(current).toBeVisible();

  // English: the same structure with other words.
  await goToArea(page, 'Instellingen');
  await page.getByRole('radio', { name: 'English' }).check();
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Medication' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Medication' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Current medication' }).getByRole('heading', { level: 3 })).toHaveCount(6);
  await expect(page.getByRole('region', { name: 'Used before' })).toContainText('Period7 February 2022 to 14 February 2022');
  await checkAxe(page, 'medication-04-english');
});
