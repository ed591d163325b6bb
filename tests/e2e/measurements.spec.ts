/**
 * Metingen in Chromium: a provider's blood pressure is already there; the person adds a blood
 * pressure and a weight (with a Dutch decimal comma) → latest value, chart and table show them,
 * and Mijn gegevens → Vitale functies and the detail view say "Zelf ingevoerd". An impossible value
 * is refused in plain Dutch and nothing is stored (neither through the form nor through the API).
 * axe-core (WCAG 2.1 A/AA) on the screen with data and with the form error.
 */
import { expect, test } from './fixtures';
import { createProfile, goToArea } from './helpers';
import { checkAxe } from './records-helpers';

const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** A provider's blood pressure of about a month ago, imported as a file. */
function providerBundle(): { name: string; contentBase64: string } {
  const date = localDay(new Date(Date.now() - 30 * 24 * 3600 * 1000));
  const bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      {
        resource: {
          resourceType: 'Observation',
          id: 'bp-huisarts',
          status: 'final',
          category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
          code: { coding: [{ system: 'http://loinc.org', code: '85354-9', display: 'Bloeddruk' }] },
          effectiveDateTime: date,
          component: [
            { code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, valueQuantity: { value: 142, unit: 'mmHg' } },
            { code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] }, valueQuantity: { value: 88, unit: 'mmHg' } },
          ],
        },
      },
    ],
  };
  return { name: 'huisarts.json', contentBase64: Buffer.from(JSON.stringify(bundle)).toString('base64') };
}

test('add own measurements, see them over time and in Mijn gegevens', async ({ page, host }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Meta' });
  const [profile] = host.core.vault.list();
  if (!profile) throw new Error('profile missing');
  const imported = await host.core.call('records.import', { profileId: profile.id, files: [providerBundle()], sourceLabel: 'Huisarts De Linde' });
  expect(imported.ok && imported.value.ok).toBe(true);
  const vitalCount = async () => {
    const list = await host.core.call('records.list', { profileId: profile.id, section: 'vitale-functies', offset: 0, limit: 100 });
    if (!list.ok) throw new Error('list failed');
    return list.value.total;
  };
  expect(await vitalCount()).toBe(1);

  await goToArea(page, 'Metingen');
  const form = page.getByRole('region', { name: 'Meting toevoegen' });
  await expect(form).toBeVisible();
  const bp = page.getByTestId('measurements-blood-pressure');
  await expect(bp.getByTestId('measurement-latest')).toContainText('142/88 mmHg');

  // An impossible value: refused with a plain Dutch message, focus on the field, nothing stored.
  await form.getByLabel('Wat heeft u gemeten?').selectOption({ label: 'Bloeddruk' });
  await form.getByLabel('Bovendruk (systolisch)').fill('400');
  await form.getByLabel('Onderdruk (diastolisch)').fill('80');
  await form.getByRole('button', { name: 'Meting opslaan' }).click();
  await expect(form.getByRole('alert')).toHaveText('De meting is niet opgeslagen. Verbeter de velden met een foutmelding.');
  const systolic = form.getByLabel('Bovendruk (systolisch)');
  await expect(systolic).toBeFocused();
  await expect(systolic).toHaveAttribute('aria-invalid', 'true');
  await expect(systolic).toHaveAccessibleDescription(/Deze waarde kan niet kloppen\. Vul een waarde in tussen 40 en 300 mmHg\./);
  await checkAxe(page, 'measurements-01-form-error');
  // Lower pressure not below upper pressure.
  await systolic.fill('120');
  await form.getByLabel('Onderdruk (diastolisch)').fill('130');
  await form.getByRole('button', { name: 'Meting opslaan' }).click();
  await expect(form.getByText('De onderdruk moet lager zijn dan de bovendruk.')).toBeVisible();
  expect(await vitalCount()).toBe(1);
  // The core refuses it too, whatever the caller.
  const direct = await host.core.call('records.addMeasurement', {
    profileId: profile.id,
    kind: 'weight',
    value: 900,
    effectiveAt: new Date().toISOString(),
  });
  expect(direct.ok).toBe(false);
  if (!direct.ok) expect(direct.error.code).toBe('measurement-impossible');
  expect(await vitalCount()).toBe(1);

  // A blood pressure, measured at a given moment today.
  // The date reads dd-mm-jjjj, as the app's language has it.
  const today = localDay(new Date()).split('-').reverse().join('-');
  await form.getByLabel('Bovendruk (systolisch)').fill('128');
  await form.getByLabel('Onderdruk (diastolisch)').fill('82');
  await expect(form.getByLabel('Datum')).toHaveValue(today);
  await form.getByLabel('Tijd').fill('00:00');
  await form.getByLabel('Notitie (niet verplicht)').fill('Na het opstaan');
  await form.getByRole('button', { name: 'Meting opslaan' }).click();
  await expect(form.getByRole('status')).toHaveText('Meting opgeslagen: Bloeddruk 128/82 mmHg.');
  await expect(form.getByRole('alert')).toBeEmpty();
  await expect(bp.getByTestId('measurement-latest')).toContainText('128/82 mmHg');
  await expect(bp.getByTestId('measurement-latest')).toContainText('zelf ingevoerd');
  await expect(bp.getByRole('img', { name: /Bloeddruk: verloop over de tijd/ })).toBeVisible();
  // Both lines of the blood pressure are in the legend.
  await expect(bp.getByText('Bovendruk', { exact: true })).toBeVisible();
  await expect(bp.getByText('Onderdruk', { exact: true })).toBeVisible();

  // A weight with a Dutch decimal comma.
  await form.getByLabel('Wat heeft u gemeten?').selectOption({ label: 'Gewicht' });
  const weightField = form.getByLabel('Gewicht', { exact: true });
  await expect(weightField).toHaveAttribute('inputmode', 'decimal');
  await weightField.fill('82,4');
  await form.getByRole('button', { name: 'Meting opslaan' }).click();
  await expect(form.getByRole('status')).toHaveText('Meting opgeslagen: Gewicht 82,4 kg.');
  const weight = page.getByTestId('measurements-weight');
  await expect(weight.getByTestId('measurement-latest')).toContainText('82,4 kg');
  await expect(weight.getByRole('img', { name: /Gewicht: verloop over de tijd/ })).toBeVisible();
  expect(await vitalCount()).toBe(3);

  // The table alternative: both blood pressures, own and the provider's.
  await bp.getByRole('button', { name: 'Toon als tabel' }).click();
  await expect(bp.getByRole('button', { name: 'Verberg tabel' })).toHaveAttribute('aria-expanded', 'true');
  const bpTable = bp.getByRole('table', { name: /Bloeddruk: alle metingen/ });
  await expect(bpTable.getByRole('row')).toHaveCount(3);
  const ownRow = bpTable.getByRole('row').nth(1);
  await expect(ownRow).toContainText('128');
  await expect(ownRow).toContainText('82');
  await expect(ownRow).toContainText('Zelf ingevoerd');
  await expect(bpTable.getByRole('row').nth(2)).toContainText('Huisarts De Linde');
  await weight.getByRole('button', { name: 'Toon als tabel' }).click();
  await expect(weight.getByRole('table').getByRole('row').nth(1)).toContainText('82,4');
  await checkAxe(page, 'measurements-02-with-data');

  // The date in the table opens the record.
  await ownRow.getByRole('button', { name: /Bekijk de meting van/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bloeddruk' })).toBeVisible();
  await expect(page.getByTestId('provenance')).toContainText('Zelf ingevoerd');
  await page.getByRole('button', { name: 'Terug' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Metingen' })).toBeVisible();

  // Mijn gegevens → Vitale functies, with the source, and the detail view.
  await goToArea(page, 'Mijn gegevens');
  await page.getByRole('navigation', { name: 'Onderwerpen' }).getByRole('button', { name: /^Vitale functies/ }).click();
  const list = page.getByRole('list', { name: 'Vitale functies' });
  await expect(list.getByRole('listitem')).toHaveCount(3);
  const weightRow = list.getByRole('button', { name: /Lichaamsgewicht/ });
  await expect(weightRow).toContainText('82,4 kg');
  await expect(weightRow).toContainText('Zelf ingevoerd');
  await expect(list.getByRole('button', { name: /128\/82 mmHg/ })).toContainText('Zelf ingevoerd');
  await weightRow.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lichaamsgewicht' })).toBeVisible();
  await expect(page.getByTestId('observation-value')).toContainText('82,4 kg');
  await expect(page.getByTestId('provenance')).toContainText('Zelf ingevoerd');
});

test('locking clears the measurements from the screen', async ({ page, host }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Slot' });
  await goToArea(page, 'Metingen');
  await expect(page.getByRole('heading', { level: 2, name: 'Nog geen metingen' })).toBeVisible();
  const form = page.getByRole('region', { name: 'Meting toevoegen' });
  await form.getByLabel('Wat heeft u gemeten?').selectOption({ label: 'Hartslag' });
  await form.getByLabel('Hartslag', { exact: true }).fill('64');
  await form.getByRole('button', { name: 'Meting opslaan' }).click();
  await expect(page.getByTestId('measurements-heart-rate').getByTestId('measurement-latest')).toContainText('64 /min');
  await page.getByRole('button', { name: 'Vergrendelen' }).click();
  await expect(page.getByRole('button', { name: 'Ontgrendelen', exact: true })).toBeVisible();
  await expect(page.getByTestId('measurements-heart-rate')).toHaveCount(0);
  await expect(page.getByText('64 /min')).toHaveCount(0);
});
