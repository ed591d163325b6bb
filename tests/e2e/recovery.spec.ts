import { errorMessage } from '../../src-preload/contract/errors';
import { expect, test } from './fixtures';
import { acknowledgeRecoveryCode, createProfile, enrollAuthenticator, expectUnlockScreen, strongPassword, unlock } from './helpers';

const newPassword = 'groene giraf leest graag de krant 77';

test('recovery code: new password and authenticator, new recovery code', async ({ page, host }) => {
  await page.goto(host.url);
  const { auth: oldAuth, recoveryCode } = await createProfile(page, { label: 'Anna' });
  await page.getByRole('button', { name: 'Vergrendelen' }).click();
  await expectUnlockScreen(page, 'Anna');

  await page.getByRole('button', { name: 'Wachtwoord vergeten of telefoon kwijt? Gebruik uw herstelcode' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Herstelcode en nieuw wachtwoord' })).toBeVisible();
  await expect(page.getByText('Stap 1 van 3')).toBeVisible();

  // A wrong recovery code is refused.
  await page.getByLabel('Herstelcode').fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH');
  await page.getByLabel('Nieuw wachtwoord').fill(newPassword);
  await page.getByLabel('Herhaal het wachtwoord').fill(newPassword);
  await expect(page.getByText('Dit wachtwoord is sterk genoeg.')).toBeVisible();
  await page.getByRole('button', { name: 'Doorgaan' }).click();
  await expect(page.getByRole('alert')).toHaveText(errorMessage({ code: 'wrong-recovery-code' }, 'nl'));

  await page.getByLabel('Herstelcode').fill(recoveryCode);
  await page.getByRole('button', { name: 'Doorgaan' }).click();

  // A new authenticator (the same component as when creating), then a new recovery code.
  await expect(page.getByText('Stap 2 van 3')).toBeVisible();
  const newAuth = await enrollAuthenticator(page);
  expect(newAuth.secret).not.toBe(oldAuth.secret);
  await expect(page.getByText('Stap 3 van 3')).toBeVisible();
  await expect(page.getByText('Uw oude herstelcode werkt vanaf nu niet meer.', { exact: false })).toBeVisible();
  const newRecoveryCode = await acknowledgeRecoveryCode(page);
  expect(newRecoveryCode).not.toBe(recoveryCode);
  await expect(page.getByRole('heading', { level: 1, name: 'Overzicht' })).toBeVisible();

  // Later: the old password no longer works, the new one does.
  await page.getByRole('button', { name: 'Vergrendelen' }).click();
  await expectUnlockScreen(page, 'Anna');
  await unlock(page, strongPassword, newAuth.peek());
  await expect(page.getByRole('alert')).toHaveText(errorMessage({ code: 'wrong-credentials' }, 'nl'));
  await unlock(page, newPassword, await newAuth.fresh());
  await expect(page.getByRole('heading', { level: 1, name: 'Overzicht' })).toBeVisible();
  await expect(page.getByTestId('shell-profile-label')).toHaveText('Anna');
});
