import { errorMessage } from '../../src-preload/contract/errors';
import { expect, test } from './fixtures';
import { createProfile, expectUnlockScreen, goToArea, strongPassword, unlock } from './helpers';

const newPassword = 'blauwe walvis zingt zacht in de nacht 31';

test('settings: auto-lock, rename, change password, delete', async ({ page, host }) => {
  await page.goto(host.url);
  const { auth } = await createProfile(page, { label: 'Anna' });
  await goToArea(page, 'Instellingen');

  // Automatic lock.
  const autoLock = page.getByLabel('Vergrendelen na');
  await expect(autoLock).toHaveValue('5');
  await autoLock.selectOption('15');
  await expect(page.getByText('Opgeslagen. Het profiel vergrendelt na 15 minuten zonder activiteit.')).toBeVisible();

  // Rename.
  await page.getByLabel('Naam', { exact: true }).fill('Anna de Vries');
  await page.getByRole('button', { name: 'Naam opslaan' }).click();
  await expect(page.getByText('De naam is gewijzigd.')).toBeVisible();
  await expect(page.getByTestId('shell-profile-label')).toHaveText('Anna de Vries');

  // Change password: a wrong current password is refused, then it works.
  const passwordPanel = page.getByRole('region', { name: 'Wachtwoord wijzigen' });
  await passwordPanel.getByLabel('Huidig wachtwoord').fill('niet mijn wachtwoord');
  await passwordPanel.getByLabel('Code uit de authenticator-app (6 cijfers)').fill(auth.peek());
  await passwordPanel.getByLabel('Nieuw wachtwoord').fill(newPassword);
  await passwordPanel.getByLabel('Herhaal het wachtwoord').fill(newPassword);
  await expect(passwordPanel.getByText('Dit wachtwoord is sterk genoeg.')).toBeVisible();
  await passwordPanel.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
  await expect(passwordPanel.getByRole('alert')).toHaveText(errorMessage({ code: 'wrong-credentials' }, 'nl'));
  await passwordPanel.getByLabel('Huidig wachtwoord').fill(strongPassword);
  await passwordPanel.getByLabel('Code uit de authenticator-app (6 cijfers)').fill(await auth.fresh());
  await passwordPanel.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
  await expect(passwordPanel.getByText('Uw wachtwoord is gewijzigd.')).toBeVisible();

  // The new password (and the new name and auto-lock setting) hold after locking.
  await page.getByRole('button', { name: 'Vergrendelen' }).click();
  await expectUnlockScreen(page, 'Anna de Vries');
  await unlock(page, strongPassword, auth.peek());
  await expect(page.getByRole('alert')).toHaveText(errorMessage({ code: 'wrong-credentials' }, 'nl'));
  await unlock(page, newPassword, await auth.fresh());
  await goToArea(page, 'Instellingen');
  await expect(page.getByLabel('Vergrendelen na')).toHaveValue('15');

  // Delete: only with the exact name typed.
  const danger = page.getByRole('region', { name: 'Profiel verwijderen' });
  const remove = danger.getByRole('button', { name: 'Profiel definitief verwijderen' });
  await expect(remove).toBeDisabled();
  await danger.getByLabel(/Typ de naam van het profiel/).fill('Anna');
  await expect(remove).toBeDisabled();
  await danger.getByLabel(/Typ de naam van het profiel/).fill('Anna de Vries');
  await remove.click();

  await expect(page.getByRole('heading', { level: 1, name: 'Profielen' })).toBeVisible();
  await expect(page.getByText('Het profiel is verwijderd van deze computer.')).toBeVisible();
  await expect(page.getByRole('button', { name: /Anna/ })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Naam en wachtwoord' })).toBeVisible();
});
