import { errorMessage } from '../../src-preload/contract/errors';
import { checkAxe } from './axe';
import { expect, test } from './fixtures';
import { createProfile, enrollAuthenticator, acknowledgeRecoveryCode, expectUnlockScreen, leaveProfile, strongPassword, unlock } from './helpers';

test('welcome, language, create with authenticator, lock and unlock', async ({ page, host }) => {
  await page.goto(host.url);

  // Welcome, in Dutch by default; the token has left the address bar.
  await expect(page.getByRole('heading', { level: 1, name: 'Welkom bij Regie' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByText(/blijft op deze computer/)).toBeVisible();
  expect(page.url()).not.toContain('token');

  // The language switch works, is remembered across a reload, and can go back.
  await page.getByRole('radio', { name: 'English' }).check();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Regie' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Regie' })).toBeVisible();
  await page.getByRole('radio', { name: 'Nederlands' }).check();
  await expect(page.getByRole('heading', { level: 1, name: 'Welkom bij Regie' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await page.getByRole('button', { name: 'Aan de slag' }).click();

  // Step 1: a weak password is refused with feedback.
  await expect(page.getByRole('heading', { level: 1, name: 'Naam en wachtwoord' })).toBeVisible();
  await expect(page.getByText('Stap 1 van 3')).toBeVisible();
  await page.getByLabel('Naam van het profiel').fill('Anna');
  await page.getByLabel('Wachtwoord', { exact: true }).fill('welkom123');
  await page.getByLabel('Herhaal het wachtwoord').fill('welkom123');
  await expect(page.getByText('Dit wachtwoord is nog niet sterk genoeg.')).toBeVisible();
  await expect(page.getByText(/Sterkte van het wachtwoord: (zeer zwak|zwak)/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Doorgaan' })).toBeDisabled();

  // A strong password, but the repetition differs: still no way on.
  await page.getByLabel('Wachtwoord', { exact: true }).fill(strongPassword);
  await page.getByLabel('Herhaal het wachtwoord').fill(`${strongPassword}!`);
  await expect(page.getByText('Dit wachtwoord is sterk genoeg.')).toBeVisible();
  await expect(page.getByText('De twee wachtwoorden zijn niet gelijk.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Doorgaan' })).toBeDisabled();
  await page.getByLabel('Herhaal het wachtwoord').fill(strongPassword);
  await page.getByRole('button', { name: 'Doorgaan' }).click();

  // Step 2: authenticator. A wrong code keeps us here with the contract's message.
  await expect(page.getByText('Stap 2 van 3')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Authenticator-app instellen' })).toBeVisible();
  await page.getByLabel('Code uit de app (6 cijfers)').fill('000000');
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await expect(page.getByRole('alert')).toHaveText(errorMessage({ code: 'wrong-code' }, 'nl'));
  const auth = await enrollAuthenticator(page);

  // Step 3: the recovery code, once.
  await expect(page.getByText('Stap 3 van 3')).toBeVisible();
  await acknowledgeRecoveryCode(page);

  // The app shell.
  await expect(page.getByRole('heading', { level: 1, name: 'Overzicht' })).toBeVisible();
  await expect(page.getByTestId('shell-profile-label')).toHaveText('Anna');
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('button', { name: 'Overzicht' })).toHaveAttribute(
    'aria-current',
    'page',
  );

  // Lock with the button.
  await page.getByRole('button', { name: 'Vergrendelen' }).click();
  await expectUnlockScreen(page, 'Anna');
  await expect(page.getByRole('status')).toHaveText('Het profiel is vergrendeld.');
  await expect(page.getByTestId('shell-profile-label')).toHaveCount(0);

  // Wrong password, then wrong code: the same one message, so a guessed password is never confirmed.
  await unlock(page, 'dit is niet mijn wachtwoord', auth.peek());
  await expect(page.getByRole('alert')).toHaveText('Wachtwoord of code onjuist. ' + 'Controleer uw wachtwoord, en gebruik de nieuwste code uit uw authenticator-app (een code werkt maar één keer).');
  await unlock(page, strongPassword, auth.wrong());
  await expect(page.getByRole('alert')).toHaveText(errorMessage({ code: 'wrong-credentials' }, 'nl'));

  // Correct: back in.
  await unlock(page, strongPassword, await auth.fresh());
  await expect(page.getByRole('heading', { level: 1, name: 'Overzicht' })).toBeVisible();

  // Lock with Ctrl+L.
  await page.keyboard.press('Control+L');
  await expectUnlockScreen(page, 'Anna');

  // The code just used cannot be used again.
  await unlock(page, strongPassword, auth.reused());
  await expect(page.getByRole('alert')).toHaveText(errorMessage({ code: 'wrong-credentials' }, 'nl'));

  await unlock(page, strongPassword, await auth.fresh());
  await expect(page.getByRole('heading', { level: 1, name: 'Overzicht' })).toBeVisible();
  await expect(page.getByTestId('shell-profile-label')).toHaveText('Anna');
});

test('the picker lists profiles; leaving one locks it unless it is left open this time', async ({ page, host }) => {
  await page.goto(host.url);
  const { auth } = await createProfile(page, { label: 'Anna' });

  // Leaving locks (issue 10.10): the picker says so and opening it asks for the password and a code.
  await page.getByRole('button', { name: 'Ander profiel' }).click();
  const dialog = page.getByRole('dialog', { name: 'Naar een ander profiel' });
  await expect(dialog).toContainText('Het profiel Anna wordt dan vergrendeld.');
  await checkAxe(page, 'leave-dialog');
  await dialog.getByRole('button', { name: 'Naar de profielen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Profielen' })).toBeVisible();
  const anna = page.getByRole('button', { name: /Anna/ });
  await expect(anna).toContainText('vergrendeld');
  await anna.click();
  await expectUnlockScreen(page, 'Anna');
  await unlock(page, strongPassword, await auth.fresh());
  await expect(page.getByRole('heading', { level: 1, name: 'Overzicht' })).toBeVisible();

  // "Open laten, alleen deze keer": it stays open, and one click brings the person back.
  await leaveProfile(page, { keepOpen: true });
  await expect(anna).toContainText('ontgrendeld');
  await anna.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Overzicht' })).toBeVisible();

  // "Annuleren" in the dialog changes nothing.
  await page.getByRole('button', { name: 'Ander profiel' }).click();
  await page.getByRole('dialog', { name: 'Naar een ander profiel' }).getByRole('button', { name: 'Annuleren' }).click();
  await expect(page.getByTestId('shell-profile-label')).toHaveText('Anna');

  // A second profile for a relative, then the first one is still there (left open) in the picker.
  await leaveProfile(page, { keepOpen: true });
  await page.getByRole('button', { name: 'Nieuw profiel' }).click();
  await createProfile(page, { label: 'Opa Kees', fromWelcome: false });
  await page.getByRole('button', { name: 'Vergrendelen' }).click();
  await expectUnlockScreen(page, 'Opa Kees');
  await page.getByRole('button', { name: 'Ander profiel kiezen' }).click();
  await expect(page.getByRole('button', { name: /Opa Kees/ })).toContainText('vergrendeld');
  await expect(anna).toContainText('ontgrendeld');

  // A new window (a reload) finds nothing open that was not left open on purpose… and Anna was.
  await page.reload();
  await expect(anna).toContainText('ontgrendeld');
  // Once the person is back in a profile it is no longer "left open": the next window locks it.
  await anna.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Overzicht' })).toBeVisible();
  await page.mouse.click(5, 5); // activity in Anna: the person is back in it
  await page.waitForTimeout(300);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Profielen' })).toBeVisible();
  await expect(anna).toContainText('vergrendeld');
});
