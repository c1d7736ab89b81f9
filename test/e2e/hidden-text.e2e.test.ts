/**
 * Text that lies, end to end: an event whose initiator's name and data hold a right-to-left
 * override (as the main system sent it) shows the override as a visible mark in the event
 * detail, and nowhere on the page is it obeyed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Journal } from '../../electron/journal';
import { signIn, startE2E, type E2E } from './harness';

describe('hidden characters in event data', () => {
  let e2e: E2E;
  let page: Page;

  beforeAll(async () => {
    e2e = await startE2E({ withSupervisor: true });
    page = e2e.page;
    // Recorded beside the running host, as the command line would.
    const journal = Journal.open(e2e.dbPath);
    const timestamp = '2026-11-26T08:00:00Z';
    journal.appendBatch(
      [
        {
          event: {
            eventId: 'bidi-1',
            type: 'OrderCreated',
            orderId: 'o-bidi',
            initiatedBy: { id: 'wchin', name: 'Walter \u202Enihc', role: 'System' },
            timestamp,
            data: { customer: 'Acme \u202Egnp.exe', lines: [{ sku: 'A\u200B1', qty: 1 }] },
          },
          instant: Date.parse(timestamp),
        },
      ],
      'e2e',
    );
    journal.close();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('shows the override as a mark in the fields and the data, and obeys it nowhere', async () => {
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn(page);
    await page.keyboard.press('Control+k');
    await page.getByLabel('Order ID, person, customer, SKU, reason or page').fill('o-bidi');
    await page.getByRole('option', { name: /Order o-bidi/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Order o-bidi' }).waitFor();
    await page.locator('.tl-item').first().getByRole('link').first().click();
    await page.getByRole('heading', { name: /^Event \d+/ }).waitFor();
    const fields = page.locator('dl.fields');
    await expect(fields.textContent()).resolves.toContain('Walter ⟨U+202E⟩nihc (wchin, System)');
    const data = await page.locator('pre.data').textContent();
    expect(data).toContain('"customer": "Acme ⟨U+202E⟩gnp.exe"');
    expect(data).toContain('"sku": "A⟨U+200B⟩1"');
    const detail = await page.locator('.detail-grid').textContent();
    expect(detail).not.toMatch(/[\u202E\u200B]/);
  });
});
