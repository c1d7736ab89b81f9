/** The events of a trace, found through the orders of each trace (migration 12) instead of an index on every event. */
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../electron/journal';
import { created, freshJournal, rawConnection, reopen, statusTo } from './helpers';

const traced = <T extends { event: { traceId?: string } }>(e: T, traceId: string): T => ({
  ...e,
  event: { ...e.event, traceId },
});

function journalWithTraces() {
  const journal = freshJournal();
  journal.appendBatch(
    [
      traced(created('o-1'), 'wave-7'),
      traced(created('o-2'), 'wave-7'),
      traced(created('o-3'), 'single'),
      traced(statusTo('o-1', 'PendingPicking'), 'wave-8'),
      traced(statusTo('o-2', 'PendingPicking'), 'wave-7'),
      statusTo('o-3', 'PendingPicking'),
    ],
    'floor',
  );
  return journal;
}

const seqsOf = (journal: ReturnType<typeof freshJournal>, traceId: string) =>
  journal.journalPage({ traceId }, undefined, 50).map((e) => [e.orderId, e.seq]);

describe('the events of a trace', () => {
  it('are every event of the trace, across its orders, newest first, and no other', () => {
    const journal = journalWithTraces();
    expect(seqsOf(journal, 'wave-7')).toEqual([
      ['o-2', 5],
      ['o-2', 2],
      ['o-1', 1],
    ]);
    expect(seqsOf(journal, 'wave-8')).toEqual([['o-1', 4]]);
    expect(seqsOf(journal, 'nothing')).toEqual([]);
    // Keyset paging within a trace.
    expect(journal.journalPage({ traceId: 'wave-7' }, 5, 1).map((e) => e.seq)).toEqual([2]);
    // A trace met again in a later batch is one row per order still.
    journal.appendBatch([traced(statusTo('o-1', 'Picked'), 'wave-7')], 'floor');
    expect(seqsOf(journal, 'wave-7').map(([, seq]) => seq)).toEqual([7, 5, 2, 1]);
    const raw = rawConnection(journal.path);
    expect(raw.prepare('SELECT trace_id, order_id FROM trace_orders ORDER BY 1, 2').raw().all()).toEqual([
      ['single', 'o-3'],
      ['wave-7', 'o-1'],
      ['wave-7', 'o-2'],
      ['wave-8', 'o-1'],
    ]);
    raw.close();
  });

  it('upgrades a version-11 journal: the trace index gives way to the orders of each trace, filled from the events', () => {
    const journal = journalWithTraces();
    const file = journal.path;
    const before = seqsOf(journal, 'wave-7');
    journal.close();
    const old = rawConnection(file);
    old.exec(`DROP TABLE trace_orders;
      CREATE INDEX events_by_trace ON events(trace_id, seq) WHERE trace_id IS NOT NULL;`);
    old.pragma('user_version = 11');
    old.close();

    const upgraded = reopen(file);
    const raw = rawConnection(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const names = raw.prepare("SELECT name FROM sqlite_schema WHERE tbl_name = 'events'").pluck().all();
    expect(names).not.toContain('events_by_trace');
    expect(raw.prepare('SELECT count(*) FROM trace_orders').pluck().get()).toBe(4);
    // Read through the orders' index, not a scan of the events.
    const plan = raw
      .prepare(
        `EXPLAIN QUERY PLAN SELECT seq FROM events WHERE order_id IN (SELECT order_id FROM trace_orders WHERE trace_id = ?)
           AND trace_id = ? ORDER BY seq DESC LIMIT 50`,
      )
      .all('wave-7', 'wave-7') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/INDEX events_by_order/);
    raw.close();
    expect(seqsOf(upgraded, 'wave-7')).toEqual(before);
    expect(upgraded.verify()).toMatchObject({ ok: true });
  });

  it('are put right by a rebuild when the orders of a trace were tampered with', () => {
    const journal = journalWithTraces();
    const before = seqsOf(journal, 'wave-7');
    const raw = rawConnection(journal.path);
    raw.exec("DELETE FROM trace_orders WHERE order_id = 'o-2'; INSERT INTO trace_orders VALUES ('wave-7', 'o-3')");
    raw.close();
    expect(seqsOf(journal, 'wave-7')).toEqual([['o-1', 1]]);
    journal.rebuild();
    expect(seqsOf(journal, 'wave-7')).toEqual(before);
    expect(seqsOf(journal, 'single')).toEqual([['o-3', 3]]);
  });
});
