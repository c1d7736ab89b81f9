/**
 * The journal as it stood: every past position of random histories (events, corrections,
 * dismissals, rule changes) read back through the as-of queries must equal what the journal
 * itself showed at that moment.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JournalRefusal } from '../../electron/journal';
import { journalWithSupervisor, ORDERS, play, step } from './histories';
import { correctedMissingPackage, freshJournal, sampleEvents } from './helpers';

afterEach(() => {
  vi.useRealTimers();
});

describe('the journal as it stood', () => {
  it('every past position reads back exactly what the journal showed then', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        const journal = journalWithSupervisor(':memory:');
        try {
          const seen: { seq: number; orders: unknown; anomalies: unknown; open: unknown; histories: unknown }[] = [];
          let n = 0;
          for (const s of steps) {
            n = play(journal, [s], n);
            seen.push({
              seq: journal.lastSeq(),
              orders: journal.orders({ limit: 10_000 }),
              anomalies: journal.anomalies({ limit: 10_000 }),
              open: journal.anomalies({ open: true, limit: 10_000 }),
              histories: ORDERS.map((o) => journal.history(o)),
            });
          }
          for (const then of seen) {
            expect(journal.ordersAsOf(then.seq)).toEqual(then.orders);
            // In turns, one order per chunk: the chunks' seams lose and repeat nothing.
            const inTurns = await journal.ordersAsOfInTurns(then.seq, { chunk: 1, yieldTurn: async () => {} });
            expect(inTurns).toEqual(then.orders);
            expect(journal.anomaliesAsOf({ limit: 10_000 }, then.seq)).toEqual(then.anomalies);
            expect(journal.anomaliesAsOf({ open: true, limit: 10_000 }, then.seq)).toEqual(then.open);
            expect(ORDERS.map((o) => journal.historyAsOf(o, then.seq))).toEqual(then.histories);
            const orders = then.orders as { orderId: string }[];
            for (const o of ORDERS) {
              expect(journal.orderAsOf(o, then.seq)).toEqual(orders.find((r) => r.orderId === o));
            }
          }
        } finally {
          journal.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('before its correction, the missing package is PendingPicking with its anomaly open', () => {
    const journal = correctedMissingPackage();
    const correction = journal.lastSeq();
    const before = correction - 1;
    expect(journal.order('1345693')!.status).toBe('Packed');
    expect(journal.orderAsOf('1345693', before)).toMatchObject({ status: 'PendingPicking', openAnomalies: 1 });
    const flagged = journal.historyAsOf('1345693', before).find((e) => e.eventId === 's-1345693-08')!;
    expect(flagged.anomalies).toEqual([expect.objectContaining({ open: true, resolvedBySeq: null })]);
    expect(journal.historyAsOf('1345693', before).map((e) => e.type)).not.toContain('StatusCorrected');
    const now = journal.history('1345693').find((e) => e.eventId === 's-1345693-08')!;
    expect(now.anomalies[0]).toMatchObject({ open: false, resolvedBySeq: correction });
    expect(journal.orderAsOf('1345693', 0)).toBeUndefined();
  });

  it('finds the position of a recorded time, and refuses positions and times it cannot read', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const journal = freshJournal();
    const events = sampleEvents('missing-package.ndjson');
    vi.setSystemTime(new Date('2026-11-26T10:00:00Z'));
    journal.appendBatch(events.slice(0, 5), 'a');
    vi.setSystemTime(new Date('2026-11-26T12:00:00Z'));
    journal.appendBatch(events.slice(5, 9), 'b');
    expect(journal.seqAt('2026-11-26T09:59:59Z')).toBe(0);
    expect(journal.seqAt('2026-11-26T10:00:00Z')).toBe(5);
    expect(journal.seqAt('2026-11-26T06:59:00-05:00')).toBe(5);
    expect(journal.seqAt('2026-11-26T12:00:00.000+00:00')).toBe(9);
    expect(journal.seqAt('2030-01-01T00:00:00Z')).toBe(9);
    expect(() => journal.seqAt('yesterday')).toThrow(/not an ISO 8601 time/);
    expect(() => journal.ordersAsOf(10)).toThrow(JournalRefusal);
    expect(() => journal.historyAsOf('1345693', -1)).toThrow(/give a seq from 0 to 9/);
  });
});
