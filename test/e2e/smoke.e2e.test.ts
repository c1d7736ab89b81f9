import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { createFirstSupervisor, screenshot, signIn, startE2E, SUPERVISOR, type E2E } from './harness';

describe('the app in a browser, on a new journal', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => e2e?.close());

  it('asks for the first Supervisor, and signs them in', async () => {
    const { page } = e2e;
    await page.getByRole('heading', { name: 'Create the first Supervisor' }).waitFor();
    expect(existsSync(await screenshot(page, 'first-supervisor'))).toBe(true);
    await createFirstSupervisor(page);
    const session = await e2e.api('session', {});
    expect(session.hasOperators).toBe(true);
    // The harness's own session is not the page's: signing in belongs to the page.
    expect(session.operator).toBeNull();
    // The token left the address bar once the page had it.
    expect(page.url()).not.toContain('token=');
  });
});

describe('the app in a browser, on a journal with operators', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ withSupervisor: true });
  });
  afterAll(async () => e2e?.close());

  it('shows sign-in, refuses a wrong password, and signs in', async () => {
    const { page } = e2e;
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'sign-in');
    await page.getByLabel('Operator ID').fill(SUPERVISOR.id);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('do not match').waitFor();
    await signIn(page);
    await screenshot(page, 'signed-in');
    // Every file the page asked for was there.
    expect(e2e.missingFiles).toEqual([]);
    // The tab's icon is the WL mark, inline: a browser asks for no /favicon.ico the host lacks.
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(icon).toMatch(/^data:image\/png;base64,/);
  });
});
