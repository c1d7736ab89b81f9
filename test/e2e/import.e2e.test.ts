/**
 * The Import page in Chromium: several files go on past one that is gone, each reported (the
 * bad one in words, once); "Recent jobs" names the job in words; a refused line is put right in
 * a dialog and retried through the import's own checks; the page and the dialog pass axe
 * (WCAG 2.1 AA) in the light and the dark theme.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES, screenshot, signIn, startE2E, type E2E } from './harness';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page: page as never })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.flatMap((v) => v.nodes.slice(0, 5).map((n) => `${v.id}: ${n.target.join(' ')}`));
}

describe('the Import page', () => {
  let e2e: E2E;
  let page: Page;

  beforeAll(async () => {
    e2e = await startE2E({ withSupervisor: true });
    page = e2e.page;
    await signIn(page);
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'Import', level: 1 }).waitFor();
  });
  afterAll(async () => e2e?.close());

  it('imports several files past one it refuses, says why once, and names the job in words', async () => {
    // A CSV without the handbook's header: refused as a whole; the files after it are still imported.
    const headerless = join(e2e.dir, 'no-header.csv');
    writeFileSync(headerless, 'this,is,not,the,handbook,header\n1,2,3,4,5,6\n');
    const files = [headerless, join(SAMPLES, 'bad-lines.ndjson'), join(SAMPLES, 'missing-package.ndjson')];
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Choose files to import…' }).click(),
    ]);
    await chooser.setFiles(files);
    const title = page.getByTestId('job-title').first();
    await expect.poll(async () => title.textContent(), { timeout: 20_000 }).toMatch(/^Import of 3 files/);
    await expect
      .poll(async () => title.textContent(), { timeout: 30_000 })
      .toMatch(
        /^Import of 3 files — [\d,]+ events recorded, \d+ already in the journal, \d+ refused, 1 file not read$/,
      );
    const error = page.getByTestId('report-error');
    await expect(error.textContent()).resolves.toMatch(/^The file was refused at line 1: /);
    // Said once: in the file's report, not again as the job's error nor in a toast.
    const said = (await error.textContent())!;
    expect(await page.getByText(said, { exact: true }).count()).toBe(1);
    await screenshot(page, 'import-reports');
  });

  it('puts a refused line right in a dialog and retries it', async () => {
    const table = page.getByRole('table', { name: 'Rejected lines' });
    await table.waitFor();
    const before = await table.locator('tbody tr').count();
    await page.getByRole('button', { name: 'Fix line 5 of bad-lines.ndjson' }).click();
    const dialog = page.getByTestId('fix-line-dialog');
    await dialog.waitFor();
    const text = dialog.getByTestId('fix-line-text');
    // Unchanged, it is refused again, in the dialog.
    await dialog.getByRole('button', { name: 'Retry' }).click();
    await dialog
      .getByRole('alert')
      .getByText(/still refused/)
      .waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await violations(page), scheme).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await screenshot(page, 'import-fix-line');
    await text.fill((await text.inputValue()).replace('yesterday afternoon', '2026-11-26T08:02:30Z'));
    await dialog.getByRole('button', { name: 'Retry' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .locator('.toasts')
      .getByText(/Line 5 of bad-lines\.ndjson is recorded as event #/)
      .waitFor();
    await expect.poll(async () => table.locator('tbody tr').count()).toBe(before - 1);
    await expect(e2e.api('eventDetail', { eventId: 's-2000001-04' })).resolves.toMatchObject({
      event: { eventId: 's-2000001-04' },
    });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await violations(page), scheme).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
