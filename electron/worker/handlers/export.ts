/**
 * The export channels. The export itself runs here, in the journal worker, never on the
 * UI thread; its service (settings, scheduler, latest failure) belongs to the open journal.
 */
import { isAbsolute } from 'node:path';
import { statSync } from 'node:fs';
import { ExportError } from '../../export/errors';
import { exportServiceFor, type ExportService } from '../../export/service';
import type { HandlerContext } from './context';
import { LedgerError } from './errors';
import type { PartialHandlers } from './types';
import type { TrackedJob } from '../ledgerJobs';

/**
 * The export service of the context's journal; its outcomes are pushed to every window. Each
 * export (scheduled or on request) is a job of the journal's one runner, tracked from its first
 * progress to its end, so it shows with the other long jobs under an id of its own.
 */
export function exportService(
  ctx: Pick<HandlerContext, 'journal' | 'settings' | 'push' | 'keys' | 'longJobs'>,
): ExportService {
  // One export runs at a time (the service shares a running one), so one job at a time here.
  let job: TrackedJob | null = null;
  return exportServiceFor({
    journal: ctx.journal,
    settings: ctx.settings,
    keys: ctx.keys,
    finished: (event) => {
      ctx.push('exportFinished', event);
      // Closes the progress shown with the other long jobs (an export refused before it wrote
      // anything still ends as a job, so a window waiting on one hears why).
      const ending = job ?? ctx.longJobs.track('export');
      job = null;
      ending.finish(event.ok, event.failure?.message ?? null);
    },
    progress: (done, total) => {
      job ??= ctx.longJobs.track('export');
      job.progress(done, total, 'Writing events');
    },
  });
}

export const exportHandlers: PartialHandlers<'exportStatus' | 'exportNow' | 'setExportSettings' | 'rotateExportKey'> = {
  async exportStatus(ctx) {
    const service = exportService(ctx);
    // The key exists before the first export, so corporate can register it in advance.
    await service.ensureKey();
    return service.status();
  },

  async exportNow(ctx) {
    try {
      return await exportService(ctx).exportNow();
    } catch (err) {
      // What went wrong is for the person who pressed the button (and stays on the page as the failure).
      if (err instanceof ExportError) throw new LedgerError('refused', err.message);
      throw err;
    }
  },

  setExportSettings(ctx, change) {
    // The destination stays as chosen (a folder dialog, or the command line): never from a window.
    const service = exportService(ctx);
    return service.setSettings({ ...service.settings(), ...change });
  },

  async rotateExportKey(ctx) {
    try {
      return await exportService(ctx).rotateKey();
    } catch (err) {
      if (err instanceof ExportError) throw new LedgerError('refused', err.message);
      throw err;
    }
  },
};

/**
 * The export destination a Supervisor picked in the main process's folder dialog (Electron), or
 * that the command line names: an existing folder, by its full path. No channel reaches this.
 */
export function checkedDestination(folder: string): string {
  if (!isAbsolute(folder) || folder.split(/[\\/]/).includes('..')) {
    throw new LedgerError('invalid-request', `"${folder}" is not a full path to a folder.`);
  }
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    throw new LedgerError('refused', `The folder ${folder} is not there.`);
  }
  if (!isFolder) throw new LedgerError('refused', `${folder} is not a folder.`);
  return folder;
}
