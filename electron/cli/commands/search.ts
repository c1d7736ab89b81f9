/** `search TEXT`: the app's search box on the command line (events and their orders). */
import { MIN_TERM, searchTerms } from '../../../shared/search/terms';
import { expectPositionals, readArgs, wholeNumber, withJournal } from '../args';
import { UsageError, type CliCommand } from '../command';
import { table } from '../table';

export const search: CliCommand = {
  name: 'search',
  summary: 'find events and orders by a person, a customer, part of an order id, a SKU or a reason',
  usage: 'usage: warehouse-ledger search TEXT… [--limit N] [--db FILE] [--json]',
  async run(args, io) {
    const { values, positionals } = readArgs(args, { limit: { type: 'string' } });
    expectPositionals(positionals, 1, Infinity, 'the words to search for');
    const text = positionals.join(' ');
    if (searchTerms(text).length === 0) {
      throw new UsageError(`search "${text}": give at least one word of ${MIN_TERM} characters or more`);
    }
    const limit = wholeNumber(values.limit, '--limit') ?? 50;
    if (limit < 1 || limit > 200) throw new UsageError(`--limit must be between 1 and 200 (got ${limit})`);
    return withJournal(values.db, io, (journal) => {
      const found = journal.search(text, limit);
      if (values.json) {
        io.out(JSON.stringify(found));
        return 0;
      }
      if (found.events.length === 0) {
        io.out(`no event matches ${found.terms.map((t) => `"${t}"`).join(' and ')}`);
        return 0;
      }
      io.out(
        table(found.events, [
          { header: 'seq', value: (e) => e.seq, align: 'right' },
          { header: 'event', value: (e) => e.eventId },
          { header: 'timestamp', value: (e) => e.timestamp },
          { header: 'type', value: (e) => e.type },
          { header: 'order', value: (e) => e.orderId },
          { header: 'by', value: (e) => `${e.initiatedBy.name ?? e.initiatedBy.id} (${e.initiatedBy.role})` },
        ]),
      );
      io.out(
        `${found.events.length} event${found.events.length === 1 ? '' : 's'}${found.moreEvents ? ` shown (more match: --limit up to 200)` : ''}, newest first`,
      );
      io.out('');
      io.out(
        table(found.orders, [
          { header: 'order', value: (o) => o.orderId },
          { header: 'customer', value: (o) => o.customer ?? '' },
          { header: 'status', value: (o) => o.status ?? '' },
          { header: 'open flags', value: (o) => o.openAnomalies, align: 'right' },
        ]),
      );
      return 0;
    });
  },
};
