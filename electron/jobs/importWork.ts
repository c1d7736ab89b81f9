/** The real work behind import jobs: the streamed importer, reporting progress per committed batch. */
import { basename } from 'node:path';
import { importFile } from '../import/importFile';
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

  async loadSample() {
    // The sample generator (electron/seed) has not landed yet; wired here once it does.
    throw new Error('The sample warehouse generator is not available in this build.');
  },
};

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
