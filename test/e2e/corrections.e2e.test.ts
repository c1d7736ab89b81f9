/**
 * Corrections end to end in Chromium through the browser host: a Supervisor puts the
 * missing package back to Packed from its flagged event; a Clerk sees the same form but cannot
 * confirm (nor sneak past it through the API) and sends the draft to a Supervisor instead, who
 * declines it from the inbox; a stale form is refused and reloads; a false alarm
 * is dismissed; the corrections log lists and exports them; and `verify` passes, through the
 * channel and through the command line after the host is closed. Screenshots go to
 * test-output/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot, signIn, startE2E, SUPERVISOR, type E2E, until } from './harness';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// In CI the handbook sits beside the clone (../shared); here it is /work/shared, the same place.
const samples = resolve(repoRoot, '../shared/handbook/samples');
const CLERK = { id: 'jdoe', name: 'Judy Doe', password: 'clerk-pass-1' } as const;
const REASON = 'Found physically at packing bench 3, still packed and labelled';

/** One line of NDJSON per event, for the files the test imports as the main system would. */
const line = (e: Record<string, unknown>) => JSON.stringify(e);
const oms = { id: 'oms', name: 'Order webhook', role: 'System' };

describe('corrections end to end', () => {
  let e2e: E2E;
  let page: Page;
  let work: string;
  let hostClosed = false;
  const clerkContexts: BrowserContext[] = [];

  /** Import NDJSON lines through the host, as the inbox would, and wait until they are recorded. */
  async function importLines(name: string, lines: string[]): Promise<void> {
    const file = join(work, name);
    writeFileSync(file, lines.join('\n') + '\n');
    const before = (await e2e.api('session', {})).events;
    await e2e.importFile(file);
    await until(`the import of ${name}`, async () => {
      const s = await e2e.api('session', {});
      return s.events >= before + lines.length ? true : undefined;
    });
  }

  /** Call a channel as someone else: a session of its own, signed in as `who`. */
  async function apiAs(who: { id: string; password: string }) {
    const session = `e2e-${who.id}-${Math.random().toString(36).slice(2, 10)}`;
    const call = async (channel: string, request: unknown) => {
      const res = await fetch(`http://127.0.0.1:${e2e.host.port}/api/${channel}`, {
        method: 'POST',
        headers: { 'x-ledger-token': e2e.host.token, 'x-ledger-session': session },
        body: JSON.stringify(request),
      });
      return (await res.json()) as { ok: boolean; response?: unknown; error?: { code: string; message: string } };
    };
    await call('signIn', { operatorId: who.id, password: who.password });
    return call;
  }

  async function flaggedSeq(orderId: string): Promise<number> {
    const history = await e2e.api('orderHistory', { orderId });
    const flagged = history.filter((e) => e.anomalies.some((a) => a.open));
    expect(flagged.length).toBeGreaterThan(0);
    return flagged[flagged.length - 1]!.seq;
  }

  /** Find the order with Ctrl+K, then open one of its events from the timeline. */
  async function openEvent(p: Page, orderId: string, seq: number): Promise<void> {
    await p.keyboard.press('Control+k');
    await p.getByLabel('Order ID, person, customer, SKU, reason or page').fill(orderId);
    await p.getByRole('option', { name: new RegExp(`Order ${orderId}`) }).waitFor();
    await p.keyboard.press('Enter');
    await p.getByRole('heading', { name: `Order ${orderId}` }).waitFor();
    await p.locator(`a[href="#event/${seq}"]`).click();
    await p.getByRole('heading', { name: new RegExp(`^Event ${seq}\\b`) }).waitFor();
  }

  const dialog = (p: Page) => p.getByTestId('correction-dialog');

  /** Close the app's notices (new anomalies, imports): they sit above everything in the corner. */
  async function clearToasts(p: Page): Promise<void> {
    for (const close of await p.locator('.toasts button').all()) await close.click().catch(() => undefined);
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ledger-e2e-corrections-'));
    e2e = await startE2E({ withSupervisor: true });
    page = e2e.page;
    await e2e.api('signIn', { operatorId: SUPERVISOR.id, password: SUPERVISOR.password });
    await e2e.api('addOperator', { ...CLERK, role: 'Clerk' });
    await e2e.importFile(join(samples, 'missing-package.ndjson'));
    await until('the sample night', async () => ((await e2e.api('session', {})).events >= 23 ? true : undefined));
    // An over-pick the floor says was fine: the false alarm to dismiss.
    await importLines('spare-box.ndjson', [
      line({
        eventId: 'x-1345800-01',
        type: 'OrderCreated',
        orderId: '1345800',
        initiatedBy: oms,
        timestamp: '2026-11-26T10:00:00-05:00',
        data: { customer: 'Elm Street Clinic', lines: [{ sku: 'GLV-200', qty: 4 }] },
      }),
      line({
        eventId: 'x-1345800-02',
        type: 'StatusChanged',
        orderId: '1345800',
        initiatedBy: oms,
        timestamp: '2026-11-26T10:01:00-05:00',
        data: { status: 'PendingPicking' },
      }),
      line({
        eventId: 'x-1345800-03',
        type: 'StatusChanged',
        orderId: '1345800',
        initiatedBy: { id: 'aruiz', name: 'Ana Ruiz', role: 'Picker' },
        timestamp: '2026-11-26T10:05:00-05:00',
        data: { status: 'Picking' },
      }),
      line({
        eventId: 'x-1345800-04',
        type: 'ItemPicked',
        orderId: '1345800',
        initiatedBy: { id: 'aruiz', name: 'Ana Ruiz', role: 'Picker' },
        timestamp: '2026-11-26T10:06:00-05:00',
        data: { itemSku: 'GLV-200', itemQty: 5 },
      }),
    ]);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn(page);
  });

  afterAll(async () => {
    for (const c of clerkContexts) await c.close().catch(() => undefined);
    if (!hostClosed) await e2e?.close();
    else rmSync(e2e.dir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('a Supervisor puts the missing package back to Packed from its flagged 8th event', async () => {
    const history = await e2e.api('orderHistory', { orderId: '1345693' });
    const eighth = history[7]!;
    expect(eighth.eventId).toBe('s-1345693-08');
    expect(eighth.anomalies.map((a) => [a.kind, a.open])).toEqual([['illegal-transition', true]]);

    await openEvent(page, '1345693', eighth.seq);
    await page.getByRole('button', { name: 'Correct status…' }).click();
    const form = dialog(page);
    await form.getByTestId('status-choice').waitFor();
    // The form shows the order, the flagged event and what was wrong with it.
    await expect(form.getByTestId('order-summary').textContent()).resolves.toContain('Hillside Dental');
    await expect(form.getByTestId('flagged-event').textContent()).resolves.toContain(
      'Packed → PendingPicking is not an allowed change',
    );
    // The suggested status is Packed, preselected.
    const packed = form.locator('input[name="correction-status"][value="Packed"]');
    await expect(packed.isChecked()).resolves.toBe(true);
    await form.getByRole('button', { name: 'Found physically at …' }).click();
    await expect(form.getByRole('button', { name: 'Preview' }).isDisabled()).resolves.toBe(true);
    await form.getByLabel('Reason (required)').fill(REASON);
    await screenshot(page, 'corrections-form');

    await clearToasts(form.page());
    await form.getByRole('button', { name: 'Preview' }).click();
    await form.getByTestId('correction-preview').waitFor();
    await expect(form.getByTestId('preview-status').textContent()).resolves.toBe('PendingPicking → Packed');
    await expect(form.getByTestId('preview-resolves').textContent()).resolves.toContain('Illegal status change');
    const shown = JSON.parse((await form.getByTestId('preview-event').textContent()) ?? '{}') as {
      initiatedBy: { id: string };
      data: { status: string; reason: string; correctsEventId: string };
    };
    expect(shown.initiatedBy.id).toBe(SUPERVISOR.id);
    expect(shown.data).toMatchObject({ status: 'Packed', reason: REASON, correctsEventId: 's-1345693-08' });
    // Nothing is written before Confirm.
    expect((await e2e.api('getOrder', { orderId: '1345693' }))!.lastSeq).toBe(eighth.seq);
    await screenshot(page, 'corrections-preview');

    await clearToasts(form.page());
    await form.getByTestId('correction-confirm').click();
    await form.getByTestId('correction-written').waitFor();
    await expect(form.getByTestId('correction-notice').textContent()).resolves.toContain('order 1345693 is now Packed');
    // The form reloads the order as it now is.
    await expect.poll(async () => form.getByTestId('order-status').textContent(), { timeout: 10_000 }).toBe('Packed');
    await screenshot(page, 'corrections-written');
    await clearToasts(form.page());
    await form.getByRole('button', { name: 'Done' }).click();
    await dialog(page).waitFor({ state: 'detached' });

    const order = await e2e.api('getOrder', { orderId: '1345693' });
    expect(order).toMatchObject({ status: 'Packed', openAnomalies: 0 });
    const detail = await e2e.api('eventDetail', { seq: eighth.seq });
    expect(detail!.event.anomalies).toEqual([
      expect.objectContaining({ kind: 'illegal-transition', open: false, resolvedBySeq: order!.lastSeq }),
    ]);
    const written = await e2e.api('eventDetail', { seq: order!.lastSeq });
    expect(written!.event).toMatchObject({
      type: 'StatusCorrected',
      initiatedBy: { id: SUPERVISOR.id, role: 'Supervisor' },
      data: { status: 'Packed', reason: REASON, correctsEventId: 's-1345693-08' },
    });
    await expect(e2e.api('verify', {})).resolves.toMatchObject({ ok: true, firstBadSeq: null });

    // The timeline shows the correction beside the event it corrects.
    await page.keyboard.press('Control+k');
    await page.getByLabel('Order ID, person, customer, SKU, reason or page').fill('1345693');
    await page.getByRole('option', { name: /Order 1345693/ }).waitFor();
    await page.keyboard.press('Enter');
    const timeline = page.getByRole('list', { name: 'Events of order 1345693' });
    await timeline.getByText(`corrects #${eighth.seq}`).waitFor();
    await timeline.getByText(`corrected by #${order!.lastSeq}`).waitFor();
    await screenshot(page, 'corrections-timeline');
  });

  it('a Clerk sees the same form, Confirm explained as unavailable, and the API refuses them too', async () => {
    const seq = await flaggedSeq('1345701');
    const context = await e2e.browser.newContext({ viewport: { width: 1400, height: 900 } });
    clerkContexts.push(context);
    const clerkPage = await context.newPage();
    await clerkPage.goto(e2e.host.url);
    await clerkPage.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn(clerkPage, CLERK);
    await openEvent(clerkPage, '1345701', seq);
    await clerkPage.getByRole('button', { name: 'Correct status…' }).click();
    const form = dialog(clerkPage);
    await form.getByTestId('correction-unavailable').waitFor();
    await expect(form.getByTestId('correction-unavailable').textContent()).resolves.toContain(
      'Only a Supervisor may correct a status',
    );
    await form.getByLabel('Reason (required)').fill('Checked the dock: it never left the building');
    await clearToasts(form.page());
    await form.getByRole('button', { name: 'Preview' }).click();
    await form.getByTestId('correction-preview').waitFor();
    await expect(form.getByTestId('correction-confirm').isDisabled()).resolves.toBe(true);
    await screenshot(clerkPage, 'corrections-clerk');

    const before = (await e2e.api('getOrder', { orderId: '1345701' }))!;
    const call = await apiAs(CLERK);
    const refused = await call('correct', {
      orderId: '1345701',
      status: 'Picking',
      reason: 'Checked the dock: it never left the building',
      expectedSeq: before.lastSeq,
      // Naming someone else changes nothing: the session is the author.
      operatorId: SUPERVISOR.id,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
    expect((await e2e.api('getOrder', { orderId: '1345701' }))!.lastSeq).toBe(before.lastSeq);
  });

  it('a Clerk sends the draft to a Supervisor, who finds it in the inbox with who asked and why, and declines it', async () => {
    const seq = await flaggedSeq('1345701');
    const context = await e2e.browser.newContext({ viewport: { width: 1400, height: 900 } });
    clerkContexts.push(context);
    const clerkPage = await context.newPage();
    await clerkPage.goto(e2e.host.url);
    await clerkPage.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn(clerkPage, CLERK);
    await openEvent(clerkPage, '1345701', seq);
    await clerkPage.getByRole('button', { name: 'Correct status…' }).click();
    const form = dialog(clerkPage);
    await form.getByLabel('Reason (required)').fill('Checked the dock: it never left the building');
    await form.getByRole('button', { name: 'Preview' }).click();
    await form.getByTestId('send-to-supervisor').waitFor();
    await form.getByLabel('Note to the Supervisor (optional)').fill('Dock 2 has it on the shelf');
    await form.getByRole('button', { name: 'Send to a Supervisor' }).click();
    await clerkPage
      .locator('.toasts')
      .getByText(/Sent to a Supervisor as event #\d+/)
      .waitFor();
    await expect(form.isVisible()).resolves.toBe(false);

    const [waiting] = (await e2e.api('correctionRequests', {})).rows;
    expect(waiting).toMatchObject({
      orderId: '1345701',
      requestedBy: { id: CLERK.id, name: CLERK.name, role: 'Clerk' },
      reason: 'Checked the dock: it never left the building',
      note: 'Dock 2 has it on the shelf',
      state: 'open',
    });
    await page
      .getByRole('link', { name: /^Anomalies/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Anomalies', level: 1 }).waitFor();
    const item = page.getByTestId('request-item').filter({ hasText: CLERK.name });
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain('Dock 2 has it on the shelf');
    await screenshot(page, 'corrections-request-inbox');
    // Opened by the Supervisor, the form starts from the Clerk's draft, with who asked and their note.
    await item.getByRole('button', { name: 'Correct…' }).click();
    const supervisorForm = dialog(page);
    await supervisorForm.getByTestId('status-choice').waitFor();
    await expect(supervisorForm.getByTestId('correction-request').textContent()).resolves.toContain(
      `${CLERK.name} (Clerk) asked for this correction`,
    );
    await expect(supervisorForm.getByTestId('correction-request-note').textContent()).resolves.toContain(
      'Dock 2 has it on the shelf',
    );
    await expect(supervisorForm.getByLabel('Reason (required)').inputValue()).resolves.toBe(waiting!.reason);
    await expect(
      supervisorForm.locator(`input[name="correction-status"][value="${waiting!.status}"]`).isChecked(),
    ).resolves.toBe(true);
    await expect(supervisorForm.getByTestId('flagged-event').textContent()).resolves.toContain(
      waiting!.correctsEventId,
    );
    await screenshot(page, 'corrections-request-form');
    await page.keyboard.press('Escape');
    await supervisorForm.waitFor({ state: 'detached' });
    await item.getByRole('button', { name: 'Decline…' }).click();
    await item.getByLabel(/Why decline/).fill('The dock scan shows it loaded on truck 7');
    await item.getByRole('button', { name: 'Confirm decline' }).click();
    await until('the request to end', async () =>
      (await e2e.api('correctionRequests', {})).rows.length === 0 ? true : undefined,
    );
    await page.getByTestId('inbox-requests').waitFor({ state: 'detached' });
    const [declined] = (await e2e.api('correctionRequests', { open: false })).rows;
    expect(declined).toMatchObject({ state: 'declined', endedBy: { operator: { id: SUPERVISOR.id } } });
    // The decline's toast would otherwise fade while the next test closes it.
    await clearToasts(page);
  });

  it('a stale form is refused with a clear message, reloads the order, and writes once', async () => {
    const seq = await flaggedSeq('1345701');
    await openEvent(page, '1345701', seq);
    await page.getByRole('button', { name: 'Correct status…' }).click();
    const form = dialog(page);
    await form.getByTestId('status-choice').waitFor();
    await expect(form.locator('input[name="correction-status"][value="Picking"]').isChecked()).resolves.toBe(true);
    await form.getByLabel('Reason (required)').fill('Checked the dock: it never left the building');
    await clearToasts(form.page());
    await form.getByRole('button', { name: 'Preview' }).click();
    await form.getByTestId('correction-preview').waitFor();
    const seen = (await e2e.api('getOrder', { orderId: '1345701' }))!;

    // Meanwhile the main system sends one more event for the order.
    await importLines('late.ndjson', [
      line({
        eventId: 's-1345701-06',
        type: 'CustomerNotified',
        orderId: '1345701',
        initiatedBy: oms,
        timestamp: '2026-11-26T11:07:00-05:00',
        data: { channel: 'email' },
      }),
    ]);
    const moved = (await e2e.api('getOrder', { orderId: '1345701' }))!;
    expect(moved.lastSeq).toBeGreaterThan(seen.lastSeq);
    // The push reaches the open form: it warns before anyone presses Confirm.
    await expect
      .poll(
        async () =>
          form
            .getByTestId('correction-notice')
            .textContent()
            .catch(() => ''),
        { timeout: 15_000 },
      )
      .toContain('has received a new event');

    await clearToasts(form.page());
    await form.getByTestId('correction-confirm').click();
    const notice = form.getByTestId('correction-notice');
    await expect
      .poll(async () => notice.textContent(), { timeout: 10_000 })
      .toContain('Order 1345701 received a new event since you opened this form, so nothing was written');
    await form.getByTestId('status-choice').waitFor();
    await screenshot(page, 'corrections-stale');
    expect((await e2e.api('getOrder', { orderId: '1345701' }))!.lastSeq).toBe(moved.lastSeq);

    // The reloaded form keeps the choice and the reason; confirming now writes exactly once.
    await clearToasts(form.page());
    await form.getByRole('button', { name: 'Preview' }).click();
    await clearToasts(form.page());
    await form.getByTestId('correction-confirm').click();
    await form.getByTestId('correction-written').waitFor();
    const history = await e2e.api('orderHistory', { orderId: '1345701' });
    expect(history.filter((e) => e.type === 'StatusCorrected')).toHaveLength(1);
    expect((await e2e.api('getOrder', { orderId: '1345701' }))!).toMatchObject({
      status: 'Picking',
      lastSeq: moved.lastSeq + 1,
    });
    await clearToasts(form.page());
    await form.getByRole('button', { name: 'Done' }).click();
  });

  it('dismisses a false alarm: the flag is resolved, the status stays', async () => {
    const seq = await flaggedSeq('1345800');
    await openEvent(page, '1345800', seq);
    await page.getByRole('button', { name: 'Dismiss as false alarm…' }).click();
    const form = dialog(page);
    await form.getByRole('heading', { name: 'Dismiss a false alarm on order 1345800' }).waitFor();
    await form.getByLabel('Reason (required)').fill('Checked on the floor: the fifth box is a spare for the clinic');
    await clearToasts(form.page());
    await form.getByRole('button', { name: 'Preview' }).click();
    await expect(form.getByTestId('preview-status').textContent()).resolves.toBe('Picking → Picking');
    await expect(form.getByTestId('preview-resolves').textContent()).resolves.toContain('Picked more than ordered');
    await clearToasts(form.page());
    await form.getByTestId('correction-confirm').click();
    await form.getByTestId('correction-written').waitFor();
    await expect(form.getByTestId('correction-notice').textContent()).resolves.toContain(
      'the flag is dismissed; order 1345800 stays Picking',
    );
    await screenshot(page, 'corrections-dismissed');
    await clearToasts(form.page());
    await form.getByRole('button', { name: 'Done' }).click();
    expect(await e2e.api('getOrder', { orderId: '1345800' })).toMatchObject({ status: 'Picking', openAnomalies: 0 });
    const last = (await e2e.api('orderHistory', { orderId: '1345800' })).at(-1)!;
    expect(last).toMatchObject({ type: 'AnomalyDismissed', data: { dismissesEventId: 'x-1345800-04' } });
  });

  it('the corrections log lists every office event, filters by operator, and exports CSV', async () => {
    await page.getByRole('link', { name: 'Corrections log' }).click();
    const log = page.getByTestId('corrections-log');
    // Two corrections and a dismissal, and beside them the Clerk's request and its decline.
    await expect.poll(async () => log.getByTestId('log-row').count(), { timeout: 10_000 }).toBe(5);
    await expect(log.getByTestId('log-row').first().textContent()).resolves.toContain('1345800');
    await expect(log.textContent()).resolves.toContain('PendingPicking → Packed');
    await expect(log.textContent()).resolves.toContain('Correction requested (to');
    await expect(log.textContent()).resolves.toContain('Request declined');
    await screenshot(page, 'corrections-log');

    await log.getByTestId('log-operator').selectOption(CLERK.id);
    await expect.poll(async () => log.getByTestId('log-row').count(), { timeout: 10_000 }).toBe(1);
    await log.getByTestId('log-operator').selectOption(SUPERVISOR.id);
    await expect.poll(async () => log.getByTestId('log-row').count(), { timeout: 10_000 }).toBe(4);

    const [download] = await Promise.all([page.waitForEvent('download'), log.getByTestId('log-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^corrections-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe(
      'seq,eventId,type,orderId,operatorId,operatorName,operatorRole,timestamp,fromStatus,toStatus,reason,correctsEventId,what',
    );
    expect(rows).toHaveLength(5);
    expect(
      rows.some((r) => r.includes(',1345693,sue,Sue Supervisor,Supervisor,') && r.includes(',PendingPicking,Packed,')),
    ).toBe(true);
  });

  it('nothing in the flow reached beyond the workstation, and verify passes after the host is closed', async () => {
    // Every request the page made went to the host on this machine.
    const origins = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((r) => new URL((r as PerformanceResourceTiming).name).hostname),
    );
    expect(origins.every((h) => h === '127.0.0.1' || h === 'localhost')).toBe(true);

    await expect(e2e.api('verify', {})).resolves.toMatchObject({ ok: true });
    for (const c of clerkContexts.splice(0)) await c.close();
    await e2e.browser.close();
    await e2e.host.close();
    hostClosed = true;
    const cli = join(repoRoot, 'bin/warehouse-ledger.js');
    if (!existsSync(join(repoRoot, 'dist-node/cli.js')))
      throw new Error('run `npm run build:node` before the e2e tests');
    const out = execFileSync(process.execPath, [cli, 'verify', '--db', e2e.dbPath, '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out)).toMatchObject({ ok: true, firstBadSeq: null, problem: null });
    const logOut = execFileSync(process.execPath, [cli, 'corrections-log', '--db', e2e.dbPath, '--json'], {
      encoding: 'utf8',
    });
    // The log lists every office action: the three corrections and dismissals of this flow, and
    // the Clerk's request with the Supervisor's decline of it.
    const types = (JSON.parse(logOut) as { type: string }[]).map((r) => r.type).sort();
    expect(types.filter((t) => t === 'StatusCorrected' || t === 'AnomalyDismissed')).toHaveLength(3);
    expect(types.filter((t) => t === 'CorrectionRequested' || t === 'CorrectionDeclined')).toEqual([
      'CorrectionDeclined',
      'CorrectionRequested',
    ]);
  });
});
