/** `history ORDER_ID`: every event of one order in journal order, with its anomalies. */
import { expectPositionals, readArgs, withJournal } from '../args';
import { AS_OF_OPTIONS, AS_OF_USAGE, asOfBanner, asOfSeq } from '../asOf';
import type { CliCommand } from '../command';
import { table } from '../table';
import { anomalyName } from '../../../shared/rules/anomalyNames';

export const history: CliCommand = {
  name: 'history',
  summary: "one order's events in journal order, with their anomalies",
  usage: `usage: warehouse-ledger history ORDER_ID ${AS_OF_USAGE} [--db FILE] [--json]`,
  async run(args, io) {
    const { values, positionals } = readArgs(args, AS_OF_OPTIONS);
    expectPositionals(positionals, 1, 1, 'the order id');
    const orderId = positionals[0]!;
    return withJournal(values.db, io, (journal) => {
      const seq = asOfSeq(values, journal);
      const events = seq === undefined ? journal.history(orderId) : journal.historyAsOf(orderId, seq);
      if (events.length === 0) {
        const then = seq === undefined ? '' : ` as of seq ${seq}`;
        io.err(`history: no events for order "${orderId}"${then} in ${journal.path}`);
        return 2;
      }
      if (values.json) {
        io.out(JSON.stringify(events));
        return 0;
      }
      const banner = asOfBanner(seq, journal);
      if (banner) io.out(banner);
      io.out(
        table(events, [
          { header: 'seq', value: (e) => e.seq, align: 'right' },
          { header: 'event', value: (e) => e.eventId },
          { header: 'timestamp', value: (e) => e.timestamp },
          { header: 'type', value: (e) => e.type },
          { header: 'what', value: (e) => describeData(e.data) },
          { header: 'by', value: (e) => `${e.initiatedBy.name ?? e.initiatedBy.id} (${e.initiatedBy.role})` },
          {
            header: 'anomalies',
            value: (e) => e.anomalies.map((a) => `${anomalyName(a.kind)}${a.open ? '' : ' (resolved)'}`).join(', '),
          },
        ]),
      );
      return 0;
    });
  },
};

/** The part of an event's data people look for first. */
function describeData(data: Record<string, unknown>): string {
  if (typeof data.status === 'string') return data.status;
  if (typeof data.itemSku === 'string') return `${String(data.itemQty)} × ${data.itemSku}`;
  if (Array.isArray(data.lines))
    return `${data.lines.length} line(s)${typeof data.customer === 'string' ? ` for ${data.customer}` : ''}`;
  if (typeof data.channel === 'string') return `by ${data.channel}`;
  return '';
}
