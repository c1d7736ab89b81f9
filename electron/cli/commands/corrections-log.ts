/**
 * `corrections-log`: every office event (corrections, dismissed false alarms), newest first, with
 * who, when, order, from → to and why — the log page of the app, for the command line.
 */
import { readArgs, expectPositionals, wholeNumber, withJournal } from '../args';
import { UsageError, type CliCommand } from '../command';
import { table } from '../table';
import { readCorrectionsLog } from '../../worker/handlers/corrections';
import type { CorrectionsLogRow } from '../../../shared/contract/corrections';
import { logToCsv } from '../../../shared/corrections/csv';
import { instantOf } from '../../../shared/events/envelope';

const USAGE = `usage: warehouse-ledger corrections-log [--operator ID] [--from TIME] [--to TIME] [--limit N] [--csv] [--db FILE] [--json]
  --operator ID   only the office events of this operator
  --from, --to    ISO 8601 times with an offset (both included), e.g. 2026-11-26T00:00:00-05:00
  --limit N       at most N events (default: all)
  --csv           the same columns as the app's CSV export`;

export const correctionsLog: CliCommand = {
  name: 'corrections-log',
  summary: 'every correction and dismissed false alarm: who, when, order, from → to, why',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = readArgs(args, {
      operator: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      limit: { type: 'string' },
      csv: { type: 'boolean' },
    });
    expectPositionals(positionals, 0, 0, '');
    for (const option of ['from', 'to'] as const) {
      const v = values[option];
      if (v !== undefined && Number.isNaN(instantOf(v))) {
        throw new UsageError(`--${option} must be an ISO 8601 time with an offset (got "${v}")`);
      }
    }
    const limit = wholeNumber(values.limit, '--limit');
    if (limit === 0) throw new UsageError('--limit must be at least 1');
    if (values.csv && values.json) throw new UsageError('choose one of --csv and --json');

    return withJournal(values.db, io, (journal) => {
      const rows: CorrectionsLogRow[] = [];
      let beforeSeq: number | undefined;
      for (;;) {
        const want = Math.min(1000, limit === undefined ? 1000 : limit - rows.length);
        const page = readCorrectionsLog(journal, {
          limit: want,
          ...(values.operator !== undefined ? { operatorId: values.operator } : {}),
          ...(values.from !== undefined ? { from: values.from } : {}),
          ...(values.to !== undefined ? { to: values.to } : {}),
          ...(beforeSeq !== undefined ? { beforeSeq } : {}),
        });
        rows.push(...page.rows);
        if (page.nextBeforeSeq === null || (limit !== undefined && rows.length >= limit)) break;
        beforeSeq = page.nextBeforeSeq;
      }
      if (values.json) io.out(JSON.stringify(rows));
      else if (values.csv) io.out(logToCsv(rows).replace(/\r\n$/, ''));
      else if (rows.length === 0) io.out('no office events');
      else
        io.out(
          table(rows, [
            { header: 'seq', value: (r) => r.seq, align: 'right' },
            { header: 'when', value: (r) => r.timestamp },
            { header: 'who', value: (r) => `${r.operator.name} (${r.operator.role})` },
            { header: 'order', value: (r) => r.orderId ?? '-' },
            { header: 'what', value: (r) => r.what },
            { header: 'from → to', value: (r) => `${r.fromStatus ?? '-'} → ${r.toStatus ?? '-'}` },
            { header: 'why', value: (r) => r.reason },
          ]),
        );
      return 0;
    });
  },
};
