/**
 * Verify at once in two threads (electron/journal/verifyInTwo.ts): each thread checks the events
 * and projections of one part of the orders, and the two parts' links across are compared by
 * digest. It must say ok exactly when one thread says ok, and on anything wrong say exactly what
 * one thread says (it has one thread verify again), whatever the history and whatever was changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Journal } from '../../electron/journal';
import { chainHash, RowJson } from '../../electron/journal/hash';
import { PartThread, type OtherPart } from '../../electron/journal/partThread';
import { partOfOrder } from '../../electron/journal/rebuildParts';
import { EVENT_COLUMNS } from '../../electron/journal/rows';
import type { RuleSetStore } from '../../electron/journal/ruleSets';
import { verifyJournal, type PartVerdict } from '../../electron/journal/verify';
import { checkPart, verifyAtOnce, verifyInParts, type VerifiedAtOnce } from '../../electron/journal/verifyInTwo';
import { inTransactionOn, rawConnection, tempDir } from './helpers';
import { journalWithSupervisor, play, step } from './histories';

/** Part 1 checked on the same connection, its verdict passed through a structured clone as a thread's would be. */
function partOneHere(db: Database.Database, ruleSets: RuleSetStore, total: number): OtherPart<PartVerdict> {
  return {
    answer: () => structuredClone(checkPart(db, ruleSets, 1, total)),
    abandon: () => undefined,
  };
}

/** Verify in two parts (both in this thread), and one thread's verify, of the same file. */
function bothWays(file: string): { parts: VerifiedAtOnce; one: ReturnType<typeof verifyJournal> } {
  const parts = inTransactionOn(file, (db, ruleSets, total) =>
    verifyInParts(db, ruleSets, total ?? 0, partOneHere(db, ruleSets, total ?? 0)),
  );
  const one = inTransactionOn(file, (db, ruleSets) => verifyJournal(db, ruleSets));
  return { parts, one };
}

/** What no caller may do, on a raw connection with the append-only triggers dropped. */
function tamper(file: string, fn: (db: Database.Database) => void): void {
  const db = rawConnection(file);
  try {
    db.exec('DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete;');
    fn(db);
  } finally {
    db.close();
  }
}

/**
 * The chain made again from `fromSeq` on, starting from `prevHash`: every hash right for its
 * row, as someone holding the file would leave it after changing an event, so that only the
 * one link into `fromSeq` shows the change.
 */
function rechain(db: Database.Database, fromSeq: number, prevHash: string): void {
  const rows = db
    .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE seq >= ? ORDER BY seq`)
    .raw()
    .all(fromSeq) as unknown[][];
  const set = db.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?');
  const json = new RowJson();
  let prev = prevHash;
  for (const raw of rows) {
    const hash = chainHash(prev + json.of(raw));
    set.run(prev, hash, raw[0]);
    prev = hash;
  }
}

/** `test` on a journal file with a random history of `length` steps (the same for a seed). */
function onHistory(seed: number, length: number, test: (file: string, journal: Journal) => void): void {
  const file = path.join(tempDir(), 'journal.sqlite');
  const journal = journalWithSupervisor(file);
  try {
    const [steps] = fc.sample(fc.array(step, { minLength: length, maxLength: length }), { numRuns: 1, seed });
    play(journal, steps!);
    test(file, journal);
  } finally {
    journal.close();
  }
}

const hashOf = (db: Database.Database, seq: number) =>
  db.prepare('SELECT hash FROM events WHERE seq = ?').pluck().get(seq) as string;
const orderOf = (db: Database.Database, seq: number) =>
  db.prepare('SELECT order_id FROM events WHERE seq = ?').pluck().get(seq) as string;

/** Changes someone holding the file could make, each at a place picked by `at` (any natural number). */
const TAMPERINGS: Record<string, (db: Database.Database, last: number, at: number) => void> = {
  'a changed event': (db, last, at) =>
    db.prepare(`UPDATE events SET data = json_set(data, '$.status', 'Lost') WHERE seq = ?`).run(1 + (at % last)),
  'a rewritten hash': (db, last, at) =>
    db.prepare('UPDATE events SET hash = ? WHERE seq = ?').run('a'.repeat(64), 1 + (at % last)),
  'a changed instant': (db, last, at) =>
    db.prepare('UPDATE events SET instant = instant + 1 WHERE seq = ?').run(1 + (at % last)),
  'a deleted event': (db, last, at) => db.prepare('DELETE FROM events WHERE seq = ?').run(1 + (at % last)),
  'a deleted event, the chain made again after it': (db, last, at) => {
    const seq = 1 + (at % Math.max(1, last - 1));
    const before = seq === 1 ? '0'.repeat(64) : hashOf(db, seq - 1);
    db.prepare('DELETE FROM events WHERE seq = ?').run(seq);
    rechain(db, seq + 1, before);
  },
  'a changed event, the chain made again from it': (db, last, at) => {
    const seq = 1 + (at % last);
    db.prepare(`UPDATE events SET initiator_role = 'Supervisor' WHERE seq = ?`).run(seq);
    // Every link holds again: only the projections (and the anchors, which this test has none of) can tell.
    rechain(db, seq, db.prepare('SELECT prev_hash FROM events WHERE seq = ?').pluck().get(seq) as string);
  },
  'a link broken, the chain made again after it': (db, last, at) => rechain(db, 1 + (at % last), 'b'.repeat(64)),
  'a changed order': (db) =>
    db.exec(`UPDATE orders SET status = 'Shipped' WHERE order_id = (SELECT min(order_id) FROM orders)`),
  'an order row gone': (db) => db.exec('DELETE FROM orders WHERE order_id = (SELECT max(order_id) FROM orders)'),
  'a forgotten anomaly': (db) => db.exec('DELETE FROM anomalies WHERE id = (SELECT max(id) FROM anomalies)'),
  'an anomaly of another order': (db) =>
    db.exec(`UPDATE anomalies SET order_id = order_id || '0' WHERE id = (SELECT min(id) FROM anomalies)`),
  'two anomalies numbered the other way round': (db) => {
    const [a, b] = db.prepare('SELECT id FROM anomalies ORDER BY id LIMIT 2').pluck().all() as number[];
    if (b === undefined) return;
    db.prepare('UPDATE anomalies SET id = -1 WHERE id = ?').run(a);
    db.prepare('UPDATE anomalies SET id = ? WHERE id = ?').run(a, b);
    db.prepare('UPDATE anomalies SET id = ? WHERE id = -1').run(b);
  },
  'anomalies numbered from 2': (db) =>
    db.exec('UPDATE anomalies SET id = id + 1000000; UPDATE anomalies SET id = id - 999999'),
  'a wrong status count': (db) => db.exec('UPDATE status_counts SET count = count + 1'),
  'a wrong hourly count': (db) =>
    db.exec('UPDATE event_hours SET events = events + 1 WHERE rowid = (SELECT min(rowid) FROM event_hours)'),
  'a wrong open-anomaly count': (db) => db.exec('UPDATE open_anomaly_counts SET count = count + 1'),
  'a key filter for a generation not finished': (db) =>
    db.exec(`INSERT OR REPLACE INTO key_filters(generation, bits) VALUES (0, zeroblob(16))`),
};

describe('verify in two parts', () => {
  it('says what one thread says, for any history and any change made to its file', () => {
    const dir = tempDir();
    let run = 0;
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 50 }),
        fc.constantFrom(...Object.keys(TAMPERINGS)),
        fc.nat(),
        (steps, tampering, at) => {
          const file = path.join(dir, `journal-${(run += 1)}.sqlite`);
          const journal = journalWithSupervisor(file);
          try {
            play(journal, steps);
            const healthy = bothWays(file);
            expect(healthy.one).toMatchObject({ ok: true });
            expect(healthy.parts).toEqual({ report: healthy.one, threads: { threads: 2 } });

            const last = journal.lastSeq();
            tamper(file, (db) => TAMPERINGS[tampering]!(db, last, at));
            const { parts, one } = bothWays(file);
            expect(parts.report).toEqual(one);
            // Only an ok comes from two threads.
            if (!one.ok) expect(parts.threads).toMatchObject({ threads: 1 });
          } finally {
            journal.close();
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('finds a link broken between the parts that neither part finds alone, through their digests', () => {
    onHistory(3, 80, (file, journal) => {
      let broken = 0;
      tamper(file, (db) => {
        // An event whose predecessor is of the other part's order; the chain after it made right again.
        for (let seq = journal.lastSeq(); seq > 1 && broken === 0; seq--) {
          if (partOfOrder(orderOf(db, seq)) !== partOfOrder(orderOf(db, seq - 1))) broken = seq;
        }
        rechain(db, broken, 'c'.repeat(64));
      });
      expect(broken).toBeGreaterThan(1);
      const verdicts = inTransactionOn(file, (db, ruleSets, total) =>
        [0, 1].map((p) => checkPart(db, ruleSets, p as 0 | 1, total)),
      );
      for (const verdict of verdicts) expect(verdict).not.toHaveProperty('problem');
      const { parts, one } = bothWays(file);
      expect(parts.threads).toEqual({
        threads: 1,
        why: 'a link of the chain between the two parts does not hold, or a seq is missing',
      });
      expect(one).toMatchObject({ ok: false, firstBadSeq: broken, problem: expect.stringMatching(/chain is broken/) });
      expect(parts.report).toEqual(one);
    });
  });

  it('checks in a real second thread, with what one thread finds', () => {
    onHistory(17, 600, (file, journal) => {
      const atOnce = () => inTransactionOn(file, (db, ruleSets) => verifyAtOnce(db, ruleSets, { twoThreadsFrom: 0 }));
      expect(atOnce()).toEqual({ report: journal.verify(), threads: { threads: 2 } });
      expect(journal.verify()).toMatchObject({ ok: true });
      tamper(file, (db) => TAMPERINGS['a changed event']!(db, journal.lastSeq(), 7));
      const damaged = atOnce();
      expect(damaged.threads).toEqual({
        threads: 1,
        why: expect.stringMatching(/^part [01]: seq \d+: its hash does not match/),
      });
      expect(damaged.report).toEqual(journal.verify());
      expect(damaged.report.ok).toBe(false);
    });
  });

  it('is left to one thread when the journal was written to after the check began', () => {
    onHistory(5, 60, (file, journal) => {
      // As if this thread's read began one event before the last was appended.
      const outcome = inTransactionOn(file, (db, ruleSets, total) => {
        const thread = new PartThread<PartVerdict>('the verify thread', 'verifyWorker', {
          path: file,
          nativeBinding: undefined,
          toSeq: total - 1,
        });
        return verifyInParts(db, ruleSets, total - 1, thread);
      });
      expect(outcome.threads).toEqual({
        threads: 1,
        why: expect.stringMatching(/written to while it was verified \(its last seq is \d+, not \d+\)/),
      });
      expect(outcome.report).toMatchObject({ ok: true, events: journal.lastSeq() });
    });
  });

  it('is left to one thread when the other part was read from another file than this journal', () => {
    onHistory(8, 60, (file, journal) => {
      const outcome = inTransactionOn(file, (db, ruleSets, total) => {
        const elsewhere: OtherPart<PartVerdict> = {
          answer: () => {
            const verdict = checkPart(db, ruleSets, 1, total);
            // As a file put in the journal's place between the two opens would answer.
            return 'head' in verdict ? { ...verdict, head: 'f'.repeat(64) } : verdict;
          },
          abandon: () => undefined,
        };
        return verifyInParts(db, ruleSets, total, elsewhere);
      });
      expect(outcome).toEqual({
        report: journal.verify(),
        threads: { threads: 1, why: expect.stringMatching(/read another journal/) },
      });
    });
  });

  it("is left to one thread, not waited for, when the thread's file cannot be loaded or found", () => {
    onHistory(9, 40, (file, journal) => {
      const threadDir = tempDir();
      fs.writeFileSync(path.join(threadDir, 'verifyWorker.js'), "throw new Error('a broken build');\n");
      const atOnce = (dir: string) =>
        inTransactionOn(file, (db, ruleSets) => verifyAtOnce(db, ruleSets, { twoThreadsFrom: 0, threadDir: dir }));
      expect(atOnce(threadDir)).toEqual({
        report: journal.verify(),
        threads: { threads: 1, why: expect.stringMatching(/the verify thread did not start: a broken build/) },
      });
      expect(atOnce(tempDir()).threads).toMatchObject({
        threads: 1,
        why: expect.stringMatching(/^no thread: cannot find the verifyWorker thread's code/),
      });
    });
  });
});
