/**
 * The reads that used to cost a pass over the journal when they found little: the journal
 * filtered by office event types (through their partial index), an order search that matches
 * nothing, and status + has anomalies (through the flagged orders' partial index). Each gives
 * what filtering every row by hand gives, and the planner takes the index.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { NOT_MAIN_SYSTEM } from '../../electron/journal/migrations';
import { correctedMissingPackage, created, incoming, statusTo } from './helpers';

function journalWithOffice() {
  const journal = correctedMissingPackage();
  const events = [];
  for (let i = 0; i < 40; i++) {
    const id = `R-${String(i).padStart(2, '0')}`;
    events.push(created(id, [{ sku: 'A', qty: 1 }], 'Hillside Dental'), statusTo(id, 'PendingPicking', 'TeamLead'));
    if (i % 4 === 0) events.push(statusTo(id, 'Received', 'Picker'));
  }
  journal.appendBatch(events, 'more.ndjson');
  const flagged = journal.anomalies({ open: true, limit: 100 }).filter((a) => a.orderId.startsWith('R-'));
  for (const a of flagged.slice(0, 3)) {
    journal.dismiss({
      operatorId: 'sup',
      orderId: a.orderId,
      dismissesEventId: a.eventId,
      reason: 'A false alarm, checked',
    });
  }
  journal.appendBatch([incoming('R-01', 'CustomerNotified', { channel: 'email' })], 'late');
  return journal;
}

describe('rare reads', () => {
  it('the journal filtered by office types gives every such event, newest first, from any position', () => {
    const journal = journalWithOffice();
    const all = journal.journalPage({}, undefined, 10_000);
    for (const types of [['StatusCorrected'], ['AnomalyDismissed'], ['StatusCorrected', 'AnomalyDismissed']] as const) {
      const want = all.filter((e) => (types as readonly string[]).includes(e.type));
      expect(want.length).toBeGreaterThan(0);
      expect(journal.journalPage({ types: [...types] }, undefined, 200)).toEqual(want);
      const before = want[want.length - 1]!.seq + 1;
      expect(journal.journalPage({ types: [...types] }, before, 200)).toEqual(want.filter((e) => e.seq < before));
      // A mix with a main-system type is answered too (by the scan, which finds them quickly).
      const mixed = all.filter((e) => e.type === 'OrderCreated' || (types as readonly string[]).includes(e.type));
      expect(journal.journalPage({ types: [...types, 'OrderCreated'] }, undefined, 200)).toEqual(mixed);
    }
    const db = new Database(journal.path, { readonly: true });
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT seq FROM events WHERE type IN (SELECT value FROM json_each(?)) AND ${NOT_MAIN_SYSTEM} AND seq < ? ORDER BY seq DESC LIMIT 200`,
      )
      .all('["StatusCorrected"]', 100) as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX events_office/);
    db.close();
  });

  it('an order search matching nothing finds nothing, counts nothing and shows no chips', () => {
    const journal = journalWithOffice();
    expect(journal.orders({ search: 'zqxjvw' })).toEqual([]);
    expect(journal.countOrders({ search: 'zqxjvw' })).toBe(0);
    expect(journal.statusCountsOf({ search: 'zqxjvw' })).toEqual({});
    // A match is still found, counted and sorted as before.
    const hillside = journal.orders({ search: 'Hillside', limit: 1000 });
    expect(hillside.map((o) => o.orderId)).toEqual(
      journal
        .orders({ limit: 1000 })
        .filter((o) => o.customer === 'Hillside Dental')
        .map((o) => o.orderId),
    );
    expect(journal.countOrders({ search: 'Hillside' })).toBe(hillside.length);
  });

  it('status + has anomalies gives the flagged orders of that status, from their partial index', () => {
    const journal = journalWithOffice();
    const all = journal.orders({ limit: 1000 });
    for (const status of Object.keys(journal.statusCounts())) {
      const want = all.filter((o) => o.status === status && o.openAnomalies > 0);
      expect(journal.orders({ status, withAnomalies: true, limit: 1000 })).toEqual(want);
      expect(journal.countOrders({ status, withAnomalies: true })).toBe(want.length);
    }
    // The chips: the flagged orders per status (kept as counts), as counting them gives.
    const chips: Record<string, number> = {};
    for (const o of all) if (o.openAnomalies > 0 && o.status !== null) chips[o.status] = (chips[o.status] ?? 0) + 1;
    expect(journal.statusCountsOf({ withAnomalies: true })).toEqual(chips);
    expect(Object.keys(chips).length).toBeGreaterThan(0);
    const db = new Database(journal.path, { readonly: true });
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT order_id FROM orders WHERE status = ? AND open_anomalies > 0 ORDER BY order_id LIMIT 200',
      )
      .all('Received') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/orders_flagged_by_status/);
    db.close();
  });
});
