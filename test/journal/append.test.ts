/** Recording events: the samples' outcomes, duplicates and conflicts, ids stored verbatim, one transaction per batch. */
import { describe, expect, it } from 'vitest';
import { created, freshJournal, incoming, rawConnection, sampleEvents, statusTo } from './helpers';

describe('appendBatch', () => {
  it('flags the night of the missing package, shipping what was never picked, and nothing on the held order', () => {
    const journal = freshJournal();
    const outcome = journal.appendBatch(sampleEvents('missing-package.ndjson'), 'missing-package.ndjson');
    expect(outcome).toMatchObject({ accepted: 23, duplicates: 0, conflicts: [], lastSeq: 23 });

    const missing = journal.history('1345693');
    expect(missing).toHaveLength(8);
    const flagged = missing.filter((e) => e.anomalies.length > 0);
    expect(flagged.map((e) => e.eventId)).toEqual(['s-1345693-08']);
    expect(flagged[0]!.anomalies).toEqual([
      expect.objectContaining({ kind: 'illegal-transition', severity: 'error', open: true, resolvedBySeq: null }),
    ]);
    expect(flagged[0]!.anomalies[0]!.message).toContain('Packed → PendingPicking');

    const shipped = journal.history('1345701').filter((e) => e.anomalies.length > 0);
    expect(shipped.map((e) => [e.eventId, e.anomalies.map((a) => a.kind)])).toEqual([
      ['s-1345701-05', ['illegal-transition']],
    ]);
    expect(journal.history('1345702').every((e) => e.anomalies.length === 0)).toBe(true);

    expect(journal.order('1345693')).toMatchObject({
      status: 'PendingPicking',
      lastSeq: 8,
      eventCount: 8,
      openAnomalies: 1,
      customer: 'Hillside Dental',
      picked: { 'GLV-200': 3, 'MSK-50': 1 },
      created: true,
      lastEventAt: '2026-11-26T20:34:11-05:00',
    });
    expect(journal.order('1345702')).toMatchObject({
      status: 'Shipped',
      openAnomalies: 0,
      beforeHold: 'PendingPicking',
    });
    expect(journal.statusCounts()).toEqual({ PendingPicking: 1, Shipped: 2 });
    expect(outcome.newErrorCount).toBe(2);
    expect(outcome.newErrors.map((a) => a.eventId)).toEqual(['s-1345693-08', 's-1345701-05']);
    expect(outcome.touchedOrders).toEqual(['1345693', '1345701', '1345702']);
  });

  it('counts the same file imported twice as duplicates and changes nothing', () => {
    const journal = freshJournal();
    const events = sampleEvents('missing-package.ndjson');
    journal.appendBatch(events, 'a.ndjson');
    const before = journal.journalPage({}, undefined, 100);
    const again = journal.appendBatch(events, 'a.ndjson');
    expect(again).toMatchObject({ accepted: 0, duplicates: 23, conflicts: [], anomalies: 0, lastSeq: 23 });
    expect(journal.journalPage({}, undefined, 100)).toEqual(before);
  });

  it('treats the same event from a differently ordered object as a duplicate, not a conflict', () => {
    const journal = freshJournal();
    const first = created('1');
    journal.appendBatch([first], 'a');
    const e = first.event;
    const reordered = {
      ...first,
      event: {
        data: { lines: [{ qty: 2, sku: 'A' }], customer: 'Hillside Dental' },
        timestamp: e.timestamp,
        initiatedBy: { role: e.initiatedBy.role, name: e.initiatedBy.name, id: e.initiatedBy.id },
        orderId: e.orderId,
        type: e.type,
        eventId: e.eventId,
      },
    };
    expect(journal.appendBatch([reordered], 'b')).toMatchObject({ accepted: 0, duplicates: 1, conflicts: [] });
  });

  it('rejects the same eventId with different content as a conflict, with line and reason, and keeps it as a rejected line', () => {
    const journal = freshJournal();
    const first = created('1');
    journal.appendBatch([statusTo('0', 'Picking'), first], 'a');
    const changed = { ...first, line: 42, event: { ...first.event, data: { lines: [{ sku: 'B', qty: 9 }] } } };
    const outcome = journal.appendBatch([changed], 'b.ndjson');
    expect(outcome.accepted).toBe(0);
    expect(outcome.conflicts).toEqual([
      {
        line: 42,
        eventId: first.event.eventId,
        reason: `eventId "${first.event.eventId}" is already recorded (seq 2) with different content`,
      },
    ]);
    const rejected = journal.rejectedLines();
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ file: 'b.ndjson', line: 42, reason: outcome.conflicts[0]!.reason });
    expect(JSON.parse(rejected[0]!.raw)).toMatchObject({ eventId: first.event.eventId });
  });

  it('stores the source, the time of recording and the rule set of a large batch as given, whatever their characters', () => {
    const journal = freshJournal();
    // An import's batch has them written into its INSERT: quotes and SQL in a file's name stay text.
    const sources = ['O\'Brien’s "night" file\'); DROP TABLE events; --.ndjson', 'nul\u0000in the name.ndjson'];
    for (const [n, source] of sources.entries()) {
      const events = Array.from({ length: 70 }, (_, i) => created(`o-${n}-${i}`));
      expect(journal.appendBatch([...events, events[3]!], source)).toMatchObject({ accepted: 70, duplicates: 1 });
    }
    const raw = rawConnection(journal.path);
    const rows = raw
      .prepare('SELECT source, recorded_at, rule_set, count(*) AS n FROM events GROUP BY 1, 2, 3 ORDER BY min(seq)')
      .all() as { source: string; recorded_at: string; rule_set: string; n: number }[];
    raw.close();
    expect(rows.map((r) => [r.source, r.n])).toEqual(sources.map((s) => [s, 70]));
    for (const r of rows) {
      expect(r.recorded_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(r.rule_set).toBe(journal.activeRuleSet().key);
    }
    expect(journal.verify()).toMatchObject({ ok: true });
  });

  it('detects a duplicate inside one batch', () => {
    const journal = freshJournal();
    const e = created('1');
    expect(journal.appendBatch([e, e], 'a')).toMatchObject({ accepted: 1, duplicates: 1 });
  });

  it('stores the importer’s rejected lines in the same transaction, and marks them fixed', () => {
    const journal = freshJournal();
    journal.appendBatch([created('1')], 'f.ndjson', [
      { file: 'f.ndjson', line: 2, reason: 'missing field "eventId"', raw: '{"type":"StatusChanged"}' },
      { file: 'f.ndjson', line: 5, reason: 'unknown role "Janitor"', raw: '{…}' },
    ]);
    const lines = journal.rejectedLines({ file: 'f.ndjson' });
    expect(lines.map((l) => [l.line, l.reason])).toEqual([
      [2, 'missing field "eventId"'],
      [5, 'unknown role "Janitor"'],
    ]);
    journal.markRejectedFixed(lines[0]!.id, 1);
    expect(journal.rejectedLines({ file: 'f.ndjson' }).map((l) => l.line)).toEqual([5]);
    expect(journal.rejectedLines({ file: 'f.ndjson', includeFixed: true })).toHaveLength(2);
    expect(() => journal.markRejectedFixed(lines[1]!.id, 99)).toThrow(/no event at seq 99/);
  });

  it('leaves nothing behind when a batch fails half-way', () => {
    const journal = freshJournal();
    journal.appendBatch([created('1')], 'a');
    const broken = incoming('2', 'OrderCreated', { lines: [{ sku: 'A', qty: 1 }] });
    // An event without an instant is refused in the middle of the batch.
    const bad = { ...incoming('3', 'StatusChanged', { status: 'Picking' }), instant: Number.NaN };
    expect(() => journal.appendBatch([broken, bad], 'b', [{ file: 'b', line: 1, reason: 'x', raw: 'y' }])).toThrow(
      /"t-[0-9]+" \(line [0-9]+\) has no instant/,
    );
    expect(journal.lastSeq()).toBe(1);
    expect(journal.order('2')).toBeUndefined();
    expect(journal.rejectedLines()).toEqual([]);
    expect(journal.verify().ok).toBe(true);
  });

  it.each([
    ["'; DROP TABLE events; --", "Robert'); DELETE FROM orders; --"],
    ['Bestellung-Ä-東京', 'Müller & Söhne 株式会社'],
    ['order with "quotes" and \\ backslash', '%_ wildcard customer'],
  ])('stores order id %j and customer %j verbatim', (orderId, customer) => {
    const journal = freshJournal();
    const c = created(orderId, [{ sku: 'SKU-ß', qty: 1 }], customer);
    c.event.eventId = `${orderId}#1`;
    c.event.traceId = `trace ${orderId}`;
    journal.appendBatch([c, statusTo(orderId, 'PendingPicking')], 'a');
    expect(journal.order(orderId)).toMatchObject({ orderId, customer, status: 'PendingPicking' });
    expect(journal.history(orderId).map((e) => e.orderId)).toEqual([orderId, orderId]);
    expect(journal.event({ eventId: `${orderId}#1` })).toMatchObject({ orderId, traceId: `trace ${orderId}` });
    expect(journal.journalPage({ traceId: `trace ${orderId}` }, undefined, 10)).toHaveLength(1);
    expect(journal.orders({ search: orderId.slice(0, 5) }).map((o) => o.orderId)).toEqual([orderId]);
    expect(journal.orders({ search: customer.slice(0, 4) }).map((o) => o.orderId)).toEqual([orderId]);
    expect(journal.verify()).toMatchObject({ ok: true, events: 2 });
  });

  it('records an event of an unknown order with its warning and still sets its status', () => {
    const journal = freshJournal();
    const outcome = journal.appendBatch([statusTo('9', 'Picking')], 'a');
    expect(outcome.anomalies).toBe(1);
    expect(outcome.newErrorCount).toBe(0);
    expect(journal.order('9')).toMatchObject({ status: 'Picking', created: false, openAnomalies: 1 });
    expect(journal.anomalies()).toEqual([
      expect.objectContaining({ kind: 'unknown-order', severity: 'warning', orderId: '9' }),
    ]);
  });
});
