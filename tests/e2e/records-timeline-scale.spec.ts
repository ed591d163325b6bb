/**
 * The timeline is virtualized: only the rows in view are in the DOM and pages are fetched on demand.
 * Real data through the real core: the Voorbeeld-PGO (≈2,500 records) loaded into the profile.
 * (How list latency holds at 100,000 records is measured by `npm run bench`, not here.)
 */
import type { Request } from '@playwright/test';
import { expect, test } from './fixtures';
import { createProfile, goToArea } from './helpers';
import { checkAxe } from './records-helpers';

test('the timeline scrolls through thousands of records with few rows in the DOM', async ({ page, host }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Grote Test' });
  const [profile] = host.core.vault.list();
  if (!profile) throw new Error('profile missing');
  const loaded = await host.core.call('records.loadExample', { profileId: profile.id });
  if (!loaded.ok || !loaded.value.ok) throw new Error('voorbeeld-PGO did not load');
  const total = Object.values(loaded.value.byType).reduce((sum, n) => sum + n, 0);
  expect(total).toBeGreaterThan(2000);

  const listCalls: Array<{ offset: number; limit: number }> = [];
  page.on('request', (request: Request) => {
    if (!request.url().endsWith('/api/call')) return;
    const body = request.postDataJSON() as { method: string; request: { offset?: number; limit?: number } };
    if (body.method === 'records.list') listCalls.push({ offset: body.request.offset ?? 0, limit: body.request.limit ?? 100 });
  });

  await goToArea(page, 'Tijdlijn');
  const list = page.getByRole('list', { name: 'Tijdlijn' });
  const rows = list.getByRole('listitem');
  await expect(rows.first()).toBeVisible();
  const recordCount = Number(await rows.first().getAttribute('aria-setsize'));
  expect(recordCount).toBeGreaterThan(2000);
  expect(await rows.count()).toBeLessThan(80);
  await checkAxe(page, 'records-11-timeline-large');

  // Keyboard: arrow keys move from row to row; End reaches the very last record.
  await rows.first().getByRole('button').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[role="listitem"]:has(:focus)')).toHaveAttribute('aria-posinset', '2');
  await page.keyboard.press('End');
  await expect(page.locator('[role="listitem"]:has(:focus)')).toHaveAttribute('aria-posinset', String(recordCount), {
    timeout: 15_000,
  });

  // Scrolling to the middle fetches only the pages in view, and still keeps few rows in the DOM.
  const scroller = page.getByTestId('timeline-scroll');
  await scroller.evaluate((el) => {
    el.scrollTop = el.scrollHeight / 2;
  });
  const middle = rows.filter({ has: page.getByRole('button') }).first();
  await expect(middle).toBeVisible();
  expect(Number(await middle.getAttribute('aria-posinset'))).toBeGreaterThan(recordCount / 4);
  expect(await rows.count()).toBeLessThan(80);
  expect(listCalls.length).toBeLessThan(20);
  expect(listCalls.every((call) => call.limit <= 500)).toBe(true);

  // A row opens its detail view and "Terug" returns to the timeline.
  await middle.getByRole('button').click();
  await expect(page.getByRole('button', { name: 'Terug' })).toBeVisible();
  await page.getByRole('button', { name: 'Terug' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tijdlijn' })).toBeVisible();
});
