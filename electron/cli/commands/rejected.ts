/**
 * `rejected` and `rejected retry`: the lines an import refused, and importing one once it is put
 * right (handbook §2: kept where the office can see and fix them).
 */
import { retryRejectedLine } from '../../import';
import { expectPositionals, readArgs, wholeNumber, withJournal } from '../args';
import { UsageError, type CliCommand } from '../command';
import { table } from '../table';

export const rejectedList: CliCommand = {
  name: 'rejected',
  summary: 'list the lines imports refused (not yet fixed, or --all)',
  usage: 'usage: warehouse-ledger rejected [--file PATH] [--all] [--db FILE] [--json]',
  async run(args, io) {
    const { values, positionals } = readArgs(args, { file: { type: 'string' }, all: { type: 'boolean' } });
    expectPositionals(positionals, 0, 0, '');
    return withJournal(values.db, io, (journal) => {
      const rows = journal.rejectedLines({ file: values.file, includeFixed: values.all, limit: 10_000 });
      if (values.json) {
        io.out(JSON.stringify(rows));
        return 0;
      }
      io.out(
        table(rows, [
          { header: 'id', value: (r) => r.id, align: 'right' },
          { header: 'file', value: (r) => r.file },
          { header: 'line', value: (r) => r.line, align: 'right' },
          { header: 'reason', value: (r) => r.reason },
        ]),
      );
      io.out(`${rows.length} refused line${rows.length === 1 ? '' : 's'}`);
      return 0;
    });
  },
};

export const rejectedRetry: CliCommand = {
  name: 'rejected retry',
  summary: 'import a refused line again once it is put right',
  usage: 'usage: warehouse-ledger rejected retry ID (--line TEXT | --line-stdin) [--db FILE] [--json]',
  async run(args, io) {
    const { values, positionals } = readArgs(args, { line: { type: 'string' }, 'line-stdin': { type: 'boolean' } });
    expectPositionals(positionals, 1, 1, 'the id of the refused line (see `warehouse-ledger rejected`)');
    const id = wholeNumber(positionals[0], 'ID')!;
    if ((values.line === undefined) === !values['line-stdin']) {
      throw new UsageError('give the fixed line with --line TEXT or on stdin with --line-stdin');
    }
    const text = values.line ?? (await io.readStdin());
    return withJournal(values.db, io, (journal) => {
      const result = retryRejectedLine(journal, id, text);
      if (values.json) io.out(JSON.stringify(result));
      else
        io.out(
          result.outcome === 'recorded'
            ? `recorded ${result.eventId} as seq ${result.seq}; line ${id} is fixed`
            : `${result.eventId} was already recorded (seq ${result.seq}); line ${id} is marked fixed`,
        );
      return 0;
    });
  },
};
