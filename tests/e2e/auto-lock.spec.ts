import { expect, test } from './fixtures';
import { createProfile, expectUnlockScreen } from './helpers';

test.use({ idleLockMs: 1500 });

test('an idle open profile locks itself and the UI forgets it', async ({ page, host }) => {
  await page.goto(host.url);
  await createProfile(page, { label: 'Anna' });
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('button', { name: 'Instellingen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible();

  // Do nothing: the core locks after 1.5 s and pushes 'profile.locked' (reason idle).
  await expectUnlockScreen(page, 'Anna');
  await expect(page.getByRole('status')).toHaveText(/^Vergrendeld omdat u .* niets deed\.$/);
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toHaveCount(0);
  await expect(page.getByTestId('shell-profile-label')).toHaveCount(0);
  await expect(page.getByText('Automatisch vergrendelen')).toHaveCount(0);

  // The picker agrees that it is locked.
  await page.getByRole('button', { name: 'Ander profiel kiezen' }).click();
  await expect(page.getByRole('button', { name: /Anna/ })).toContainText('vergrendeld');
});
