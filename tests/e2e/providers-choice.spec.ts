/**
 * Zorgaanbieders for a new user: what most people want is ticked beforehand with the reason, the
 * older of two medication versions says it holds the same data, a caregiver's profile is reminded
 * whom it fetches for on the way to DigiD, and every target on these screens is at least 24 × 24 px
 * (WCAG 2.2), checkboxes and radios included. axe on every screen.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { createProfile, goToArea } from './helpers';
import { test } from './medmij-fixtures';
import { checkAxe } from './records-helpers';
import { expectTargetsAtLeast24 } from './target-size';

const deLinde = 'Huisartsenpraktijk De Linde';

async function searchProvider(page: Page, query: string, name: string): Promise<Locator> {
  await goToArea(page, 'Zorgaanbieders');
  await page.getByLabel('Zoek een zorgaanbieder').fill(query);
  const card = page.getByRole('article', { name });
  await expect(card).toBeVisible();
  return card;
}

const ticked = async (card: Locator) =>
  card
    .getByRole('checkbox')
    .evaluateAll((boxes) => (boxes as HTMLInputElement[]).filter((b) => b.checked).map((b) => b.labels?.[0]?.textContent ?? ''));

test('the usual services are ticked with a reason; only the newest medication version; every target ≥ 24 px', async ({ page, context, host }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Anna' });

  const card = await searchProvider(page, 'Linde', deLinde);
  // Every collecting service De Linde offers (incl. Overgevoeligheden, 54); the sending ones are under Delen.
  await expect(card.getByRole('checkbox')).toHaveCount(11);
  expect(await ticked(card)).toEqual(['Basisgegevens zorg (BgZ)', 'Huisartsgegevens', 'Medicatie (nieuwe versie)']);
  await expect(card).toContainText('Regie heeft alvast aangevinkt wat de meeste mensen willen ophalen; u kunt dat aanpassen.');
  await expect(card).toContainText('U heeft 3 soorten gegevens gekozen: u logt 3 keer in, één keer per soort.');
  // Each ticked box says why, as part of its accessible description.
  await expect(card.getByLabel('Basisgegevens zorg (BgZ)', { exact: true })).toHaveAccessibleDescription(/Aanbevolen: de belangrijkste gegevens in één keer\./);
  await expect(card.getByLabel('Medicatie (nieuwe versie)', { exact: true })).toHaveAccessibleDescription(/Aanbevolen: welke medicijnen u gebruikt/);
  // The older version is not ticked and says it is the same data in the older format.
  const older = card.getByLabel('Medicatie', { exact: true });
  await expect(older).not.toBeChecked();
  await expect(older).toHaveAccessibleDescription(
    /Dezelfde gegevens als "Medicatie \(nieuwe versie\)", in de oudere vorm\. U hoeft ze niet allebei op te halen\./,
  );
  await expect(card.getByLabel('Labuitslagen', { exact: true })).not.toBeChecked();
  await checkAxe(page, 'providers-01-preselected');
  await expectTargetsAtLeast24(page, 'search results');

  // A change is kept while the person searches on; another provider gets its own suggestion.
  await card.getByLabel('Huisartsgegevens', { exact: true }).uncheck();
  const pharmacy = await searchProvider(page, 'Zwolle', 'Apotheek Het Kruispunt');
  expect(await ticked(pharmacy)).toEqual(['Medicatie (nieuwe versie)']);
  const again = await searchProvider(page, 'Linde', deLinde);
  expect(await ticked(again)).toEqual(['Basisgegevens zorg (BgZ)', 'Medicatie (nieuwe versie)']);

  // Own profile: no reminder about someone else on the way to DigiD.
  await again.getByRole('button', { name: 'Gegevens ophalen' }).click();
  await expect(page.getByTestId('medmij-flow-service')).toHaveText('Stap 1 van 2: Basisgegevens zorg (BgZ)');
  await expect(page.getByTestId('medmij-explain')).toBeVisible();
  await expect(page.getByTestId('medmij-for-person')).toHaveCount(0);
  await expectTargetsAtLeast24(page, 'explain');

  // Waiting for the login (a link to reopen the page), then cancelled: targets there too.
  const popupPromise = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Inloggen bij zorgaanbieder' }).click();
  const popup = await popupPromise;
  await expect(page.getByTestId('medmij-waiting')).toBeVisible();
  await expectTargetsAtLeast24(page, 'waiting for login');
  await page.getByRole('button', { name: 'Annuleren' }).click();
  await expect(page.getByTestId('medmij-result')).toHaveAttribute('data-result', 'cancelled');
  await popup.close();
  await expectTargetsAtLeast24(page, 'cancelled');
  await checkAxe(page, 'providers-02-cancelled');
});

test('a caregiver profile is reminded on the way to DigiD whom it fetches for', async ({ page, host }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Jan' });
  await goToArea(page, 'Zorgaanbieders');

  const setting = page.getByRole('region', { name: 'Voor wie is dit profiel?' });
  await expectTargetsAtLeast24(page, 'representation setting');
  await setting.getByLabel('iemand die mij heeft gemachtigd').check();
  await setting.getByLabel('Geboortedatum van die persoon').fill('1947-02-11');
  await setting.getByRole('button', { name: 'Opslaan' }).click();
  await expect(setting.getByRole('status')).toContainText('Opgeslagen');
  await expectTargetsAtLeast24(page, 'representation with birth date');

  const card = await searchProvider(page, 'Linde', deLinde);
  await card.getByRole('button', { name: 'Gegevens ophalen' }).click();
  const reminder = page.getByTestId('medmij-for-person');
  await expect(reminder).toContainText('U haalt gegevens op voor Jan (geboren 11 februari 1947).');
  await expect(reminder).toContainText('U logt in met uw eigen DigiD. Omdat Jan u heeft gemachtigd, geeft de zorgaanbieder u de gegevens van Jan.');
  // It stands before the login button, so it is read before leaving for DigiD.
  const login = page.getByRole('button', { name: 'Inloggen bij zorgaanbieder' });
  expect((await reminder.boundingBox())!.y).toBeLessThan((await login.boundingBox())!.y);
  await checkAxe(page, 'providers-03-caregiver-reminder');
  await expectTargetsAtLeast24(page, 'caregiver explain');

  // A child under 12: the parent's own DigiD, the child's data; the change applies at once.
  await page.getByRole('button', { name: 'Terug' }).click();
  await setting.getByLabel('mijn kind jonger dan 12 jaar (ouderlijk gezag)').check();
  await setting.getByLabel('Geboortedatum van die persoon').fill('2019-04-12');
  await setting.getByRole('button', { name: 'Opslaan' }).click();
  await expect(setting.getByRole('status')).toContainText('Opgeslagen');
  await page.getByRole('article', { name: deLinde }).getByRole('button', { name: 'Gegevens ophalen' }).click();
  await expect(reminder).toContainText('U haalt gegevens op voor Jan (geboren 12 april 2019).');
  await expect(reminder).toContainText('Als ouder met gezag krijgt u de gegevens van uw kind.');

  // Back to "mijzelf": no reminder.
  await page.getByRole('button', { name: 'Terug' }).click();
  await setting.getByLabel('mijzelf').check();
  await setting.getByRole('button', { name: 'Opslaan' }).click();
  await expect(setting.getByRole('status')).toContainText('Opgeslagen');
  await page.getByRole('article', { name: deLinde }).getByRole('button', { name: 'Gegevens ophalen' }).click();
  await expect(page.getByTestId('medmij-explain')).toBeVisible();
  await expect(reminder).toHaveCount(0);
});
