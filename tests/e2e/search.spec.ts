/**
 * Zoeken with the whole Voorbeeld-PGO (about 2,500 records): every result of a large search can be
 * reached, newest first (or best match first), narrowed by type; everyday words find what the record
 * names formally ("suiker" → the glucose measurements); and the search box and the menu follow where
 * the person is, also with the browser's back and forward buttons.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, repoRoot, test } from './fixtures';
import { createProfile, goToArea } from './helpers';
import { checkAxe, expectImported, importViaChooser } from './records-helpers';

async function examplePatient(): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const buffer = await readFile(join(repoRoot, 'resources/voorbeeld-pgo/voorbeeld-pgo.r4.json'));
  return { name: 'voorbeeld-pgo.r4.json', mimeType: 'application/json', buffer };
}

async function search(page: Page, query: string): Promise<void> {
  const box = page.getByRole('search', { name: 'Zoeken in uw gegevens' });
  await box.getByLabel('Zoek in uw gegevens').fill(query);
  await box.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Zoekresultaten voor “${query}”` })).toBeVisible();
}

const count = async (page: Page) => Number(((await page.getByTestId('search-count').textContent()) ?? '').replace(/\D/g, ''));
const results = (page: Page, query: string): Locator => page.getByRole('list', { name: `Resultaten voor “${query}”` });

/** Each result's date as the record gives it (from <time datetime>), in the order shown. */
async function datesShown(list: Locator): Promise<string[]> {
  return list.locator('li').evaluateAll((items) => items.map((li) => li.querySelector('time')?.getAttribute('datetime') ?? ''));
}

test('a large search: every result reachable, newest first, everyday words, state follows navigation', async ({ page, host }) => {
  test.setTimeout(180_000);
  await page.goto(host.url);
  await createProfile(page, { label: 'Anna' });
  await importViaChooser(page, [await examplePatient()]);
  await expectImported(page);
  const box = page.getByLabel('Zoek in uw gegevens');
  const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });

  // "bloeddruk": hundreds of results, shown fifty at a time, newest first.
  await search(page, 'bloeddruk');
  const total = await count(page);
  expect(total).toBeGreaterThan(400);
  const list = results(page, 'bloeddruk');
  await expect(list.getByRole('listitem')).toHaveCount(50);
  await expect(page.getByTestId('search-shown')).toHaveText(`50 van ${total} getoond.`);
  await checkAxe(page, 'search-01-first-page');

  // "Toon nog 50 resultaten" until everything is there; focus moves to the first one added.
  const more = page.getByRole('button', { name: /^Toon nog \d+ resultaten?$/ });
  await more.click();
  await expect(list.getByRole('listitem')).toHaveCount(100);
  await expect(list.getByRole('listitem').nth(50).getByRole('button')).toBeFocused();
  while (await more.isVisible()) {
    const before = await list.getByRole('listitem').count();
    await more.click();
    await expect(list.getByRole('listitem')).not.toHaveCount(before);
  }
  await expect(list.getByRole('listitem')).toHaveCount(total);
  await expect(page.getByTestId('search-shown')).toHaveText(`${total.toLocaleString('nl-NL')} van ${total.toLocaleString('nl-NL')} getoond.`);
  const dates = await datesShown(list);
  expect(dates.filter((d) => d !== '').length).toBeGreaterThan(400);
  // Newest first (dateless last): the newest reading is at the top.
  const dated = dates.filter((d) => d !== '');
  expect(dated).toEqual([...dated].sort().reverse());
  expect(dates.slice(0, dated.length)).toEqual(dated);

  // Best match first, and narrowed to one kind of data.
  await page.getByLabel('Volgorde', { exact: true }).selectOption({ label: 'Beste overeenkomst eerst' });
  await expect(list.getByRole('listitem')).toHaveCount(50);
  expect(await count(page)).toBe(total);
  const kind = page.getByLabel('Soort gegevens');
  const measurementOption = kind.locator('option', { hasText: 'Metingen en uitslagen' });
  const measurements = Number(((await measurementOption.textContent()) ?? '').replace(/\D/g, ''));
  expect(measurements).toBeGreaterThan(400);
  await kind.selectOption({ label: (await measurementOption.textContent()) ?? '' });
  await expect(page.getByTestId('search-count')).toHaveText(`${measurements} resultaten gevonden.`);
  await checkAxe(page, 'search-02-sorted-narrowed');

  // Everyday words: Metingen says "Bloedsuiker", the records say "glucose".
  await search(page, 'suiker');
  expect(await count(page)).toBeGreaterThan(800);
  await expect(results(page, 'suiker').getByRole('button', { name: /Glucose/ }).first()).toBeVisible();
  await expect(page.getByLabel('Volgorde', { exact: true })).toHaveValue('date'); // a new search starts newest first
  await expect(box).toHaveValue('suiker');
  // While searching, no menu item claims to be where the person is.
  await expect(menu.locator('[aria-current="page"]')).toHaveCount(0);

  // Open a result of the second page: the box keeps the search; "Terug" returns to the same list.
  await page.getByRole('button', { name: /^Toon nog 50 resultaten$/ }).click();
  const sugarList = results(page, 'suiker');
  await expect(sugarList.getByRole('listitem')).toHaveCount(100);
  const opened = sugarList.getByRole('listitem').nth(60).getByRole('button');
  const title = ((await opened.locator('.record-title').textContent()) ?? '').trim();
  await opened.click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(box).toHaveValue('suiker');
  await page.getByRole('button', { name: 'Terug', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Zoekresultaten voor “suiker”' })).toBeVisible();
  await expect(sugarList.getByRole('listitem')).toHaveCount(100);

  // The browser's forward and back buttons go the same way.
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Zoekresultaten voor “suiker”' })).toBeVisible();

  // Leaving the search through the menu empties the box and marks where the person is.
  await goToArea(page, 'Tijdlijn');
  await expect(box).toHaveValue('');
  await expect(menu.getByRole('button', { name: 'Tijdlijn' })).toHaveAttribute('aria-current', 'page');
  // Back: the search again, with its words in the box and no menu item current.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Zoekresultaten voor “suiker”' })).toBeVisible();
  await expect(box).toHaveValue('suiker');
  await expect(menu.locator('[aria-current="page"]')).toHaveCount(0);
  // Back twice more: the "bloeddruk" search, then Overzicht with an empty box.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Zoekresultaten voor “bloeddruk”' })).toBeVisible();
  await expect(box).toHaveValue('bloeddruk');
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Overzicht' })).toBeVisible();
  await expect(box).toHaveValue('');
  await expect(menu.getByRole('button', { name: 'Overzicht' })).toHaveAttribute('aria-current', 'page');
  await checkAxe(page, 'search-03-back-to-overview');
});
