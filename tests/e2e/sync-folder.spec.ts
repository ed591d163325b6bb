/**
 * Choosing the sync folder in the browser host, which has no system folder dialog: a labelled text
 * field with an example path for this kind of computer, and a clear message at the field when the
 * typed folder does not exist (or is a file, or not a full path). Nothing is saved then. The desktop
 * app's folder dialog is unit-tested (tests/electron/folder-picker.test.ts, tests/core/pick-folder.test.ts).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleSyncFolder } from '../../src-preload/contract/sync';
import { hostPlatform } from '../../src-main/app/host';
import { expect, test } from './fixtures';
import { createProfile, goToArea } from './helpers';
import { checkAxe } from './records-helpers';
import { expectTargetsAtLeast24 } from './target-size';

test('browser host: the sync folder is typed in a clear field; a wrong path says what is wrong and saves nothing', async ({ page, host }) => {
  const dir = await mkdtemp(join(tmpdir(), 'regie-e2e-syncfolder-'));
  try {
    await page.goto(host.url);
    await createProfile(page, { label: 'Anna' });
    await goToArea(page, 'Instellingen');
    await page.getByRole('region', { name: 'Synchroniseren' }).getByRole('button', { name: 'Synchronisatie instellen' }).click();
    const panel = page.getByRole('region', { name: 'Synchronisatiemap' });

    // A text field with a label, an example for this computer's kind of paths, and no folder dialog.
    const field = panel.getByRole('textbox', { name: 'Map op deze computer' });
    const example = exampleSyncFolder[hostPlatform()];
    await expect(field).toHaveAccessibleDescription(new RegExp(`bijvoorbeeld ${example.replace(/[\\/.]/g, '\\$&')}\\.`));
    await expect(panel).toContainText('In de browser kunt u geen map aanwijzen; daarom typt u hier het pad.');
    await expect(panel.getByRole('button', { name: /Map kiezen/ })).toHaveCount(0);
    await expect(page.getByTestId('sync-folder-current')).toHaveText('Er is nog geen map gekozen.');
    await checkAxe(page, 'sync-folder-01-empty');
    await expectTargetsAtLeast24(page, 'sync folder');

    const save = panel.getByRole('button', { name: 'Map opslaan' });
    const alert = panel.getByRole('alert');

    // Nothing typed.
    await save.click();
    await expect(alert).toHaveText('Vul eerst het pad van de map in.');

    // A folder that does not exist: the message names it, sits at the field, and nothing is saved.
    const missing = join(dir, 'OneDrive', 'Regie');
    await field.fill(missing);
    await expect(alert).toBeEmpty();
    await save.click();
    await expect(alert).toHaveText(`De map "${missing}" bestaat niet op deze computer. Controleer de schrijfwijze, of maak de map eerst aan.`);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(/bestaat niet op deze computer/);
    await expect(page.getByTestId('sync-folder-current')).toHaveText('Er is nog geen map gekozen.');
    await expect(page.getByTestId('sync-status')).toHaveCount(0);
    await checkAxe(page, 'sync-folder-02-missing');

    // Typing again clears the message.
    await field.fill(`${missing}x`);
    await expect(alert).toBeEmpty();
    await expect(field).not.toHaveAttribute('aria-invalid', 'true');

    // A file is not a folder; a path that does not start at the top gets the example.
    const file = join(dir, 'notities.txt');
    await writeFile(file, 'x');
    await field.fill(file);
    await save.click();
    await expect(alert).toHaveText(`"${file}" is een bestand, geen map. Vul het pad van een map in.`);
    await field.fill('OneDrive/Regie');
    await save.click();
    await expect(alert).toHaveText(`Vul het volledige pad van de map in, vanaf het begin, bijvoorbeeld ${example}`);

    // An existing folder, pasted with quotes as Windows' "Kopiëren als pad" gives it: saved.
    const folder = join(dir, 'Sync', 'Regie');
    await mkdir(folder, { recursive: true });
    await field.fill(`"${folder}"`);
    await save.click();
    await expect(panel.getByRole('status')).toHaveText('De map is opgeslagen.');
    await expect(alert).toBeEmpty();
    await expect(page.getByTestId('sync-folder-current')).toHaveText(`Huidige map: ${folder}`);
    await expect(page.getByTestId('sync-status')).toBeVisible();
    await checkAxe(page, 'sync-folder-03-saved');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
