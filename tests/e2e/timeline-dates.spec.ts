/**
 * Dates the way the app speaks, whatever the browser: with Chromium set to English (en-US) and
 * Regie in Dutch, date fields read dd-mm-jjjj and times the 24-hour clock (a native date input
 * would show mm/dd/yyyy and "10:21 AM"). The Tijdlijn marks "vandaag" between what is still to come
 * and the past, and a period whose end lies before its start is explained instead of showing nothing.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createProfile, goToArea } from './helpers';
import { checkAxe, expectImported, importViaChooser } from './records-helpers';

const timeZone = 'Europe/Amsterdam';
test.use({ locale: 'en-US', timezoneId: timeZone });

/** The date `days` from now as the browser sees it (its time zone, not this process's: from 23:00 UTC they differ). */
const dayOffset = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 24 * 3600 * 1000));

/** Two appointments to come, one that was, and five weights of the past months. */
function agendaFile(): { name: string; mimeType: string; buffer: Buffer } {
  const appointment = (id: string, days: number, description: string) => ({
    resource: { resourceType: 'Appointment', id, status: 'booked', description, start: `${dayOffset(days)}T10:00:00+02:00` },
  });
  const weight = (n: number) => ({
    resource: {
      resourceType: 'Observation',
      id: `gewicht-${n}`,
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '29463-7', display: 'Lichaamsgewicht' }] },
      effectiveDateTime: dayOffset(-20 * n),
      valueQuantity: { value: 80 + n, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
    },
  });
  const bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      appointment('controle-oog', 40, 'Controle bij de oogarts'),
      appointment('controle-poh', 7, 'Controle bij de praktijkondersteuner'),
      appointment('griepprik', -15, 'Griepprik'),
      ...[1, 2, 3, 4, 5].map(weight),
    ],
  };
  return { name: 'agenda.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bundle)) };
}

const timelineCount = (page: Page) => page.locator('.timeline-count');

test('Tijdlijn: "vandaag" between future and past; a reversed period is explained; Dutch date fields in an English browser', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  expect(await page.evaluate(() => navigator.language)).toBe('en-US');
  await createProfile(page, { label: 'Jan' });
  await importViaChooser(page, [agendaFile()]);
  await expectImported(page);

  // Tijdlijn: the two appointments to come, then "Vandaag", then the past.
  await goToArea(page, 'Tijdlijn');
  const timeline = page.getByRole('list', { name: 'Tijdlijn' });
  await expect(timelineCount(page)).toHaveText('8 gegevens');
  const items = timeline.getByRole('listitem');
  await expect(items).toHaveCount(9);
  await expect(items.nth(0)).toContainText('Controle bij de oogarts');
  await expect(items.nth(1)).toContainText('Controle bij de praktijkondersteuner');
  const today = await page.evaluate(() =>
    new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date()),
  );
  await expect(items.nth(2)).toHaveAttribute('data-testid', 'timeline-today');
  await expect(items.nth(2)).toContainText(`Vandaag, ${today}`);
  await expect(items.nth(3)).toContainText('Griepprik');
  // The arrow keys step over the marker, from the last appointment to come to the first past record.
  await items.nth(1).getByRole('button').focus();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(3).getByRole('button')).toBeFocused();

  // The period fields: text in dd-mm-jjjj with a hint, never the browser's mm/dd/yyyy.
  await expect(page.locator('input[type="date"], input[type="time"]')).toHaveCount(0);
  const from = page.getByLabel('Vanaf (datum)');
  const to = page.getByLabel('Tot en met (datum)');
  await expect(from).toHaveAccessibleDescription('Dag-maand-jaar, bijvoorbeeld 03-02-2025.');
  await checkAxe(page, 'timeline-dates-01-today');

  // A period that ends before it starts: said so, the list stays as it was, and one click swaps it.
  await from.fill(dayOffset(-10).split('-').reverse().join('-'));
  await to.fill(dayOffset(-70).split('-').reverse().join('-'));
  await page.getByRole('button', { name: 'Periode toepassen' }).click();
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  await expect(to).toHaveAccessibleDescription(/De einddatum ligt vóór de begindatum\./);
  await expect(to).toBeFocused();
  await expect(timelineCount(page)).toHaveText('8 gegevens');
  await checkAxe(page, 'timeline-dates-02-reversed');
  await page.getByRole('button', { name: 'Datums omwisselen' }).click();
  await expect(from).toHaveValue(dayOffset(-70).split('-').reverse().join('-'));
  await expect(timelineCount(page)).toHaveText('4 gegevens'); // the weights of 20, 40 and 60 days ago, the flu shot
  await expect(to).not.toHaveAttribute('aria-invalid', 'true');
  // All in the past: no marker.
  await expect(page.getByTestId('timeline-today')).toHaveCount(0);

  // A day that does not exist is refused in words; a short form is tidied up.
  await from.fill('31-02-2025');
  await page.getByRole('button', { name: 'Periode toepassen' }).click();
  await expect(from).toHaveAccessibleDescription(/Vul een bestaande datum in als dag-maand-jaar, bijvoorbeeld 03-02-2025\./);
  await from.fill('1-1-2020');
  await from.blur();
  await expect(from).toHaveValue('01-01-2020');

  // Metingen: the date now as dd-mm-jjjj and the time on the 24-hour clock, in the app's language.
  await goToArea(page, 'Metingen');
  const form = page.getByRole('region', { name: 'Meting toevoegen' });
  await expect(form.getByLabel('Datum')).toHaveValue(dayOffset(0).split('-').reverse().join('-'));
  await expect(form.getByLabel('Tijd')).toHaveValue(/^([01]\d|2[0-3]):[0-5]\d$/);
  await expect(form.getByLabel('Tijd')).toHaveAccessibleDescription('Uren:minuten op de 24-uursklok, bijvoorbeeld 14:30.');
  await expect(page.locator('input[type="date"], input[type="time"]')).toHaveCount(0);
  // Typed the way people do: "5-1-2025" and "14.30" become 5 januari 2025, 14:30.
  await form.getByLabel('Wat heeft u gemeten?').selectOption({ label: 'Gewicht' });
  await form.getByLabel('Gewicht', { exact: true }).fill('81,5');
  // A time that does not exist is refused in words, with the focus on it.
  await form.getByLabel('Tijd').fill('25:00');
  await form.getByRole('button', { name: 'Meting opslaan' }).click();
  await expect(form.getByLabel('Tijd')).toHaveAccessibleDescription(/Vul een tijd in als uren:minuten, bijvoorbeeld 14:30\./);
  await expect(form.getByLabel('Tijd')).toBeFocused();
  await form.getByLabel('Datum').fill('5-1-2025');
  await form.getByLabel('Tijd').fill('14.30');
  await form.getByRole('button', { name: 'Meting opslaan' }).click();
  await expect(form.getByRole('status')).toHaveText('Meting opgeslagen: Gewicht 81,5 kg.');
  await checkAxe(page, 'timeline-dates-03-measurement');
  await goToArea(page, 'Tijdlijn');
  await page.getByRole('button', { name: 'Filters wissen' }).click();
  await expect(timeline.getByRole('button', { name: /5 januari 2025 om 14:30/ })).toBeVisible();


  // In English the app writes the day first too, as dd/mm/yyyy (the browser's own would be mm/dd/yyyy).
  await goToArea(page, 'Instellingen');
  await page.getByRole('radio', { name: 'English' }).check();
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'Measurements' }).click();
  const englishForm = page.getByRole('region', { name: 'Add a measurement' });
  await expect(englishForm.getByLabel('Date')).toHaveValue(dayOffset(0).split('-').reverse().join('/'));
  await expect(englishForm.getByLabel('Date')).toHaveAccessibleDescription('Day/month/year, for example 03/02/2025.');
  await checkAxe(page, 'timeline-dates-04-english');
});
