/**
 * `warehouse-ledger training …`:
 *
 *   training list [--json]                 every scenario with the rule rows and anomaly kinds it covers
 *   training coverage [--rules FILE|ID] [--json]
 *                                          exit 1 naming every row and kind of the rule set no scenario covers
 *
 * Coverage is computed by replaying each scenario's history with the rule set, never read from a
 * hand-written list. `--db FILE` adds the "real mistake" scenarios saved beside that journal to the list.
 */
import { BUILTIN_RULE_SETS, FLOOR_RULES } from '../../../shared/rules/builtin';
import type { RuleSet } from '../../../shared/rules/ruleSet';
import { describeGaps } from '../../../shared/training/coverage';
import { TrainingDesk } from '../../training/desk';
import { readRuleSetFile, RuleSetFileError } from '../../rules/ruleSetFile';

export interface TrainingCliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface TrainingCliOptions {
  /** The journal whose saved scenarios to include (`--db`); none: the handbook's cases only. */
  db?: string;
}

export const TRAINING_USAGE = `usage:
  warehouse-ledger training list [--json] [--db FILE]
  warehouse-ledger training coverage [--rules FILE|RULE_SET_ID] [--json]`;

/** Split `--flag value` pairs and bare words: `switches` take no value, `valued` take one. */
function parseArgs(argv: readonly string[], switches: readonly string[], valued: readonly string[]) {
  const words: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (!switches.includes(name) && !valued.includes(name)) throw new UsageError(`unknown option --${name}`);
      if (switches.includes(name)) flags.set(name, true);
      else if (inline !== undefined) flags.set(name, inline);
      else {
        const value = argv[i + 1];
        if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
        flags.set(name, value);
        i++;
      }
    } else words.push(a);
  }
  return { words, flags };
}

class UsageError extends Error {}

/** Run the command; returns the exit code (0 done, 1 coverage gaps, 2 bad input). */
export function runTrainingCommand(
  argv: readonly string[],
  io: TrainingCliIo,
  options: TrainingCliOptions = {},
): number {
  try {
    const { words, flags } = parseArgs(argv, ['json', 'help'], ['db', 'rules']);
    const [sub, ...rest] = words;
    if (flags.has('help') || sub === undefined) {
      io.out(TRAINING_USAGE);
      return sub === undefined && !flags.has('help') ? 2 : 0;
    }
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
    const json = flags.has('json');
    const db = typeof flags.get('db') === 'string' ? (flags.get('db') as string) : options.db;
    const desk = new TrainingDesk({ realJournalPath: db ?? 'ledger.sqlite', savedScenarios: db ? undefined : null });

    if (sub === 'list') {
      for (const p of desk.library().problems) io.err(`warning: ${p}`);
      const list = desk.listScenarios();
      if (json) io.out(JSON.stringify(list, null, 2));
      else {
        for (const s of list) {
          io.out(`${s.id}  ${s.title}`);
          io.out(`    rows: ${s.rows.join(', ') || '(none)'}`);
          io.out(`    kinds: ${s.kinds.join(', ') || '(none)'}`);
        }
        io.out(`${list.length} scenarios`);
      }
      return 0;
    }

    if (sub === 'coverage') {
      const rules = flags.get('rules');
      const ruleSet = typeof rules === 'string' ? ruleSetFrom(rules) : FLOOR_RULES;
      const report = desk.coverage(ruleSet);
      if (json) io.out(JSON.stringify(report, null, 2));
      else if (report.ok) {
        io.out(
          `every rule row (${report.rows.length}) and anomaly kind (${report.kinds.length}) of ${report.ruleSet} has a scenario`,
        );
      }
      if (!report.ok) for (const gap of describeGaps(report)) io.err(gap);
      return report.ok ? 0 : 1;
    }
    throw new UsageError(`unknown training command "${sub}"`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`training: ${e.message}\n${TRAINING_USAGE}`);
      return 2;
    }
    if (e instanceof RuleSetFileError) {
      io.err(`training coverage: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

/** A rule set file, or the id of a rule set the ledger ships (`floor-rules`, `training-handbook-1998`). */
function ruleSetFrom(arg: string): RuleSet {
  const builtin = BUILTIN_RULE_SETS.find((r) => r.id === arg || `${r.id}@${r.version}` === arg);
  return builtin ?? readRuleSetFile(arg);
}
