/**
 * The rule tools' scans of the journal: the pure replays of shared/rules fed from
 * `iterateEvents` in slices of seqs. Between slices the scan yields, so whatever thread runs it
 * (the app's journal worker, the browser host) still answers other requests and hears a cancel;
 * and no statement stays open across the pause, which better-sqlite3 would refuse.
 */
import { TransitionObserver, type ObservedMatrix } from '../../shared/rules/observed';
import { RulePreview, type PreviewResult } from '../../shared/rules/preview';
import type { ReplayEvent, StopSignal } from '../../shared/rules/replay';
import type { RuleSet } from '../../shared/rules/ruleSet';
import type { JournalApi } from '../journal/types';

export type ScannedJournal = Pick<JournalApi, 'iterateEvents' | 'activeRuleSet' | 'lastSeq'>;

export interface ScanOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: StopSignal;
  /** Events per slice (default 20,000: a few tens of milliseconds of replay). */
  slice?: number;
}

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
  const slice = options.slice ?? 20_000;
  let after = 0;
  options.onProgress?.(0, total);
  while (after < total) {
    const to = Math.min(after + slice, total);
    for (const event of journal.iterateEvents(after, to)) feed(event);
    after = to;
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
