/** `init`: create an empty journal (with the floor rules in force), or say it is already there. */
import { existsSync } from 'node:fs';
import { expectPositionals, readArgs, withJournal } from '../args';
import type { CliCommand } from '../command';

export const init: CliCommand = {
  name: 'init',
  summary: 'create an empty journal',
  usage: 'usage: warehouse-ledger init [--db FILE] [--json]',
  async run(args, io) {
    const { values, positionals } = readArgs(args, {});
    expectPositionals(positionals, 0, 0, '');
    const db = values.db ?? io.defaultDb;
    const existed = existsSync(db);
    return withJournal(
      db,
      io,
      (journal) => {
        const result = { db, created: !existed, ruleSet: journal.activeRuleSet().key, events: journal.eventCount() };
        if (values.json) io.out(JSON.stringify(result));
        else io.out(existed ? `journal already at ${db} (${result.events} events)` : `created journal ${db}`);
        return 0;
      },
      { create: true },
    );
  },
};
