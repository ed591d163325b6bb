/** The accessibility check every E2E spec uses: axe-core with the WCAG 2.1 A and AA rules. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Set REGIE_SCREENSHOTS=/some/dir to also save a screenshot of every screen checked. */
const screenshotDir = process.env.REGIE_SCREENSHOTS;

export async function checkAxe(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(100);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(summary, `axe violations on "${name}"`).toEqual([]);
  if (screenshotDir) await page.screenshot({ path: `${screenshotDir}/${name}.png`, fullPage: true });
}

