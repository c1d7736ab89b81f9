/**
 * Sign-in tried at the page as a guesser would: wrong passwords are refused alike for ids that
 * exist and ids that do not, and a Supervisor finds each attempt (who, when, which window) in
 * Settings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
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
});
