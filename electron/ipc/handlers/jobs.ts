/**
 * Starting and stopping long work. Each start answers with a job id at once; progress and the
 * end come as `jobProgress` / `jobFinished` pushes (see ../../jobs/ledgerJobs).
 */
import { destinationFor, withAnchors } from '../../export/anchors';
import { readExportSettings } from '../../export/settings';
import { basename } from 'node:path';
import type { ImportReport } from '../../../shared/contract/records';
import type { PartialHandlers } from './types';
import { LedgerError } from '../errors';
import { rebuildJob } from '../../jobs/rebuildJob';
import { yieldTurn } from '../../jobs/ledgerJobs';

export const jobHandlers: PartialHandlers<
  'importFiles' | 'loadSample' | 'rebuild' | 'cancelJob' | 'rejectedLines' | 'verify'
> = {
  importFiles(ctx, { paths }) {
    const { journal, work } = ctx;
    const jobId = ctx.longJobs.start('import', async (job) => {
      const reports: ImportReport[] = [];
      for (const [i, path] of paths.entries()) {
        if (job.signal.aborted) break;
        job.progress(i, paths.length, `Importing ${basename(path)} (${i + 1} of ${paths.length})`);
        reports.push(await work.importFile(journal, path, job));
      }
      return reports;
    });
    return { jobId };
  },

  loadSample(ctx, { orders, seed }) {
    if (ctx.journal.eventCount() > 0) {
      throw new LedgerError('refused', 'The sample warehouse only goes into an empty journal; this one has events.');
    }
    const { journal, work } = ctx;
    const jobId = ctx.longJobs.start('sample', async (job) => [await work.loadSample(journal, { orders, seed }, job)]);
    return { jobId };
  },

  rebuild(ctx) {
    const { journal } = ctx;
    // Reads the events in chunks with a turn for requests between them; rewrites the projections
    // in one transaction at the end (identical tables or nothing), so Cancel leaves them as they were.
    const jobId = ctx.longJobs.start('rebuild', (job) => rebuildJob(journal, job));
    return { jobId };
  },

  cancelJob(ctx, { jobId }) {
    if (!ctx.longJobs.cancel(jobId) && !ctx.jobs.cancel(jobId)) {
      throw new LedgerError('not-found', `No running job "${jobId}" (it may have finished already).`);
    }
    return { ok: true as const };
  },

  rejectedLines(ctx, { file, limit }) {
    return ctx.journal.rejectedLines({ file, limit });
  },

  async verify(ctx) {
    // In turns: checking a large journal takes seconds, and the other windows are answered meanwhile.
    const chain = await ctx.journal.verifyInTurns({ yieldTurn });
    // Then the anchors: the export log, and the signed bundles at the destination when reachable.
    const settings = readExportSettings(ctx.settings);
    return withAnchors(ctx.journal, chain, {
      destination: destinationFor(ctx.journal, settings.destination, ctx.workstationJournal),
      workstation: settings.workstation,
      keyDir: ctx.keys.dir,
    });
  },
};
