/**
 * A replay's orders kept compactly (electron/journal/replayOrders): orders untouched for a while
 * are frozen as their row's values and made live again when an event touches them. Whatever the
 * pattern of events, what rebuild writes and verify compares is what plain live entries give.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantOf } from '../../shared/events/envelope';
import { emptyOrder } from '../../shared/orders/orderState';
import { flaggedStatus, rowValues, type OrderEntry } from '../../electron/journal/projections';
import { FREEZE_AFTER, ReplayedOrders } from '../../electron/journal/replayOrders';
import type { IncomingEvent } from '../../electron/journal';
import { generateEvents } from '../../electron/seed';
import { correctMissingPackage, freshJournal, rawConnection, reopen, sampleEvents, withOperators } from './helpers';

const STATUSES = [null, 'PendingPicking', 'Picked', 'Packed', 'Shipped'] as const;

function newEntry(orderId: string, seq: number): OrderEntry {
  return {
    state: emptyOrder(orderId),
    lastSeq: seq,
    lastEventAt: '',
    eventCount: 0,
    openAnomalies: 0,
    storedStatus: undefined,
    storedFlagged: null,
  };
}

/** One event: which order, how far after the last one, and what it does to the order. */
const touch = fc.record({
  order: fc.integer({ min: 0, max: 11 }),
  gap: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: FREEZE_AFTER })),
  status: fc.integer({ min: 0, max: STATUSES.length - 1 }),
  anomalies: fc.integer({ min: -1, max: 2 }),
  sku: fc.constantFrom('A', 'B-7', 'Ünïcode “sku”'),
  customer: fc.option(fc.string(), { nil: undefined }),
});

type Touch = typeof touch extends fc.Arbitrary<infer T> ? T : never;

/**
 * Fold the touches into `orders` as a replay does; returns each order's row values after each of
 * its touches (the last ones are the order's final row), and how many put-away orders were touched.
 */
function play(orders: ReplayedOrders, touches: Touch[]): { rows: Map<string, unknown[][]>; thawed: number } {
  const rows = new Map<string, unknown[][]>();
  let seq = 0;
  let thawed = 0;
  for (const t of touches) {
    seq += t.gap;
    orders.folded(seq - 1);
    const id = `order-${t.order}`;
    const away = orders.frozenCount;
    let entry = orders.entry(id);
    if (orders.frozenCount < away) thawed += 1;
    if (entry === undefined) {
      entry = newEntry(id, seq);
      orders.add(id, entry);
    }
    const s = entry.state;
    entry.state = {
      ...s,
      created: true,
      status: STATUSES[t.status]!,
      lines: [...s.lines, { sku: t.sku, qty: t.gap }],
      picked: { ...s.picked, [t.sku]: (s.picked[t.sku] ?? 0) + 1 },
      latestInstant: seq * 1000,
      latestTimestamp: `2026-11-26T08:00:${String(seq % 60).padStart(2, '0')}Z`,
      ...(t.customer === undefined ? {} : { customer: t.customer }),
    };
    entry.lastSeq = seq;
    entry.lastEventAt = entry.state.latestTimestamp!;
    entry.eventCount += 1;
    entry.openAnomalies = Math.max(0, entry.openAnomalies + t.anomalies);
    rows.set(id, [...(rows.get(id) ?? []), rowValues(entry)]);
  }
  return { rows, thawed };
}

/** What the orders' final rows count, per status and per status with open anomalies. */
function countsOf(finals: Map<string, unknown[]>) {
  const statuses = new Map<string, number>();
  const flagged = new Map<string, number>();
  for (const values of finals.values()) {
    const status = values[1] as string | null;
    if (status !== null) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const f = flaggedStatus(status, values[5] as number);
    if (f !== null) flagged.set(f, (flagged.get(f) ?? 0) + 1);
  }
  return { statuses, flagged };
}

const finalsOf = (rows: Map<string, unknown[][]>) => new Map([...rows].map(([id, all]) => [id, all.at(-1)!]));

describe('the orders of a replay', () => {
  it('give the same rows and counts as live entries, frozen and thawed as events come', () => {
    let thawed = 0;
    fc.assert(
      fc.property(fc.array(touch, { minLength: 1, maxLength: 80 }), (touches) => {
        const orders = new ReplayedOrders();
        const played = play(orders, touches);
        thawed += played.thawed;
        const finals = finalsOf(played.rows);
        expect(orders.size).toBe(finals.size);
        expect(orders.ids().sort()).toEqual([...finals.keys()].sort());
        for (const [id, values] of finals) {
          expect(orders.values(id)).toEqual(values);
          expect(orders.lastSeq(id)).toBe(values[2]);
        }
        const { statuses, flagged } = countsOf(finals);
        expect(orders.statusCounts()).toEqual(statuses);
        expect(orders.flaggedCounts()).toEqual(flagged);
        expect(orders.values('order-never')).toBeUndefined();
      }),
      { numRuns: 300 },
    );
    // The histories froze orders and touched them again (the property is not only about live
    // entries): about a hundred times in 300 runs.
    expect(thawed).toBeGreaterThan(10);
  });

  it('settle orders whose stored row matches, and take a stale row back when a later event comes', () => {
    let settled = 0;
    let thawed = 0;
    fc.assert(
      fc.property(
        fc.array(touch, { minLength: 1, maxLength: 80 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (touches, stale) => {
          const finals = finalsOf(play(new ReplayedOrders(), touches).rows);
          const all = play(new ReplayedOrders(), touches).rows;
          // The stored rows: each order's final row, but for some an earlier one (a row left
          // behind, or changed to one): it matches the order when put away, then must not stick.
          const stored = new Map(finals);
          [...all].forEach(([id, rows], i) => {
            const pick = stale[i];
            if (pick !== undefined && rows.length > 1) stored.set(id, rows[pick % (rows.length - 1)]!);
          });
          const orders = new ReplayedOrders({
            matches: (id, values) => JSON.stringify(stored.get(id)) === JSON.stringify(values),
            stored: (id) => structuredClone(stored.get(id)!),
          });
          thawed += play(orders, touches).thawed;
          expect(orders.size).toBe(finals.size);
          for (const [id, values] of finals) {
            if (orders.isSettled(id)) {
              settled += 1;
              expect(stored.get(id)).toEqual(values);
            } else {
              expect(orders.values(id)).toEqual(values);
            }
          }
          const { statuses, flagged } = countsOf(finals);
          expect(orders.statusCounts()).toEqual(statuses);
          expect(orders.flaggedCounts()).toEqual(flagged);
        },
      ),
      { numRuns: 300 },
    );
    expect(settled).toBeGreaterThan(100);
    expect(thawed).toBeGreaterThan(10);
  });

  it('freezes an order once FREEZE_AFTER events have passed it, and thaws it when touched', () => {
    const orders = new ReplayedOrders();
    orders.add('early', { ...newEntry('early', 1), eventCount: 1 });
    orders.folded(FREEZE_AFTER);
    expect(orders.frozenCount).toBe(0);
    orders.folded(FREEZE_AFTER + 10_000);
    expect(orders.frozenCount).toBe(1);
    const thawed = orders.entry('early')!;
    expect(orders.frozenCount).toBe(0);
    expect(rowValues(thawed)).toEqual(rowValues({ ...newEntry('early', 1), eventCount: 1 }));
  });

  it('verify and rebuild, at once and in turns, agree with appending on a journal whose early orders are put away, then touched again', async () => {
    const journal = withOperators(freshJournal());
    journal.appendBatch(sampleEvents('missing-package.ndjson'), 'missing-package.ndjson');
    const filler: IncomingEvent[] = [];
    for (const event of generateEvents({ events: FREEZE_AFTER + 15_000, seed: 11 })) {
      filler.push({ event, instant: instantOf(event.timestamp) });
    }
    journal.appendBatch(filler, 'history');
    const early = filler[0]!.event.orderId;
    const untouched = filler.find((e) => e.event.orderId !== early)!.event.orderId;
    // Long after: the sample order's mistake corrected (its anomaly resolved: the flagged counts
    // change for an order a replay has frozen), and an early order changed by the office.
    correctMissingPackage(journal);
    journal.correct({ operatorId: 'sup', orderId: early, status: 'OnHold', reason: 'Held at the dock' });

    const raw = rawConnection(journal.path);
    const tables = () => ({
      orders: raw.prepare('SELECT * FROM orders ORDER BY order_id').all(),
      statuses: raw.prepare('SELECT * FROM status_counts ORDER BY status').all(),
      flagged: raw.prepare('SELECT * FROM flagged_counts ORDER BY status').all(),
      anomalies: raw.prepare('SELECT * FROM anomalies ORDER BY id').all(),
    });
    const appended = tables();
    expect(journal.verify()).toMatchObject({ ok: true });
    journal.rebuild();
    expect(tables()).toEqual(appended);
    expect(journal.verify()).toMatchObject({ ok: true });

    // In turns, the office writes between two chunks (after 32,000 events read) to an order the
    // replay has put away by then (at 30,000): the rows move, nothing is settled there, and the
    // end still agrees.
    let turn = 0;
    const officeInBetween = async () => {
      if (++turn === 8)
        journal.correct({ operatorId: 'sup', orderId: untouched, status: 'OnHold', reason: 'Held at the dock again' });
    };
    expect(await journal.verifyInTurns({ yieldTurn: officeInBetween, chunk: 4_000 })).toMatchObject({ ok: true });
    expect(turn).toBeGreaterThan(8);
    turn = 0;
    const rebuilt = await journal.rebuildInTurns({
      signal: new AbortController().signal,
      chunk: 4_000,
      yieldTurn: async () => {
        if (++turn === 8)
          journal.correct({ operatorId: 'sup', orderId: early, status: 'Packed', reason: 'Found on the bench' });
      },
    });
    expect(rebuilt.cancelled).toBe(false);
    expect(turn).toBeGreaterThan(8);
    const inTurns = tables();
    journal.rebuild();
    expect(tables()).toEqual(inTurns);
    expect(journal.verify()).toMatchObject({ ok: true });

    // Someone holding the file changes the row of an order no event touched for long: verify
    // compares it with the frozen values and names the column.
    raw.prepare('UPDATE orders SET event_count = event_count + 1 WHERE order_id = ?').run(untouched);
    expect(reopen(journal.path).verify()).toMatchObject({
      ok: false,
      problem: expect.stringMatching(new RegExp(`order ${untouched}: event_count is`)),
    });
    raw.close();
  }, 60_000);
});
