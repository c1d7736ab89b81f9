/** The hash chain, the append-only triggers, verify and rebuild. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/events/canonical';
import { GENESIS_HASH } from '../../electron/journal';
import { correctedMissingPackage, created, freshJournal, rawConnection } from './helpers';

const recorded = correctedMissingPackage;

describe('the hash chain', () => {
  it('starts at the genesis value and links every event to its predecessor', () => {
    const journal = recorded();
    expect(journal.chainHash(0)).toBe(GENESIS_HASH);
    const first = journal.event({ seq: 1 })!;
    const expected = createHash('sha256')
      .update(GENESIS_HASH)
      .update(
        canonicalJson({
          seq: 1,
          eventId: first.eventId,
          type: first.type,
          orderId: first.orderId,
          traceId: first.traceId,
          initiatedBy: first.initiatedBy,
          timestamp: first.timestamp,
          data: first.data,
          recordedAt: first.recordedAt,
          source: first.source,
          ruleSet: first.ruleSetId,
        }),
      )
      .digest('hex');
    expect(journal.chainHash(1)).toBe(expected);
    expect(journal.chainHash(24)).toMatch(/^[0-9a-f]{64}$/);
    expect(() => journal.chainHash(25)).toThrow(/no event at seq 25/);
    // A stretch at once, as an export reads them: the same hashes, and none missing.
    expect(journal.chainHashes(3, 24)).toEqual(Array.from({ length: 22 }, (_, i) => journal.chainHash(3 + i)));
    expect(() => journal.chainHashes(20, 25)).toThrow(/no events at every seq from 20 to 25/);
    expect(first.ruleSetId).toBe('floor-rules@2');
  });

  it('verifies a journal written through the API', () => {
    const journal = recorded();
    const progress: number[] = [];
    expect(journal.verify((done) => progress.push(done))).toEqual({
      ok: true,
      events: 24,
      firstBadSeq: null,
      problem: null,
    });
    expect(progress.at(-1)).toBe(24);
  });

  it('verifies an empty journal', () => {
    expect(freshJournal().verify()).toEqual({ ok: true, events: 0, firstBadSeq: null, problem: null });
  });
});

describe('append-only', () => {
  it.each([
    [
      'UPDATE events SET data = \'{"status":"Packed"}\' WHERE seq = 8',
      /append-only: a recorded event is never changed/,
    ],
    ['DELETE FROM events WHERE seq = 8', /append-only: a recorded event is never deleted/],
    ['DELETE FROM events', /append-only/],
  ])('refuses %s', (sql, message) => {
    const journal = recorded();
    const db = rawConnection(journal.path);
    try {
      expect(() => db.exec(sql)).toThrow(message);
    } finally {
      db.close();
    }
    expect(journal.verify().ok).toBe(true);
  });
});

describe('verify finds', () => {
  const tampering: [string, string, number, RegExp][] = [
    ['a changed status', `UPDATE events SET data = '{"status":"Packed"}' WHERE seq = 8`, 8, /hash does not match/],
    ['a changed initiator', `UPDATE events SET initiator_role = 'Supervisor' WHERE seq = 8`, 8, /hash does not match/],
    ['a changed instant', `UPDATE events SET instant = instant + 1 WHERE seq = 3`, 3, /instant/],
    ['a deleted event', `DELETE FROM events WHERE seq = 5`, 5, /seq 5 is missing/],
    ['a rewritten hash', `UPDATE events SET hash = '${'a'.repeat(64)}' WHERE seq = 10`, 10, /hash does not match/],
    ['broken JSON', `UPDATE events SET data = '{' WHERE seq = 2`, 2, /not valid JSON/],
    [
      'data rewritten to parse the same',
      `UPDATE events SET data = ' ' || data WHERE seq = 4`,
      4,
      /hash does not match/,
    ],
    [
      'a changed projection',
      `UPDATE orders SET status = 'Shipped' WHERE order_id = '1345693'`,
      24,
      /orders projection.*status/,
    ],
    ['a forgotten anomaly', `DELETE FROM anomalies WHERE seq = 13`, 13, /no such anomaly|disagree/],
    [
      'an extra anomaly',
      `INSERT INTO anomalies(seq, order_id, kind, severity, message) VALUES (1, '1345693', 'over-pick', 'warning', 'x')`,
      1,
      /replay does not flag/,
    ],
    ['a wrong count', `UPDATE status_counts SET count = 7 WHERE status = 'Shipped'`, -1, /status counts/],
  ];
  it.each(tampering)('%s', async (_what, sql, seq, problem) => {
    const journal = recorded();
    const db = rawConnection(journal.path);
    try {
      db.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;');
      db.exec(sql);
    } finally {
      db.close();
    }
    const report = journal.verify();
    expect(report.ok).toBe(false);
    if (seq >= 0) expect(report.firstBadSeq).toBe(seq);
    expect(report.problem).toMatch(problem);
    // In turns of three events, the same finding.
    expect(await journal.verifyInTurns({ yieldTurn: async () => {}, chunk: 3 })).toEqual(report);
  });
});

describe('verify in turns', () => {
  it('checks chunk by chunk with turns between, and takes in what was recorded meanwhile', async () => {
    const journal = recorded();
    const before = journal.lastSeq();
    const seen: number[] = [];
    let turns = 0;
    const report = await journal.verifyInTurns({
      chunk: 4,
      onProgress: (done) => seen.push(done),
      yieldTurn: async () => {
        turns += 1;
        // Work of other windows between two chunks: an import and a correction.
        if (turns === 2) journal.appendBatch([created('9000001')], 'meanwhile.ndjson');
        if (turns === 3) {
          const order = journal.order('9000001')!;
          journal.correct({
            operatorId: 'sup',
            orderId: '9000001',
            status: 'OnHold',
            reason: 'Held while the address is checked',
            expectedSeq: order.lastSeq,
          });
        }
      },
    });
    expect(report).toEqual({ ok: true, events: before + 2, firstBadSeq: null, problem: null });
    expect(turns).toBeGreaterThan(3);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen[0]).toBe(4);
    expect(journal.verify()).toEqual(report);
  });
});

describe('rebuild', () => {
  it('recomputes identical projections from the events alone, even after they were damaged', () => {
    const journal = recorded();
    const snapshot = () => ({
      orders: journal.orders({ limit: 1000 }),
      anomalies: journal.anomalies({ limit: 1000 }),
      counts: journal.statusCounts(),
    });
    const before = snapshot();
    const db = rawConnection(journal.path);
    db.exec("UPDATE orders SET status = 'Shipped'; DELETE FROM anomalies WHERE id = 1; DELETE FROM status_counts;");
    db.close();
    expect(journal.verify().ok).toBe(false);
    const progress: number[] = [];
    journal.rebuild((done) => progress.push(done));
    expect(snapshot()).toEqual(before);
    expect(journal.verify().ok).toBe(true);
    expect(progress.at(-1)).toBe(24);
  });
});
