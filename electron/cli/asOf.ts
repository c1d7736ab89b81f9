/**
 * `--as-of-seq N` and `--as-of TIME`: the journal as it stood at a journal position or at a
 * recorded time, for the commands that read the present (history, orders, anomalies).
 */
import type { JournalApi } from '../journal';
import { wholeNumber } from './args';
import { UsageError } from './command';

export const AS_OF_OPTIONS = {
  'as-of-seq': { type: 'string' },
  'as-of': { type: 'string' },
} as const;

export const AS_OF_USAGE = '[--as-of-seq N | --as-of TIME]';

/** The position the options name, or undefined for the present. Refuses a position the journal has not reached. */
export function asOfSeq(values: { 'as-of-seq'?: string; 'as-of'?: string }, journal: JournalApi): number | undefined {
  const bySeq = wholeNumber(values['as-of-seq'], '--as-of-seq');
  const time = values['as-of'];
  if (bySeq !== undefined && time !== undefined) throw new UsageError('give --as-of-seq or --as-of, not both');
  if (bySeq !== undefined) {
    const last = journal.lastSeq();
    if (bySeq > last) throw new UsageError(`--as-of-seq ${bySeq} is past the journal's end (its last seq is ${last})`);
    return bySeq;
  }
  if (time !== undefined) {
    try {
      return journal.seqAt(time);
    } catch {
      throw new UsageError(
        `--as-of ${JSON.stringify(time)} is not an ISO 8601 time with a time-zone offset (like 2026-11-26T20:00:00-05:00)`,
      );
    }
  }
  return undefined;
}

/** The line that says the output is the past, not the present (people's output only). */
export function asOfBanner(seq: number | undefined, journal: JournalApi): string | undefined {
  if (seq === undefined) return undefined;
  const at =
    seq === 0 ? 'before the first event' : `after seq ${seq}, recorded ${journal.event({ seq })?.recordedAt ?? '?'}`;
  return `As the journal stood ${at} (of ${journal.lastSeq()}); read-only.`;
}
