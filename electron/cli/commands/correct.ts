/** `correct`: append a StatusCorrected for an order (handbook §6), written by a Supervisor. */
import { expectPositionals, readArgs, wholeNumber, withJournal } from '../args';
import { UsageError, type CliCommand } from '../command';

export const correct: CliCommand = {
  name: 'correct',
  summary: "put an order's status right with a StatusCorrected event",
  usage:
    'usage: warehouse-ledger correct ORDER_ID --status S --reason TEXT --operator ID [--corrects EVENT_ID] [--expected-seq N] [--db FILE] [--json]',
  async run(args, io) {
    const { values, positionals } = readArgs(args, {
      status: { type: 'string' },
      reason: { type: 'string' },
      operator: { type: 'string' },
      corrects: { type: 'string' },
      'expected-seq': { type: 'string' },
    });
    expectPositionals(positionals, 1, 1, 'the order id');
    if (!values.status) throw new UsageError('give the corrected status with --status S');
    if (values.reason === undefined) throw new UsageError('give the reason with --reason TEXT');
    if (!values.operator) throw new UsageError('give the operator writing the correction with --operator ID');
    const expectedSeq = wholeNumber(values['expected-seq'], '--expected-seq');
    return withJournal(values.db, io, (journal) => {
      const appended = journal.correct({
        orderId: positionals[0]!,
        status: values.status!,
        reason: values.reason!,
        operatorId: values.operator!,
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
