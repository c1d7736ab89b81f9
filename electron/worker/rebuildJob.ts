/**
 * The rebuild job: `Journal.rebuildInTurns` with the job's cancel flag, turns and progress.
 * The worker answers requests between two chunks of events read; the projections are rewritten
 * at the end in one transaction, so a cancelled rebuild leaves them exactly as they were.
 */
import type { ImportReport } from '../../shared/contract/records';
import type { Journal } from '../journal';
import { JobCancelled, type JobContext } from './ledgerJobs';
import { formatCount } from '../../shared/text/numbers';

export const REBUILD_CANCELLED = 'Rebuild cancelled: nothing was written, the projections are as they were.';

export async function rebuildJob(journal: Journal, job: JobContext, chunk?: number): Promise<ImportReport[]> {
  const outcome = await journal.rebuildInTurns({
    signal: job.signal,
    yieldTurn: () => job.yieldTurn(),
    onProgress: (done, total, phase) =>
      job.progress(
        done,
        total,
        phase === 'reading'
          ? `Rebuilding: ${count(done)} of ${count(total)} events read`
          : phase === 'writing'
            ? `Rebuilding: writing the projections of ${count(done)} events`
            : `Rebuilt from ${count(done)} events`,
      ),
    ...(chunk === undefined ? {} : { chunk }),
  });
  if (outcome.cancelled) throw new JobCancelled(REBUILD_CANCELLED);
  return [];
}

const count = formatCount;
