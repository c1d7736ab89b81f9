/**
 * Verify at once (the command line, an export's check before signing, the bench), in two threads
 * where it pays: this one checks the events of one part of the orders (./rebuildParts) while a
 * worker thread checks the other's on a read-only connection of its own, each part its rows
 * (hash, key, instant, replay), the links inside its runs of seqs, and its orders' projections.
 * Then this one checks what only the two together can say: that every link between the parts
 * holds and no seq is missing (the parts' digests of their links across, ./verify `PartLinks`),
 * that the two read the same journal, that the anomalies are numbered as one replay numbers them,
 * and the counts and key filters of both, summed and merged, against the stored ones. Reading
 * the rows is most of a verify, which each thread now does for half of them.
 *
 * Only an ok comes from two threads. Wherever either part finds a problem, or the two disagree,
 * one thread verifies it all again (`verifyJournal`), so a journal that fails says exactly what
 * one thread says: its first bad seq, and what is wrong there. Only time is lost on a damaged
 * journal, never a finding.
 *
 * One thread does it all, too, where two would not pay or cannot be had: a small journal, a
 * journal in memory, no thread file beside the code (under Electron, whose app verifies in
 * turns in its worker instead), or a thread that fails or does not answer.
 */
import type Database from 'better-sqlite3';
import type { VerifyReport } from '../../shared/contract/records';
import { collectPastHeadroom } from '../memory/heap';
import { PartFilters } from './keyFilter';
import { partThreadFor, type OtherPart, type ThreadsUsed } from './partThread';
import type { OpenKey } from './projections';
import { headHash } from './rebuild';
import { readAll } from './replay';
import type { RuleSetStore } from './ruleSets';
import {
  checkAnomalyIds,
  checkCounts,
  FilterCheck,
  JournalCheck,
  Problem,
  verifyJournal,
  withVerifyCache,
  type PartChecked,
  type PartVerdict,
} from './verify';

export interface VerifyAtOnceOptions {
  onProgress?: (done: number, total: number) => void;
  /** Events from which two threads are used (tests set it low). */
  twoThreadsFrom?: number;
  /** Where the thread's file is looked for (tests): beside this code unless given. */
  threadDir?: string;
}

/** What a verify at once found, and how many threads found it. */
export interface VerifiedAtOnce {
  report: VerifyReport;
  threads: ThreadsUsed;
}

/** The whole verify, in the caller's read transaction. */
export function verifyAtOnce(
  db: Database.Database,
  ruleSets: RuleSetStore,
  options: VerifyAtOnceOptions = {},
): VerifiedAtOnce {
  const total = (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM events').get() as { n: number }).n;
  const thread = partThreadFor<PartVerdict>(db, total, 'the verify thread', 'verifyWorker', options);
  if ('why' in thread) return oneThread(db, ruleSets, options, thread.why);
  return verifyInParts(db, ruleSets, total, thread, options);
}

/**
 * Check part 0 here while `other` checks part 1, then what the two say together; one thread
 * again wherever anything is wrong. In the caller's read transaction; `total` is its last seq.
 */
export function verifyInParts(
  db: Database.Database,
  ruleSets: RuleSetStore,
  total: number,
  other: OtherPart<PartVerdict>,
  options: VerifyAtOnceOptions = {},
): VerifiedAtOnce {
  // quick_check of the file starts with this part, beside both.
  const ours = withVerifyCache(db, () =>
    checkPart(db, ruleSets, 0, total, { checkFile: true, onProgress: options.onProgress }),
  );
  if ('problem' in ours) {
    other.abandon();
    return oneThread(db, ruleSets, options, `part 0: ${ours.problem}`);
  }
  const theirs = other.answer();
  if ('error' in theirs) return oneThread(db, ruleSets, options, theirs.error);
  if ('problem' in theirs) return oneThread(db, ruleSets, options, `part 1: ${theirs.problem}`);
  const disagree = partsDisagree(db, total, ours, theirs);
  if (disagree !== undefined) return oneThread(db, ruleSets, options, disagree);
  return { report: { ok: true, events: total, firstBadSeq: null, problem: null }, threads: { threads: 2 } };
}

/**
 * One part's check on `db` (in a read transaction: the stored rows hold still, so its orders are
 * settled against them as it reads).
 */
export function checkPart(
  db: Database.Database,
  ruleSets: RuleSetStore,
  part: 0 | 1,
  toSeq: number,
  options: { checkFile?: boolean; onProgress?: ((done: number, total: number) => void) | undefined } = {},
): PartVerdict {
  const check = new JournalCheck(db, ruleSets, {
    between: collectPastHeadroom,
    rowsHoldStill: true,
    part: { part, toSeq },
    checkFile: options.checkFile ?? false,
  });
  readAll(check, options.onProgress);
  return check.finishPart();
}

/** What the two parts, each fine alone, say together: undefined when they agree with each other and the journal. */
function partsDisagree(
  db: Database.Database,
  total: number,
  ours: PartChecked,
  theirs: PartChecked,
): string | undefined {
  // The thread opened the journal by its path: a file put in its place meanwhile is another journal.
  if (theirs.head !== ours.head || ours.head !== headHash(db, total)) {
    return `the verify thread read another journal (its event of seq ${total} differs)`;
  }
  // Each part's heads are the other's tails only where every link holds and no seq is missing
  // (a missing seq leaves the next one's head with no tail of the seq before it).
  if (ours.heads !== theirs.tails || theirs.heads !== ours.tails) {
    return 'a link of the chain between the two parts does not hold, or a seq is missing';
  }
  try {
    const filters = new PartFilters();
    filters.merge(ours.filters, ours.finished);
    filters.merge(theirs.filters, theirs.finished);
    const kept = new FilterCheck(db);
    for (const [generation, made] of filters.finishedFilters()) kept.compare(generation, made);
    kept.finish(total);
    checkAnomalyIds(db);
    checkCounts(db, {
      statusCounts: sum(ours.statusCounts, theirs.statusCounts),
      flaggedCounts: sum(ours.flaggedCounts, theirs.flaggedCounts),
      hours: sum(ours.hours, theirs.hours),
      open: sumOpen(ours.open, theirs.open),
    });
  } catch (err) {
    if (err instanceof Problem) return err.problem;
    throw err;
  }
  return undefined;
}

function sum<K>(a: Iterable<[K, number]>, b: Iterable<[K, number]>): Map<K, number> {
  const out = new Map(a);
  for (const [key, n] of b) out.set(key, (out.get(key) ?? 0) + n);
  return out;
}

function sumOpen(
  a: readonly { key: OpenKey; count: number }[],
  b: readonly { key: OpenKey; count: number }[],
): { key: OpenKey; count: number }[] {
  const out = new Map<string, { key: OpenKey; count: number }>();
  for (const o of [...a, ...b]) {
    const k = `${o.key.kind}\u0000${o.key.severity}\u0000${o.key.initiatorId}\u0000${o.key.initiatorName}`;
    const have = out.get(k);
    if (have) have.count += o.count;
    else out.set(k, { key: o.key, count: o.count });
  }
  return [...out.values()];
}

function oneThread(
  db: Database.Database,
  ruleSets: RuleSetStore,
  options: VerifyAtOnceOptions,
  why: string,
): VerifiedAtOnce {
  return { report: verifyJournal(db, ruleSets, options.onProgress), threads: { threads: 1, why } };
}
