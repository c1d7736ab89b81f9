/**
 * Starting and stopping long work. Each start answers with a job id at once; progress and the
 * end come as `jobProgress` / `jobFinished` pushes (see ../../jobs/ledgerJobs).
 */
import { destinationFor, withAnchors } from '../../export/anchors';
import { readExportSettings } from '../../export/settings';
import { basename } from 'node:path';
import type { ImportReport } from '../../../shared/contract/records';
import type { PartialHandlers } from './types';
import { LedgerError } from './errors';
import { rebuildJob } from '../rebuildJob';
import { yieldTurn } from '../ledgerJobs';
import { releaseFile } from '../../files/grants';
import { FileOpenError, openRegularFile } from '../../files/open';
import { emptyReport, ImportFileError } from '../../import/importFile';
import { retryRejectedLine } from '../../import/retry';

export const jobHandlers: PartialHandlers<
  'importFiles' | 'loadSample' | 'rebuild' | 'cancelJob' | 'rejectedLines' | 'retryRejectedLine' | 'verify'
> = {
  importFiles(ctx, { files }) {
    const { journal, work } = ctx;
    // Only files this window chose (the dialog, a confirmed drop, an upload): never a named path.
    const chosen = ctx.files.take(ctx.session.id, 'events', files);
    const jobId = ctx.longJobs.start('import', async (job) => {
      const reports: ImportReport[] = [];
      try {
        for (const [i, file] of chosen.entries()) {
          if (job.signal.aborted) break;
          job.progress(i, chosen.length, `Importing ${basename(file.name)} (${i + 1} of ${chosen.length})`);
          // A file that cannot be read, or stops on a line, is reported and the next one is read:
          // one bad file among several does not keep the others out.
          try {
            const opened = openRegularFile(file.path, file.name);
            try {
              reports.push(await work.importFile(journal, opened, job));
            } finally {
              opened.close();
            }
          } catch (e) {
            if (!(e instanceof FileOpenError || e instanceof ImportFileError)) throw e;
            reports.push(refusedFile(file.name, e));
          } finally {
            releaseFile(file);
          }
        }
      } finally {
        for (const file of chosen) releaseFile(file);
      }
      return { reports };
    });
    return { jobId };
  },

  loadSample(ctx, { orders, seed }) {
    if (ctx.journal.eventCount() > 0) {
      throw new LedgerError('refused', 'The sample warehouse only goes into an empty journal; this one has events.');
    }
    const { journal, work } = ctx;
    const jobId = ctx.longJobs.start('sample', async (job) => ({
      reports: [await work.loadSample(journal, { orders, seed }, job)],
    }));
    return { jobId };
  },

  rebuild(ctx) {
    const { journal } = ctx;
    // Reads the events in chunks with a turn for requests between them; rewrites the projections
    // in one transaction at the end (identical tables or nothing), so Cancel leaves them as they were.
    const jobId = ctx.longJobs.start('rebuild', async (job) => ({ reports: await rebuildJob(journal, job) }));
    return { jobId };
  },

  cancelJob(ctx, { jobId }) {
    if (ctx.longJobs.isRunning(jobId) && !ctx.longJobs.isCancellable(jobId)) {
      throw new LedgerError('refused', 'This job cannot be stopped once it has begun; it will finish on its own.');
    }
    if (!ctx.longJobs.cancel(jobId)) {
      throw new LedgerError('not-found', `No running job "${jobId}" (it may have finished already).`);
    }
    return { ok: true as const };
  },

  rejectedLines(ctx, { file, limit }) {
    return ctx.journal.rejectedLines({ file, limit });
  },

  // The import's own reading and checks, on the one line as put right (like `rejected retry`).
  retryRejectedLine(ctx, { id, line }) {
    return retryRejectedLine(ctx.journal, id, line);
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

/** The report of a file the import could not read (or that stopped on its header): the reason in words. */
function refusedFile(name: string, e: FileOpenError | ImportFileError): ImportReport {
  const prefix = `${e.file}: `;
  const says = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
  const error = /^line \d+:/.test(says) ? `The file was refused at ${says}.` : `The file ${says}.`;
  return { ...emptyReport(name), error };
}
