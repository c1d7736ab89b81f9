/**
 * Time and people end to end in Chromium through the browser host: the sign-in notice and the
 * Handover page, the order timeline as it stood before its correction (marked, read-only), the
 * inbox and the orders list in the past, the incident report downloaded as a PDF, and the People
 * page with Walter's after-hours change — in light and dark, by keyboard where it counts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { FLOOR_RULES } from '../../shared/rules/builtin';
import { SAMPLES, screenshot, signIn, startE2E, SUPERVISOR, type E2E, until } from './harness';

/** Accessibility problems axe finds in a part of the page (WCAG A and AA), as "rule: target" lines. */
async function axe(page: Page, selector: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa']).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

describe('time and people end to end', () => {
  let e2e: E2E;
  let page: Page;
  let beforeCorrection = 0;

  beforeAll(async () => {
    e2e = await startE2E({ withSupervisor: true });
    page = e2e.page;
    await e2e.api('signIn', { operatorId: SUPERVISOR.id, password: SUPERVISOR.password });
    await e2e.importFile(join(SAMPLES, 'missing-package.ndjson'));
    await until('the import', async () => ((await e2e.api('session', {})).events > 20 ? true : undefined));
    await e2e.api('activateRuleSet', {
      ruleSet: { ...FLOOR_RULES, version: 3, workingHours: { TeamLead: { from: '06:00', to: '18:00' } } },
      reason: 'Team leads work days only',
    });
    const history = await e2e.api('orderHistory', { orderId: '1345693' });
    beforeCorrection = (await e2e.api('session', {})).events;
    await e2e.api('correct', {
      orderId: '1345693',
      status: 'Packed',
      reason: 'Found on the packing bench, set back by mistake',
      correctsEventId: 's-1345693-08',
      expectedSeq: history[history.length - 1]!.seq,
    });
    await signIn(page);
  }, 60_000);
  afterAll(async () => {
    await e2e?.close();
  });

  it('greets with what happened since the last sign-in, and the handover lists it', async () => {
    const notice = page.getByRole('status').filter({ hasText: 'Since you last signed in' });
    await notice.waitFor();
    await notice.getByRole('button', { name: 'Open the handover' }).click();
    await page.getByRole('heading', { name: 'Handover' }).waitFor();
    const corrections = page.getByRole('region', { name: 'Corrections, requests, rule and operator changes' });
    await expect
      .poll(() => corrections.textContent())
      .toContain('set to Packed (corrects s-1345693-08) — “Found on the packing bench, set back by mistake”');
    expect(await page.getByRole('region', { name: 'Refused lines' }).textContent()).toContain('No line was refused.');
    expect(await page.getByRole('region', { name: 'Correction requests waiting' }).textContent()).toContain(
      'No correction request is waiting.',
    );
    await screenshot(page, 'handover-light');
    expect(await axe(page, '.handover-page')).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'handover-dark');
    expect(await axe(page, '.handover-page')).toEqual([]);
    // Printed, the handover is the page alone: no sidebar, no buttons.
    await page.emulateMedia({ colorScheme: 'light', media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Pages' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows an order as it stood before its correction, marked as the past and read-only, by keyboard', async () => {
    await page
      .getByRole('region', { name: /New anomalies/ })
      .getByRole('link', { name: '1345693' })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Order 1345693' }).waitFor();
    await page.getByRole('button', { name: 'Correct status…' }).waitFor();

    await page.getByRole('button', { name: 'As of…' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('combobox', { name: 'By' }).selectOption('seq');
    await page.getByLabel('Journal position').fill(String(beforeCorrection));
    await page.keyboard.press('Enter');
    const banner = page.getByRole('status').filter({ hasText: 'Past view' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain(`as it stood after #${beforeCorrection}`);
    const timeline = page.getByRole('list', { name: 'Events of order 1345693' });
    await expect.poll(async () => (await timeline.textContent()) ?? '').not.toContain('Correction');
    expect(await page.getByRole('button', { name: 'Correct status…' }).count()).toBe(0);
    await screenshot(page, 'order-as-of');
    expect(await axe(page, '.past-banner')).toEqual([]);

    // The inbox and the orders list in the same past.
    await page.getByRole('link', { name: 'Anomalies' }).click();
    await page.getByRole('heading', { name: 'Anomalies' }).waitFor();
    await banner.waitFor();
    await expect.poll(async () => (await page.locator('main').textContent()) ?? '').toContain('1345693');
    expect(await page.getByRole('button', { name: 'Correct…' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Orders', exact: true }).click();
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    await banner.waitFor();
    const orderRow = page.getByRole('row').filter({ hasText: '1345693' });
    await expect.poll(async () => (await orderRow.textContent()) ?? '').toContain('PendingPicking');

    await banner.getByRole('button', { name: 'Back to now' }).click();
    await banner.waitFor({ state: 'detached' });
    await expect.poll(async () => (await orderRow.textContent()) ?? '').toContain('Packed');
  });

  it('downloads the incident report as a PDF', async () => {
    await page.getByRole('link', { name: 'Handover' }).click();
    await page
      .getByRole('region', { name: /New anomalies/ })
      .getByRole('link', { name: '1345693' })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Order 1345693' }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Incident report (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^incident-1345693-\d{4}-\d{2}-\d{2}\.pdf$/);
    const file = join(e2e.dir, 'report.pdf');
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it("the People page shows Walter's change after hours, and who corrected it", async () => {
    await page.getByRole('link', { name: 'People' }).click();
    await page.getByRole('heading', { name: 'People' }).waitFor();
    await page.getByRole('button', { name: 'Walter Chin' }).click();
    const table = page.getByRole('table', { name: 'Events initiated by Walter Chin' });
    await table.waitFor();
    expect(await page.locator('main').textContent()).toContain('working hours of a TeamLead: 06:00–18:00');
    const row = table.getByRole('row').filter({ hasText: '1345693' });
    expect(await row.textContent()).toContain('after hours');
    expect(await row.textContent()).toContain('Corrected to Packed by Sue Supervisor');
    await screenshot(page, 'people-walter');
    expect(await axe(page, 'main')).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'people-walter-dark');
    expect(await axe(page, 'main')).toEqual([]);
    expect(e2e.missingFiles).toEqual([]);
  });
});
