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

  it('a skip link is the first stop of Tab; the correction form keeps focus inside and gives it back', async () => {
    await page.getByRole('link', { name: 'Anomalies', exact: true }).click();
    await page.locator('nav a[aria-current="page"]', { hasText: 'Anomalies' }).waitFor();
    // The first thing the keyboard reaches on the page, before the sidebar's first control.
    const first = await page.evaluate(
      () =>
        document.querySelector<HTMLElement>('a[href], button, input, select, textarea, [tabindex="0"]')?.textContent,
    );
    expect(first).toBe('Skip to the page');
    await page.getByRole('button', { name: /Go to order/ }).focus();
    await page.keyboard.press('Shift+Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to the page');
    await page.getByText('Skip to the page').screenshot({ path: 'test-output/screenshots/a11y-skip-link.png' });
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main-content');

    const opener = page.getByRole('button', { name: 'Correct…' }).first();
    await opener.focus();
    await page.keyboard.press('Enter');
    const form = page.getByTestId('correction-dialog');
    await form.getByTestId('status-choice').waitFor();
    await expect(form.evaluate((d) => (d as HTMLDialogElement).open && d.matches(':modal'))).resolves.toBe(true);
    // Tab never reaches the page behind: past the form's last control focus leaves for the
    // browser's own controls (the document body here) and the next Tab is back in the form.
    let wrapped = false;
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const where = await form.evaluate((d) =>
        d.contains(document.activeElement) ? 'form' : document.activeElement === document.body ? 'browser' : 'page',
      );
      expect(where, `Tab ${i + 1}`).not.toBe('page');
      if (where === 'browser') wrapped = true;
    }
    expect(wrapped).toBe(true);
    await expect(form.evaluate((d) => d.contains(document.activeElement))).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    // Opened again and closed: focus is back on the button that opened it.
    await opener.focus();
    await page.keyboard.press('Enter');
    await form.getByTestId('status-choice').waitFor();
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    await expect(opener.evaluate((b) => b === document.activeElement)).resolves.toBe(true);

    // The palette (Ctrl+K) is a native modal dialog too, and gives focus back when closed.
    await opener.focus();
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Search or go to a page' });
    await palette.waitFor();
    await expect(palette.evaluate((d) => d.matches(':modal'))).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await palette.waitFor({ state: 'detached' });
    await expect(opener.evaluate((b) => b === document.activeElement)).resolves.toBe(true);
  });

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
