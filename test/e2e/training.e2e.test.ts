/**
 * Training end to end: a Trainee signs in, sees training only under the TRAINING band,
 * starts the missing-package case and solves it in the app's regular views — the order's
 * timeline, the event page, the correction form — on a practice journal of their own, then reads
 * the grade and the explanation; the real journal, which holds the same night, is untouched.
 * Screenshots go to test-output/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { screenshot as fullPage, signIn, startE2E, SUPERVISOR, type E2E, until } from './harness';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const samples = resolve(repoRoot, '../shared/handbook/samples');
const TRAINEE = { id: 'tia', name: 'Tia Trainee', password: 'practice-1' } as const;
const CLERK = { id: 'cleo', name: 'Cleo Clerk', password: 'clerkpass-1' } as const;

/** A screenshot from the top of the page, so the sticky TRAINING band sits where a person sees it. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullPage(page, name);
}

describe('a trainee practises the missing package', () => {
  let e2e: E2E;
  let page: Page;
  let realEvents: number;

  beforeAll(async () => {
    e2e = await startE2E({ withSupervisor: true });
    page = e2e.page;
    await e2e.api('signIn', { operatorId: SUPERVISOR.id, password: SUPERVISOR.password });
    await e2e.api('addOperator', { ...TRAINEE, role: 'Trainee' });
    // The real journal holds the night itself.
    await e2e.importFile(join(samples, 'missing-package.ndjson'));
    realEvents = await until('the import', async () => {
      const s = await e2e.api('session', {});
      return s.events >= 23 ? s.events : undefined;
    });
  });
  afterAll(async () => e2e?.close());

  it('signs in to training only, under the TRAINING band', async () => {
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn(page, TRAINEE);
    await page.getByRole('heading', { name: 'Training: the handbook cases' }).waitFor();
    await expect(page.getByTestId('training-band').textContent()).resolves.toContain('TRAINING');
    // No other page is offered to a Trainee.
    expect(await page.getByRole('navigation', { name: 'Pages' }).count()).toBe(0);
    await screenshot(page, 'training-list');
  });

  /** The band is on screen and says TRAINING (on every view visited). */
  async function bandShown(): Promise<void> {
    const band = page.getByTestId('training-band');
    await expect(band.isVisible()).resolves.toBe(true);
    await expect(band.textContent()).resolves.toContain('TRAINING');
  }

  it('starts the case and lands on the order in the regular views, reading the practice journal', async () => {
    await page.locator('tr[data-scenario-id="missing-package"]').getByRole('button', { name: 'Practise' }).click();
    await page.getByRole('heading', { name: 'Order 1345693' }).waitFor();
    await bandShown();
    await expect(page.getByTestId('training-question').textContent()).resolves.toMatch(/correction/i);
    // The regular shell, kept to what a trainee works with.
    const nav = page.getByRole('navigation', { name: 'Pages' });
    for (const name of ['Journal', 'Orders', 'Anomalies', 'Training']) await nav.getByRole('link', { name }).waitFor();
    for (const name of ['Import', 'Export', 'Settings', 'Rules', 'Dashboard']) {
      expect(await nav.getByRole('link', { name }).count(), name).toBe(0);
    }
    // The journal view shows the practice journal: the case's 8 events, not the real night's 23.
    await nav.getByRole('link', { name: 'Journal' }).click();
    await page.getByText('8 events', { exact: true }).first().waitFor();
    await bandShown();
    await nav.getByRole('link', { name: 'Anomalies' }).click();
    await page.getByRole('heading', { name: 'Anomalies' }).first().waitFor();
    await bandShown();
    await page.getByRole('link', { name: '1345693' }).first().click();
    await page.getByRole('heading', { name: 'Order 1345693' }).waitFor();
    await bandShown();
  });

  /** The correction form opens below the band: its title and Close button are not hidden under it. */
  async function titleAndCloseShown(): Promise<void> {
    const form = page.getByTestId('correction-dialog');
    for (const target of [form.locator('#correction-title'), form.getByRole('button', { name: 'Close' })]) {
      const box = (await target.boundingBox())!;
      const topmost = await target.evaluate((el, at) => el.contains(document.elementFromPoint(at.x, at.y)), {
        x: box.x + box.width / 2,
        y: box.y + box.height / 2,
      });
      expect(topmost, 'not covered by the TRAINING band').toBe(true);
    }
  }

  it('finds the flagged event on the timeline, corrects it with the regular form, and reads why', async () => {
    const flagged = page.locator('.timeline .tl-item.flagged a[href^="#event/"]');
    await flagged.first().click();
    await page.getByRole('heading', { name: /^Event 8\b/ }).waitFor();
    await bandShown();
    await page.getByRole('button', { name: 'Correct status…' }).click();
    const form = page.getByTestId('correction-dialog');
    await form.getByTestId('status-choice').waitFor();
    await titleAndCloseShown();
    await expect(form.getByTestId('flagged-event').textContent()).resolves.toContain('PendingPicking');
    await form.locator('input[name="correction-status"][value="Packed"]').check();
    await form.getByLabel('Reason (required)').fill('Found physically on the packing bench, shelf B4');
    await form.getByRole('button', { name: 'Preview' }).click();
    await form.getByTestId('correction-preview').waitFor();
    await bandShown();
    await screenshot(page, 'training-practice');
    await form.getByTestId('correction-confirm').click();

    const explanation = page.getByTestId('training-explanation');
    await explanation.waitFor();
    await expect(form.count()).resolves.toBe(0);
    await expect(page.getByTestId('training-score').textContent()).resolves.toContain('100 / 100');
    await expect(explanation.textContent()).resolves.toContain('Packed → PendingPicking is not an allowed change');
    await bandShown();
    await screenshot(page, 'training-result');

    // The practice journal has the correction; the timeline shows it like any other.
    await page.getByRole('button', { name: 'Order 1345693 in the practice journal' }).click();
    const timeline = page.getByRole('list', { name: 'Events of order 1345693' });
    await timeline.getByText('Correction', { exact: true }).waitFor();
    await bandShown();
  });

  it('shows the trainee their progress, and leaves practice for training only', async () => {
    await page.getByTestId('training-band').getByRole('button', { name: 'See the result' }).click();
    await page.getByRole('button', { name: 'Progress' }).click();
    const row = page.locator('tr[data-trainee-id="tia"]');
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Tia Trainee');
    await screenshot(page, 'training-progress');
    await page.getByTestId('training-band').getByRole('button', { name: 'Leave practice' }).click();
    // Back to training only: the shell and its pages go.
    await page.getByRole('navigation', { name: 'Pages' }).waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Training: the handbook cases' }).waitFor();
    await bandShown();
    // The list marks the case the trainee has done, and passed.
    await page.locator('tr[data-scenario-id="missing-package"][data-mark="passed"]').waitFor();
    await expect(page.locator('tr[data-scenario-id="packed-twice"]').getAttribute('data-mark')).resolves.toBe('new');
    await expect(page.getByTestId('training-standing').textContent()).resolves.toMatch(/You have done 1 of \d+ cases/);
    await screenshot(page, 'training-list-done');
  });

  it("a Supervisor sees everyone's progress and turns the real mistake into a scenario", async () => {
    await page.getByTestId('training-band').getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn(page);
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Training' }).click();
    await page.getByRole('heading', { name: 'Training: the handbook cases' }).waitFor();
    await page.getByRole('textbox', { name: 'Flagged event id' }).fill('s-1345693-08');
    await page.getByRole('button', { name: 'Make a scenario' }).click();
    await page.getByText('Saved as scenario').waitFor();
    await page.locator('tr[data-scenario-id="real-1"]').waitFor();
    await screenshot(page, 'training-real-mistake');
    // Or straight from the flagged event of the real journal.
    const nav = page.getByRole('navigation', { name: 'Pages' });
    await nav.getByRole('link', { name: 'Anomalies' }).click();
    await page.getByRole('link', { name: 'Packed → PendingPicking is not an allowed change' }).click();
    await page.getByRole('button', { name: 'Practise on this mistake' }).click();
    await page.getByText('Saved as scenario "A real mistake on order T0002" (real-2).').waitFor();
    await page.getByRole('button', { name: "Everyone's progress" }).click();
    await page.locator('tr[data-trainee-id="tia"]').waitFor();
    await screenshot(page, 'training-progress-supervisor');
  });

  it('a Supervisor verifies the journal and rebuilds the projections from Settings', async () => {
    const nav = page.getByRole('navigation', { name: 'Pages' });
    await nav.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Journal checks' }).waitFor();
    await page.getByRole('button', { name: 'Verify the journal' }).click();
    await expect(page.getByTestId('verify-result').textContent()).resolves.toContain(
      `The journal checks out: ${realEvents} events`,
    );
    await page.getByRole('button', { name: 'Rebuild projections…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Rebuild the projections?' });
    await expect(confirm.textContent()).resolves.toContain('never touched');
    await fullPage(page, 'settings-rebuild-confirm');
    await confirm.getByRole('button', { name: 'Rebuild', exact: true }).click();
    const card = page.getByLabel('Job Rebuild of the projections');
    await card.waitFor();
    await expect(card.getByRole('progressbar').count()).resolves.toBe(1);
    await page.getByText(`recomputed from ${realEvents} events`).waitFor();
    await expect(card.getByRole('button', { name: 'Cancel' }).count()).resolves.toBe(0);
    await expect(card.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('100');
    // The page scrolls inside the shell: bring the section to the top for the picture.
    await page.getByRole('heading', { name: 'Journal checks' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(300); // the bar's width eases to its end in 0.2 s
    await fullPage(page, 'settings-rebuild');
    // The same job is in the Import page's job list.
    await nav.getByRole('link', { name: 'Import' }).click();
    await page.getByLabel('Job Rebuild of the projections').waitFor();
    expect((await e2e.api('verify', {})).ok).toBe(true);
  });

  it('a Supervisor adds a Clerk in Settings; the Clerk practises, dismisses a false alarm from the inbox, and is graded', async () => {
    const nav = page.getByRole('navigation', { name: 'Pages' });
    await nav.getByRole('link', { name: 'Settings' }).click();
    const add = page.getByRole('form', { name: 'Add an operator' });
    await add.getByLabel('Operator ID').fill(CLERK.id);
    await add.getByLabel('Full name').fill(CLERK.name);
    await add.getByLabel('Role').selectOption('Clerk');
    await add.getByLabel('Password').fill(CLERK.password);
    await add.getByRole('button', { name: 'Add operator' }).click();
    await page.getByRole('cell', { name: CLERK.id, exact: true }).waitFor();
    await nav.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn(page, CLERK);

    await nav.getByRole('link', { name: 'Training' }).click();
    await page
      .locator('tr[data-scenario-id="handheld-clock-behind"]')
      .getByRole('button', { name: 'Practise' })
      .click();
    await page.getByRole('heading', { name: 'Order 1346020' }).waitFor();
    await bandShown();
    await nav.getByRole('link', { name: 'Anomalies' }).click();
    await page.getByRole('button', { name: 'Dismiss…' }).click();
    const form = page.getByTestId('correction-dialog');
    await form.getByLabel('Reason (required)').fill('The handheld clock was five minutes slow');
    await form.getByRole('button', { name: 'Preview' }).click();
    // A Clerk may answer in practice: Confirm is open, and nothing says only a Supervisor may.
    await expect(form.getByTestId('correction-confirm').isEnabled()).resolves.toBe(true);
    await expect(form.getByTestId('correction-unavailable').count()).resolves.toBe(0);
    await titleAndCloseShown();
    await form.getByTestId('correction-confirm').click();
    await page.getByTestId('training-explanation').waitFor();
    await expect(page.getByTestId('training-score').textContent()).resolves.toContain('100 / 100');
    await bandShown();
    await screenshot(page, 'training-clerk-dismissal');
    await page.getByTestId('training-band').getByRole('button', { name: 'Leave practice' }).click();
    await page.getByTestId('training-band').waitFor({ state: 'detached' });
  });

  it('left the real journal as it was', async () => {
    const session = await e2e.api('session', {});
    expect(session.events).toBe(realEvents);
    const history = await e2e.api('orderHistory', { orderId: '1345693' });
    expect(history.map((e) => e.type)).not.toContain('StatusCorrected');
    expect(history.at(-1)?.statusAfter).toBe('PendingPicking');
    expect((await e2e.api('verify', {})).ok).toBe(true);
    // The Supervisor sees the trainee's attempt.
    const progress = await e2e.api('trainingProgress', {});
    expect(progress.find((p) => p.traineeId === 'tia')).toMatchObject({ scenariosDone: 1, firstTryScore: 100 });
    expect((await e2e.api('correctionsLog', {})).rows).toEqual([]);
  });
});
