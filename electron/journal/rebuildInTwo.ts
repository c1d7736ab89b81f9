/**
 * The whole rebuild at once (the command line, the bench), in two threads where it pays: this
 * one reads and folds one part of the orders (./rebuildParts) while a worker thread reads the
 * other on a connection of its own, then this one merges the two and writes every projection.
 * Reading is most of a rebuild, and it is the cost of handing rows to JavaScript, which each
 * thread now pays for half of them.
 *
 * It runs inside the caller's write transaction, which holds the journal still: no event can be
 * appended while the two threads read, and the worker's read-only connection sees exactly the
 * events this one does (nothing is written before both have read). Both read up to the last seq
 * the rebuild began with.
 *
 * One thread does it all (`rebuildProjections`), with the same result, where two would not pay
 * or cannot be had: a small journal (starting a thread costs more than it saves), a journal in
 * memory, no worker file beside the code (under Electron, whose app rebuilds in turns in its
 * worker instead), a thread that fails or does not answer, and a journal where an event resolves
 * anomalies of another part's order (`CrossPart`). Only time is lost then, never a projection.
 */
import type Database from 'better-sqlite3';
import { collectPastHeadroom } from '../memory/heap';
import { partThreadFor, type OtherPart, type ThreadsUsed } from './partThread';
import {
  headHash,
  ProjectionRebuild,
  projectionsOf,
  rebuildProjections,
  writeFromEvents,
  writeReplayed,
} from './rebuild';
import { CrossPart, MergedProjections, type PartOutcome } from './rebuildParts';
import { readAll } from './replay';
import type { RuleSetStore } from './ruleSets';

export interface RebuildAtOnceOptions {
  onProgress?: (done: number, total: number) => void;
  /** Events from which two threads are used (tests set it low). */
  twoThreadsFrom?: number;
  /**
   * Where the thread's file is looked for (tests): beside this code unless given. Not on the
   * journal's own `rebuild`: no caller of it may name a folder whose code a thread would run.
   */
  threadDir?: string;
}

/** How the rebuild was done: in two threads, or in one, and why. */
export type RebuildThreads = ThreadsUsed;

export type RebuildThreadAnswer = { outcome: PartOutcome } | { crossPart: string } | { error: string };

/** The whole rebuild, in the caller's write transaction. */
export function rebuildAtOnce(
  db: Database.Database,
  ruleSets: RuleSetStore,
  options: RebuildAtOnceOptions = {},
): RebuildThreads {
  const total = (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM events').get() as { n: number }).n;
  const thread = partThreadFor<RebuildThreadAnswer>(db, total, 'the rebuild thread', 'rebuildWorker', options);
  if ('why' in thread) return oneThread(db, ruleSets, options, thread.why);
  return rebuildInParts(db, ruleSets, total, thread, options);
}

/**
 * Read part 0 here while `other` reads part 1, then write what the two read (or, where the parts
 * cannot be had, all of it read in one). In the caller's write transaction; `total` is its last seq.
 */
export function rebuildInParts(
  db: Database.Database,
  ruleSets: RuleSetStore,
  total: number,
  other: OtherPart<RebuildThreadAnswer>,
  options: RebuildAtOnceOptions = {},
): RebuildThreads {
  const ours = new ProjectionRebuild(db, ruleSets, { part: 0, toSeq: total });
  try {
    readAll(ours, options.onProgress);
  } catch (err) {
    other.abandon();
    if (err instanceof CrossPart) return oneThread(db, ruleSets, options, err.message);
    throw err;
  }
  // While the other thread may still be reading: what SQL makes from the events alone.
  writeFromEvents(db);
  const answer = other.answer();
  if (!('outcome' in answer)) {
    return oneThread(db, ruleSets, options, 'crossPart' in answer ? answer.crossPart : answer.error);
  }
  // The thread opened the journal by its path: a file put in its place meanwhile is another
  // journal, whose orders must not be written here.
  if (answer.outcome.head !== headHash(db, total)) {
    return oneThread(db, ruleSets, options, `the thread read another journal (its event of seq ${total} differs)`);
  }
  ours.filters.merge(answer.outcome.filters, answer.outcome.finished);
  writeReplayed(
    db,
    new MergedProjections(projectionsOf(ours.replay), answer.outcome),
    ours.filters.finishedFilters(),
    collectPastHeadroom,
  );
  return { threads: 2 };
}

/** Read one part of a rebuild in two on `db` (nothing is written): what the other thread answers. */
export function readPart(
  db: Database.Database,
  ruleSets: RuleSetStore,
  part: 0 | 1,
  toSeq: number,
): RebuildThreadAnswer {
  try {
    const rebuild = new ProjectionRebuild(db, ruleSets, { part, toSeq });
    readAll(rebuild);
    return { outcome: rebuild.outcome() };
  } catch (err) {
    if (err instanceof CrossPart) return { crossPart: err.message };
    throw err;
  }
}

function oneThread(
  db: Database.Database,
  ruleSets: RuleSetStore,
  options: RebuildAtOnceOptions,
  why: string,
): RebuildThreads {
  rebuildProjections(db, ruleSets, options.onProgress);
  return { threads: 1, why };
}
