/**
 * "N nieuwe gegevens sinds uw vorige bezoek": opening a profile (unlocking it, or choosing it again in
 * the picker) is a visit. The count is what arrived after the previous visit began, shown with that
 * visit's date; re-entering without anything new shows that nothing is new. On the first visit there
 * is no previous one, so nothing is new.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createProfile, expectUnlockScreen, strongPassword, unlock, type Authenticator, leaveProfile } from './helpers';
import { expectImported, fixtureFile, importViaChooser } from './records-helpers';

/** Three new heart-rate measurements, in a file of their own. */
function heartRateFile(): { name: string; mimeType: string; buffer: Buffer } {
  const observation = (n: number) => ({
    fullUrl: `urn:uuid:0b6e3c1a-7d2f-4f51-9a3e-00000000000${n}`,
    resource: {
      resourceType: 'Observation',
      id: `hartslag-e2e-${n}`,
      status: 'final',
      category: [
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] },
      ],
      code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Hartfrequentie' }], text: 'Hartslag' },
      effectiveDateTime: `2025-06-0${n}T09:00:00+02:00`,
      valueQuantity: { value: 60 + n, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
    },
  });
  const bundle = { resourceType: 'Bundle', type: 'collection', entry: [1, 2, 3].map(observation) };
  return { name: 'hartslag.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bundle)) };
}

async function today(page: Page): Promise<string> {
  return page.evaluate(() =>
    new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date()),
  );
}

async function lockAndUnlock(page: Page, auth: Authenticator): Promise<void> {
  await page.getByRole('button', { name: 'Vergrendelen' }).click();
  await expectUnlockScreen(page, 'Jan');
  await unlock(page, strongPassword, await auth.fresh());
  await expect(page.getByRole('heading', { level: 1, name: 'Overzicht' })).toBeVisible();
}

test('new since the previous visit: counts what arrived after it, with its date', async ({ page, host }) => {
  // Each unlock needs a fresh authenticator code, so this test waits for a new 30-second step a few times.
  test.setTimeout(180_000);
  await page.goto(host.url);
  const { auth } = await createProfile(page, { label: 'Jan' });
  const notice = page.getByTestId('new-since-last-visit');

  // First visit: nothing is "nieuw", not even what the person imports now: new means since a
  // previous visit, and there is none yet.
  await importViaChooser(page, [await fixtureFile('r4-bgz-bundle.json')]);
  await expectImported(page);
  await expect(page.getByRole('region', { name: 'Allergieën' })).toContainText('Penicilline');
  await expect(notice).toHaveCount(0);
  await expect(page.locator('.badge-new')).toHaveCount(0);
  await expect(page.getByTestId('last-visit')).toHaveCount(0);

  // Next visit: the file arrived after the previous visit began, so it counts now, once,
  // with the date of that visit in Dutch, and its records are marked "nieuw".
  const date = await today(page);
  await lockAndUnlock(page, auth);
  await expect(notice).toHaveText(/^\d+ nieuwe gegevens sinds uw vorige bezoek\. Vorig bezoek: /);
  const firstImport = Number.parseInt((await notice.textContent()) ?? '', 10);
  expect(firstImport).toBeGreaterThan(5);
  await expect(notice).toHaveText(`${firstImport} nieuwe gegevens sinds uw vorige bezoek. Vorig bezoek: ${date}.`);
  await expect(page.getByRole('region', { name: 'Allergieën' }).locator('.badge-new')).toHaveCount(1);

  // Re-entering from the picker is a visit too: nothing arrived since, so nothing is new.
  await leaveProfile(page, { keepOpen: true });
  await page.getByRole('list', { name: 'Profielen op deze computer' }).getByRole('button', { name: /Jan/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Overzicht' })).toBeVisible();
  await expect(notice).toHaveText(`Geen nieuwe gegevens sinds uw vorige bezoek. Vorig bezoek: ${date}.`);
  await expect(page.locator('.badge-new')).toHaveCount(0);

  // And again after unlocking: still nothing new.
  await lockAndUnlock(page, auth);
  await expect(notice).toHaveText(`Geen nieuwe gegevens sinds uw vorige bezoek. Vorig bezoek: ${date}.`);
  await expect(page.locator('.badge-new')).toHaveCount(0);

  // Another file with three new measurements: counted during this visit and on the next one.
  await importViaChooser(page, [heartRateFile()]);
  await expectImported(page);
  await expect(notice).toContainText('3 nieuwe gegevens sinds uw vorige bezoek.');
  await lockAndUnlock(page, auth);
  await expect(notice).toHaveText(`3 nieuwe gegevens sinds uw vorige bezoek. Vorig bezoek: ${date}.`);
  const recent = page.getByRole('region', { name: 'Recente uitslagen en metingen' });
  await expect(recent.getByRole('button', { name: /Hartslag/ })).toHaveCount(3);
  await expect(recent.getByRole('button', { name: /Hartslag/ }).locator('.badge-new')).toHaveCount(3);
  await expect(page.locator('.badge-new')).toHaveCount(3);
});
