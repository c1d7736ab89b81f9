/**
 * `warehouse-ledger rules activate FILE --operator ID --password-stdin --reason TEXT [--json] [--db JOURNAL]`
 * puts the rule set in FILE in force from the next event on, as a RuleSetActivated
 * office event. Only a Supervisor may, proving it with their password on stdin; a revert is
 * activating the previous file again.
 * Exit 0 done, 2 bad input or refused (with the journal's reason on stderr).
 */
import { Journal } from '../../journal';
import { JournalRefusal } from '../../journal/types';
import { activate } from '../../rules/activation';
import { readRuleSetFile, RuleSetFileError } from '../../rules/ruleSetFile';
import { UsageError, type CliIo } from '../command';
import { authenticated, stdinLines } from '../credentials';
import { parseRulesArgs, RulesUsageError, type RulesCliIo, type RulesCliOptions } from './rulesArgs';

export const RULES_ACTIVATE_USAGE =
  'usage: warehouse-ledger rules activate FILE --operator ID --password-stdin --reason TEXT [--json] [--db JOURNAL]';

export async function runRulesActivate(
  argv: readonly string[],
  io: RulesCliIo & Pick<CliIo, 'readStdin'>,
  options: RulesCliOptions = {},
): Promise<number> {
  let journal: Journal | undefined;
  try {
    const args = parseRulesArgs(argv, ['json', 'help', 'password-stdin'], ['db', 'operator', 'reason']);
    if (args.has('help')) {
      io.out(RULES_ACTIVATE_USAGE);
      return 0;
    }
    const [file, extra] = args.words;
    if (file === undefined) throw new RulesUsageError('give the rule set file to activate');
    if (extra !== undefined) throw new RulesUsageError(`unexpected argument "${extra}"`);
    const operatorId = args.text('operator');
    if (!operatorId) throw new RulesUsageError('give the Supervisor activating the rules with --operator ID');
    if (!args.has('password-stdin')) {
      throw new RulesUsageError(
        `--password-stdin is required: the rules are changed in ${operatorId}'s name, so give their password on the first line of stdin`,
      );
    }
    const reason = args.text('reason');
    if (reason === undefined) throw new RulesUsageError('give the reason for the change with --reason TEXT');
    const db = args.text('db') ?? options.db;
    if (db === undefined) throw new RulesUsageError('give the journal with --db FILE');
    const ruleSet = readRuleSetFile(file);
    const [password] = await stdinLines(io, 1);
    journal = Journal.open(db, { create: false });
    const op = await authenticated(journal, operatorId, password!);
    const r = activate(journal, ruleSet, { operatorId: op.id, reason });
    io.out(
      args.has('json')
        ? JSON.stringify(r)
        : `${r.key} is in force from event ${r.seq + 1} on (recorded as event ${r.seq}, ${r.eventId}; fingerprint ${r.hash})`,
    );
    return 0;
  } catch (e) {
    if (e instanceof RulesUsageError || e instanceof UsageError) {
      io.err(`rules activate: ${e.message}\n${RULES_ACTIVATE_USAGE}`);
      return 2;
    }
    if (e instanceof RuleSetFileError || e instanceof JournalRefusal) {
      io.err(`rules activate: ${e.message}`);
      return 2;
    }
    throw e;
  } finally {
    journal?.close();
  }
}
