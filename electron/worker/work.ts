/**
 * The long jobs' work, behind an interface: the worker plugs in the real importer and sample
 * generator (electron/import, electron/seed); tests plug in small fakes.
 */
import type { ImportReport } from '../../shared/contract/records';
import type { JournalApi } from '../journal/types';
import type { JobContext } from './ledgerJobs';
import type { ImportSource } from '../import/importFile';

export interface ImportWork {
  /**
   * Import one NDJSON or CSV file, already opened (a chosen file, an upload, an inbox file), in
   * batches, checking `ctx.signal` and calling `ctx.yieldTurn()` between them.
   */
  importFile(journal: JournalApi, file: ImportSource, ctx: JobContext): Promise<ImportReport>;
  /** Fill an empty journal with the generated sample warehouse. */
  loadSample(journal: JournalApi, options: { orders: number; seed: number }, ctx: JobContext): Promise<ImportReport>;
}
