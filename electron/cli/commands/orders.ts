/** `orders`: the running status of every order, filtered by status or by open anomalies. */
import type { OrderRecord } from '../../../shared/contract/records';
import { pageOrders } from '../../../shared/history/asOf';
import { expectPositionals, readArgs, withJournal } from '../args';
import { AS_OF_OPTIONS, AS_OF_USAGE, asOfBanner, asOfSeq } from '../asOf';
import type { CliCommand } from '../command';
import { table } from '../table';
import { allPages } from '../pages';

/** Orders read (and written) at a time by `orders --json`. */
const JSON_PAGE = 2000;

export const orders: CliCommand = {
  name: 'orders',
  summary: 'list orders with their running status',
  usage: `usage: warehouse-ledger orders [--status S] [--with-anomalies] ${AS_OF_USAGE} [--db FILE] [--json]`,
  async run(args, io) {
    const { values, positionals } = readArgs(args, {
      status: { type: 'string' },
      'with-anomalies': { type: 'boolean' },
      ...AS_OF_OPTIONS,
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
      const seq = asOfSeq(values, journal);
      const filter = { status: values.status, withAnomalies: values['with-anomalies'] };
      if (values.json && seq === undefined) {
        // Streamed a page at a time, never the whole list in memory: one JSON array, its
        // elements written as they are read (a line break between pages is JSON whitespace).
        io.out('[');
        let after: string | undefined;
        let first = true;
        for (;;) {
          const page = journal.orders({ ...filter, afterOrderId: after, limit: JSON_PAGE });
          if (page.length > 0) {
            io.out(`${first ? '' : ','}${page.map((o) => JSON.stringify(o)).join(',')}`);
            first = false;
          }
          if (page.length < JSON_PAGE) break;
          after = page[page.length - 1]!.orderId;
        }
        io.out(']');
        return 0;
      }
      const rows =
        seq === undefined
          ? allPages<OrderRecord>((last, limit) => journal.orders({ ...filter, afterOrderId: last?.orderId, limit }))
          : pageOrders(journal.ordersAsOf(seq), { ...filter, limit: Number.MAX_SAFE_INTEGER });
      if (values.json) {
        io.out(JSON.stringify(rows));
        return 0;
      }
      const banner = asOfBanner(seq, journal);
      if (banner) io.out(banner);
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
