/**
 * Focus goes back to what opened a dialog: the correction form opened from an anomaly's
 * "Correct…" button, left for the browser's own controls (Tab past its last field, the window
 * losing focus and getting it back), then closed with Escape, returns focus to that very button,
 * not to another one; also when the journal changed (and the inbox was read again) meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { signIn, startE2E, SUPERVISOR, type E2E, until } from './harness';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const samples = resolve(repoRoot, '../shared/handbook/samples');
const oms = { id: 'oms', name: 'Order webhook', role: 'System' };

describe('focus returns to what opened the dialog', () => {
  let e2e: E2E;
  let page: Page;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ledger-e2e-focus-'));
    e2e = await startE2E({ withSupervisor: true });
    page = e2e.page;
    await e2e.api('signIn', { operatorId: SUPERVISOR.id, password: SUPERVISOR.password });
    await e2e.importFile(join(samples, 'missing-package.ndjson'));
    await until('the sample night', async () => ((await e2e.api('session', {})).events >= 23 ? true : undefined));
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn(page);
    await page.getByRole('link', { name: 'Anomalies', exact: true }).click();
    await page.locator('nav a[aria-current="page"]', { hasText: 'Anomalies' }).waitFor();
  });

  afterAll(async () => {
    await e2e?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const correctButtons = () => page.locator('.inbox-item').getByRole('button', { name: 'Correct…', exact: true });

  /** The window loses focus (another tab in front, focus on the page's body) and gets it back. */
  async function awayAndBack(): Promise<void> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
    const other = await page.context().newPage();
    await other.bringToFront();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.bringToFront();
    await other.close();
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
    await cdp.detach();
  }

  /** Open the form from the `index`th "Correct…" button; returns that button's flagged event. */
  async function openFrom(index: number): Promise<string> {
    const button = correctButtons().nth(index);
    const seq = await button.evaluate((b) => b.closest('li')!.querySelector('a')!.getAttribute('href')!);
    await button.click();
    await page.getByTestId('correction-dialog').getByTestId('status-choice').waitFor();
    return seq;
  }

  /** The flagged event of the anomaly whose "Correct…" button has focus, if one has. */
  const focusedAnomaly = () =>
    page.evaluate(() => {
      const a = document.activeElement;
      if (!(a instanceof HTMLButtonElement) || a.textContent !== 'Correct…')
        return `not a Correct… button: ${a?.tagName}`;
      return a.closest('li')?.querySelector('a')?.getAttribute('href') ?? null;
    });

  it('after Tab past the form and the window away and back, Escape returns to the same button', async () => {
    await until('two flags', async () => ((await correctButtons().count()) >= 2 ? true : undefined));
    for (const index of [1, 0]) {
      const opened = await openFrom(index);
      for (let i = 0; i < 30; i++) await page.keyboard.press('Tab');
      await awayAndBack();
      await page.keyboard.press('Escape');
      await page.getByTestId('correction-dialog').waitFor({ state: 'detached' });
      await expect(focusedAnomaly()).resolves.toBe(opened);
    }
  });

  it('a journal change while the form is open (the inbox read again) does not move where focus returns', async () => {
    const opened = await openFrom(1);
    // A new flag arrives meanwhile: a second creation of an order, listed first (newest).
    const file = join(work, 'duplicate.ndjson');
    const created = (eventId: string, minute: string) =>
      JSON.stringify({
        eventId,
        type: 'OrderCreated',
        orderId: '1345900',
        initiatedBy: oms,
        timestamp: `2026-11-26T10:${minute}:00-05:00`,
        data: { customer: 'Elm Street Clinic', lines: [{ sku: 'GLV-200', qty: 4 }] },
      });
    writeFileSync(file, `${created('x-1345900-01', '00')}\n${created('x-1345900-02', '01')}\n`);
    const before = await correctButtons().count();
    await e2e.importFile(file);
    await until('the new flag in the inbox', async () =>
      (await correctButtons().count()) > before ? true : undefined,
    );
    await awayAndBack();
    await page.keyboard.press('Escape');
    await page.getByTestId('correction-dialog').waitFor({ state: 'detached' });
    await expect(focusedAnomaly()).resolves.toBe(opened);
  });
});
