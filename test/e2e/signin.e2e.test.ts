/**
 * Sign-in tried at the page as a guesser would: wrong passwords are refused alike for ids that
 * exist and ids that do not, and a Supervisor finds each attempt (who, when, which window) in
 * Settings; a Supervisor disables an operator there, whose sign-in is then refused in words; the
 * import folder shows read-only there (set from the command line in the browser), and a path sent is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { screenshot, signIn, startE2E, SUPERVISOR, type E2E, until } from './harness';

describe('sign-in that resists guessing, at the page', () => {
  let e2e: E2E;
  let page: Page;

  beforeAll(async () => {
    e2e = await startE2E({ withSupervisor: true });
    page = e2e.page;
    await e2e.api('signIn', { operatorId: SUPERVISOR.id, password: SUPERVISOR.password });
    await e2e.api('addOperator', { id: 'cleo', name: 'Cleo Clerk', role: 'Clerk', password: 'clerk-pass-1' });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('refuses wrong passwords with one message, whether the id exists or not', async () => {
    for (const [i, id] of ['cleo', 'cleo', 'nobody-here'].entries()) {
      await page.getByLabel('Operator ID').fill(id);
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      // Each attempt is kept: wait for this one before the next.
      await until(`attempt ${i + 1}`, async () =>
        (await e2e.api('signInAttempts', {})).filter((a) => a.outcome === 'wrong-password').length === i + 1
          ? true
          : undefined,
      );
      await page.getByText('That operator id and password do not match.').waitFor();
    }
  });

  it('shows a Supervisor the failed attempts with the window they came from', async () => {
    await signIn(page);
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Settings' }).click();
    const table = page.getByRole('table', { name: 'Failed sign-in attempts' });
    await table.waitFor();
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(3);
    expect(rows.filter((r) => r.includes('cleo') && r.includes('wrong password'))).toHaveLength(2);
    expect(rows.filter((r) => r.includes('nobody-here'))).toHaveLength(1);
    // The page's own session id, which is not the harness's.
    expect(rows.every((r) => !r.includes('harness-'))).toBe(true);
    const minutes = page.getByLabel('Minutes a window may go unused');
    expect(await minutes.inputValue()).toBe('15');
    await minutes.fill('5');
    await page.getByRole('form', { name: 'Idle time' }).getByRole('button', { name: 'Save' }).click();
    await page.getByText('A window unused for 5 minutes now asks for the password again.').waitFor();
    expect((await e2e.api('getSettings', {})).idleMinutes).toBe(5);
    await screenshot(page, 'settings-sign-in');
  });

  it('shows the import folder read-only, set from the command line in the browser; a path sent is refused', async () => {
    const card = page.getByRole('region', { name: 'Import folder' });
    await card.getByTestId('import-folder-path').waitFor();
    expect(await card.getByTestId('import-folder-path').textContent()).toContain('off');
    await card.getByText('warehouse-ledger settings import-folder DIR', { exact: false }).waitFor();
    // Nothing to type a path in, and no folder dialog in a browser.
    expect(await card.locator('input').count()).toBe(0);
    expect(await card.getByRole('button', { name: 'Choose folder…' }).count()).toBe(0);
    // The contract's type has no room for a path either; sent anyway, as an attacker would.
    await expect(e2e.api('setSettings', { inboxFolder: '/etc' } as never)).rejects.toThrow(/invalid-request/);
    expect((await e2e.api('getSettings', {})).inboxFolder).toBeNull();
  });

  it('a Supervisor disables an operator in Settings, and their sign-in is then refused in words', async () => {
    const table = page.getByRole('table', { name: 'Operators' });
    const row = table.locator('tbody tr').filter({ hasText: 'Cleo Clerk' });
    await row.getByRole('button', { name: 'Disable…' }).click();
    await row.getByLabel(/Why\?/).fill('Moved to the Dayton warehouse');
    await row.getByRole('button', { name: 'Disable cleo' }).click();
    await row.getByText('Disabled').waitFor();
    // Nobody disables themselves: the Supervisor's own row offers no Disable.
    const own = table.locator('tbody tr').filter({ hasText: SUPERVISOR.id });
    await expect(own.getByRole('button', { name: 'Disable…' }).count()).resolves.toBe(0);
    const [disabled] = (await e2e.api('journalPage', { filter: { types: ['OperatorDisabled'] } })).rows;
    expect(disabled).toMatchObject({ data: { operatorId: 'cleo' }, initiatedBy: { id: SUPERVISOR.id } });

    const context = await e2e.browser.newContext();
    const other = await context.newPage();
    await other.goto(e2e.host.url);
    await other.getByLabel('Operator ID').fill('cleo');
    await other.getByLabel('Password').fill('clerk-pass-1');
    await other.getByRole('button', { name: 'Sign in' }).click();
    await other
      .getByText('cleo has been disabled by a Supervisor and can no longer sign in.', { exact: false })
      .waitFor();
    await context.close();
  });

  it('reads what the signed-in page shows once after a sign-in, and starts the views over at a sign-out', async () => {
    const nav = page.getByRole('navigation', { name: 'Pages' });
    await nav.getByRole('link', { name: 'Journal', exact: true }).click();
    await page.getByLabel('Flagged only').check();
    await nav.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    const asked: string[] = [];
    const onRequest = (r: Request) => {
      const m = /\/api\/([^/?]+)/.exec(r.url());
      if (m) asked.push(decodeURIComponent(m[1]!));
    };
    page.on('request', onRequest);
    try {
      await signIn(page);
      await page
        .locator('[role=grid][aria-label="Journal events"] [role=row][aria-rowindex="2"]:not(.placeholder)')
        .waitFor();
      // The filter set before the sign-out is gone with it.
      expect(await page.getByLabel('Flagged only').isChecked()).toBe(false);
      // Everything the page asks for is asked as it shows: the handover's notice is the last of it.
      await until('the handover asked for', async () => (asked.includes('handover') ? true : undefined));
      const times = (channel: string) => asked.filter((c) => c === channel).length;
      expect({ journalPage: times('journalPage'), handover: times('handover') }).toEqual({
        journalPage: 1,
        handover: 1,
      });
    } finally {
      page.off('request', onRequest);
    }
  });
});
