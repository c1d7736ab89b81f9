/**
 * Every refusal of handbook §6 through the IPC handlers, against a real journal: the signed-in
 * Supervisor can, a Clerk cannot, nobody can correct in another's name, a stale form is refused,
 * a short reason is refused, an event of another order is refused; and the corrections log.
 */
import { describe, expect, it } from 'vitest';
import { correct, correctionsLog, dismiss } from '../../electron/worker/handlers/corrections';
import { JournalRefusal } from '../../electron/journal';
import { channels } from '../../shared/contract/channels';
import { previewCorrection, previewDismissal, suggestCorrection } from '../../shared/corrections';
import { instantOf } from '../../shared/events/envelope';
import { OrderBook, RULES, missingPackage } from './history';
import { office, record } from './journalHarness';

const REASON = 'Found physically at packing bench 3, still packed';

function refusal(fn: () => unknown): JournalRefusal {
  try {
    fn();
  } catch (err) {
    if (err instanceof JournalRefusal) return err;
    throw err;
  }
  throw new Error('expected a refusal, but it was written');
}

/** The night of the missing package recorded, plus an order that was shipped unpicked. */
function night(kind: 'real' | 'training' = 'real') {
  const o = office(kind);
  const book = missingPackage();
  record(o.journal, book);
  const other = new OrderBook('1345701').created([{ sku: 'SYR-10', qty: 20 }], 'Bay Street Vet');
  other.to('PendingPicking').to('Picking', 'Picker').to('Shipped', 'Picker');
  record(o.journal, other);
  return { ...o, book, other };
}

/** A request as the renderer sends it, through the contract's schema (as the IPC layer does). */
const asSent = (request: unknown) => channels.correct.request.parse(request);
const putBack = { orderId: '1345693', status: 'Packed', reason: REASON, correctsEventId: '1345693-08', expectedSeq: 8 };

describe('a signed-in Supervisor corrects the missing package', () => {
  it('writes the StatusCorrected the preview showed, resolves the flag, and verify passes', () => {
    const { journal, mark } = night();
    const history = journal.history('1345693');
    expect(suggestCorrection(history, 8, RULES).defaultStatus).toBe('Packed');
    const preview = previewCorrection(history, putBack, mark, RULES);
    expect(preview.ok).toBe(true);

    const written = correct({ journal, operator: mark }, asSent(putBack));
    expect(written.status).toBe('Packed');
    const event = journal.event({ seq: written.seq })!;
    // The preview was exact: who, what and why as written; only the id and the clock differ.
    expect({ type: event.type, orderId: event.orderId, initiatedBy: event.initiatedBy, data: event.data }).toEqual({
      type: preview.event.type,
      orderId: preview.event.orderId,
      initiatedBy: preview.event.initiatedBy,
      data: preview.event.data,
    });
    expect(Number.isNaN(instantOf(event.timestamp))).toBe(false);
    expect(journal.order('1345693')).toMatchObject({ status: 'Packed', openAnomalies: 0, lastSeq: written.seq });
    expect(journal.event({ eventId: '1345693-08' })!.anomalies).toEqual([
      expect.objectContaining({ kind: 'illegal-transition', open: false, resolvedBySeq: written.seq }),
    ]);
    expect(preview.resolves.map((a) => a.seq)).toEqual([8]);
    expect(journal.verify()).toMatchObject({ ok: true, firstBadSeq: null });
  });

  it('the next event is checked from the corrected status', () => {
    const { journal, mark, book } = night();
    correct({ journal, operator: mark }, asSent(putBack));
    book.to('Shipped', 'Shipper').to('Packed', 'Packer');
    record(journal, book);
    const h = journal.history('1345693');
    expect(h.slice(-2).map((e) => e.anomalies.map((a) => a.kind))).toEqual([[], ['illegal-transition']]);
  });
});

describe('the refusals of handbook §6', () => {
  it('a Clerk cannot correct, nor dismiss', () => {
    const { journal, judy } = night();
    expect(refusal(() => correct({ journal, operator: judy }, asSent(putBack))).code).toBe('not-allowed');
    expect(
      refusal(() =>
        dismiss(
          { journal, operator: judy },
          { orderId: '1345693', dismissesEventId: '1345693-08', reason: REASON, expectedSeq: 8 },
        ),
      ).code,
    ).toBe('not-allowed');
    expect(journal.lastSeq()).toBe(12);
  });

  it('nobody corrects in another name: an operator field in the request is dropped, the session decides', () => {
    const { journal, judy, mark } = night();
    const forged = asSent({ ...putBack, operatorId: mark.id, operator: mark, initiatedBy: mark });
    expect(forged).not.toHaveProperty('operatorId');
    expect(refusal(() => correct({ journal, operator: judy }, forged)).message).toMatch(/jdoe is a Clerk/);
    const written = correct({ journal, operator: mark }, forged);
    expect(journal.event({ seq: written.seq })!.initiatedBy).toEqual({
      id: 'mlee',
      name: 'Mark Lee',
      role: 'Supervisor',
    });
  });

  it('nobody signed in: refused', () => {
    const { journal } = night();
    expect(refusal(() => correct({ journal, operator: null }, asSent(putBack))).message).toMatch(/sign in/);
  });

  it("a Trainee's corrections go to the training journal only", () => {
    const real = night();
    expect(refusal(() => correct({ journal: real.journal, operator: real.tina }, asSent(putBack))).code).toBe(
      'not-allowed',
    );
    const training = night('training');
    expect(correct({ journal: training.journal, operator: training.tina }, asSent(putBack)).status).toBe('Packed');
  });

  it('a stale form is refused with a clear message, and nothing is written', () => {
    const { journal, mark, book } = night();
    book.to('Picking', 'Picker'); // the order moves on while the form is open
    record(journal, book);
    const before = journal.lastSeq();
    const r = refusal(() => correct({ journal, operator: mark }, asSent(putBack)));
    expect(r.code).toBe('stale');
    expect(r.message).toMatch(/order 1345693 has changed since you opened it/);
    expect(journal.lastSeq()).toBe(before);
    expect(journal.order('1345693')!.status).toBe('Picking');
  });

  it('the reason is required, at least 10 characters', () => {
    const { journal, mark } = night();
    for (const reason of ['', '          ', 'too short']) {
      expect(refusal(() => correct({ journal, operator: mark }, asSent({ ...putBack, reason }))).code).toBe('invalid');
    }
    expect(journal.lastSeq()).toBe(12);
  });

  it('the status must be a known status', () => {
    const { journal, mark } = night();
    expect(refusal(() => correct({ journal, operator: mark }, asSent({ ...putBack, status: 'Lost' }))).message).toMatch(
      /unknown status "Lost"/,
    );
  });

  it('the corrected event must be an event of the same order', () => {
    const { journal, mark } = night();
    const r = refusal(() =>
      correct({ journal, operator: mark }, asSent({ ...putBack, correctsEventId: '1345701-04' })),
    );
    expect(r.message).toMatch(/belongs to order "1345701", not to order "1345693"/);
    expect(journal.lastSeq()).toBe(12);
  });

  it('an order that is not in the journal cannot be corrected', () => {
    const { journal, mark } = night();
    expect(refusal(() => correct({ journal, operator: mark }, asSent({ ...putBack, orderId: '999' }))).code).toBe(
      'not-found',
    );
  });

  it('a wrong correction is put right by another correction; nothing is edited', () => {
    const { journal, mark, sue } = night();
    const wrong = correct({ journal, operator: mark }, asSent({ ...putBack, status: 'Shipped' }));
    const right = correct(
      { journal, operator: sue },
      asSent({
        orderId: '1345693',
        status: 'Packed',
        reason: 'Entered in error by Mark: it is on bench 3',
        correctsEventId: wrong.eventId,
        expectedSeq: wrong.seq,
      }),
    );
    expect(journal.order('1345693')!.status).toBe('Packed');
    expect(journal.event({ seq: wrong.seq })!.data.status).toBe('Shipped');
    expect(right.seq).toBe(wrong.seq + 1);
    expect(journal.verify().ok).toBe(true);
  });
});

describe('dismissing a false alarm', () => {
  it('resolves the flag, keeps the status, and is refused when stale or nothing is open', () => {
    const { journal, mark } = night();
    const h = journal.history('1345701');
    const flagged = h[h.length - 1]!;
    const request = {
      orderId: '1345701',
      dismissesEventId: flagged.eventId,
      reason: 'Checked on the floor: it was picked, the scanner skipped',
      expectedSeq: flagged.seq,
    };
    expect(previewDismissal(h, request, mark, RULES).ok).toBe(true);
    const sent = channels.dismiss.request.parse({ ...request, operatorId: 'someone-else' });
    expect(refusal(() => dismiss({ journal, operator: mark }, { ...sent, expectedSeq: flagged.seq - 1 })).code).toBe(
      'stale',
    );
    const written = dismiss({ journal, operator: mark }, sent);
    expect(journal.event({ seq: written.seq })).toMatchObject({
      type: 'AnomalyDismissed',
      initiatedBy: { id: 'mlee' },
      data: { dismissesEventId: flagged.eventId, reason: request.reason },
    });
    expect(journal.order('1345701')).toMatchObject({ status: 'Shipped', openAnomalies: 0 });
    expect(refusal(() => dismiss({ journal, operator: mark }, { ...sent, expectedSeq: written.seq })).message).toMatch(
      /no open anomaly/,
    );
  });
});

describe('the corrections log', () => {
  function busyNight() {
    const n = night();
    const { journal, mark, sue } = n;
    const c1 = correct({ journal, operator: mark }, asSent({ ...putBack, status: 'Shipped' }));
    const c2 = correct(
      { journal, operator: sue },
      asSent({ ...putBack, reason: 'Entered in error by Mark', correctsEventId: c1.eventId, expectedSeq: c1.seq }),
    );
    const shipped = journal.history('1345701').at(-1)!;
    const d = dismiss(
      { journal, operator: mark },
      { orderId: '1345701', dismissesEventId: shipped.eventId, reason: 'Scanner skipped the pick', expectedSeq: 12 },
    );
    return { ...n, c1, c2, d };
  }

  it('lists every office event, newest first, with who, when, order, from → to and why', () => {
    const { journal, judy, c1, c2, d } = busyNight();
    const log = correctionsLog({ journal, operator: judy }, { limit: 50 });
    expect(log.nextBeforeSeq).toBeNull();
    expect(log.rows.map((r) => [r.seq, r.type, r.orderId, r.operator.name, r.fromStatus, r.toStatus])).toEqual([
      [d.seq, 'AnomalyDismissed', '1345701', 'Mark Lee', 'Shipped', 'Shipped'],
      [c2.seq, 'StatusCorrected', '1345693', 'Sue Bell', 'Shipped', 'Packed'],
      [c1.seq, 'StatusCorrected', '1345693', 'Mark Lee', 'PendingPicking', 'Shipped'],
    ]);
    expect(log.rows[1]).toMatchObject({ reason: 'Entered in error by Mark', correctsEventId: c1.eventId });
    expect(channels.correctionsLog.response.parse(log)).toEqual(log);
  });

  it('filters by operator and by date, and pages by seq', () => {
    const { journal, judy, c1, d } = busyNight();
    const ctx = { journal, operator: judy };
    expect(correctionsLog(ctx, { operatorId: 'mlee', limit: 50 }).rows.map((r) => r.seq)).toEqual([d.seq, c1.seq]);
    expect(correctionsLog(ctx, { operatorId: 'nobody', limit: 50 }).rows).toEqual([]);
    expect(correctionsLog(ctx, { to: '2000-01-01T00:00:00Z', limit: 50 }).rows).toEqual([]);
    expect(correctionsLog(ctx, { from: '2000-01-01T00:00:00Z', limit: 50 }).rows).toHaveLength(3);
    const first = correctionsLog(ctx, { limit: 2 });
    expect(first.rows).toHaveLength(2);
    const second = correctionsLog(ctx, { limit: 2, beforeSeq: first.nextBeforeSeq! });
    expect(second.rows.map((r) => r.seq)).toEqual([c1.seq]);
  });

  it('lists correction requests (made, declined, ended by a correction) and operator changes beside corrections', async () => {
    const { journal, judy, mark } = night();
    const asked = journal.requestCorrection({
      operatorId: 'jdoe',
      orderId: '1345693',
      correctsEventId: '1345693-08',
      status: 'Packed',
      reason: 'Seen on the packing bench',
    });
    const other = journal.requestCorrection({
      operatorId: 'jdoe',
      orderId: '1345701',
      correctsEventId: journal.history('1345701').at(-1)!.eventId,
      status: 'Picking',
      reason: 'Still on the cart, I think',
    });
    const declined = journal.declineRequest({
      operatorId: 'mlee',
      requestEventId: other.eventId,
      reason: 'The dock scan shows it loaded',
    });
    const fixed = correct({ journal, operator: mark }, asSent({ ...putBack, expectedSeq: asked.seq }));
    const disabled = journal.disableOperator({
      operatorId: 'mlee',
      targetId: 'tkim',
      reason: 'Moved to the day shift',
    });
    const reset = await journal.resetPassword({
      operatorId: 'mlee',
      targetId: 'jdoe',
      reason: 'Forgot it after the holidays',
      password: 'a new clerk password',
    });
    const log = correctionsLog({ journal, operator: judy }, { limit: 50 });
    expect(log.rows.map((r) => [r.seq, r.type, r.orderId, r.what, r.correctsEventId])).toEqual([
      [reset.seq, 'PasswordReset', null, 'Password of jdoe reset', null],
      [disabled.seq, 'OperatorDisabled', null, 'Operator tkim disabled', null],
      [fixed.seq, 'StatusCorrected', '1345693', "Correction, ending Judy Doe's request", '1345693-08'],
      [declined.seq, 'CorrectionDeclined', '1345701', 'Request declined', other.eventId],
      [other.seq, 'CorrectionRequested', '1345701', 'Correction requested (to Picking)', expect.any(String)],
      [asked.seq, 'CorrectionRequested', '1345693', 'Correction requested (to Packed)', '1345693-08'],
    ]);
    // A request changes no status: from → to is what it asks, the order stays until a Supervisor acts.
    expect(log.rows.at(-1)).toMatchObject({ fromStatus: 'PendingPicking', toStatus: 'Packed' });
    expect(log.rows[1]).toMatchObject({ fromStatus: null, toStatus: null, reason: 'Moved to the day shift' });
    expect(channels.correctionsLog.response.parse(log)).toEqual(log);
    // Filtered by operator, the Clerk's own work.
    expect(correctionsLog({ journal, operator: judy }, { operatorId: 'jdoe', limit: 50 }).rows).toHaveLength(2);
  });

  it('is for signed-in operators only', () => {
    const { journal } = night();
    expect(refusal(() => correctionsLog({ journal, operator: null }, { limit: 10 })).code).toBe('not-allowed');
  });
});
