/**
 * `requests`: the correction requests Clerks handed to Supervisors, newest first, with who asked,
 * what and why — the Requests section of the app's anomaly inbox, for the command line.
 */
import { readArgs, expectPositionals, wholeNumber, withJournal } from '../args';
import { UsageError, type CliCommand } from '../command';
import { table } from '../table';

const USAGE = `usage: warehouse-ledger requests [--all] [--limit N] [--db FILE] [--json]
  --all       every request, also those corrected, dismissed or declined (default: those still waiting)
  --limit N   at most N requests (default 100, at most 500)`;

export const requests: CliCommand = {
  name: 'requests',
  summary: 'correction requests waiting for a Supervisor: who asked, what, why',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = readArgs(args, { all: { type: 'boolean' }, limit: { type: 'string' } });
    expectPositionals(positionals, 0, 0, '');
    const limit = wholeNumber(values.limit, '--limit') ?? 100;
    if (limit < 1 || limit > 500) throw new UsageError('--limit must be from 1 to 500');
    return withJournal(values.db, io, (journal) => {
      const rows = journal.correctionRequests(!values.all, limit);
      if (values.json) io.out(JSON.stringify(rows));
      else if (rows.length === 0) io.out(values.all ? 'no correction requests' : 'no correction request is waiting');
      else
        io.out(
          table(rows, [
            { header: 'seq', value: (r) => r.seq, align: 'right' },
            { header: 'when', value: (r) => r.timestamp },
            { header: 'who', value: (r) => `${r.requestedBy.name} (${r.requestedBy.role})` },
            { header: 'order', value: (r) => r.orderId },
            { header: 'event', value: (r) => r.correctsEventId },
            { header: 'to', value: (r) => r.status },
            { header: 'why', value: (r) => (r.note ? `${r.reason} — ${r.note}` : r.reason) },
            { header: 'state', value: (r) => (r.endedBy ? `${r.state} by ${r.endedBy.operator.name}` : r.state) },
          ]),
        );
      return 0;
    });
  },
};
