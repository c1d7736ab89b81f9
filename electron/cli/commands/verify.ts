/** `verify`: recompute the hash chain and the projections; exit 1 naming the first bad seq. */
import { expectPositionals, readArgs, withJournal } from '../args';
import type { CliCommand } from '../command';

export const verify: CliCommand = {
  name: 'verify',
  summary: 'check the hash chain and the projections against a replay',
  usage: 'usage: warehouse-ledger verify [--db FILE] [--json]',
  async run(args, io) {
    const { values, positionals } = readArgs(args, {});
    expectPositionals(positionals, 0, 0, '');
    return withJournal(values.db, io, (journal) => {
      const report = journal.verify();
      if (values.json) io.out(JSON.stringify(report));
      else if (report.ok) io.out(`ok: ${report.events} events, chain and projections intact`);
      else io.out(`NOT OK at seq ${report.firstBadSeq ?? '?'}: ${report.problem ?? 'unknown problem'}`);
      return report.ok ? 0 : 1;
    });
  },
};
