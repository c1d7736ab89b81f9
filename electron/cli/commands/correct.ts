/**
 * `correct`: append a StatusCorrected for an order (handbook §6), and `dismiss`: mark a flagged
 * event as not needing a correction. Both are office actions in a signed-in operator's name: the
 * operator's password comes on the first line of stdin (`--password-stdin`), or nothing is written.
 */
import { expectPositionals, readArgs, wholeNumber, withJournal } from '../args';
import { UsageError, type CliCommand } from '../command';
import { authenticated, requireCredentials, stdinLines } from '../credentials';

export const correct: CliCommand = {
  name: 'correct',
  summary: "put an order's status right with a StatusCorrected event (password on stdin)",
  usage:
    'usage: warehouse-ledger correct ORDER_ID --status S --reason TEXT --operator ID --password-stdin [--corrects EVENT_ID] [--expected-seq N] [--db FILE] [--json]',
  async run(args, io) {
    const { values, positionals } = readArgs(args, {
      status: { type: 'string' },
      reason: { type: 'string' },
      operator: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      corrects: { type: 'string' },
      'expected-seq': { type: 'string' },
    });
    expectPositionals(positionals, 1, 1, 'the order id');
    if (!values.status) throw new UsageError('give the corrected status with --status S');
    if (values.reason === undefined) throw new UsageError('give the reason with --reason TEXT');
    const operatorId = requireCredentials(values.operator, values['password-stdin'], 'writing the correction');
    const expectedSeq = wholeNumber(values['expected-seq'], '--expected-seq');
    const [password] = await stdinLines(io, 1);
    return withJournal(values.db, io, async (journal) => {
      const op = await authenticated(journal, operatorId, password!);
      const appended = journal.correct({
        orderId: positionals[0]!,
        status: values.status!,
        reason: values.reason!,
        operatorId: op.id,
        correctsEventId: values.corrects,
        expectedSeq,
      });
      if (values.json) io.out(JSON.stringify(appended));
      else
        io.out(
          `recorded correction ${appended.eventId} as seq ${appended.seq}: order is now ${appended.status ?? values.status}`,
        );
      return 0;
    });
  },
};

export const dismiss: CliCommand = {
  name: 'dismiss',
  summary: 'record that a flagged event needs no correction, with the reason (password on stdin)',
  usage:
    'usage: warehouse-ledger dismiss ORDER_ID --event EVENT_ID --reason TEXT --operator ID --password-stdin [--expected-seq N] [--db FILE] [--json]',
  async run(args, io) {
    const { values, positionals } = readArgs(args, {
      event: { type: 'string' },
      reason: { type: 'string' },
      operator: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      'expected-seq': { type: 'string' },
    });
    expectPositionals(positionals, 1, 1, 'the order id');
    if (!values.event) throw new UsageError('give the flagged event with --event EVENT_ID');
    if (values.reason === undefined) throw new UsageError('give the reason with --reason TEXT');
    const operatorId = requireCredentials(values.operator, values['password-stdin'], 'writing the dismissal');
    const expectedSeq = wholeNumber(values['expected-seq'], '--expected-seq');
    const [password] = await stdinLines(io, 1);
    return withJournal(values.db, io, async (journal) => {
      const op = await authenticated(journal, operatorId, password!);
      const appended = journal.dismiss({
        orderId: positionals[0]!,
        dismissesEventId: values.event!,
        reason: values.reason!,
        operatorId: op.id,
        expectedSeq,
      });
      if (values.json) io.out(JSON.stringify(appended));
      else io.out(`recorded dismissal ${appended.eventId} as seq ${appended.seq} for ${values.event}`);
      return 0;
    });
  },
};
