/**
 * Browsing the history end to end, the way Mark found the missing package: sign in, load the
 * sample warehouse, find order 1345693, open its flagged event, walk its order's events, filter
 * the journal, and import a file of bad lines to read its report. Screenshots of each main view
 * go to test-output/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { screenshot, signIn, startE2E, SUPERVISOR, type E2E } from './harness';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// In CI the handbook sits beside the clone (../shared); here it is /work/shared, the same place.
const samples = resolve(repoRoot, '../shared/handbook/samples');

const journalRows = (page: Page) =>
  page.getByRole('grid', { name: 'Journal events' }).locator('[role=row][aria-rowindex]:not([aria-rowindex="1"])');

/** The order id in each loaded journal row on screen (column 5). */
async function orderIdsOnScreen(page: Page): Promise<string[]> {
  return journalRows(page).evaluateAll((rows) =>
    rows
      .filter((r) => !r.classList.contains('placeholder'))
      .map((r) => r.querySelectorAll('[role=gridcell]')[4]?.textContent ?? ''),
  );
}

describe('browsing the journal', () => {
  let e2e: E2E;
  let page: Page;
  let importDir: string;

  beforeAll(async () => {
    importDir = mkdtempSync(join(tmpdir(), 'ledger-e2e-import-'));
    copyFileSync(join(samples, 'bad-lines.ndjson'), join(importDir, 'bad-lines.ndjson'));
    e2e = await startE2E({ withSupervisor: true });
    page = e2e.page;
  });
  afterAll(async () => {
    await e2e?.close();
    rmSync(importDir, { recursive: true, force: true });
  });

  it('signs in and loads the sample warehouse into the empty journal', async () => {
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn(page);
    await page.getByRole('heading', { name: 'This journal is empty' }).waitFor();
    await screenshot(page, 'first-run');
    await page.getByRole('button', { name: 'Load the sample warehouse' }).click();
    await page.getByRole('heading', { name: 'Journal' }).waitFor({ timeout: 60_000 });
    await journalRows(page).first().waitFor();
    expect(await journalRows(page).count()).toBeGreaterThan(10);
    // Newest first: the seq column goes down.
    const seqs = await journalRows(page).evaluateAll((rows) =>
      rows.slice(0, 10).map((r) => Number(r.querySelectorAll('[role=gridcell]')[1]?.textContent)),
    );
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    await screenshot(page, 'journal');
  });

  it('finds order 1345693 with Ctrl+K and shows its timeline', async () => {
    await page.keyboard.press('Control+k');
    await page.getByLabel('Order ID, person, customer, SKU, reason or page').fill('1345693');
    await page.getByRole('option', { name: /Order 1345693/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Order 1345693' }).waitFor();
    const timeline = page.getByRole('list', { name: 'Events of order 1345693' });
    await timeline.waitFor();
    expect(await timeline.locator('.tl-item').count()).toBeGreaterThan(3);
    expect(await timeline.locator('.tl-item.flagged').count()).toBeGreaterThan(0);
    await screenshot(page, 'order-timeline');
  });

  it('opens the flagged event and explains it in plain words', async () => {
    await page.locator('.tl-item.flagged').first().getByRole('link').first().click();
    await page.getByRole('heading', { name: /^Event \d+/ }).waitFor();
    await page.getByText('Packed → PendingPicking is not an allowed change').first().waitFor();
    await expect(page.getByRole('button', { name: 'Correct status…' }).isEnabled()).resolves.toBe(true);
    await screenshot(page, 'event-detail');
  });

  it('follows the previous and next event of the same order', async () => {
    const flagged = await page.getByRole('heading', { name: /^Event \d+/ }).textContent();
    const flaggedSeq = Number(/Event (\d+)/.exec(flagged ?? '')?.[1]);
    await page.getByRole('link', { name: /^Previous event/ }).click();
    await page.getByRole('heading', { name: new RegExp(`^Event (?!${flaggedSeq}\\b)\\d+`) }).waitFor();
    // The event before the bad change: the order was Packed.
    await expect(page.locator('.status-change').textContent()).resolves.toContain('Packed');
    await page.getByRole('link', { name: /^Next event/ }).click();
    await page.getByRole('heading', { name: new RegExp(`^Event ${flaggedSeq}\\b`) }).waitFor();
  });

  it('filters the journal by order and by flagged events', async () => {
    await page.getByRole('link', { name: 'Journal', exact: true }).click();
    await page.getByLabel('Order', { exact: true }).fill('1345693');
    await expect
      .poll(
        async () => {
          const ids = await orderIdsOnScreen(page);
          return ids.length > 0 && ids.every((id) => id === '1345693');
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    await page.getByLabel('Order', { exact: true }).fill('');
    await page.getByLabel('Flagged only').check();
    await expect
      .poll(
        async () => {
          const flags = await journalRows(page).evaluateAll((rows) =>
            rows
              .filter((r) => !r.classList.contains('placeholder'))
              .map((r) => r.querySelector('[role=gridcell] [role=img]') !== null),
          );
          return flags.length > 0 && flags.every(Boolean);
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    await screenshot(page, 'journal-flagged');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
  });

  it('finds what Walter Chin did by his first name: in the palette, on the Journal and on the Orders page', async () => {
    await page.keyboard.press('Control+k');
    await page.getByLabel('Order ID, person, customer, SKU, reason or page').fill('Walter');
    await page
      .getByRole('option', { name: /Event #\d+ .*Walter Chin/ })
      .first()
      .waitFor();
    await screenshot(page, 'search-palette');
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Journal', exact: true }).click();
    await page.getByLabel('Search', { exact: true }).fill('walter');
    const who = () =>
      journalRows(page).evaluateAll((rows) =>
        rows
          .filter((r) => !r.classList.contains('placeholder'))
          .map((r) => r.querySelectorAll('[role=gridcell]')[6]?.textContent ?? ''),
      );
    await expect
      .poll(
        async () => {
          const names = await who();
          return names.length > 0 && names.every((n) => n.startsWith('Walter Chin'));
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    await screenshot(page, 'search-journal');
    // Two letters cannot be looked up: the page says so instead of showing nothing.
    await page.getByLabel('Search', { exact: true }).fill('wa');
    await page.getByText('Type at least 3 letters to search.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).first().click();

    await page.getByRole('link', { name: 'Orders', exact: true }).click();
    const everyOrder = (await e2e.api('listOrders', {})).total;
    await page.getByLabel('Search').fill('Walter');
    const byWalter = (await e2e.api('listOrders', { search: 'Walter' })).total;
    expect(byWalter).toBeGreaterThan(0);
    expect(byWalter).toBeLessThan(everyOrder);
    await page.getByText(`${byWalter.toLocaleString('en-US')} matching`).waitFor({ timeout: 10_000 });
    // The status chips count what the search found: "All" is the number of Walter's orders.
    const chips = page.getByRole('group', { name: 'Orders per status' });
    await chips.getByRole('button', { name: new RegExp(`^${byWalter} All`) }).waitFor();
    // Sorted by events, most first: the first row has the most events of Walter's orders.
    await page.getByRole('columnheader', { name: 'Events' }).getByRole('button').click();
    await page
      .getByRole('columnheader', { name: 'Events', exact: false })
      .and(page.locator('[aria-sort="descending"]'))
      .waitFor();
    const most = (await e2e.api('listOrders', { search: 'Walter', sort: 'events', descending: true, limit: 1 }))
      .rows[0]!;
    const orderRows = page
      .getByRole('grid', { name: 'Orders' })
      .locator('[role=row][aria-rowindex]:not([aria-rowindex="1"])');
    await expect
      .poll(async () => orderRows.first().locator('[role=gridcell]').first().textContent(), { timeout: 10_000 })
      .toBe(most.orderId);
    await screenshot(page, 'search-orders');
    await page.getByLabel('Search').fill('');
    await page.getByRole('link', { name: 'Journal', exact: true }).click();
  });

  it('opens an event from the journal with the keyboard', async () => {
    const grid = page.getByRole('grid', { name: 'Journal events' });
    await grid.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Event \d+/ }).waitFor();
    await page.keyboard.press('Alt+ArrowLeft');
    await grid.waitFor();
  });

  it('opens an event with a single click; the order link in the row opens the order', async () => {
    const grid = page.getByRole('grid', { name: 'Journal events' });
    const row = journalRows(page).nth(2);
    const seq = (await row.locator('[role=gridcell]').nth(1).textContent())!.trim();
    await row.locator('[role=gridcell]').nth(5).click();
    await page.getByRole('heading', { name: new RegExp(`^Event ${seq}\\b`) }).waitFor();
    await page.keyboard.press('Alt+ArrowLeft');
    await grid.waitFor();
    const orderId = (await journalRows(page).nth(2).locator('[role=gridcell]').nth(4).textContent())!.trim();
    await journalRows(page).nth(2).getByRole('link', { name: orderId }).click();
    await page.getByRole('heading', { name: `Order ${orderId}` }).waitFor();
    await page.getByRole('link', { name: 'Journal', exact: true }).click();
    await grid.waitFor();
  });

  it('imports a file of bad lines chosen in the page and reports every rejected line', async () => {
    await page.getByRole('link', { name: 'Import' }).click();
    // The page names no path: the person picks the file, and the page uploads its bytes.
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Choose files to import…' }).click(),
    ]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles(join(importDir, 'bad-lines.ndjson'));
    const report = page.getByRole('region', { name: 'Import report for bad-lines.ndjson' });
    await report.waitFor({ timeout: 30_000 });
    await expect(report.textContent()).resolves.toMatch(/unknown type "TeleportOrder"/);
    const rejected = page.getByRole('table', { name: 'Rejected lines' });
    await rejected.getByText('bad-lines.ndjson').first().waitFor();
    expect(await rejected.locator('tbody tr').count()).toBeGreaterThan(3);
    await screenshot(page, 'import-report');
  });

  it('imports a file dropped on the import page', async () => {
    const line = JSON.stringify({
      eventId: 'dropped-1',
      type: 'OrderCreated',
      orderId: 'D-1',
      initiatedBy: { id: 'system', role: 'System' },
      timestamp: '2026-11-30T08:00:00Z',
      data: { lines: [{ sku: 'A-1', qty: 1 }] },
    });
    const zone = page.getByRole('region', { name: 'Files to import' });
    await zone.evaluate((el, text) => {
      const data = new DataTransfer();
      data.items.add(new File([`${text}\n`], 'dropped.ndjson', { type: 'application/x-ndjson' }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, line);
    const report = page.getByRole('region', { name: 'Import report for dropped.ndjson' });
    await report.waitFor({ timeout: 30_000 });
    await expect(report.textContent()).resolves.toMatch(/Accepted\s*1\s*Duplicates/);
  });

  it('shows a correction in the open timeline as soon as the journal has it, set apart from floor events', async () => {
    await page.keyboard.press('Control+k');
    await page.getByLabel('Order ID, person, customer, SKU, reason or page').fill('1345693');
    await page.getByRole('option', { name: /Order 1345693/ }).waitFor();
    await page.keyboard.press('Enter');
    const timeline = page.getByRole('list', { name: 'Events of order 1345693' });
    await timeline.waitFor();
    expect(await timeline.locator('.tl-item.office').count()).toBe(0);
    // Another workstation corrects the order (the harness's own session): this page is told by a push.
    await e2e.api('signIn', { operatorId: SUPERVISOR.id, password: SUPERVISOR.password });
    const order = await e2e.api('getOrder', { orderId: '1345693' });
    const history = await e2e.api('orderHistory', { orderId: '1345693' });
    const flaggedEvent = history.find((h) => h.anomalies.some((a) => a.open));
    await e2e.api('correct', {
      orderId: '1345693',
      status: 'Packed',
      reason: 'The package was packed; the night shift set it back by mistake.',
      correctsEventId: flaggedEvent!.eventId,
      expectedSeq: order!.lastSeq,
    });
    await timeline.locator('.tl-item.office').first().waitFor({ timeout: 10_000 });
    await expect(timeline.locator('.tl-item.office').first().textContent()).resolves.toMatch(/Correction/);
    // The correction resolved the flag: the anomaly reads as resolved, by the correction.
    await timeline.locator('.tl-anomaly.resolved').first().waitFor();
    await screenshot(page, 'order-timeline-corrected');
  });

  it('the inbox: exact totals, a badge in the sidebar, and a dashboard bar opens it filtered', async () => {
    const open = await e2e.api('anomalyTotals', { open: true });
    expect(open.total).toBeGreaterThan(0);
    const badge = page.getByTestId('nav-open-anomalies');
    await expect
      .poll(async () => badge.textContent(), { timeout: 10_000 })
      .toContain(open.total.toLocaleString('en-US'));
    await page.getByRole('link', { name: 'Anomalies', exact: true }).click();
    await page
      .getByTestId('inbox-total')
      .getByText(`${open.total.toLocaleString('en-US')} open`)
      .waitFor();
    // Someone whose change is still flagged (Walter's night was corrected above), by first name.
    const [flagged] = (await e2e.api('listAnomalies', { open: true, limit: 1 })).rows;
    const person = flagged!.initiatedBy.name?.split(' ')[0] ?? flagged!.initiatedBy.id;
    await page.getByLabel('Person').fill(person);
    const byPerson = await e2e.api('anomalyTotals', { open: true, person });
    expect(byPerson.total).toBeGreaterThan(0);
    expect(byPerson.total).toBeLessThan(open.total);
    await page
      .getByTestId('inbox-total')
      .getByText(`${byPerson.total.toLocaleString('en-US')} open`)
      .waitFor();
    await screenshot(page, 'inbox-filtered');
    await page.getByLabel('Person').fill('');

    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    // The headline: exact open errors and warnings; a click opens the inbox on that severity.
    const errors = open.bySeverity.error ?? 0;
    const headline = page.getByTestId('dash-headline');
    await headline.getByRole('button', { name: `${errors.toLocaleString('en-US')} open errors` }).click();
    await page
      .getByTestId('inbox-total')
      .getByText(`${errors.toLocaleString('en-US')} open`)
      .waitFor();
    await expect(page.getByLabel('Severity').inputValue()).resolves.toBe('error');
    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await screenshot(page, 'dashboard-headline');
    // Warnings are drawn in the warning colour, errors in red: never the same fill.
    const fills = await page
      .locator('#d-kind + ul .hbar-fill')
      .evaluateAll((spans) =>
        spans.map((s) => ({ warn: s.classList.contains('fill-warn'), colour: getComputedStyle(s).backgroundColor })),
      );
    const warnFill = fills.find((f) => f.warn);
    const errorFill = fills.find((f) => !f.warn);
    if (warnFill && errorFill) expect(warnFill.colour).not.toBe(errorFill.colour);
    // A date range: the chart follows it (a day of the sample's night, from the hourly counts).
    const range = page.getByTestId('dash-range');
    const lastDay = await range.textContent();
    const newest = (await e2e.api('journalPage', { limit: 1 })).rows[0]!;
    const day = newest.timestamp.slice(0, 10);
    const earlier = new Date(Date.parse(`${day}T12:00:00Z`) - 3 * 86_400_000).toISOString().slice(0, 10);
    await page.getByRole('group', { name: 'Date range' }).getByLabel('From').fill(earlier);
    await page.getByRole('group', { name: 'Date range' }).getByLabel('To').fill(day);
    await expect.poll(async () => range.textContent(), { timeout: 10_000 }).not.toBe(lastDay);
    await page.getByRole('img', { name: 'Events per hour' }).waitFor();
    await page.getByRole('button', { name: /last day/ }).click();
    await expect.poll(async () => range.textContent(), { timeout: 10_000 }).toBe(lastDay);
    const [kind, count] = Object.entries(open.byKind).sort((a, b) => b[1] - a[1])[0]!;
    // The longest bar is the most frequent kind.
    await page.locator('#d-kind + ul li').first().getByRole('button').click();
    await page.getByRole('heading', { name: 'Anomalies', exact: true }).waitFor();
    await page
      .getByTestId('inbox-total')
      .getByText(`${count.toLocaleString('en-US')} open`)
      .waitFor();
    await expect(page.getByLabel('Kind').inputValue()).resolves.toBe(kind);
    await page.getByRole('link', { name: 'Journal', exact: true }).click();
    await journalRows(page).first().waitFor();
  });

  it('shows the other main views', async () => {
    for (const [link, heading, name] of [
      ['Orders', 'Orders', 'orders'],
      ['Anomalies', 'Anomalies', 'anomaly-inbox'],
      ['Dashboard', 'Dashboard', 'dashboard'],
      ['Settings', 'Settings', 'settings'],
    ] as const) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, name);
    }
    await page.getByRole('radio', { name: 'Dark' }).click();
    await page.getByRole('link', { name: 'Journal', exact: true }).click();
    await journalRows(page).first().waitFor();
    await screenshot(page, 'journal-dark');
  });
});
