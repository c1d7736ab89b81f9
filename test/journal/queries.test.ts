/** Reading: keyset paging of the journal, orders and anomalies, and every filter. */
import { describe, expect, it } from 'vitest';
import type { Journal } from '../../electron/journal';
import { created, freshJournal, incoming, statusTo } from './helpers';

/** 30 orders: each created, set to PendingPicking; every third one set back from PendingPicking to Received (flagged). */
function warehouse(): Journal {
  const journal = freshJournal();
  const events = [];
  for (let i = 0; i < 30; i++) {
    const id = `O-${String(i).padStart(2, '0')}`;
    const c = created(id, [{ sku: 'A', qty: 1 }], i % 2 === 0 ? 'Hillside Dental' : 'Bay Street Vet');
    c.event.traceId = `trace-${id}`;
    events.push(c, statusTo(id, 'PendingPicking', 'TeamLead'));
    if (i % 3 === 0) events.push(statusTo(id, 'Received', 'Picker'));
  }
  journal.appendBatch(events, 'warehouse.ndjson');
  return journal;
}

describe('journalPage', () => {
  it('pages newest first by seq, without gaps or repeats', () => {
    const journal = warehouse();
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = journal.journalPage({}, before, 7);
      if (page.length === 0) break;
      seen.push(...page.map((e) => e.seq));
      before = page.at(-1)!.seq;
    }
    expect(seen).toEqual(Array.from({ length: 70 }, (_, i) => 70 - i));
  });

  it.each([
    [
      'types',
      { types: ['OrderCreated' as const] },
      (j: Journal) => j.journalPage({}, undefined, 100).filter((e) => e.type === 'OrderCreated'),
    ],
    [
      'initiatorId',
      { initiatorId: 'picker' },
      (j: Journal) => j.journalPage({}, undefined, 100).filter((e) => e.initiatedBy.id === 'picker'),
    ],
    ['orderId', { orderId: 'O-03' }, (j: Journal) => j.history('O-03').reverse()],
    ['traceId', { traceId: 'trace-O-04' }, (j: Journal) => j.history('O-04').filter((e) => e.type === 'OrderCreated')],
    [
      'flaggedOnly',
      { flaggedOnly: true },
      (j: Journal) => j.journalPage({}, undefined, 100).filter((e) => e.anomalies.length > 0),
    ],
  ])('filters by %s', (_name, filter, expected) => {
    const journal = warehouse();
    const want = expected(journal);
    expect(want.length).toBeGreaterThan(0);
    expect(journal.journalPage(filter, undefined, 100)).toEqual(want);
    // The keyset still applies under a filter.
    const second = journal.journalPage(filter, want[0]!.seq, 100);
    expect(second).toEqual(want.slice(1));
  });

  it('filters by time as instants, whatever the offset', () => {
    const journal = freshJournal();
    const a = incoming('1', 'OrderCreated', { lines: [{ sku: 'A', qty: 1 }] }, 'System', {
      timestamp: '2026-11-26T09:00:00-05:00',
    });
    const b = incoming('1', 'StatusChanged', { status: 'PendingPicking' }, 'System', {
      timestamp: '2026-11-26T15:30:00+01:00',
    });
    journal.appendBatch([a, b], 'x');
    // 14:00Z..14:30Z holds the first event (14:00Z) and the second (14:30Z).
    expect(journal.journalPage({ from: '2026-11-26T14:00:00Z' }, undefined, 10).map((e) => e.seq)).toEqual([2, 1]);
    expect(journal.journalPage({ from: '2026-11-26T14:00:01Z' }, undefined, 10).map((e) => e.seq)).toEqual([2]);
    expect(journal.journalPage({ to: '2026-11-26T09:29:59-05:00' }, undefined, 10).map((e) => e.seq)).toEqual([1]);
    expect(() => journal.journalPage({ from: 'yesterday' }, undefined, 10)).toThrow(
      /journal filter "from": "yesterday"/,
    );
  });

  it('streams events in seq order between two seqs', () => {
    const journal = warehouse();
    expect([...journal.iterateEvents()].map((e) => e.seq)).toEqual(Array.from({ length: 70 }, (_, i) => i + 1));
    expect([...journal.iterateEvents(60, 65)].map((e) => e.seq)).toEqual([61, 62, 63, 64, 65]);
    const flagged = [...journal.iterateEvents()].filter((e) => e.anomalies.length > 0);
    expect(flagged).toHaveLength(10);
  });
});

describe('orders', () => {
  it('pages by order id and filters by status, anomalies and search', () => {
    const journal = warehouse();
    const all: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = journal.orders({ afterOrderId: after, limit: 8 });
      if (page.length === 0) break;
      all.push(...page.map((o) => o.orderId));
      after = page.at(-1)!.orderId;
    }
    expect(all).toEqual(Array.from({ length: 30 }, (_, i) => `O-${String(i).padStart(2, '0')}`));

    const received = journal.orders({ status: 'Received' }).map((o) => o.orderId);
    expect(received).toEqual(['O-00', 'O-03', 'O-06', 'O-09', 'O-12', 'O-15', 'O-18', 'O-21', 'O-24', 'O-27']);
    expect(journal.orders({ withAnomalies: true }).map((o) => o.orderId)).toEqual(received);
    expect(journal.countOrders({ status: 'Received' })).toBe(10);
    expect(journal.countOrders({ withAnomalies: true, search: 'bay street' })).toBe(5);
    expect(journal.orders({ search: 'O-1' })).toHaveLength(10);
    expect(journal.orders({ search: 'hillside' })).toHaveLength(15);
    expect(journal.orders({ search: '%' })).toHaveLength(0);
    expect(journal.countOrders()).toBe(30);
    expect(journal.statusCounts()).toEqual({ PendingPicking: 20, Received: 10 });
    expect(journal.eventCount()).toBe(70);
  });
});

describe('anomalies', () => {
  it('lists newest first, keyset by id, with filters', () => {
    const journal = warehouse();
    const all = journal.anomalies();
    expect(all).toHaveLength(10);
    expect(all.map((a) => a.id)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(all[0]).toMatchObject({
      orderId: 'O-27',
      kind: 'illegal-transition',
      severity: 'error',
      open: true,
      type: 'StatusChanged',
    });
    expect(journal.anomalies({ beforeId: 4 }).map((a) => a.id)).toEqual([3, 2, 1]);
    expect(journal.anomalies({ orderId: 'O-03' }).map((a) => a.orderId)).toEqual(['O-03']);
    expect(journal.anomalies({ kind: 'over-pick' })).toEqual([]);
    expect(journal.anomalies({ severity: 'warning' })).toEqual([]);
    expect(journal.anomalies({ open: false })).toEqual([]);
    expect(journal.anomalies({ limit: 2 }).map((a) => a.id)).toEqual([10, 9]);
  });

  it('refuses a limit that is not a positive whole number', () => {
    const journal = warehouse();
    expect(() => journal.anomalies({ limit: 0 })).toThrow(/limit must be a whole number of at least 1/);
  });
});
