/**
 * Vragenlijsten in Chromium, against the REAL provider simulator: fetch the questionnaires of a
 * practice provider (Vragenlijsten, 59) → open one → answer it, where answers open follow-up
 * questions (enableWhen) → "Controleren en versturen" lists what still needs fixing, with links to
 * the fields → fix → see exactly what will be sent → "Versturen" → log in at the provider → sent,
 * read-only → in Verstuurd → the provider (simulator) shows the answers. The draft is kept in the
 * profile while filling in, and a lock brings the person back into the form. axe-core (WCAG 2.1 A/AA)
 * and 24 px targets on every step.
 */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { createProfile, expectUnlockScreen, goToArea, strongPassword, unlock } from './helpers';
import { test } from './medmij-fixtures';
import { checkAxe } from './records-helpers';
import { expectTargetsAtLeast24 } from './target-size';

const providerName = 'Huisartsenpraktijk De Linde';
const title = 'Voorbereiding op uw afspraak (fictief)';

/** On the simulated DigiD page in the popup: log in as Kees Compleet, back on Regie's callback. */
async function logInAsKees(popup: Page): Promise<void> {
  await popup.waitForLoadState('domcontentloaded');
  await expect(popup.getByRole('heading', { level: 1, name: `Inloggen bij ${providerName} (TEST)` })).toBeVisible();
  await popup.getByLabel(/Kees Compleet/).check();
  await popup.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await popup.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/medmij\/callback\?/);
  await popup.close();
}

/** Zorgaanbieders → De Linde → only "Vragenlijsten" → log in → fetched. */
async function fetchQuestionnaires(page: Page, context: BrowserContext): Promise<void> {
  await goToArea(page, 'Zorgaanbieders');
  await page.getByLabel('Zoek een zorgaanbieder').fill('Linde');
  const card = page.getByRole('article', { name: providerName });
  await expect(card.getByRole('checkbox').first()).toBeVisible();
  for (const box of await card.getByRole('checkbox').all()) await box.setChecked((await box.getAttribute('data-service-id')) === '59');
  await card.getByRole('button', { name: 'Gegevens ophalen' }).click();
  const popupPromise = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Inloggen bij zorgaanbieder' }).click();
  await logInAsKees(await popupPromise);
  await expect(page.getByTestId('medmij-result')).toHaveAttribute('data-result', 'done', { timeout: 30_000 });
}

test('fetch questionnaires, answer one with follow-up questions, fix what is asked, send it; confirmed and in Verstuurd', async ({
  page,
  context,
  host,
  simulator,
}) => {
  await page.goto(host.url);
  const { auth } = await createProfile(page, { label: 'Kees' });
  const [profile] = host.core.vault.list();
  if (!profile) throw new Error('profile missing');

  await goToArea(page, 'Vragenlijsten');
  await expect(page.getByText('U heeft nog geen vragenlijsten.')).toBeVisible();
  await checkAxe(page, 'questionnaires-01-empty');

  await fetchQuestionnaires(page, context);
  await goToArea(page, 'Vragenlijsten');
  const cards = page.getByRole('list', { name: 'Vragenlijsten' }).getByRole('listitem');
  await expect(cards).toHaveCount(2);
  const card = cards.filter({ hasText: title });
  await expect(card).toContainText(`Van ${providerName}`);
  await expect(card).toContainText('Gevraagd door M. de Wit, huisarts (fictief)');
  await expect(card).toContainText('Nog niet ingevuld');
  await checkAxe(page, 'questionnaires-02-list');
  await expectTargetsAtLeast24(page, 'questionnaires-02-list');
  await card.getByRole('button', { name: `Invullen: ${title}` }).click();

  // The form: groups as headings, every field labelled, follow-up questions only when they apply.
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeFocused();
  await expect(page.getByRole('heading', { level: 2, name: 'Over uzelf' })).toBeVisible();
  const weight = page.getByLabel('Wat is uw gewicht? (verplicht)');
  await expect(weight).toHaveAccessibleDescription(/In kg\. Een getal, bijvoorbeeld 72,5\. Tussen 20 en 300\./);
  const cigarettes = page.getByLabel('Hoeveel sigaretten rookt u per dag? (verplicht)');
  await expect(cigarettes).toHaveCount(0);
  await checkAxe(page, 'questionnaires-03-form');
  await expectTargetsAtLeast24(page, 'questionnaires-03-form');

  await weight.fill('78,55');
  await weight.blur();
  // A value that breaks a limit says what to fix as soon as the person leaves the field.
  await expect(weight).toHaveAccessibleDescription(/Gebruik hoogstens 1 cijfer achter de komma\./);
  await weight.fill('78,5');
  const smoking = page.getByRole('group', { name: 'Rookt u? (verplicht)' });
  await smoking.getByLabel('Ja').check();
  // enableWhen: "Ja" opens the question how many.
  await expect(cigarettes).toBeVisible();
  const complaints = page.getByRole('group', { name: /Welke klachten heeft u op dit moment\?/ });
  await complaints.getByLabel('Pijn').check();
  await complaints.getByLabel('Vermoeidheid').check();
  const pain = page.getByLabel(/Hoe erg is de pijn\?/);
  await expect(pain).toBeVisible();
  await pain.fill('6');
  await page.getByRole('group', { name: 'Mogen wij u vóór de afspraak bellen?' }).getByLabel('Ja').check();
  const callAt = page.getByRole('group', { name: 'Wanneer kunnen wij u het best bellen?' });
  await callAt.getByLabel('Datum').fill('02-12-2026');
  await callAt.getByLabel('Tijd').fill('10:00');

  // Kept as a draft in the profile (the synced record), while filling in.
  await expect(page.getByText(/Uw antwoorden zijn bewaard om \d\d:\d\d\. Ze zijn nog niet verstuurd\./)).toBeVisible();
  const saved = await host.core.call('questionnaires.list', { profileId: profile.id });
  expect(saved.ok && saved.value.find((q) => q.title === title)?.status).toBe('draft');

  // Locking and unlocking brings the person back into this questionnaire, with what they typed.
  await page.getByRole('button', { name: 'Vergrendelen' }).click();
  await expectUnlockScreen(page, 'Kees');
  await unlock(page, strongPassword, await auth.fresh());
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(weight).toHaveValue('78,5');
  await expect(cigarettes).toBeVisible();
  await expect(callAt.getByLabel('Tijd')).toHaveValue('10:00');

  // Checking finds the missing required answer of the follow-up question and says what to do.
  await page.getByRole('button', { name: 'Controleren en versturen' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Er is 1 antwoord dat u nog moet verbeteren' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'Hoeveel sigaretten rookt u per dag?' })).toBeVisible();
  await expect(summary).toContainText('Hoeveel sigaretten rookt u per dag?: Vul hier een antwoord in.');
  await expect(cigarettes).toHaveAccessibleDescription(/Vul hier een antwoord in\./);
  await checkAxe(page, 'questionnaires-04-summary');
  await summary.getByRole('link', { name: 'Hoeveel sigaretten rookt u per dag?' }).click();
  await expect(cigarettes).toBeFocused();
  await cigarettes.fill('12');
  await page.getByRole('button', { name: 'Controleren en versturen' }).click();

  // Exactly what will be sent, to whom; nothing has left yet.
  await expect(page.getByRole('heading', { level: 2, name: 'Controleer wat u verstuurt' })).toBeFocused();
  await expect(page.getByText(`Naar: ${providerName}`, { exact: true })).toBeVisible();
  const review = page.locator('.questionnaire-review');
  await expect(review.getByRole('term')).toHaveText([
    'Wat is uw gewicht?', 'Rookt u?', 'Hoeveel sigaretten rookt u per dag?', 'Welke klachten heeft u op dit moment? (u kunt meer dan één antwoord kiezen)',
    'Hoe erg is de pijn? (0 = geen pijn, 10 = de ergste pijn die u zich kunt voorstellen)', 'Mogen wij u vóór de afspraak bellen?', 'Wanneer kunnen wij u het best bellen?',
  ]);
  await expect(review.getByRole('definition')).toHaveText(['78,5 kg', 'Ja', '12 per dag', 'Pijn, Vermoeidheid', '6', 'Ja', '02-12-2026 om 10:00']);
  expect(simulator.requests.filter((r) => r.method !== 'GET' && r.path.includes('/fhir/'))).toHaveLength(0);
  await checkAxe(page, 'questionnaires-05-review');
  await expectTargetsAtLeast24(page, 'questionnaires-05-review');

  const popupPromise = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Versturen', exact: true }).click();
  await logInAsKees(await popupPromise);

  // Sent: confirmed by the provider, the answers read-only.
  const sent = page.getByTestId('questionnaire-sent');
  await expect(sent).toBeVisible({ timeout: 30_000 });
  await expect(sent).toContainText('De zorgaanbieder heeft uw antwoorden ontvangen.');
  await expect(sent.getByRole('definition').first()).toHaveText('78,5 kg');
  await expect(page.getByRole('button', { name: 'Controleren en versturen' })).toHaveCount(0);
  await checkAxe(page, 'questionnaires-06-sent');
  await page.getByRole('button', { name: 'Terug naar alle vragenlijsten' }).click();
  await expect(cards.filter({ hasText: title })).toContainText('Verstuurd op');

  // In Verstuurd, with the provider's answer.
  await goToArea(page, 'Delen');
  const log = page.getByTestId('sharing-sent');
  await expect(log.getByRole('heading', { level: 3, name: `Antwoorden op vragenlijsten naar ${providerName}` })).toBeVisible();
  await expect(log).toContainText('Hoeveel sigaretten rookt u per dag?: 12 per dag');
  await checkAxe(page, 'questionnaires-07-verstuurd');

  // The provider received the Task update and the answers, for Kees, and shows them.
  expect(simulator.requests.filter((r) => r.method !== 'GET' && r.path.includes('/fhir/')).map((r) => `${r.method} ${r.status}`)).toEqual(['PUT 200', 'POST 200']);
  expect(simulator.received.map((r) => [r.serviceId, r.personId])).toEqual([['60', 'kees-compleet']]);
  const providerPage = await context.newPage();
  await providerPage.goto(`${simulator.origin}/delinde/ontvangen`);
  await expect(providerPage.getByText('Antwoorden op de vragenlijst')).toBeVisible();
  await expect(providerPage.getByText('Hoeveel sigaretten rookt u per dag?')).toBeVisible();
  await providerPage.close();
});
