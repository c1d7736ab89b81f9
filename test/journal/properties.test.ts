/**
 * Properties over random histories (fast-check): a rebuild gives the incremental projections
 * back exactly, and any change to a stored event is caught by verify at that event.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { journalWithSupervisor, play, snapshot, step } from './histories';

describe('properties', () => {
  it('a rebuild gives exactly the projections kept incrementally', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const journal = journalWithSupervisor(':memory:');
        try {
          play(journal, steps);
          const incremental = snapshot(journal);
          expect(journal.verify()).toMatchObject({ ok: true });
          journal.rebuild();
          expect(snapshot(journal)).toEqual(incremental);
        } finally {
          journal.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  const COLUMNS = [
    'event_id',
    'type',
    'order_id',
    'trace_id',
    'initiator_id',
    'initiator_name',
    'initiator_role',
    'timestamp',
    'instant',
    'data',
    'recorded_at',
    'source',
    'rule_set',
    'hash',
    'prev_hash',
  ] as const;

  it('any change to a stored event is caught by verify, at that event', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-tamper-'));
    let run = 0;
    try {
      fc.assert(
        fc.property(
          fc.array(step, { minLength: 3, maxLength: 40 }),
          fc.nat(),
          fc.constantFrom(...COLUMNS),
          fc.boolean(),
          (steps, pick, column, validJson) => {
            const file = path.join(dir, `j${run++}.sqlite`);
            const journal = journalWithSupervisor(file);
            try {
              play(journal, steps);
              const last = journal.lastSeq();
              fc.pre(last > 0);
              const seq = 1 + (pick % last);
              const db = new Database(file);
              try {
                db.exec('DROP TRIGGER events_no_update');
                const row = db.prepare(`SELECT ${column} AS v, data FROM events WHERE seq = ?`).get(seq) as {
                  v: string | number | null;
                  data: string;
                };
                let changed: string | number;
                if (column === 'instant') changed = (row.v as number) + 1;
                else if (column === 'data' && validJson)
                  changed = JSON.stringify({ ...JSON.parse(row.data), tampered: true });
                else if (column === 'hash' || column === 'prev_hash')
                  changed = `${String(row.v).slice(0, 63)}${String(row.v).endsWith('0') ? '1' : '0'}`;
                else changed = `${row.v ?? ''}x`;
                db.prepare(`UPDATE events SET ${column} = ? WHERE seq = ?`).run(changed, seq);
              } finally {
                db.close();
              }
              const report = journal.verify();
              expect(report.ok).toBe(false);
              expect(report.firstBadSeq).toBe(seq);
            } finally {
              journal.close();
              fs.rmSync(file, { force: true });
              fs.rmSync(`${file}-wal`, { force: true });
              fs.rmSync(`${file}-shm`, { force: true });
            }
          },
        ),
        { numRuns: 40 },
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
