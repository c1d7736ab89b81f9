/**
 * Training end to end (issue 6): a Trainee signs in, sees training only under the TRAINING band,
 * solves the missing-package case and reads the explanation; the real journal, which holds the
 * same night, is untouched. Screenshots go to test-output/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { screenshot as fullPage, signIn, startE2E, SUPERVISOR, type E2E, until } from './harness';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const samples = resolve(repoRoot, '../shared/handbook/samples');
const TRAINEE = { id: 'tia', name: 'Tia Trainee', password: 'practice-1' } as const;

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
    await e2e.api('importFiles', { paths: [join(samples, 'missing-package.ndjson')] });
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

  it('finds the flagged event, corrects it back to Packed with a reason, and reads why', async () => {
    await page.locator('tr[data-scenario-id="missing-package"]').getByRole('button', { name: 'Practise' }).click();
    await page.getByTestId('training-question').waitFor();
    await expect(page.getByTestId('training-band').isVisible()).resolves.toBe(true);
    await page.locator('tr[data-event-id="s-1345693-08"]').click();
    await expect(page.getByTestId('training-picked').textContent()).resolves.toContain('Event 8');
    await page.getByRole('combobox', { name: 'Correct to status' }).selectOption('Packed');
    await page.getByRole('textbox', { name: 'Reason' }).fill('Found physically on the packing bench, shelf B4');
    await screenshot(page, 'training-practice');
    await page.getByRole('button', { name: 'Submit answer' }).click();

    const explanation = page.getByTestId('training-explanation');
    await explanation.waitFor();
    await expect(page.getByTestId('training-score').textContent()).resolves.toContain('100 / 100');
    await expect(explanation.textContent()).resolves.toContain('Packed → PendingPicking is not an allowed change');
    await expect(page.getByTestId('training-band').isVisible()).resolves.toBe(true);
    await screenshot(page, 'training-result');
  });

  it('shows the trainee their progress', async () => {
    await page.getByRole('button', { name: 'Progress' }).click();
    const row = page.locator('tr[data-trainee-id="tia"]');
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Tia Trainee');
    await screenshot(page, 'training-progress');
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
    await page.getByRole('button', { name: "Everyone's progress" }).click();
    await page.locator('tr[data-trainee-id="tia"]').waitFor();
    await screenshot(page, 'training-progress-supervisor');
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
  });
});
