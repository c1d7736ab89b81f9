/** `orders`: the running status of every order, filtered by status or by open anomalies. */
import type { OrderRecord } from '../../../shared/contract/records';
import { expectPositionals, readArgs, withJournal } from '../args';
import type { CliCommand } from '../command';
import { table } from '../table';
import { allPages } from '../pages';

export const orders: CliCommand = {
  name: 'orders',
  summary: 'list orders with their running status',
  usage: 'usage: warehouse-ledger orders [--status S] [--with-anomalies] [--db FILE] [--json]',
  async run(args, io) {
    const { values, positionals } = readArgs(args, {
      status: { type: 'string' },
      'with-anomalies': { type: 'boolean' },
    });
    expectPositionals(positionals, 0, 0, '');
    return withJournal(values.db, io, (journal) => {
      if (values.status !== undefined) {
        const known = journal.activeRuleSet().ruleSet.statuses;
        if (!known.includes(values.status)) {
          io.err(`orders: unknown status "${values.status}" (known: ${known.join(', ')})`);
          return 2;
        }
      }
      const rows = allPages<OrderRecord>((last, limit) =>
        journal.orders({
          status: values.status,
          withAnomalies: values['with-anomalies'],
          afterOrderId: last?.orderId,
          limit,
        }),
      );
      if (values.json) {
        io.out(JSON.stringify(rows));
        return 0;
      }
      io.out(
        table(rows, [
          { header: 'order', value: (o) => o.orderId },
          { header: 'status', value: (o) => o.status ?? '(none)' },
          { header: 'customer', value: (o) => o.customer },
          { header: 'events', value: (o) => o.eventCount, align: 'right' },
          { header: 'open anomalies', value: (o) => o.openAnomalies, align: 'right' },
          { header: 'last seq', value: (o) => o.lastSeq, align: 'right' },
          { header: 'last event', value: (o) => o.lastEventAt },
        ]),
      );
      io.out(`${rows.length} order${rows.length === 1 ? '' : 's'}`);
      return 0;
    });
  },
};
