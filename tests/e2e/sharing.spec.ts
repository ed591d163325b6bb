/**
 * Delen in Chromium, against the REAL provider simulator: three own blood-pressure measurements and
 * then a photo go to a practice provider. Each time: choose the provider and what to send → see
 * exactly what will be sent → "Versturen" → log in on the simulated DigiD page in a popup → the
 * provider's answer per item → the send in Verstuurd. The simulator stored what it received.
 * axe-core (WCAG 2.1 A/AA) on every step.
 */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { createProfile, goToArea } from './helpers';
import { test } from './medmij-fixtures';
import { checkAxe } from './records-helpers';
import { expectTargetsAtLeast24 } from './target-size';

const providerName = 'Huisartsenpraktijk De Linde';
// A 1 × 1 pixel PNG.
const photo = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const pad = (n: number) => String(n).padStart(2, '0');
const daysAgo = (n: number) => {
  const d = new Date(Date.now() - n * 24 * 3600 * 1000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/** "Versturen": the provider's login page opens in a popup; log in as Kees Compleet. */
async function sendAndLogIn(page: Page, context: BrowserContext): Promise<void> {
  const popupPromise = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Versturen', exact: true }).click();
  const popup = await popupPromise;
  await popup.waitForLoadState('domcontentloaded');
  await expect(page.getByTestId('sharing-stage')).toHaveText(`Wachten tot u bent ingelogd bij ${providerName}…`);
  await expect(popup.getByRole('heading', { level: 1, name: `Inloggen bij ${providerName} (TEST)` })).toBeVisible();
  await popup.getByLabel(/Kees Compleet/).check();
  await popup.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await popup.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/medmij\/callback\?/);
  await popup.close();
}

test('send three blood pressures and a photo to a practice provider; confirmed, and in Verstuurd', async ({ page, context, host, simulator }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Kees' });
  const [profile] = host.core.vault.list();
  if (!profile) throw new Error('profile missing');
  expect((await host.core.call('records.setIdentity', { profileId: profile.id, name: 'Kees Compleet', birthDate: '1947-02-11' })).ok).toBe(true);
  for (const [days, upper, lower] of [[3, 135, 85], [2, 128, 82], [1, 141, 88]] as const) {
    const added = await host.core.call('records.addMeasurement', { profileId: profile.id, kind: 'blood-pressure', value: upper, value2: lower, effectiveAt: `${daysAgo(days)}T08:30:00+01:00` });
    expect(added.ok).toBe(true);
  }

  // Delen: the providers that take data from the person, with what each takes.
  await goToArea(page, 'Delen');
  await expect(page.getByRole('heading', { level: 1, name: 'Delen' })).toBeVisible();
  await expect(page.getByText('er gaat niets weg voordat u op "Versturen" klikt')).toBeVisible();
  const linde = page.getByRole('article', { name: providerName });
  await expect(linde.getByRole('button', { name: 'Zelfmetingen delen' })).toHaveAccessibleDescription(/bloeddruk en gewicht/);
  await expect(page.getByTestId('sharing-sent')).toContainText('U heeft nog niets verstuurd.');
  await checkAxe(page, 'sharing-01-choose');
  await expectTargetsAtLeast24(page, 'sharing-choose');
  await linde.getByRole('button', { name: 'Zelfmetingen delen' }).click();

  // What: blood pressure, any period.
  await expect(page.getByRole('heading', { level: 2, name: `Zelfmetingen delen: naar ${providerName}` })).toBeFocused();
  await page.getByLabel('Soort meting').selectOption({ label: 'Bloeddruk' });
  await checkAxe(page, 'sharing-02-what-measurements');
  await page.getByRole('button', { name: 'Bekijk wat er wordt verstuurd' }).click();

  // Exactly what will be sent, to whom, with which service; nothing has left yet.
  const preview = page.getByTestId('sharing-preview');
  await expect(preview.getByRole('heading', { level: 2, name: 'Dit wordt verstuurd' })).toBeFocused();
  await expect(page.getByTestId('sharing-preview-provider')).toHaveText(providerName);
  await expect(page.getByTestId('sharing-preview-service')).toHaveText('Zelfmetingen delen');
  const items = page.getByTestId('sharing-preview-items').getByRole('listitem');
  await expect(items).toHaveCount(4);
  await expect(items.nth(0)).toContainText('Uw gegevens: Kees Compleet, geboren 1947-02-11');
  await expect(items.nth(1)).toContainText('Bloeddruk: 135/85 mmHg');
  await expect(items.nth(2)).toContainText('Bloeddruk: 128/82 mmHg');
  await expect(items.nth(3)).toContainText('Bloeddruk: 141/88 mmHg');
  expect(simulator.requests.filter((r) => r.method === 'POST' && r.path.includes('/fhir/'))).toHaveLength(0);
  await checkAxe(page, 'sharing-03-preview');

  await sendAndLogIn(page, context);
  const result = page.getByTestId('sharing-result');
  await expect(result).toHaveAttribute('data-outcome', 'accepted', { timeout: 30_000 });
  await expect(result.getByRole('heading', { level: 3, name: 'Verstuurd en aangenomen' })).toBeFocused();
  await expect(page.getByTestId('sharing-result-message')).toHaveText('De zorgaanbieder heeft alles ontvangen en aangenomen.');
  await expect(page.getByTestId('sharing-result-items').getByRole('listitem').filter({ hasText: 'Aangenomen' })).toHaveCount(4);
  await checkAxe(page, 'sharing-04-accepted');

  // In Verstuurd, with the answer per item.
  const sent = page.getByTestId('sharing-sent');
  await expect(sent.getByRole('heading', { level: 3, name: `Zelfmetingen delen naar ${providerName}` })).toBeVisible();
  await expect(sent).toContainText('Aangenomen Bloeddruk: 141/88 mmHg');

  // Then a photo with what it shows and when.
  await page.getByRole('button', { name: 'Nog iets versturen' }).click();
  await linde.getByRole('button', { name: "Foto's delen" }).click();
  await page.getByLabel('Foto', { exact: true }).setInputFiles({ name: 'arm.png', mimeType: 'image/png', buffer: photo });
  await page.getByLabel('Wat is er op de foto te zien?').fill('Plek op mijn linkerarm, sinds een week groter');
  await checkAxe(page, 'sharing-05-what-photo');
  await page.getByRole('button', { name: 'Bekijk wat er wordt verstuurd' }).click();
  await expect(page.getByTestId('sharing-preview-items')).toContainText('Foto: Plek op mijn linkerarm, sinds een week groter');
  await expect(page.getByRole('img', { name: 'De foto die wordt verstuurd: Plek op mijn linkerarm, sinds een week groter — 1 kB' })).toBeVisible();
  await checkAxe(page, 'sharing-06-preview-photo');
  await sendAndLogIn(page, context);
  await expect(result).toHaveAttribute('data-outcome', 'accepted', { timeout: 30_000 });
  await expect(sent.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) })).toHaveCount(2);
  await expect(sent.getByRole('heading', { level: 3 }).first()).toHaveText(`Foto's delen naar ${providerName}`);
  await checkAxe(page, 'sharing-07-sent');

  // The provider (simulator) received both, for Kees Compleet, and shows them on its page.
  expect(simulator.received.map((r) => [r.serviceId, r.personId])).toEqual([['53', 'kees-compleet'], ['55', 'kees-compleet']]);
  const providerPage = await context.newPage();
  await providerPage.goto(`${simulator.origin}/delinde/ontvangen`);
  await expect(providerPage.getByRole('heading', { level: 1, name: /Ontvangen door/ })).toBeVisible();
  await expect(providerPage.getByText('Plek op mijn linkerarm, sinds een week groter').first()).toBeVisible();
  await expect(providerPage.getByText('141 mmHg / 88 mmHg')).toBeVisible();
  await providerPage.close();
});
