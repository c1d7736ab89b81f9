/**
 * The preview is the journal's own answer: for random order histories and random corrections,
 * what the form previews (status after, anomalies resolved, the event's content) is what the
 * journal then writes.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { correct } from '../../electron/worker/handlers/corrections';
import { previewCorrection } from '../../shared/corrections';
import { FLOOR_ROLES, HANDBOOK_STATUSES } from '../../shared/events/envelope';
import { OrderBook, RULES } from './history';
import { office, record } from './journalHarness';

describe('preview = journal', () => {
  it('for random histories, flagged events and corrections', () => {
    const { journal, mark } = office();
    let n = 0;
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('status' as const),
        status: fc.constantFrom(...HANDBOOK_STATUSES),
        role: fc.constantFrom(...FLOOR_ROLES),
      }),
      fc.record({
        kind: fc.constant('pick' as const),
        sku: fc.constantFrom('GLV-200', 'XXX'),
        qty: fc.integer({ min: 1, max: 4 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 10 }),
        fc.nat(),
        fc.constantFrom(...HANDBOOK_STATUSES),
        (steps, pickTarget, status) => {
          n += 1;
          const book = new OrderBook(`p-${n}`).created();
          for (const s of steps) {
            if (s.kind === 'status') book.to(s.status, s.role);
            else book.pick(s.sku, s.qty);
          }
          record(journal, book);
          const history = journal.history(book.orderId);
          const target = history[pickTarget % history.length]!;
          const draft = { status, reason: 'Checked on the floor by Mark', correctsEventId: target.eventId };
          const preview = previewCorrection(history, draft, mark, RULES);
          expect(preview.ok).toBe(true);
          const written = correct(
            { journal, operator: mark },
            { orderId: book.orderId, ...draft, expectedSeq: history[history.length - 1]!.seq },
          );
          const order = journal.order(book.orderId)!;
          expect(order.status).toBe(preview.statusAfter);
          const after = journal.event({ seq: target.seq })!;
          const resolvedNow = after.anomalies.filter((a) => a.resolvedBySeq === written.seq).map((a) => a.kind);
          expect(resolvedNow).toEqual(preview.resolves.map((a) => a.kind));
          expect(journal.event({ seq: written.seq })!.data).toEqual(preview.event.data);
        },
      ),
      { numRuns: 40 },
    );
    expect(journal.verify().ok).toBe(true);
  });
});
