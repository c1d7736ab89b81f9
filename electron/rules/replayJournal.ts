/**
 * The rule tools' scans of the journal: the pure replays of shared/rules fed from the journal's
 * lean `replayEvents` reads. The scan works in slices of a few milliseconds and yields between
 * them, so whatever thread runs it (the app's journal worker, the browser host) still answers
 * other requests and hears a cancel within a slice; and no statement stays open across the
 * pause, which better-sqlite3 would refuse.
 *
 * On a large journal a scan is read in two parts of the orders (../journal/rebuildParts), as
 * rebuild and verify are: a thread of its own (./ruleScanWorker) replays one part's orders flat
 * out on a read-only connection while this one replays the other's in its slices, and the two
 * results are merged (shared/rules: `mergeObserved`, `mergePreview`). The replay's state is per
 * order, so each part counts its orders exactly as a whole scan would. Where no thread can be
 * had (a journal in memory, no thread file beside the code, a small journal), or the thread
 * fails, one scan reads it all.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeObserved, TransitionObserver, type ObservedMatrix } from '../../shared/rules/observed';
import { mergePreview, RulePreview, type PreviewResult } from '../../shared/rules/preview';
import type { ReplayEvent, StopSignal } from '../../shared/rules/replay';
import type { RuleSet } from '../../shared/rules/ruleSet';
import { PartThread, TWO_THREADS_FROM, type OtherPartLater } from '../journal/partThread';
import type { JournalApi } from '../journal/types';

export type ScannedJournal = Pick<JournalApi, 'replayEvents' | 'activeRuleSet' | 'lastSeq'> &
  Partial<Pick<JournalApi, 'threadSource'>>;

/** What the other part's thread scans (./ruleScanWorker), beside the journal and its part. */
export type RuleScan =
  | { kind: 'observed'; ruleSet: RuleSet; range: ObservedRange }
  | { kind: 'preview'; candidate: RuleSet; current: RuleSet };

type ObservedRange = { from?: string | undefined; to?: string | undefined };

/** What the other part's thread answers: its part's result. */
export type RuleScanAnswer = { observed: ObservedMatrix } | { preview: PreviewResult };

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
  /** Events from which the scan is read in two parts, one in a thread of its own (tests set it low). */
  twoThreadsFrom?: number;
  /** Where the thread's file is looked for (tests): beside this code unless given. */
  threadDir?: string;
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
  part?: { part: 0 | 1; toSeq: number },
): Promise<boolean> {
  const total = part ? part.toSeq : journal.lastSeq();
  const slice = options.slice ?? Number.MAX_SAFE_INTEGER;
  const sliceMs = options.sliceMs ?? 8;
  let after = 0;
  options.onProgress?.(0, total);
  while (after < total) {
    const began = performance.now();
    let inSlice = 0;
    while (after < total && inSlice < slice && performance.now() - began < sliceMs) {
      const events = journal.replayEvents(after, total, Math.min(READ_CHUNK, slice - inSlice), part?.part);
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
  const current = journal.activeRuleSet().ruleSet;
  return scanOnce(
    journal,
    options,
    { kind: 'preview', candidate, current },
    () => previewFold(candidate, current),
    (ours, theirs) => ('preview' in theirs ? mergePreview(ours, theirs.preview) : undefined),
  );
}

/** The observed from → to matrix of the journal, judged by the rules in force now. */
export async function observedInJournal(
  journal: ScannedJournal,
  range: ObservedRange = {},
  options: ScanOptions = {},
): Promise<ObservedMatrix> {
  const ruleSet = journal.activeRuleSet().ruleSet;
  return scanOnce(
    journal,
    options,
    { kind: 'observed', ruleSet, range },
    () => observedFold(ruleSet, range),
    (ours, theirs) => ('observed' in theirs ? mergeObserved(ruleSet, ours, theirs.observed) : undefined),
  );
}

/** The preview, fed event by event (here, and in the thread of a scan in two). */
export function previewFold(candidate: RuleSet, current: RuleSet): Fold<PreviewResult> {
  const preview = new RulePreview(candidate, current);
  return { feed: (e) => preview.feed(e), result: (cancelled) => preview.result(cancelled) };
}

/** The observed matrix, fed event by event (here, and in the thread of a scan in two). */
export function observedFold(ruleSet: RuleSet, range: ObservedRange): Fold<ObservedMatrix> {
  const observer = new TransitionObserver(ruleSet, {
    ...(range.from ? { from: range.from } : {}),
    ...(range.to ? { to: range.to } : {}),
  });
  return { feed: (e) => observer.feed(e), result: (cancelled) => observer.result(cancelled) };
}

/** A replay fed event by event, and what it makes of them. */
export interface Fold<R> {
  feed(event: ReplayEvent): void;
  result(cancelled: boolean): R;
}

/**
 * One scan of the journal into a fresh `fold()`: in two parts where a thread can be had and pays
 * (part 0 here in slices, part 1 in the thread, both up to the last seq now, `merge`d), else
 * all of it here. A thread that fails (or answers anything `merge` does not take) leaves the
 * scan to this thread alone; a cancelled scan stops the thread and answers what was counted.
 */
async function scanOnce<R extends { cancelled: boolean }>(
  journal: ScannedJournal,
  options: ScanOptions,
  scan: RuleScan,
  fold: () => Fold<R>,
  merge: (ours: R, theirs: RuleScanAnswer) => R | undefined,
): Promise<R> {
  // The whole journal here, or (`part`) one part of its orders up to `toSeq`.
  const here = async (part?: { part: 0 | 1; toSeq: number }) => {
    const f = fold();
    return f.result(await scanJournal(journal, (e) => f.feed(e), options, part));
  };
  const whole = () => here();
  const toSeq = journal.lastSeq();
  const source = journal.threadSource?.();
  if (!source || toSeq < (options.twoThreadsFrom ?? TWO_THREADS_FROM)) return whole();
  let thread: OtherPartLater<RuleScanAnswer>;
  try {
    thread = new PartThread<RuleScanAnswer>(
      'the rule scan thread',
      'ruleScanWorker',
      { ...source, toSeq, work: scan },
      options.threadDir ?? dirname(fileURLToPath(import.meta.url)),
    );
  } catch {
    return whole();
  }
  let ours: R;
  try {
    ours = await here({ part: 0, toSeq });
  } catch (err) {
    thread.abandon();
    throw err;
  }
  if (ours.cancelled) {
    thread.abandon();
    return ours;
  }
  const theirs = await thread.answerLater();
  return ('error' in theirs ? undefined : merge(ours, theirs)) ?? whole();
}
