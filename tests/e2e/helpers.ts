/** Shared steps for the E2E specs: TOTP codes from the page's secret, and the common flows. */
import { expect, type Page } from '@playwright/test';
import * as OTPAuth from 'otpauth';

const STEP_SECONDS = 30;
const stepAt = (ms: number) => Math.floor(ms / 1000 / STEP_SECONDS);

/**
 * Hands out authenticator codes the way a careful person would: each 30-second step at most once.
 * The server accepts the current step and its neighbours but never a step at or before the last one
 * used, so after using "next" we wait until the clock has caught up.
 */
export class Authenticator {
  private lastStep: number | null = null;
  private readonly totp: OTPAuth.TOTP;

  constructor(readonly secret: string) {
    this.totp = new OTPAuth.TOTP({
      secret: OTPAuth.Secret.fromBase32(secret),
      algorithm: 'SHA1',
      digits: 6,
      period: STEP_SECONDS,
    });
  }

  codeForStep(step: number): string {
    return this.totp.generate({ timestamp: step * STEP_SECONDS * 1000 });
  }

  /** A code the server has not seen yet; waits for the next time step when needed. */
  async fresh(): Promise<string> {
    for (;;) {
      const current = stepAt(Date.now());
      for (const step of [current, current + 1]) {
        if (this.lastStep === null || step > this.lastStep) {
          this.lastStep = step;
          return this.codeForStep(step);
        }
      }
      const nextBoundary = (current + 1) * STEP_SECONDS * 1000;
      await new Promise((r) => setTimeout(r, nextBoundary - Date.now() + 200));
    }
  }

  /** The code `fresh()` would hand out now, without marking it used (for attempts that fail earlier). */
  peek(): string {
    const current = stepAt(Date.now());
    const step = this.lastStep === null || current > this.lastStep ? current : current + 1;
    return this.codeForStep(step);
  }

  /** The most recently used code again (to check replay protection). */
  reused(): string {
    if (this.lastStep === null) throw new Error('no code used yet');
    return this.codeForStep(this.lastStep);
  }

  /** A code that is certainly wrong for the current window. */
  wrong(): string {
    const now = stepAt(Date.now());
    const valid = new Set([now - 1, now, now + 1, now + 2].map((s) => this.codeForStep(s)));
    for (let n = 0; ; n++) {
      const candidate = String((123456 + n * 7919) % 1_000_000).padStart(6, '0');
      if (!valid.has(candidate)) return candidate;
    }
  }
}

export async function readSecret(page: Page): Promise<string> {
  const text = await page.getByTestId('totp-secret').textContent();
  return (text ?? '').replace(/\s+/g, '');
}

export const strongPassword = 'paarse olifant danst op de maan 2024';

/** From the first start to the open profile. Returns the authenticator and the recovery code. */
export async function createProfile(
  page: Page,
  { label, password = strongPassword, fromWelcome = true }: { label: string; password?: string; fromWelcome?: boolean },
): Promise<{ auth: Authenticator; recoveryCode: string }> {
  if (fromWelcome) {
    await expect(page.getByRole('heading', { level: 1, name: 'Welkom bij Regie' })).toBeVisible();
    await page.getByRole('button', { name: 'Aan de slag' }).click();
  }
  await expect(page.getByRole('heading', { level: 1, name: 'Naam en wachtwoord' })).toBeVisible();
  await page.getByLabel('Naam van het profiel').fill(label);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByLabel('Herhaal het wachtwoord').fill(password);
  await expect(page.getByText('Dit wachtwoord is sterk genoeg.')).toBeVisible();
  await page.getByRole('button', { name: 'Doorgaan' }).click();

  const auth = await enrollAuthenticator(page);
  const recoveryCode = await acknowledgeRecoveryCode(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Overzicht' })).toBeVisible();
  return { auth, recoveryCode };
}

export async function enrollAuthenticator(page: Page): Promise<Authenticator> {
  await expect(page.getByRole('heading', { level: 1, name: 'Authenticator-app instellen' })).toBeVisible();
  await expect(page.getByRole('img', { name: /QR-code/ })).toBeVisible();
  const auth = new Authenticator(await readSecret(page));
  await page.getByLabel('Code uit de app (6 cijfers)').fill(await auth.fresh());
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  return auth;
}

export async function acknowledgeRecoveryCode(page: Page): Promise<string> {
  await expect(page.getByRole('heading', { level: 1, name: 'Uw herstelcode' })).toBeVisible();
  const recoveryCode = ((await page.getByTestId('recovery-code').textContent()) ?? '').trim();
  expect(recoveryCode.length).toBeGreaterThan(10);
  const done = page.getByRole('button', { name: 'Naar mijn profiel' });
  await expect(done).toBeDisabled();
  await page.getByLabel('Ik heb de herstelcode bewaard').check();
  await done.click();
  return recoveryCode;
}

export async function unlock(page: Page, password: string, code: string): Promise<void> {
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByLabel('Code uit de authenticator-app (6 cijfers)').fill(code);
  await page.getByRole('button', { name: 'Ontgrendelen', exact: true }).click();
}

export async function expectUnlockScreen(page: Page, label: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ontgrendelen', exact: true })).toBeVisible();
}

export async function goToArea(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** "Ander profiel": leaving locks the profile unless "open laten" is ticked (issue 10.10). */
export async function leaveProfile(page: Page, { keepOpen = false }: { keepOpen?: boolean } = {}): Promise<void> {
  await page.getByRole('button', { name: 'Ander profiel' }).click();
  const dialog = page.getByRole('dialog', { name: 'Naar een ander profiel' });
  await expect(dialog).toBeVisible();
  if (keepOpen) await dialog.getByLabel('Open laten, alleen deze keer').check();
  await dialog.getByRole('button', { name: 'Naar de profielen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Profielen' })).toBeVisible();
}
