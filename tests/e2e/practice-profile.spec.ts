/**
 * Oefenprofiel: a separate, real (locked) profile filled with the fictitious Voorbeeld-PGO patient.
 * Offered on the first start and in the profile picker, made with the normal wizard, and marked on
 * every screen. A real profile never gets the example data or the banner.
 */
import { expect, test } from './fixtures';
import { acknowledgeRecoveryCode, createProfile, enrollAuthenticator, goToArea, strongPassword, leaveProfile } from './helpers';
import { checkAxe, sectionCounts } from './records-helpers';

const bannerText = 'Dit is een oefenprofiel met fictieve gegevens.';

test('practice profile: from the picker through the wizard to fictitious data, marked everywhere', async ({ page, host }) => {
  await page.goto(host.url);

  // First start: after the welcome, the practice option sits below the real wizard, explained in one sentence.
  await page.getByRole('button', { name: 'Aan de slag' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Naam en wachtwoord' })).toBeVisible();
  const firstRunOffer = page.getByRole('region', { name: 'Eerst oefenen?' });
  await expect(firstRunOffer.getByRole('button', { name: 'Oefenen met een voorbeeldprofiel' })).toBeVisible();
  await expect(firstRunOffer).toContainText('apart profiel met de fictieve gegevens');

  // A real profile first: no banner, and its empty Overzicht offers no example data.
  await createProfile(page, { label: 'Jan', fromWelcome: false });
  await expect(page.getByRole('heading', { level: 2, name: 'Nog geen medische gegevens' })).toBeVisible();
  await expect(page.getByTestId('practice-banner')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Voorbeeldgegevens|voorbeeldprofiel/ })).toHaveCount(0);

  // The picker: the practice option is there, clearly secondary to "Nieuw profiel".
  // Jan stays open while the person practises, so coming back needs no unlock.
  await leaveProfile(page, { keepOpen: true });
  const offer = page.getByRole('region', { name: 'Eerst oefenen?' });
  const practiceButton = offer.getByRole('button', { name: 'Oefenen met een voorbeeldprofiel' });
  await expect(practiceButton).toBeVisible();
  await expect(practiceButton).not.toHaveClass(/button-primary/);
  await expect(page.getByRole('button', { name: 'Nieuw profiel' })).toHaveClass(/button-primary/);
  await expect(offer).toContainText('zonder dat er iets echts in staat');
  await checkAxe(page, 'practice-01-picker');

  // The normal wizard, with the name filled in and one extra step.
  await practiceButton.click();
  await expect(page.getByText('Oefenprofiel maken')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Naam en wachtwoord' })).toBeVisible();
  await expect(page.getByText('Stap 1 van 4')).toBeVisible();
  await expect(page.getByLabel('Naam van het profiel')).toHaveValue('Voorbeeld (oefenen)');
  await page.getByLabel('Wachtwoord', { exact: true }).fill(strongPassword);
  await page.getByLabel('Herhaal het wachtwoord').fill(strongPassword);
  await expect(page.getByText('Dit wachtwoord is sterk genoeg.')).toBeVisible();
  await page.getByRole('button', { name: 'Doorgaan' }).click();
  await enrollAuthenticator(page);
  await acknowledgeRecoveryCode(page);

  // The example data is loaded, then Overzicht shows it, with the banner.
  await expect(page.getByRole('heading', { level: 1, name: 'Overzicht' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('shell-profile-label')).toHaveText('Voorbeeld (oefenen)');
  await expect(page.getByTestId('practice-banner')).toHaveText(bannerText);
  await expect(page.getByRole('region', { name: 'Actuele problemen' })).toContainText(/diabetes/i);
  await expect(page.getByRole('region', { name: 'Huidige medicatie' }).getByRole('button').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Recente uitslagen en metingen' }).getByRole('button').first()).toBeVisible();
  // The first visit: nothing is "nieuw" (new means since a previous visit).
  await expect(page.getByTestId('new-since-last-visit')).toHaveCount(0);
  await expect(page.locator('.badge-new')).toHaveCount(0);
  await checkAxe(page, 'practice-02-overview');

  // Mijn gegevens: every section filled, the source says it is fictitious, and the banner stays.
  await goToArea(page, 'Mijn gegevens');
  await expect(page.getByTestId('practice-banner')).toHaveText(bannerText);
  const counts = await sectionCounts(page);
  expect(counts['Labuitslagen']).toBeGreaterThan(50);
  expect(counts['Problemen']).toBeGreaterThan(0);
  await page.getByRole('navigation', { name: 'Onderwerpen' }).getByRole('button', { name: /^Problemen/ }).click();
  await expect(page.getByRole('list', { name: 'Problemen' })).toContainText('Voorbeeld-PGO (fictieve gegevens)');
  await checkAxe(page, 'practice-03-records');

  // Other screens of the profile carry the banner as well.
  for (const area of ['Tijdlijn', 'Instellingen']) {
    await goToArea(page, area);
    await expect(page.getByTestId('practice-banner')).toHaveText(bannerText);
  }

  // Back in the real profile: no banner, no example data.
  await leaveProfile(page);
  await page.getByRole('list', { name: 'Profielen op deze computer' }).getByRole('button', { name: /Jan/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Overzicht' })).toBeVisible();
  await expect(page.getByTestId('shell-profile-label')).toHaveText('Jan');
  await expect(page.getByRole('heading', { level: 2, name: 'Nog geen medische gegevens' })).toBeVisible();
  await expect(page.getByTestId('practice-banner')).toHaveCount(0);
});

test('practice profile in English', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('radio', { name: 'English' }).check();
  await page.getByRole('button', { name: 'Get started' }).click();
  await page.getByRole('button', { name: 'Practise with an example profile' }).click();
  await expect(page.getByText('Create a practice profile')).toBeVisible();
  await expect(page.getByText('Step 1 of 4')).toBeVisible();
  await expect(page.getByLabel('Profile name')).toHaveValue('Example (practice)');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Step 1 of 3')).toBeVisible();
  await expect(page.getByLabel('Profile name')).toHaveValue('');
});
