/** `import FILE...`: record the events of NDJSON or CSV files; refused lines are kept for the office. */
import type { ImportReport } from '../../../shared/contract/records';
import { importFile, ImportFileError } from '../../import';
import { expectPositionals, readArgs, wholeNumber, withJournal } from '../args';
import { UsageError, type CliCommand } from '../command';

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import NDJSON or CSV event files (refused lines are kept)',
  usage: `usage: warehouse-ledger import FILE... [--source NAME] [--batch-size N] [--db FILE] [--json]

exit codes: 0 every line recorded or already there (blank lines skipped)
            1 some line was refused (the office finds it with \`warehouse-ledger rejected\`)
            2 a file could not be read at all, or the journal could not take it (disk full,
              read-only): named on stderr with what was recorded; the other files are still imported`,
  async run(args, io) {
    const { values, positionals } = readArgs(args, { source: { type: 'string' }, 'batch-size': { type: 'string' } });
    // Lines per transaction (default 20,000): smaller commits more often, for slow disks and tests.
    const batchSize = wholeNumber(values['batch-size'], '--batch-size');
    if (batchSize === 0) throw new UsageError('--batch-size must be at least 1');
    expectPositionals(positionals, 1, Infinity, 'the file(s) to import');
    return withJournal(
      values.db,
      io,
      async (journal) => {
        const reports: ImportReport[] = [];
        let failed = false;
        for (const file of positionals) {
          try {
            reports.push(await importFile(journal, file, { source: values.source, batchSize }));
          } catch (err) {
            // One unreadable file does not stop the others; it is named on stderr and the exit code says so.
            if (!(err instanceof ImportFileError)) throw err;
            io.err(`import: ${err.message}`);
            failed = true;
          }
        }
        if (values.json)
          io.out(JSON.stringify(reports.length === 1 && positionals.length === 1 ? reports[0] : reports));
        else for (const r of reports) io.out(describe(r));
        // A script acts on the worst outcome of any file.
        if (failed) return 2;
        return reports.some((r) => r.rejected.length > 0) ? 1 : 0;
      },
      { create: true },
    );
  },
};

function describe(r: ImportReport): string {
  const lines = [
    `${r.file}: ${r.accepted} recorded, ${r.duplicates} already there, ${r.rejected.length} refused, ${r.blank} blank; ${r.anomalies} anomalies flagged`,
  ];
  for (const x of r.rejected.slice(0, 50)) lines.push(`  line ${x.line}: ${x.reason}`);
  if (r.rejected.length > 50) lines.push(`  … and ${r.rejected.length - 50} more refused lines`);
  return lines.join('\n');
}
