import { expect, test } from './fixtures';
import { checkAxe as checkScreen } from './axe';
import { acknowledgeRecoveryCode, enrollAuthenticator, expectUnlockScreen, goToArea, strongPassword, unlock, leaveProfile } from './helpers';

test('every screen passes axe (WCAG 2.1 A/AA)', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Welkom bij Regie' })).toBeVisible();
  await checkScreen(page, '01-welcome');

  await page.getByRole('button', { name: 'Aan de slag' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Naam en wachtwoord' })).toBeVisible();
  await page.getByLabel('Naam van het profiel').fill('Anna');
  await page.getByLabel('Wachtwoord', { exact: true }).fill('welkom123');
  await page.getByLabel('Herhaal het wachtwoord').fill('welkom12');
  await expect(page.getByText('Dit wachtwoord is nog niet sterk genoeg.')).toBeVisible();
  await checkScreen(page, '02-create-password-weak');

  await page.getByLabel('Wachtwoord', { exact: true }).fill(strongPassword);
  await page.getByLabel('Herhaal het wachtwoord').fill(strongPassword);
  await expect(page.getByText('Dit wachtwoord is sterk genoeg.')).toBeVisible();
  await checkScreen(page, '03-create-password-ok');
  await page.getByRole('button', { name: 'Doorgaan' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Authenticator-app instellen' })).toBeVisible();
  await expect(page.getByRole('img', { name: /QR-code/ })).toBeVisible();
  await checkScreen(page, '04-create-authenticator');
  const auth = await enrollAuthenticator(page);

  await expect(page.getByRole('heading', { level: 1, name: 'Uw herstelcode' })).toBeVisible();
  await checkScreen(page, '05-create-recovery-code');
  await acknowledgeRecoveryCode(page);

  await expect(page.getByRole('heading', { level: 1, name: 'Overzicht' })).toBeVisible();
  await checkScreen(page, '06-shell-overview');
  await goToArea(page, 'Medicatie');
  await expect(page.getByRole('heading', { level: 2, name: 'Nog geen medicatie' })).toBeVisible();
  await checkScreen(page, '06b-shell-medication');
  await goToArea(page, 'Zorgaanbieders');
  await checkScreen(page, '07-shell-providers');
  await goToArea(page, 'Instellingen');
  await expect(page.getByLabel('Vergrendelen na')).toHaveValue('5');
  await checkScreen(page, '08-settings');

  await leaveProfile(page, { keepOpen: true });
  await checkScreen(page, '09-picker');

  await page.getByRole('button', { name: /Anna/ }).click();
  await page.getByRole('button', { name: 'Vergrendelen' }).click();
  await expectUnlockScreen(page, 'Anna');
  await unlock(page, 'niet het goede wachtwoord', auth.peek());
  await expect(page.getByRole('alert')).not.toBeEmpty();
  await checkScreen(page, '10-unlock-error');

  await page.getByRole('button', { name: /Gebruik uw herstelcode/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Herstelcode en nieuw wachtwoord' })).toBeVisible();
  await checkScreen(page, '11-recovery');

  // English, too: the same structure with other words.
  await page.getByRole('button', { name: 'Terug naar ontgrendelen' }).click();
  await unlock(page, strongPassword, await auth.fresh());
  await goToArea(page, 'Instellingen');
  await page.getByRole('radio', { name: 'English' }).check();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await checkScreen(page, '12-settings-en');
});
