/**
 * Sync between two of the person's own computers: two test hosts with separate data directories
 * (two computers), one shared sync folder (what Syncthing or a cloud drive would keep equal), one
 * browser page per host. Pair with a code shown on A and typed on B, add a measurement on A, sync
 * both, and the measurement shows on B with its "Zelf ingevoerd" source. Nothing readable in the folder.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startTestHost } from '../../src-main/testhost/server';
import { fastKdfParams } from '../../src-main/vault/kdf';
import { expect, rendererDir, test } from './fixtures';
import { createProfile, goToArea, unlock } from './helpers';
import { checkAxe } from './records-helpers';

const note = 'gewogen na de fietstocht langs de Vecht';

async function openSync(page: Page): Promise<void> {
  await goToArea(page, 'Instellingen');
  const panel = page.getByRole('region', { name: 'Synchroniseren' });
  await expect(panel).toContainText('Synchronisatie staat');
  await panel.getByRole('button', { name: 'Synchronisatie instellen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Synchroniseren' })).toBeVisible();
}

async function setFolder(page: Page, folder: string): Promise<void> {
  const panel = page.getByRole('region', { name: 'Synchronisatiemap' });
  await panel.getByLabel('Map op deze computer').fill(folder);
  await panel.getByRole('button', { name: 'Map opslaan' }).click();
  await expect(panel.getByText('De map is opgeslagen.')).toBeVisible();
  await expect(panel).toContainText(`Huidige map: ${folder}`);
}

/** "Nu synchroniseren", and wait until that round (not a background one) has finished. */
async function syncNow(page: Page): Promise<string> {
  const status = page.getByTestId('sync-status');
  const before = Number(await status.getAttribute('data-rounds'));
  await status.getByRole('button', { name: 'Nu synchroniseren' }).click();
  await expect(status).toHaveAttribute('data-rounds', String(before + 1), { timeout: 30_000 });
  await expect(status.getByRole('alert')).toBeEmpty();
  return (await status.getByRole('status').textContent()) ?? '';
}

async function renameOwnDevice(page: Page, name: string): Promise<void> {
  const own = page.getByTestId('sync-device').filter({ hasText: 'dit apparaat' });
  await own.getByRole('button', { name: 'Naam wijzigen' }).click();
  await own.getByRole('textbox', { name: /^Nieuwe naam voor/ }).fill(name);
  await own.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('region', { name: 'Apparaten', exact: true }).getByText('De naam is gewijzigd.')).toBeVisible();
  await expect(own).toContainText(name);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

test('sync: pair two computers through one folder and a new measurement arrives on the other', async ({ page: pageA, host: hostA, browser }) => {
  test.setTimeout(240_000);
  const dataDirB = await mkdtemp(join(tmpdir(), 'regie-e2e-b-'));
  const syncDir = await mkdtemp(join(tmpdir(), 'regie-e2e-sync-'));
  // B's rounds are the person's own here, so each one's message can be checked: a background round
  // started by the core (2 s after a local change) could otherwise finish the pairing or bring in the
  // measurement first, whichever side of the click it lands. The scheduler has tests of its own.
  const quiet = { afterChangeMs: 600_000, intervalMs: 600_000 };
  const hostB = await startTestHost({ dataDir: dataDirB, rendererDir, kdf: fastKdfParams, backgroundSync: quiet });
  const contextB = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 860 } });
  try {
    const pageB = await contextB.newPage();

    // Two computers, each with its own profile, password and authenticator.
    await pageA.goto(hostA.url);
    const { auth: authA } = await createProfile(pageA, { label: 'Anna' });
    await pageB.goto(hostB.url);
    await createProfile(pageB, { label: 'Anna op de laptop', password: 'groene kikker springt over de sloot 77' });

    // Instellingen → Synchroniseren explains it in plain words; the same folder on both.
    await openSync(pageA);
    const explain = pageA.getByRole('region', { name: 'Hoe werkt het?' });
    await expect(explain).toContainText('Syncthing');
    await expect(explain).toContainText('Alles in de map is versleuteld');
    await expect(explain).toContainText('Regie gebruikt geen eigen server');
    await expect(pageA.getByRole('region', { name: 'Apparaten koppelen' })).toContainText('Kies eerst een synchronisatiemap');
    await setFolder(pageA, syncDir);
    await openSync(pageB);
    await setFolder(pageB, syncDir);

    // A relative path is refused in plain words.
    const folderB = pageB.getByRole('region', { name: 'Synchronisatiemap' });
    await folderB.getByLabel('Map op deze computer').fill('Sync/Regie');
    await folderB.getByRole('button', { name: 'Map opslaan' }).click();
    await expect(folderB.getByRole('alert')).toContainText('Vul het volledige pad van de map in');
    await folderB.getByLabel('Map op deze computer').fill(syncDir);

    // A shows a pairing code, as QR and as text, with its expiry.
    const create = pageA.getByTestId('sync-pair-create');
    await create.getByRole('button', { name: 'Koppelcode maken' }).click();
    await expect(create.getByRole('img', { name: 'QR-code met de koppelcode' })).toBeVisible();
    await expect(create.getByTestId('pairing-expiry')).toHaveText(/^Geldig tot \d{2}:\d{2}, nog (9|10):\d{2}\.$/);
    const code = ((await create.getByTestId('pairing-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[0-9A-Z]{36}$/);
    await checkAxe(pageA, 'sync-01-code-shown');

    // B types it: a request waits in the folder until A answers on its next round.
    const join = pageB.getByTestId('sync-pair-join');
    await join.getByLabel('Koppelcode van het andere apparaat').fill(code.match(/.{4}/g)!.join('-'));
    await join.getByRole('button', { name: 'Koppelen' }).click();
    await expect(join.getByRole('status')).toContainText('Het verzoek staat in de map');
    await syncNow(pageA);
    await expect(create.getByRole('status')).toHaveText('Het nieuwe apparaat is gekoppeld.');
    await expect(create.getByTestId('pairing-code')).toHaveCount(0);
    expect(await syncNow(pageB)).toContain('Gekoppeld.');
    await expect(join.getByRole('status')).toHaveText('Dit apparaat is gekoppeld.');

    // Give both devices a name of their own (both computers have the same host name here).
    await renameOwnDevice(pageA, 'Computer thuis');
    await renameOwnDevice(pageB, 'Laptop');

    // A new measurement on A, entered in Metingen.
    await goToArea(pageA, 'Metingen');
    const form = pageA.getByRole('region', { name: 'Meting toevoegen' });
    await form.getByLabel('Wat heeft u gemeten?').selectOption('weight');
    await form.getByLabel('Gewicht', { exact: true }).fill('72,4');
    await form.getByLabel('Notitie (niet verplicht)').fill(note);
    await form.getByRole('button', { name: 'Meting opslaan' }).click();
    await expect(form.getByRole('status')).toContainText('Meting opgeslagen: Gewicht');
    await openSync(pageA);
    await syncNow(pageA);
    expect(await syncNow(pageB)).toContain('Er zijn nieuwe gegevens van een ander apparaat binnengekomen.');
    await syncNow(pageA);
    await expect(pageA.getByTestId('sync-last')).toHaveText(/^Laatst gesynchroniseerd: \d{1,2} [a-z]+ \d{4} om \d{2}:\d{2}$/);

    // Both list both devices.
    for (const [page, self, other] of [
      [pageA, 'Computer thuis', 'Laptop'],
      [pageB, 'Laptop', 'Computer thuis'],
    ] as const) {
      const devices = page.getByTestId('sync-device');
      await expect(devices).toHaveCount(2);
      await expect(devices.filter({ hasText: 'dit apparaat' })).toContainText(self);
      await expect(devices.filter({ hasNotText: 'dit apparaat' })).toContainText(other);
      await expect(devices.filter({ hasNotText: 'dit apparaat' }).getByRole('button', { name: 'Intrekken' })).toBeVisible();
    }
    await checkAxe(pageB, 'sync-02-devices');

    // Revoking asks first and says what it means; cancelling keeps the device.
    const laptopOnA = pageA.getByTestId('sync-device').filter({ hasText: 'Laptop' });
    await laptopOnA.getByRole('button', { name: 'Intrekken' }).click();
    const confirm = laptopOnA.getByRole('group', { name: 'Laptop intrekken?' });
    await expect(confirm).toContainText('nieuwe sleutel');
    await expect(confirm).toContainText('kan daarna geen nieuwe gegevens meer lezen');
    await checkAxe(pageA, 'sync-03-revoke-confirm');
    await confirm.getByRole('button', { name: 'Annuleren' }).click();
    await expect(laptopOnA.getByRole('button', { name: 'Intrekken' })).toBeVisible();

    // The measurement is on B, as the person entered it on A.
    await goToArea(pageB, 'Mijn gegevens');
    await pageB.getByRole('navigation', { name: 'Onderwerpen' }).getByRole('button', { name: /^Vitale functies/ }).click();
    const vitals = pageB.getByRole('list', { name: 'Vitale functies' });
    await expect(vitals).toContainText('72,4');
    await vitals.getByRole('button').first().click();
    await expect(pageB.getByTestId('provenance')).toContainText('Zelf ingevoerd');

    // The folder holds nothing readable of it.
    const files = await filesUnder(syncDir);
    expect(files.length).toBeGreaterThan(4);
    const needles = [note, 'Zelf ingevoerd', '29463-7', 'Anna', 'Laptop', 'Computer thuis', 'Observation'];
    for (const file of files) {
      const bytes = await readFile(file);
      for (const needle of needles) {
        expect(bytes.includes(Buffer.from(needle, 'utf8')), `"${needle}" in ${file}`).toBe(false);
      }
    }

    // Revoking for real: a new key for the remaining devices; the laptop is marked, not forgotten.
    await goToArea(pageA, 'Instellingen');
    await pageA.getByRole('button', { name: 'Synchronisatie instellen' }).click();
    const laptop = pageA.getByTestId('sync-device').filter({ hasText: 'Laptop' });
    await laptop.getByRole('button', { name: 'Intrekken' }).click();
    await laptop.getByRole('group', { name: 'Laptop intrekken?' }).getByRole('button', { name: 'Ja, intrekken' }).click();
    await expect(pageA.getByRole('region', { name: 'Apparaten', exact: true }).getByRole('status')).toHaveText('Laptop is ingetrokken.');
    await expect(laptop).toContainText('ingetrokken');
    await expect(laptop.getByRole('button')).toHaveCount(0);
    await syncNow(pageA);

    // Locking drops the sync state in the UI: no pairing code after unlocking.
    await goToArea(pageA, 'Instellingen');
    await pageA.getByRole('button', { name: 'Synchronisatie instellen' }).click();
    await pageA.getByTestId('sync-pair-create').getByRole('button', { name: 'Koppelcode maken' }).click();
    await expect(pageA.getByTestId('pairing-code')).toBeVisible();
    await pageA.getByRole('button', { name: 'Vergrendelen' }).click();
    await unlock(pageA, 'paarse olifant danst op de maan 2024', await authA.fresh());
    await openSync(pageA);
    await expect(pageA.getByTestId('pairing-code')).toHaveCount(0);
    await expect(pageA.getByRole('region', { name: 'Synchronisatiemap' })).toContainText(`Huidige map: ${syncDir}`);
  } finally {
    await contextB.close();
    await hostB.close();
    await rm(dataDirB, { recursive: true, force: true });
    await rm(syncDir, { recursive: true, force: true });
  }
});
