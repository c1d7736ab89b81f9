/**
 * The rule tools' scans read in two parts of the orders (electron/rules/replayJournal.ts): each
 * part replays its own orders and the two results are merged (shared/rules `mergeObserved`,
 * `mergePreview`). The merged result must be exactly the whole scan's, whatever the history, the
 * range, and however few seqs or examples are kept; in a real second thread too, and where that
 * thread cannot run, the scan is done by one.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { instantOf, type OrderEvent } from '../../shared/events/envelope';
import { FLOOR_RULES, HANDBOOK_1998 } from '../../shared/rules/builtin';
import { mergeObserved, TransitionObserver } from '../../shared/rules/observed';
import { mergePreview, RulePreview } from '../../shared/rules/preview';
import type { IncomingEvent, Journal } from '../../electron/journal';
import {
  observedInJournal,
  previewInJournal,
  scanJournal,
  type Fold,
  type ScanOptions,
} from '../../electron/rules/replayJournal';
import { freshJournal, tempDir, withOperators } from '../journal/helpers';
import { floorHistory } from './floorHistory';

const asIncoming = (events: readonly OrderEvent[]): IncomingEvent[] =>
  events.map((event, i) => ({ event, instant: instantOf(event.timestamp), line: i + 1 }));

/** Each part scanned here, its result passed through a structured clone as a thread's would be. */
async function bothParts<R>(journal: Journal, fold: () => Fold<R>): Promise<[R, R]> {
  const toSeq = journal.lastSeq();
  const results: R[] = [];
  for (const part of [0, 1] as const) {
    const f = fold();
    const cancelled = await scanJournal(journal, (e) => f.feed(e), {}, { part, toSeq });
    results.push(structuredClone(f.result(cancelled)));
  }
  return results as [R, R];
}

const oneThread: ScanOptions = { twoThreadsFrom: Number.POSITIVE_INFINITY };

function observerFold(range: { from?: string; to?: string }, seqsPerCell: number) {
  return () => {
    const o = new TransitionObserver(FLOOR_RULES, { ...range, seqsPerCell });
    return { feed: (e: Parameters<TransitionObserver['feed']>[0]) => o.feed(e), result: (c: boolean) => o.result(c) };
  };
}

function previewFoldOf(examplesPerKind: number) {
  return () => {
    const p = new RulePreview(HANDBOOK_1998, FLOOR_RULES, { examplesPerKind });
    return { feed: (e: Parameters<RulePreview['feed']>[0]) => p.feed(e), result: (c: boolean) => p.result(c) };
  };
}

describe('a rule scan in two parts', () => {
  it('merges into exactly the whole scan: the matrix (any range, any seqs kept) and the 1998 preview (any examples kept)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 20, max: 400 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.option(fc.record({ from: fc.integer({ min: 0, max: 120 }), to: fc.integer({ min: 0, max: 600 }) })),
        fc.integer({ min: 1, max: 6 }),
        async (length, seed, window, kept) => {
          const journal = freshJournal();
          try {
            const history = floorHistory(length, seed);
            journal.appendBatch(asIncoming(history), 'floor.ndjson');
            // A range of minutes from the first event's time, or none.
            const first = Date.parse(history[0]!.timestamp);
            const at = (minutes: number) => new Date(first + minutes * 60_000).toISOString();
            const range = window ? { from: at(window.from), to: at(window.from + window.to) } : {};

            const matrix = observerFold(range, kept);
            const whole = matrix();
            await scanJournal(journal, (e) => whole.feed(e), {});
            const [a, b] = await bothParts(journal, matrix);
            expect(mergeObserved(FLOOR_RULES, a, b, kept)).toEqual(whole.result(false));

            const preview = previewFoldOf(kept);
            const wholePreview = preview();
            await scanJournal(journal, (e) => wholePreview.feed(e), {});
            const [p, q] = await bothParts(journal, preview);
            expect(mergePreview(p, q, kept)).toEqual(wholePreview.result(false));
          } finally {
            journal.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('runs in a real second thread, with the whole scan’s results', async () => {
    const journal = withOperators(freshJournal());
    try {
      journal.appendBatch(asIncoming(floorHistory(600, 4)), 'floor.ndjson');
      const reads = vi.spyOn(journal, 'replayEvents');
      const inTwo: ScanOptions = { twoThreadsFrom: 0 };
      const matrix = await observedInJournal(journal, {}, inTwo);
      const preview = await previewInJournal(journal, HANDBOOK_1998, inTwo);
      // This thread read part 0 only: the thread's part was merged, not read again here.
      expect(reads.mock.calls.length).toBeGreaterThan(0);
      expect(reads.mock.calls.every((call) => call[3] === 0)).toBe(true);
      reads.mockRestore();
      expect(matrix).toEqual(await observedInJournal(journal, {}, oneThread));
      expect(preview).toEqual(await previewInJournal(journal, HANDBOOK_1998, oneThread));
      expect(matrix.events).toBe(journal.lastSeq());
    } finally {
      journal.close();
    }
  });

  it("is done by one thread when the thread's file cannot be loaded or found, with the same result", async () => {
    const journal = freshJournal();
    try {
      journal.appendBatch(asIncoming(floorHistory(200, 8)), 'floor.ndjson');
      const broken = tempDir();
      fs.writeFileSync(path.join(broken, 'ruleScanWorker.js'), "throw new Error('a broken build');\n");
      const want = await observedInJournal(journal, {}, oneThread);
      for (const threadDir of [broken, tempDir()]) {
        const reads = vi.spyOn(journal, 'replayEvents');
        expect(await observedInJournal(journal, {}, { twoThreadsFrom: 0, threadDir })).toEqual(want);
        // The whole journal read here: without a part.
        expect(reads.mock.calls.some((call) => call[3] === undefined)).toBe(true);
        reads.mockRestore();
      }
    } finally {
      journal.close();
    }
  });

  it('stops the thread and answers what was counted when cancelled', async () => {
    const journal = freshJournal();
    try {
      journal.appendBatch(asIncoming(floorHistory(400, 2)), 'floor.ndjson');
      const signal = { aborted: false };
      const matrix = await observedInJournal(
        journal,
        {},
        {
          twoThreadsFrom: 0,
          signal,
          slice: 50,
          onProgress: (done) => {
            if (done > 0) signal.aborted = true;
          },
        },
      );
      expect(matrix.cancelled).toBe(true);
      expect(matrix.events).toBeLessThan(journal.lastSeq());
    } finally {
      journal.close();
    }
  });
});
