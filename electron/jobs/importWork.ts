/** The real work behind import jobs: the streamed importer, reporting progress per committed batch. */
import { basename } from 'node:path';
import { importFile } from '../import/importFile';
import { seedJournal } from '../seed/seedJournal';
import type { ImportWork } from './work';

export const importWork: ImportWork = {
  importFile(journal, path, job) {
    const name = basename(path);
    return importFile(journal, path, {
      signal: job.signal,
      onProgress: (done, total) => {
        job.batchDone();
        job.progress(done, total, `Importing ${name}: ${formatBytes(done)} of ${formatBytes(total)}`);
      },
    });
  },

  async loadSample(journal, options, job) {
    // seedJournal commits in batches synchronously; the sample is small enough (≤ 200,000 orders)
    // that one turn of the worker is acceptable, and progress still goes out per batch.
    const report = seedJournal(journal, {
      ...options,
      signal: job.signal,
      onProgress: (events) => {
        job.batchDone();
        job.progress(events, null, `Generating the sample warehouse: ${events} events`);
      },
    });
    return {
      file: 'sample warehouse',
      accepted: report.accepted,
      duplicates: report.duplicates,
      blank: 0,
      rejected: [],
      anomalies: report.anomalies,
      cancelled: report.cancelled,
    };
  },
};

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
