/**
 * The channels of time and people through the real dispatcher: validated requests, answers that
 * pass their schemas, the past orders list paged, the handover since the last sign-in, and the
 * incident report handed back as a PDF.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandoverRecord, IncidentReportFile } from '../../shared/contract/history';
import type { OrderRecord } from '../../shared/contract/records';
import { answer, openFixture, session, type Fixture } from '../handlers/fixture';
import { sampleEvents } from '../journal/helpers';

describe('time and people over IPC', () => {
  let f: Fixture;
  beforeEach(() => {
    f = openFixture();
  });
  afterEach(() => f.close());

  async function night() {
    const s = session();
    answer(await f.call('createFirstSupervisor', { id: 'sue', name: 'Sue', password: 'password-1' }, s));
    const journal = f.services.journal;
    journal.appendBatch(sampleEvents('missing-package.ndjson'), 'missing-package.ndjson');
    const before = journal.lastSeq();
    journal.correct({
      operatorId: 'sue',
      orderId: '1345693',
      status: 'Packed',
      reason: 'Found on the packing bench',
      correctsEventId: 's-1345693-08',
    });
    return { s, before };
  }

  it('the past: an order, the orders list paged and the inbox, as of before the correction', async () => {
    const { s, before } = await night();
    const one = answer<{ order: OrderRecord; history: { statusAfter: string | null }[] }>(
      await f.call('orderAsOf', { orderId: '1345693', asOfSeq: before }, s),
    );
    expect(one.order.status).toBe('PendingPicking');
    expect(one.history.at(-1)!.statusAfter).toBe('PendingPicking');

    const page1 = answer<{ rows: OrderRecord[]; total: number }>(
      await f.call('ordersAsOf', { asOfSeq: before, limit: 2 }, s),
    );
    const page2 = answer<{ rows: OrderRecord[]; total: number }>(
      await f.call('ordersAsOf', { asOfSeq: before, limit: 2, afterOrderId: page1.rows[1]!.orderId }, s),
    );
    expect(page1.total).toBe(f.services.journal.countOrders());
    expect([...page1.rows, ...page2.rows].map((o) => o.orderId)).toEqual(
      f.services.journal.orders({ limit: 4 }).map((o) => o.orderId),
    );
    const flagged = answer<{ total: number }>(await f.call('ordersAsOf', { asOfSeq: before, withAnomalies: true }, s));
    expect(flagged.total).toBe(f.services.journal.countOrders({ withAnomalies: true }) + 1);

    const inbox = answer<{ rows: { eventId: string }[] }>(
      await f.call('anomaliesAsOf', { asOfSeq: before, open: true }, s),
    );
    expect(inbox.rows.map((a) => a.eventId)).toContain('s-1345693-08');

    const position = answer<{ seq: number; lastSeq: number }>(
      await f.call('journalPosition', { time: '2100-01-01T00:00:00Z' }, s),
    );
    expect(position).toMatchObject({ seq: before + 1, lastSeq: before + 1 });
    // The list was made once, by a job with progress, and paged from memory since.
    const made = f.pushes.filter((p) => (p.payload as { kind?: string }).kind === 'pastOrders');
    expect(made.filter((p) => p.name === 'jobFinished')).toHaveLength(1);
    expect(made.some((p) => p.name === 'jobProgress')).toBe(true);
    const bad = await f.call('ordersAsOf', { asOfSeq: before + 5 }, s);
    expect(!bad.ok && bad.error.message).toContain(`give a seq from 0 to ${before + 1}`);
  });

  it('the handover opens on the sign-in before this one', async () => {
    const { s } = await night();
    const first = answer<HandoverRecord>(await f.call('handover', {}, s));
    expect(first.sinceLastSignIn).toBe(false);
    // The sign-in notice asks only when there was a sign-in before: none yet, so nothing is read.
    expect(answer(await f.call('handover', { onlySinceLastSignIn: true }, s))).toBeNull();
    answer(await f.call('signIn', { operatorId: 'sue', password: 'password-1' }, s));
    answer(await f.call('signIn', { operatorId: 'sue', password: 'password-1' }, s));
    const again = answer<HandoverRecord>(await f.call('handover', {}, s));
    expect(again.sinceLastSignIn).toBe(true);
    const notice = answer<HandoverRecord>(await f.call('handover', { onlySinceLastSignIn: true }, s));
    expect(notice).toMatchObject({ sinceLastSignIn: true, since: again.since });
    expect(Date.parse(again.since)).toBeLessThanOrEqual(Date.now());
    expect(again.officeActions).toEqual([]);
    const asked = answer<HandoverRecord>(await f.call('handover', { since: '2000-01-01T00:00:00Z' }, s));
    expect(asked.sinceLastSignIn).toBe(false);
    expect(asked.officeActions.map((a) => a.what)).toEqual(['set to Packed (corrects s-1345693-08)']);
  });

  it('people and one person, and the incident report as a PDF', async () => {
    const { s } = await night();
    const people = answer<{ id: string }[]>(await f.call('people', {}, s));
    expect(people.map((p) => p.id)).toEqual(expect.arrayContaining(['wchin', 'sue', 'aruiz']));
    const walter = answer<{ entries: { followUps: unknown[] }[] }>(await f.call('activity', { initiator: 'wchin' }, s));
    expect(walter.entries.at(-1)!.followUps).toHaveLength(1);

    const report = answer<IncidentReportFile>(await f.call('incidentReport', { orderId: '1345693' }, s));
    expect(report.fileName).toMatch(/^incident-1345693-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(Buffer.from(report.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(report).toMatchObject({ chainOk: true, anchored: false });
    const none = await f.call('incidentReport', { orderId: 'nope' }, s);
    expect(!none.ok && none.error).toMatchObject({ code: 'not-found' });
  });
});
