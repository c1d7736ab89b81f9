/** `anomalies`: the office's inbox of flags, open or all, of one kind or every kind. */
import type { AnomalyRecord } from '../../../shared/contract/records';
import { ANOMALY_KINDS, type AnomalyKind } from '../../../shared/rules/evaluate';
import { expectPositionals, readArgs, withJournal } from '../args';
import { AS_OF_OPTIONS, AS_OF_USAGE, asOfBanner, asOfSeq } from '../asOf';
import { UsageError, type CliCommand } from '../command';
import { table } from '../table';
import { allPages } from '../pages';

export const anomalies: CliCommand = {
  name: 'anomalies',
  summary: 'list flagged events (all, or only the open ones)',
  usage: `usage: warehouse-ledger anomalies [--open] [--kind ${ANOMALY_KINDS.join('|')}] ${AS_OF_USAGE} [--db FILE] [--json]`,
  async run(args, io) {
    const { values, positionals } = readArgs(args, {
      open: { type: 'boolean' },
      kind: { type: 'string' },
      ...AS_OF_OPTIONS,
    });
    expectPositionals(positionals, 0, 0, '');
    const kind = values.kind;
    if (kind !== undefined && !(ANOMALY_KINDS as readonly string[]).includes(kind)) {
      throw new UsageError(`unknown anomaly kind "${kind}" (known: ${ANOMALY_KINDS.join(', ')})`);
    }
    return withJournal(values.db, io, (journal) => {
      const seq = asOfSeq(values, journal);
      const filter = { open: values.open ? true : undefined, kind: kind as AnomalyKind | undefined };
      // Every anomaly, newest first.
      const rows = allPages<AnomalyRecord>((last, limit) =>
        seq === undefined
          ? journal.anomalies({ ...filter, beforeId: last?.id, limit })
          : journal.anomaliesAsOf({ ...filter, beforeId: last?.id, limit }, seq),
      );
      if (values.json) {
        io.out(JSON.stringify(rows));
        return 0;
      }
      const banner = asOfBanner(seq, journal);
      if (banner) io.out(banner);
      io.out(
        table(rows, [
          { header: 'seq', value: (a) => a.seq, align: 'right' },
          { header: 'order', value: (a) => a.orderId },
          { header: 'kind', value: (a) => a.kind },
          { header: 'severity', value: (a) => a.severity },
          { header: 'state', value: (a) => (a.open ? 'open' : `resolved by ${a.resolvedBySeq ?? '?'}`) },
          { header: 'message', value: (a) => a.message },
        ]),
      );
      io.out(`${rows.length} anomal${rows.length === 1 ? 'y' : 'ies'}`);
      return 0;
    });
  },
};
