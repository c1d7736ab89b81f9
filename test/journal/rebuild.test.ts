/**
 * Rebuild in turns (`Journal.rebuildInTurns`): the events are read in chunks with other work in
 * between, the projections are rewritten in one transaction at the end. Cancelled, it writes
 * nothing; interleaved with appends and corrections, it gives what a rebuild from scratch gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Journal } from '../../electron/journal';
import type { RebuildTurns } from '../../electron/journal/journal';
import { correctedMissingPackage, rawConnection } from './helpers';
import { journalWithSupervisor, play, snapshot, step, type Step } from './histories';

const recorded = correctedMissingPackage;

const tables = (journal: Journal) => ({
  orders: journal.orders({ limit: 1000 }),
  anomalies: journal.anomalies({ limit: 1000 }),
  counts: journal.statusCounts(),
});

/** Turns that run `between(turn)` in each turn (1, 2, …) and count them. */
function turnsDoing(between: (turn: number) => void, chunk: number, abort = new AbortController()) {
  const seen = { turns: 0, progress: [] as [number, number, string][] };
  const turns: RebuildTurns = {
    signal: abort.signal,
    chunk,
    yieldTurn: () => {
      seen.turns += 1;
      between(seen.turns);
      return new Promise((resolve) => setImmediate(resolve));
    },
    onProgress: (done, total, phase) => seen.progress.push([done, total, phase]),
  };
  return { turns, seen, abort };
}

/** Commits by the journal's connection, as another connection sees them. */
function commitsSeenBy(file: string): () => number {
  const db = rawConnection(file);
  const version = () => db.pragma('data_version', { simple: true }) as number;
  const first = version();
  return () => {
    const changed = version() !== first ? 1 : 0;
    db.close();
    return changed;
  };
}

describe('rebuild in turns', () => {
  it('reads in chunks with a turn after each, then rewrites the projections the sync rebuild writes', async () => {
    const journal = recorded();
    const before = tables(journal);
    const db = rawConnection(journal.path);
    db.exec("UPDATE orders SET status = 'Shipped'; DELETE FROM anomalies WHERE id = 1; DELETE FROM status_counts;");
    db.close();
    const { turns, seen } = turnsDoing(() => {}, 5);
    const outcome = await journal.rebuildInTurns(turns);
    expect(outcome).toEqual({ cancelled: false, events: 24 });
    expect(seen.turns).toBe(5); // 5 + 5 + 5 + 5 + 4
    expect(seen.progress.map(([done, , phase]) => `${phase} ${done}`)).toEqual([
      'reading 5',
      'reading 10',
      'reading 15',
      'reading 20',
      'reading 24',
      'writing 24',
      'written 24',
    ]);
    expect(tables(journal)).toEqual(before);
    expect(journal.verify()).toMatchObject({ ok: true });
  });

  it('cancelled mid-way writes nothing: the projections stay exactly as before and the journal verifies', async () => {
    const journal = recorded();
    const before = snapshot(journal);
    const committed = commitsSeenBy(journal.path);
    const { turns, seen, abort } = turnsDoing((turn) => turn === 2 && abort.abort(), 5);
    const outcome = await journal.rebuildInTurns(turns);
    expect(outcome).toEqual({ cancelled: true, events: 10 });
    expect(seen.turns).toBe(2);
    expect(seen.progress.some(([, , phase]) => phase !== 'reading')).toBe(false);
    expect(committed()).toBe(0);
    expect(snapshot(journal)).toEqual(before);
    expect(journal.verify()).toMatchObject({ ok: true, events: 24 });
  });

  it('cancelled after the last chunk read, before the write, still writes nothing', async () => {
    const journal = recorded();
    const db = rawConnection(journal.path);
    // Damaged projections: a rebuild that wrote anything would put them right.
    db.exec("UPDATE orders SET status = 'Shipped' WHERE order_id = '1345693'; DELETE FROM status_counts;");
    db.close();
    const damaged = tables(journal);
    const report = journal.verify();
    expect(report.ok).toBe(false);
    const committed = commitsSeenBy(journal.path);
    const { turns, abort } = turnsDoing((turn) => turn === 3 && abort.abort(), 10);
    expect(await journal.rebuildInTurns(turns)).toEqual({ cancelled: true, events: 24 });
    expect(committed()).toBe(0);
    expect(tables(journal)).toEqual(damaged);
    expect(journal.verify()).toEqual(report);
    // Not cancelled, the same rebuild puts them right.
    expect(await journal.rebuildInTurns(turnsDoing(() => {}, 10).turns)).toEqual({ cancelled: false, events: 24 });
    expect(journal.verify()).toMatchObject({ ok: true });
  });

  it('interleaved with imports, corrections, dismissals and rule changes, equals a rebuild from scratch', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 40 }),
        fc.array(fc.array(step, { maxLength: 8 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 6 }),
        async (first, between, chunk) => {
          const journal = journalWithSupervisor(':memory:');
          try {
            let counted = play(journal, first);
            const parts: Step[][] = [...between];
            const { turns } = turnsDoing(() => {
              const part = parts.shift();
              if (part) counted = play(journal, part, counted);
            }, chunk);
            const outcome = await journal.rebuildInTurns(turns);
            expect(outcome).toEqual({ cancelled: false, events: journal.lastSeq() });
            const inTurns = snapshot(journal);
            expect(journal.verify()).toMatchObject({ ok: true });
            journal.rebuild();
            expect(snapshot(journal)).toEqual(inTurns);
          } finally {
            journal.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('catches up on events recorded after the last chunk was read', async () => {
    const journal = recorded();
    const { turns, seen } = turnsDoing((turn) => {
      // The fifth turn follows the last, short chunk: what is appended here is read in the write.
      if (turn === 5) {
        journal.correct({
          operatorId: 'sup',
          orderId: '1345693',
          status: 'Shipped',
          reason: 'Left on the morning van',
        });
      }
    }, 5);
    const outcome = await journal.rebuildInTurns(turns);
    expect(seen.turns).toBe(5);
    expect(outcome).toEqual({ cancelled: false, events: 25 });
    expect(journal.order('1345693')?.status).toBe('Shipped');
    expect(journal.verify()).toMatchObject({ ok: true, events: 25 });
  });
});
