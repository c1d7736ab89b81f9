/** `seed --orders N [--seed S]`: fill a journal with a generated warehouse history (sample data). */
import { seedFrom, seedJournal } from '../../seed';
import { expectPositionals, readArgs, wholeNumber, withJournal } from '../args';
import { UsageError, type CliCommand } from '../command';

export const seed: CliCommand = {
  name: 'seed',
  summary: 'fill a journal with a generated warehouse history (sample data)',
  usage: 'usage: warehouse-ledger seed --orders N [--seed S] [--db FILE] [--json]',
  async run(args, io) {
    const { values, positionals } = readArgs(args, { orders: { type: 'string' }, seed: { type: 'string' } });
    expectPositionals(positionals, 0, 0, '');
    const orders = wholeNumber(values.orders, '--orders');
    if (orders === undefined || orders < 1)
      throw new UsageError('give the number of orders with --orders N (at least 1)');
    const seedValue = seedFrom(values.seed ?? '1');
    return withJournal(
      values.db,
      io,
      (journal) => {
        const report = seedJournal(journal, { orders, seed: seedValue });
        if (values.json) io.out(JSON.stringify({ orders, seed: seedValue, ...report }));
        else
          io.out(
            `seeded ${orders} orders (seed ${seedValue}): ${report.accepted} events recorded, ${report.duplicates} already there, ${report.anomalies} anomalies flagged`,
          );
        return 0;
      },
      { create: true },
    );
  },
};
