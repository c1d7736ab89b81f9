/**
 * The rule tools end to end: a Supervisor looks at the state machine, counts what the
 * floor really does, previews the 1998 handbook against the whole history, sees the flood, and
 * does not activate it. Screenshots go to test-output/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { floorHistory } from '../rules/floorHistory';
import { HANDBOOK_1998 } from '../../shared/rules/builtin';
import { screenshot, SCREENSHOTS, SUPERVISOR, signIn, startE2E, type E2E, until } from './harness';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// In CI the handbook sits beside the clone (../shared); here it is /work/shared, the same place.
const samples = resolve(repoRoot, '../shared/handbook/samples');

const numberIn = async (page: Page, testId: string) =>
  Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/[^0-9]/g, ''));

describe('rules: see, preview, do not activate the 1998 handbook', () => {
  let e2e: E2E;
  let page: Page;

  beforeAll(async () => {
    e2e = await startE2E({ withSupervisor: true });
    page = e2e.page;
    // A warehouse history to judge the rules by: a seeded floor (people working as they really
    // do, a few mistakes among them) and the night of the missing package.
    const file = join(e2e.dir, 'floor.ndjson');
    const floor = floorHistory(300, 7);
    const night = readFileSync(join(samples, 'missing-package.ndjson'), 'utf8').trim();
    writeFileSync(file, `${floor.map((e) => JSON.stringify(e)).join('\n')}\n${night}\n`);
    const expected = floor.length + night.split('\n').length;
    await e2e.api('signIn', { operatorId: SUPERVISOR.id, password: SUPERVISOR.password });
    await e2e.importFile(file);
    await until('the import', async () => {
      const s = await e2e.api('session', {});
      return s.events >= expected ? s.events : undefined;
    });
    await signIn(page);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('draws the floor rules in force as the handbook page', async () => {
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Rules' }).click();
    const diagram = page.getByTestId('rules-diagram');
    await diagram.waitFor();
    for (const status of ['Received', 'Picked', 'Packed', 'OnHold', 'Cancelled', 'Delivered']) {
      expect(await diagram.locator(`[data-status="${status}"]`).count()).toBe(1);
    }
    expect(await diagram.locator('[data-status="PostPicking"]').count()).toBe(0);
    expect(await diagram.locator('[data-edge]').count()).toBeGreaterThan(15);
    await screenshot(page, 'rules-diagram');
    // Printed, the page is the drawing and its table alone: no sidebar, no tabs.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Pages' }).isVisible()).toBe(false);
    expect(await diagram.isVisible()).toBe(true);
    await screenshot(page, 'rules-diagram-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it("draws the diagram in the dark theme with the theme's colours, and prints it black on white", async () => {
    const diagram = page.getByTestId('rules-diagram');
    const colours = () =>
      diagram.evaluate((svg) => ({
        page: getComputedStyle(svg).backgroundColor,
        box: getComputedStyle(svg.querySelector('.node rect')!).fill,
        text: getComputedStyle(svg.querySelector('.node text')!).fill,
        surface: getComputedStyle(document.body).getPropertyValue('--wl-surface').trim(),
      }));
    const light = await colours();
    await diagram.screenshot({ path: join(SCREENSHOTS, 'rules-diagram-alone.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await colours();
    // Not a white page in a dark window: the drawing's background is the theme's surface.
    expect(dark.page).not.toBe('rgb(255, 255, 255)');
    expect(dark.page).not.toBe(light.page);
    expect(dark.text).not.toBe(light.text);
    await screenshot(page, 'rules-diagram-dark');
    await diagram.screenshot({ path: join(SCREENSHOTS, 'rules-diagram-alone-dark.png') });
    await page.emulateMedia({ colorScheme: 'dark', media: 'print' });
    const printed = await colours();
    expect(printed.page).toBe('rgb(255, 255, 255)');
    expect(printed.text).toBe(light.text);
    await screenshot(page, 'rules-diagram-dark-print');
    await page.emulateMedia({ colorScheme: 'light', media: 'screen' });
  });

  it('counts the transitions the journal holds, and a cell opens its events', async () => {
    await page.getByRole('tab', { name: 'Observed transitions' }).click();
    await page.getByRole('button', { name: 'Count the changes' }).click();
    const matrix = page.getByTestId('rules-matrix');
    await matrix.waitFor({ timeout: 30_000 });
    // The missing package's move is a shortcut the rules do not allow, and the journal flagged it.
    const missing = matrix.locator('td[data-cell="Packed→PendingPicking"]');
    await missing.waitFor();
    expect(await missing.getAttribute('class')).toContain('no');
    expect(await missing.getAttribute('class')).toContain('flagged');
    await missing.getByRole('button').click();
    await page.getByTestId('rules-cell-events').locator('tbody tr').first().waitFor();
    await screenshot(page, 'rules-observed');
    // Each event of the cell opens in the event view; the matrix is still there on the way back.
    await page.getByTestId('rules-cell-events').getByRole('link').first().click();
    await page.getByRole('heading', { name: /^Event \d+/ }).waitFor();
    await page.getByText('Packed → PendingPicking is not an allowed change').first().waitFor();
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Rules' }).click();
    await page.getByTestId('rules-matrix').waitFor();
  });

  it('loads a rule set from a file the Supervisor chooses (the page names no path)', async () => {
    const file = join(e2e.dir, 'handbook-1998.json');
    writeFileSync(file, JSON.stringify(HANDBOOK_1998, null, 2));
    await page.getByRole('tab', { name: 'Impact preview' }).click();
    await page.getByRole('tab', { name: 'JSON file' }).click();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Choose a rule set file…' }).click(),
    ]);
    expect(chooser.isMultiple()).toBe(false);
    await chooser.setFiles(file);
    await page.getByTestId('rules-candidate').getByText('from handbook-1998.json').waitFor();
    expect(await page.getByTestId('rules-candidate').textContent()).toContain(HANDBOOK_1998.name);
  });

  it('previews the 1998 handbook: a flood of alarms, and nothing activated', async () => {
    await page.getByRole('tab', { name: 'Impact preview' }).click();
    await page.getByRole('tab', { name: 'Shipped rule sets' }).click();
    await page.getByRole('button', { name: /Training handbook \(1998 edition/ }).click();
    await page.getByRole('button', { name: 'Preview against the whole history' }).click();
    await page.getByTestId('rules-flood').waitFor({ timeout: 60_000 });
    const candidate = await numberIn(page, 'rules-candidate-total');
    const current = await numberIn(page, 'rules-current-total');
    expect(candidate).toBeGreaterThan(3 * current);
    await page.getByText('Picked → Packed').first().waitFor();
    // Activation is on offer to a Supervisor, with a reason, but this test reads the flood and walks away.
    await page.getByRole('button', { name: 'Activate training-handbook-1998@1' }).waitFor();
    expect(await page.getByRole('button', { name: 'Activate training-handbook-1998@1' }).isDisabled()).toBe(true);
    await screenshot(page, 'rules-preview-1998-flood');

    const sets = await e2e.api('ruleSets', {});
    expect(sets.active.key).toBe('floor-rules@2');
    expect((await e2e.api('ruleSetHistory', {})).map((h) => h.key)).toEqual(['floor-rules@2']);
  });

  it('lists the rules ever in force', async () => {
    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.getByTestId('rules-history');
    await history.waitFor();
    expect(await history.locator('tbody tr').count()).toBe(1);
    await screenshot(page, 'rules-history');
  });

  it('edits a copy in the table, activates it with a reason, and reverts from the history', async () => {
    await page.getByRole('tab', { name: 'Impact preview' }).click();
    await page.getByRole('tab', { name: 'Edit a copy in a table' }).click();
    await page.getByRole('button', { name: 'Copy the rules in force into a table' }).click();
    const editor = page.getByTestId('rules-table-editor');
    await editor.waitFor();
    // Team leads may send a packed order back to picking: a new row, from Packed to PendingPicking.
    await page.getByRole('button', { name: 'Add a change' }).click();
    const row = editor.locator('tbody tr').last();
    await row.getByLabel('from').selectOption('Packed');
    await row.getByLabel('to').selectOption('PendingPicking');
    for (const role of ['Picker', 'Packer', 'Shipper', 'System']) await row.getByLabel(`${role} may`).uncheck();
    await page.getByRole('button', { name: 'Use the edited rules' }).click();
    await page.getByTestId('rules-candidate').getByText('floor-rules@3').waitFor();
    await page.getByRole('button', { name: 'Preview against the whole history' }).click();
    await page.getByTestId('rules-preview-result').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('rules-flood').count()).toBe(0);
    await page.getByLabel('Why these rules (at least 10 characters)').fill('team leads re-pick packed orders');
    await page.getByRole('button', { name: 'Activate floor-rules@3…' }).click();
    // Activation asks again, with the preview's verdict and counts, before anything is written.
    const confirm = page.getByTestId('rules-confirm');
    await confirm.getByText('Fewer alarms.').waitFor();
    await screenshot(page, 'rules-activate-confirm');
    expect((await e2e.api('ruleSetHistory', {})).map((h) => h.key)).toEqual(['floor-rules@2']);
    await confirm.getByRole('button', { name: 'Confirm: activate floor-rules@3' }).click();
    await page.getByText(/floor-rules@3 is in force from event \d+ on/).waitFor();
    await screenshot(page, 'rules-activated');

    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.getByTestId('rules-history');
    await history.locator('tbody tr').nth(1).waitFor();
    await history.locator('tbody tr').first().getByRole('button', { name: 'Put back in force…' }).click();
    // Put back in force is previewed against the history first, then confirmed on its verdict.
    await page.getByTestId('rules-preview-result').waitFor({ timeout: 60_000 });
    await page.getByLabel('Why revert (at least 10 characters)').fill('the floor was confused by it');
    await page.getByRole('button', { name: 'Put floor-rules@2 back in force…' }).click();
    await page.getByTestId('rules-confirm').getByText('More alarms.').waitFor();
    await page.getByRole('button', { name: 'Confirm: put floor-rules@2 back in force' }).click();
    await page.getByText(/floor-rules@2 is in force again from event \d+ on/).waitFor();
    await page.getByRole('tab', { name: 'History' }).click();
    await history.locator('tbody tr').nth(2).waitFor();
    await screenshot(page, 'rules-history-reverted');
    expect((await e2e.api('ruleSetHistory', {})).map((h) => [h.key, h.reason])).toEqual([
      ['floor-rules@2', null],
      ['floor-rules@3', 'team leads re-pick packed orders'],
      ['floor-rules@2', 'the floor was confused by it'],
    ]);
  });
});
