/**
 * The rule tools' scans of the journal: the pure replays of shared/rules fed from the journal's
 * lean `replayEvents` reads. The scan works in slices of a few milliseconds and yields between
 * them, so whatever thread runs it (the app's journal worker, the browser host) still answers
 * other requests and hears a cancel within a slice; and no statement stays open across the
 * pause, which better-sqlite3 would refuse.
 */
import { TransitionObserver, type ObservedMatrix } from '../../shared/rules/observed';
import { RulePreview, type PreviewResult } from '../../shared/rules/preview';
import type { ReplayEvent, StopSignal } from '../../shared/rules/replay';
import type { RuleSet } from '../../shared/rules/ruleSet';
import type { JournalApi } from '../journal/types';

export type ScannedJournal = Pick<JournalApi, 'replayEvents' | 'activeRuleSet' | 'lastSeq'>;

export interface ScanOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: StopSignal;
  /** At most this many events per slice (default: no count limit, only the time budget). */
  slice?: number;
  /**
   * Milliseconds of work per slice before the scan yields (default 8): a request that arrives
   * while a scan runs waits at most about this long, whatever the journal's size.
   */
  sliceMs?: number;
}

/** Events per read: small enough that a slice ends close to its time budget. */
const READ_CHUNK = 500;

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Feed every event recorded up to now, in seq order. Events appended while the scan runs are
 * not included: the result describes the journal as it stood when the scan began.
 * Returns whether it was cancelled.
 */
export async function scanJournal(
  journal: ScannedJournal,
  feed: (event: ReplayEvent) => void,
  options: ScanOptions = {},
): Promise<boolean> {
  const total = journal.lastSeq();
  const slice = options.slice ?? Number.MAX_SAFE_INTEGER;
  const sliceMs = options.sliceMs ?? 8;
  let after = 0;
  options.onProgress?.(0, total);
  while (after < total) {
    const began = performance.now();
    let inSlice = 0;
    while (after < total && inSlice < slice && performance.now() - began < sliceMs) {
      const events = journal.replayEvents(after, total, Math.min(READ_CHUNK, slice - inSlice));
      if (events.length === 0) {
        after = total;
        break;
      }
      for (const event of events) feed(event);
      after = events[events.length - 1]!.seq;
      inSlice += events.length;
    }
    options.onProgress?.(after, total);
    if (after < total) {
      await pause();
      if (options.signal?.aborted) return true;
    }
  }
  return false;
}

/** Replay the whole journal under `candidate` and under the rules in force now. */
export async function previewInJournal(
  journal: ScannedJournal,
  candidate: RuleSet,
  options: ScanOptions = {},
): Promise<PreviewResult> {
  const preview = new RulePreview(candidate, journal.activeRuleSet().ruleSet);
  const cancelled = await scanJournal(journal, (e) => preview.feed(e), options);
  return preview.result(cancelled);
}

/** The observed from → to matrix of the journal, judged by the rules in force now. */
export async function observedInJournal(
  journal: ScannedJournal,
  range: { from?: string | undefined; to?: string | undefined } = {},
  options: ScanOptions = {},
): Promise<ObservedMatrix> {
  const observer = new TransitionObserver(journal.activeRuleSet().ruleSet, {
    ...(range.from ? { from: range.from } : {}),
    ...(range.to ? { to: range.to } : {}),
  });
  const cancelled = await scanJournal(journal, (e) => observer.feed(e), options);
  return observer.result(cancelled);
}
