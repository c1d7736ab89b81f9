/** The real work behind import and sample jobs, reporting progress per committed batch. */
import { basename } from 'node:path';
import { importStream } from '../import/importFile';
import { generateHistory } from '../seed/generate';
import { instantOf, type OrderEvent } from '../../shared/events/envelope';
import type { IncomingEvent } from '../journal/types';
import type { ImportWork } from './work';
import { formatCount } from '../../shared/text/numbers';

/**
 * Events per transaction of the sample job. A window's request waits at most one batch: 2,000
 * events took ~120 ms here (requests answered in 120 ms median while 211,000 events were written),
 * where 5,000 made them wait ~220 ms for little gain in speed; 1,000 keeps the wait under 100 ms.
 */
const SAMPLE_BATCH = 1_000;

/**
 * Events per transaction of an import in the app (the command line keeps the importer's 10,000):
 * a window's request waits at most one batch, and 10,000 events made it wait about half a
 * second. A thousand commits more per million events is a few seconds of a long import.
 */
const APP_IMPORT_BATCH = 1_000;

/**
 * How long one transaction of the app's import may run before it commits what it has (the
 * lines it did not reach go in the next one): on a journal of 300,000 events on a busy machine,
 * a thousand lines took 45 ms at the median and 150–230 ms at worst inside the transaction.
 * 40 ms kept the import as fast as batches of 1,000 lines (bench/importTurns.ts); 30 ms made
 * twice as many transactions, and the import twice as slow there.
 */
const APP_TRANSACTION_MS = 40;

export const importWork: ImportWork = {
  async importFile(journal, file, job) {
    const name = basename(file.name);
    // The journal's upkeep (WAL checkpoints, the search index's merging) as turns of their own
    // between the transactions: inside a commit it made a window wait several batches' time.
    const upkeep = journal.deferUpkeep();
    try {
      return await importStream(journal, file, {
        batchSize: APP_IMPORT_BATCH,
        transactionMs: APP_TRANSACTION_MS,
        signal: job.signal,
        turn: async () => {
          await job.yieldTurn();
          upkeep.step();
          await job.yieldTurn();
        },
        onProgress: (done, total) => {
          job.batchDone();
          job.progress(done, total, `Importing ${name}: ${formatBytes(done)} of ${formatBytes(total)}`);
        },
      });
    } finally {
      upkeep.release();
    }
  },

  /**
   * The generator's history written batch by batch like `seedJournal` does, but yielding the
   * worker between batches: seedJournal is synchronous, so 200,000 orders would hold the worker
   * (every window's requests, and the Cancel button itself) for the whole run.
   */
  async loadSample(journal, { orders, seed }, job) {
    const source = `seed:${seed}`;
    let accepted = 0;
    let duplicates = 0;
    let anomalies = 0;
    let events = 0;
    let batch: IncomingEvent[] = [];
    const flush = async () => {
      const outcome = journal.appendBatch(batch, source);
      accepted += outcome.accepted;
      duplicates += outcome.duplicates;
      anomalies += outcome.anomalies;
      batch = [];
      job.batchDone();
      job.progress(events, null, `Generating the sample warehouse: ${formatCount(events)} events`);
      await job.yieldTurn();
    };
    let cancelled = false;
    for (const event of generateHistory({ orders, seed }) as Iterable<OrderEvent>) {
      events++;
      batch.push({ event, instant: instantOf(event.timestamp) });
      if (batch.length >= SAMPLE_BATCH) {
        await flush();
        if (job.signal.aborted) {
          cancelled = true;
          break;
        }
      }
    }
    if (!cancelled && batch.length > 0) await flush();
    return { file: 'sample warehouse', accepted, duplicates, blank: 0, rejected: [], anomalies, cancelled };
  },
};

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
