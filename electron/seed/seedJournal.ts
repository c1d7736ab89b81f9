/** Filling a journal with a generated history, a transaction per batch, like an import. */
import { instantOf, type OrderEvent } from '../../shared/events/envelope';
import type { IncomingEvent, JournalApi } from '../journal/types';
import { generateHistory } from './generate';

export interface SeedOptions {
  orders: number;
  seed: number;
  batchSize?: number;
  /** Called after every committed batch with the events written so far. */
  onProgress?: (events: number) => void;
  /** Stops between batches; what was committed stays. */
  signal?: AbortSignal;
}

export interface SeedReport {
  events: number;
  accepted: number;
  duplicates: number;
  anomalies: number;
  cancelled: boolean;
}

export function seedJournal(journal: JournalApi, options: SeedOptions): SeedReport {
  const batchSize = options.batchSize ?? 10_000;
  const source = `seed:${options.seed}`;
  const report: SeedReport = { events: 0, accepted: 0, duplicates: 0, anomalies: 0, cancelled: false };
  let batch: IncomingEvent[] = [];
  const flush = () => {
    const outcome = journal.appendBatch(batch, source);
    report.accepted += outcome.accepted;
    report.duplicates += outcome.duplicates;
    report.anomalies += outcome.anomalies;
    batch = [];
    options.onProgress?.(report.events);
  };
  for (const event of generateHistory(options) as Iterable<OrderEvent>) {
    report.events += 1;
    batch.push({ event, instant: instantOf(event.timestamp) });
    if (batch.length >= batchSize) {
      flush();
      if (options.signal?.aborted) {
        report.cancelled = true;
        return report;
      }
    }
  }
  if (batch.length > 0) flush();
  return report;
}
