/**
 * Issue 10 items 11–13: a lock that suits a shared computer, tried as a 70-year-old would: a warning
 * before auto-lock that any key cancels, input and screen back after unlocking, one message for a
 * wrong password or code, a strength meter that knows names and Dutch words, and an authenticator
 * step with a way back and pasted codes with a space.
 */
import { checkAxe } from './axe';
import { expect, test } from './fixtures';
import { Authenticator, createProfile, expectUnlockScreen, goToArea, readSecret, strongPassword, unlock } from './helpers';

test.describe('auto-lock with warning', () => {
  test.use({ idleLockMs: 8000 });

  test('warns before locking, a key keeps it open, and after unlocking the half-typed measurement is back', async ({ page, host }) => {
    await page.goto(host.url);
    const { auth } = await createProfile(page, { label: 'Anna' });
    await goToArea(page, 'Metingen');
    const form = page.getByRole('region', { name: 'Meting toevoegen' });
    await form.getByLabel('Bovendruk (systolisch)').fill('135');
    await form.getByLabel('Onderdruk (diastolisch)').fill('85');
    await form.getByLabel('Notitie (niet verplicht)').fill('Na het wandelen');

    // Doing nothing: half-way the warning comes, in words, as an alert; a key keeps the profile open.
    const warning = page.getByRole('alert').filter({ hasText: 'Dit profiel wordt zo vergrendeld' });
    await expect(warning).toBeVisible({ timeout: 8000 });
    await expect(warning).toContainText('Druk op een toets of klik om verder te werken');
    await checkAxe(page, 'lock-warning');
    await page.keyboard.press('Shift');
    await expect(warning).toHaveCount(0);
    await page.waitForTimeout(5000);
    await expect(page.getByRole('heading', { level: 1, name: 'Metingen' })).toBeVisible();

    // Walking away: warning, then the lock.
    await expect(warning).toBeVisible({ timeout: 8000 });
    await expectUnlockScreen(page, 'Anna');
    await expect(page.getByText('Na het wandelen')).toHaveCount(0);

    // Unlocking brings the person back to Metingen with what they had typed.
    await unlock(page, strongPassword, await auth.fresh());
    await expect(page.getByRole('heading', { level: 1, name: 'Metingen' })).toBeVisible();
    const restored = page.getByRole('region', { name: 'Meting toevoegen' });
    await expect(restored.getByLabel('Bovendruk (systolisch)')).toHaveValue('135');
    await expect(restored.getByLabel('Onderdruk (diastolisch)')).toHaveValue('85');
    await expect(restored.getByLabel('Notitie (niet verplicht)')).toHaveValue('Na het wandelen');
  });
});

test('one message for a wrong password or a wrong code', async ({ page, host }) => {
  await page.goto(host.url);
  const { auth } = await createProfile(page, { label: 'Jan' });
  await page.getByRole('button', { name: 'Vergrendelen' }).click();
  await expectUnlockScreen(page, 'Jan');
  const message = 'Wachtwoord of code onjuist. Controleer uw wachtwoord, en gebruik de nieuwste code uit uw authenticator-app (een code werkt maar één keer).';
  await unlock(page, 'janjanssen1954 is het niet', auth.peek());
  await expect(page.getByRole('alert')).toHaveText(message);
  await unlock(page, strongPassword, auth.wrong());
  await expect(page.getByRole('alert')).toHaveText(message);
  await checkAxe(page, 'unlock-wrong');
});

test('the strength meter knows the profile name and common Dutch words', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Aan de slag' }).click();
  await page.getByLabel('Naam van het profiel').fill('Jan');
  for (const weak of ['janjanssen1954', 'Welkom2024!']) {
    await page.getByLabel('Wachtwoord', { exact: true }).fill(weak);
    await page.getByLabel('Herhaal het wachtwoord').fill(weak);
    await expect(page.getByText('Dit wachtwoord is nog niet sterk genoeg.')).toBeVisible();
    await expect(page.getByText(/Sterkte van het wachtwoord: (zeer zwak|zwak|redelijk)/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Doorgaan' })).toBeDisabled();
  }
});

test('the authenticator step has a way back and out, and takes a pasted code with a space', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Aan de slag' }).click();
  await page.getByLabel('Naam van het profiel').fill('Opa Kees');
  const fillPassword = async () => {
    await page.getByLabel('Wachtwoord', { exact: true }).fill(strongPassword);
    await page.getByLabel('Herhaal het wachtwoord').fill(strongPassword);
    await expect(page.getByText('Dit wachtwoord is sterk genoeg.')).toBeVisible();
    await page.getByRole('button', { name: 'Doorgaan' }).click();
  };
  await fillPassword();
  await expect(page.getByRole('heading', { level: 1, name: 'Authenticator-app instellen' })).toBeVisible();
  await checkAxe(page, 'authenticator-step');

  // "Terug": step 1 again, the name kept, the password to be typed again.
  await page.getByRole('button', { name: 'Terug', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Naam en wachtwoord' })).toBeVisible();
  await expect(page.getByLabel('Naam van het profiel')).toHaveValue('Opa Kees');
  await expect(page.getByLabel('Wachtwoord', { exact: true })).toHaveValue('');
  await fillPassword();

  // A code pasted as the app shows it, "123 456".
  await expect(page.getByRole('heading', { level: 1, name: 'Authenticator-app instellen' })).toBeVisible();
  const auth = new Authenticator(await readSecret(page));
  const code = await auth.fresh();
  const field = page.getByLabel('Code uit de app (6 cijfers)');
  await field.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await expect(field).toHaveValue(code);
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await expect(page.getByText('Stap 3 van 3')).toBeVisible();
});

test('"Annuleren" on the authenticator step leaves the setup and creates nothing', async ({ page, host }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Anna' });
  await page.getByRole('button', { name: 'Vergrendelen' }).click();
  await page.getByRole('button', { name: 'Ander profiel kiezen' }).click();
  await page.getByRole('button', { name: 'Nieuw profiel' }).click();
  await page.getByLabel('Naam van het profiel').fill('Tante Els');
  await page.getByLabel('Wachtwoord', { exact: true }).fill(strongPassword);
  await page.getByLabel('Herhaal het wachtwoord').fill(strongPassword);
  await page.getByRole('button', { name: 'Doorgaan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Authenticator-app instellen' })).toBeVisible();
  await page.getByRole('button', { name: 'Annuleren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Profielen' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Tante Els/ })).toHaveCount(0);
});
