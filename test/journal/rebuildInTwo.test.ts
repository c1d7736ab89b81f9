/**
 * The rebuild at once in two threads (electron/journal/rebuildInTwo.ts): each thread folds the
 * orders of one part, and what the two read, merged, is written. It must write exactly what one
 * thread reading everything writes, table by table, whatever the history; and where it cannot
 * (an event resolving anomalies of another part's order), one thread does it all.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Journal } from '../../electron/journal';
import { eventKey, GENERATION_SIZE } from '../../electron/journal/eventKey';
import { FilterBuilder, type KeyFilter, PartFilters } from '../../electron/journal/keyFilter';
import type { OtherPart } from '../../electron/journal/partThread';
import { readPart, rebuildAtOnce, rebuildInParts, type RebuildThreadAnswer } from '../../electron/journal/rebuildInTwo';
import { PART_OF_ORDER, partOfOrder } from '../../electron/journal/rebuildParts';
import type { RuleSetStore } from '../../electron/journal/ruleSets';
import { inTransactionOn, rawConnection, statusTo, tempDir } from './helpers';
import { journalWithSupervisor, play, step } from './histories';

/** Every table a rebuild writes, as rows, in a fixed order. */
function projectionTables(file: string) {
  const db = rawConnection(file);
  try {
    const all = (sql: string) => db.prepare(sql).raw().all() as unknown[][];
    return {
      orders: all('SELECT * FROM orders ORDER BY order_id'),
      anomalies: all('SELECT * FROM anomalies ORDER BY id'),
      statusCounts: all('SELECT * FROM status_counts ORDER BY status'),
      flaggedCounts: all('SELECT * FROM flagged_counts ORDER BY status'),
      hours: all('SELECT * FROM event_hours ORDER BY hour'),
      open: all('SELECT * FROM open_anomaly_counts ORDER BY kind, severity, initiator_id, initiator_name'),
      traces: all('SELECT * FROM trace_orders ORDER BY trace_id, order_id'),
      keyFilters: all('SELECT * FROM key_filters ORDER BY generation'),
    };
  } finally {
    db.close();
  }
}

/** What a caller may not do, done to the projections, so that a rebuild has something to put right. */
function damageProjections(file: string): void {
  const db = rawConnection(file);
  db.exec(
    "UPDATE orders SET status = 'Shipped', open_anomalies = 9; DELETE FROM anomalies WHERE id % 2 = 1; DELETE FROM status_counts; DELETE FROM event_hours; DELETE FROM trace_orders;",
  );
  db.close();
}

/** Part 1 read on the same connection, its answer passed through a structured clone as a thread's would be. */
function partOneHere(db: Database.Database, ruleSets: RuleSetStore, total: number): OtherPart<RebuildThreadAnswer> {
  return {
    answer: () => structuredClone(readPart(db, ruleSets, 1, total)),
    abandon: () => undefined,
  };
}

/** The rebuild in two parts on a connection of the test's own (the parts in one thread). */
function rebuildInPartsHere(file: string): ReturnType<typeof rebuildInParts> {
  return inTransactionOn(file, (db, ruleSets, total) =>
    rebuildInParts(db, ruleSets, total, partOneHere(db, ruleSets, total)),
  );
}

const oneThread = (journal: Journal) => journal.rebuild(undefined, { twoThreadsFrom: Number.POSITIVE_INFINITY });

/**
 * A journal file with a random history of `length` steps (the same for a seed), rebuilt by one
 * thread: its tables then, and the projections damaged after, for a rebuild to put right.
 */
function damagedHistory(seed: number, length: number) {
  const file = path.join(tempDir(), 'journal.sqlite');
  const journal = journalWithSupervisor(file);
  const [steps] = fc.sample(fc.array(step, { minLength: length, maxLength: length }), { numRuns: 1, seed });
  play(journal, steps!);
  oneThread(journal);
  const whole = projectionTables(file);
  damageProjections(file);
  return { file, journal, whole };
}

describe('a rebuild in two parts', () => {
  it('writes table for table what one thread writes, for any history of imports, corrections, dismissals and rule changes', () => {
    const dir = tempDir();
    let run = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const file = path.join(dir, `journal-${(run += 1)}.sqlite`);
        const journal = journalWithSupervisor(file);
        try {
          play(journal, steps);
          expect(oneThread(journal)).toMatchObject({ threads: 1 });
          const whole = projectionTables(file);
          damageProjections(file);
          // The office writes corrections and dismissals of its own order's events only: no history here needs one thread.
          expect(rebuildInPartsHere(file)).toEqual({ threads: 2 });
          expect(projectionTables(file)).toEqual(whole);
          expect(journal.verify()).toMatchObject({ ok: true });
        } finally {
          journal.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('splits the orders between the parts by the last character of their id, in SQL as in JavaScript', () => {
    const db = rawConnection(path.join(tempDir(), 'parts.sqlite'));
    const inSql = db.prepare(`SELECT ${PART_OF_ORDER} FROM (SELECT ? AS order_id)`).pluck();
    try {
      // Any text SQLite can hold (no lone surrogates: stored as UTF-8, they would not come back as they were).
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme', maxLength: 12 }), (orderId) => {
          expect(partOfOrder(orderId)).toBe(inSql.get(orderId));
        }),
        { numRuns: 500 },
      );
      expect(['', '1', '2', '1345693', '1345701', 'ORD-😀', 'é'].map(partOfOrder)).toEqual(
        ['', '1', '2', '1345693', '1345701', 'ORD-😀', 'é'].map((id) => inSql.get(id)),
      );
      // Both parts get orders of a warehouse's numbering.
      expect(new Set(['1345693', '1345694'].map(partOfOrder))).toEqual(new Set([0, 1]));
    } finally {
      db.close();
    }
  });

  it("merges the parts' key filters into what one read of every key makes, finished generations only", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 * GENERATION_SIZE + 500 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        (last, seed) => {
          let x = seed;
          const keyOf = () => (x = (x * 1_103_515_245 + 12_345) % 2 ** 31) * 65_536 + (x % 65_536);
          const whole = new Map<number, KeyFilter>();
          const builder = new FilterBuilder((generation, filter) => whole.set(generation, filter));
          const parts = [new PartFilters(), new PartFilters()];
          for (let seq = 1; seq <= last; seq++) {
            const key = keyOf();
            builder.add(seq, key);
            parts[key % 3 === 0 ? 0 : 1]!.add(seq, key);
          }
          const [ours, theirs] = parts as [PartFilters, PartFilters];
          ours.merge(
            structuredClone([...theirs.filters].map(([g, f]) => [g, f.words()] as [number, Uint32Array])),
            theirs.finished,
          );
          const merged = ours.finishedFilters();
          expect([...merged.keys()].sort()).toEqual([...whole.keys()].sort());
          for (const [generation, filter] of whole) expect(merged.get(generation)!.equals(filter)).toBe(true);
        },
      ),
      { numRuns: 8 },
    );
  });

  it('reads in a real second thread, writing what one thread writes', () => {
    const { file, journal, whole } = damagedHistory(17, 600);
    try {
      expect(journal.rebuild(undefined, { twoThreadsFrom: 0 })).toEqual({ threads: 2 });
      expect(projectionTables(file)).toEqual(whole);
      expect(journal.verify()).toMatchObject({ ok: true });
    } finally {
      journal.close();
    }
  });

  it("is done in one thread when an event resolves anomalies of another part's order, with the same tables", () => {
    const file = path.join(tempDir(), 'journal.sqlite');
    const journal = journalWithSupervisor(file);
    try {
      // Order 1 (part 1) is flagged: it changes status before it was created.
      journal.appendBatch([statusTo('1', 'Picking'), statusTo('2', 'Picking')], 'floor');
      const flagged = journal.anomalies({ open: true, limit: 10 }).find((a) => a.orderId === '1')!;
      expect(partOfOrder('1')).not.toBe(partOfOrder('2'));
      // A correction of order 2 naming order 1's event: no office writes that (decide refuses it);
      // someone holding the file could.
      const db = rawConnection(file);
      const last = db.prepare('SELECT * FROM events ORDER BY seq DESC LIMIT 1').get() as Record<string, unknown>;
      const eventId = 'hand-written-correction';
      db.prepare(
        `INSERT INTO events(seq, event_id, type, order_id, trace_id, initiator_id, initiator_name, initiator_role,
           timestamp, instant, data, recorded_at, source, rule_set, hash, prev_hash, event_key)
         VALUES (@seq, @eventId, 'StatusCorrected', '2', NULL, 'sup', 'Sue', 'Supervisor', @timestamp, @instant,
           @data, @recordedAt, 'office', @ruleSet, @hash, @prevHash, @key)`,
      ).run({
        seq: (last.seq as number) + 1,
        eventId,
        timestamp: last.timestamp,
        instant: last.instant,
        data: JSON.stringify({ correctsEventId: flagged.eventId, reason: 'Written by hand', status: 'Picked' }),
        recordedAt: last.recorded_at,
        ruleSet: last.rule_set,
        hash: 'f'.repeat(64),
        prevHash: last.hash,
        key: eventKey(eventId),
      });
      db.close();

      oneThread(journal);
      const whole = projectionTables(file);
      expect(whole.anomalies.some((a) => a[6] !== null)).toBe(true);
      damageProjections(file);
      expect(journal.rebuild(undefined, { twoThreadsFrom: 0 })).toEqual({
        threads: 1,
        why: expect.stringMatching(/resolves anomalies of another order's event/),
      });
      expect(projectionTables(file)).toEqual(whole);
      // In the parts of one thread too.
      damageProjections(file);
      expect(rebuildInPartsHere(file)).toMatchObject({ threads: 1 });
      expect(projectionTables(file)).toEqual(whole);
    } finally {
      journal.close();
    }
  });

  it('is done in one thread when the other part was read from another file than this journal', () => {
    const { file, journal, whole } = damagedHistory(5, 80);
    try {
      const outcome = inTransactionOn(file, (db, ruleSets, total) => {
        const elsewhere: OtherPart<RebuildThreadAnswer> = {
          answer: () => {
            const answer = readPart(db, ruleSets, 1, total);
            // As a file put in the journal's place between the two opens would answer.
            if ('outcome' in answer) answer.outcome.head = 'f'.repeat(64);
            return answer;
          },
          abandon: () => undefined,
        };
        return rebuildInParts(db, ruleSets, total, elsewhere);
      });
      expect(outcome).toEqual({ threads: 1, why: expect.stringMatching(/read another journal/) });
      expect(projectionTables(file)).toEqual(whole);
    } finally {
      journal.close();
    }
  });

  it("is done in one thread, not waited for, when the thread's file cannot even be loaded", () => {
    const { file, journal, whole } = damagedHistory(9, 80);
    try {
      // A broken build: the module throws as it loads, before any of its own code can answer.
      const threadDir = tempDir();
      fs.writeFileSync(path.join(threadDir, 'rebuildWorker.js'), "throw new Error('a broken build');\n");
      const atOnce = (dir: string) =>
        inTransactionOn(file, (db, ruleSets) => rebuildAtOnce(db, ruleSets, { twoThreadsFrom: 0, threadDir: dir }));
      expect(atOnce(threadDir)).toEqual({
        threads: 1,
        why: expect.stringMatching(/did not start: a broken build/),
      });
      expect(projectionTables(file)).toEqual(whole);
      // And no file at all.
      expect(atOnce(tempDir())).toMatchObject({
        threads: 1,
        why: expect.stringMatching(/^no thread: cannot find the rebuildWorker thread's code/),
      });
    } finally {
      journal.close();
    }
  });

  it('is done in one thread for a small journal, or one in memory', () => {
    const small = journalWithSupervisor(path.join(tempDir(), 'journal.sqlite'));
    const inMemory = journalWithSupervisor(':memory:');
    try {
      for (const j of [small, inMemory])
        play(j, [{ kind: 'event', orderId: '1', type: 'OrderCreated', value: 1, role: 'System', jitter: 0 }]);
      expect(small.rebuild()).toEqual({ threads: 1, why: expect.stringMatching(/fewer than 100000/) });
      expect(inMemory.rebuild(undefined, { twoThreadsFrom: 0 })).toEqual({ threads: 1, why: 'a journal in memory' });
    } finally {
      small.close();
      inMemory.close();
    }
  });
});
