/**
 * WCAG 2.2 target size: every interactive element a person can click or tap measures at least
 * 24 × 24 CSS pixels. Stricter than success criterion 2.5.8 (no spacing exception), because the
 * people Regie is made for click with an unsteady hand. Checkboxes and radios are measured
 * themselves, not their labels.
 */
import { expect, type Page } from '@playwright/test';

const interactive = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [tabindex]:not([tabindex="-1"])';
export const minTarget = 24;

export async function expectTargetsAtLeast24(page: Page, screen: string): Promise<void> {
  const small = await page.locator(interactive).evaluateAll(
    (elements, min) =>
      elements
        .filter((el) => {
          const style = getComputedStyle(el);
          return style.display !== 'none' && style.visibility !== 'hidden' && el.getClientRects().length > 0;
        })
        .map((el) => {
          const box = el.getBoundingClientRect();
          const name = el.getAttribute('aria-label') ?? el.id ?? '';
          return { what: `${el.tagName.toLowerCase()}${name ? `#${name}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`, width: box.width, height: box.height };
        })
        .filter((t) => t.width < min - 0.01 || t.height < min - 0.01)
        .map((t) => `${t.what}: ${t.width.toFixed(1)} × ${t.height.toFixed(1)}`),
    minTarget,
  );
  expect(small, `targets smaller than ${minTarget} × ${minTarget} px on "${screen}"`).toEqual([]);
  // Guard against measuring nothing (a selector or a screen that did not render).
  expect(await page.locator(interactive).count(), `interactive elements on "${screen}"`).toBeGreaterThan(3);
}
