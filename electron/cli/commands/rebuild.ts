/** `rebuild`: recompute every projection (orders, anomalies, counts) from the events alone. */
import { expectPositionals, readArgs, withJournal } from '../args';
import type { CliCommand } from '../command';

export const rebuild: CliCommand = {
  name: 'rebuild',
  summary: 'recompute orders, anomalies and counts from the events',
  usage: 'usage: warehouse-ledger rebuild [--db FILE] [--json]',
  async run(args, io) {
    const { values, positionals } = readArgs(args, {});
    expectPositionals(positionals, 0, 0, '');
    return withJournal(values.db, io, (journal) => {
      const { threads } = journal.rebuild();
      const result = { events: journal.eventCount(), orders: journal.countOrders(), threads };
      if (values.json) io.out(JSON.stringify(result));
      else
        io.out(
          `rebuilt the projections of ${result.events} events (${result.orders} orders)${threads === 2 ? ', in two threads' : ''}`,
        );
      return 0;
    });
  },
};
