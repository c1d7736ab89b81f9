/** `activity --initiator ID_OR_NAME [--from T --to T]`: every event one person initiated, and what followed. */
import { describeShift } from '../../../shared/people/workingHours';
import { personActivity } from '../../people/activity';
import { expectPositionals, readArgs, withJournal } from '../args';
import { UsageError, type CliCommand } from '../command';
import { table } from '../table';

export const activity: CliCommand = {
  name: 'activity',
  summary: 'every event one person initiated, with its anomalies, after-hours marks and later corrections',
  usage: 'usage: warehouse-ledger activity --initiator ID_OR_NAME [--from TIME] [--to TIME] [--db FILE] [--json]',
  async run(args, io) {
    const { values, positionals } = readArgs(args, {
      initiator: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    });
    expectPositionals(positionals, 0, 0, '');
    if (values.initiator === undefined || values.initiator.trim() === '') {
      throw new UsageError('name the person with --initiator ID_OR_NAME');
    }
    const initiator = values.initiator.trim();
    return withJournal(values.db, io, (journal) => {
      const report = personActivity(journal, { initiator, from: values.from, to: values.to });
      if (values.json) {
        io.out(JSON.stringify(report));
        return 0;
      }
      const p = report.person!;
      const shift = report.shift;
      io.out(
        `${p.name ?? p.id} (${p.id}, ${p.role}): ${report.entries.length} event(s)` +
          (values.from || values.to ? ` from ${values.from ?? 'the start'} to ${values.to ?? 'now'}` : '') +
          `, ${report.flagged} flagged, ${report.corrected} followed up, ${report.afterHours} after hours` +
          (shift ? ` (working hours ${describeShift(shift)})` : ' (no working hours set for the role)'),
      );
      if (report.entries.length === 0) return 0;
      io.out(
        table(report.entries, [
          { header: 'seq', value: (e) => e.event.seq, align: 'right' },
          { header: 'timestamp', value: (e) => `${e.event.timestamp}${e.afterHours ? '  after hours' : ''}` },
          { header: 'order', value: (e) => e.event.orderId },
          { header: 'type', value: (e) => e.event.type },
          { header: 'what', value: (e) => (typeof e.event.data.status === 'string' ? e.event.data.status : '') },
          {
            header: 'anomalies',
            value: (e) => e.event.anomalies.map((a) => `${a.kind}${a.open ? '' : ' (resolved)'}`).join(', '),
          },
          {
            header: 'followed up',
            value: (e) =>
              e.followUps
                .map(
                  (f) =>
                    `${f.type === 'StatusCorrected' ? `corrected to ${f.status ?? '?'}` : 'dismissed'} by ${f.by.name ?? f.by.id} at ${f.timestamp}: ${f.reason}`,
                )
                .join('; '),
          },
        ]),
      );
      return 0;
    });
  },
};
