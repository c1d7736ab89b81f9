/**
 * `warehouse-ledger rules preview FILE [--json] [--db JOURNAL]`: replay the whole
 * journal under the rule set in FILE and under the rules in force, and say what would change.
 *
 * --json prints {"ruleSet", "events", "flagged": {"total", "byKind", "byTransition", …},
 * "current": {same, under the rules in force}, "onlyCandidate", "onlyCurrent", …}.
 * Exit 0 when the preview ran, 2 for a bad file or a journal that cannot be opened.
 */
import type { PreviewResult } from '../../../shared/rules/preview';
import { Journal } from '../../journal';
import { JournalRefusal } from '../../journal/types';
import { previewInJournal } from '../../rules/replayJournal';
import { readRuleSetFile, RuleSetFileError } from '../../rules/ruleSetFile';
import { parseRulesArgs, RulesUsageError, type RulesCliIo, type RulesCliOptions } from './rulesArgs';

export const RULES_PREVIEW_USAGE = 'usage: warehouse-ledger rules preview FILE [--json] [--db JOURNAL]';

export async function runRulesPreview(
  argv: readonly string[],
  io: RulesCliIo,
  options: RulesCliOptions = {},
): Promise<number> {
  let journal: Journal | undefined;
  try {
    const args = parseRulesArgs(argv, ['json', 'help'], ['db']);
    if (args.has('help')) {
      io.out(RULES_PREVIEW_USAGE);
      return 0;
    }
    const [file, extra] = args.words;
    if (file === undefined) throw new RulesUsageError('give the rule set file to preview');
    if (extra !== undefined) throw new RulesUsageError(`unexpected argument "${extra}"`);
    const db = args.text('db') ?? options.db;
    if (db === undefined) throw new RulesUsageError('give the journal with --db FILE');
    const candidate = readRuleSetFile(file);
    journal = Journal.open(db, { create: false });
    const result = await previewInJournal(journal, candidate);
    io.out(args.has('json') ? JSON.stringify(result, null, 2) : describePreview(result));
    return 0;
  } catch (e) {
    if (e instanceof RulesUsageError) {
      io.err(`rules preview: ${e.message}\n${RULES_PREVIEW_USAGE}`);
      return 2;
    }
    if (e instanceof RuleSetFileError || e instanceof JournalRefusal) {
      io.err(`rules preview: ${e.message}`);
      return 2;
    }
    throw e;
  } finally {
    journal?.close();
  }
}

const top = (counts: Record<string, number>, n = 8) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `    ${String(v).padStart(8)}  ${k}`);

/** The preview for a person at a terminal. */
export function describePreview(p: PreviewResult): string {
  const lines = [
    `${p.events} events replayed${p.cancelled ? ' (stopped before the end)' : ''}.`,
    `  under ${p.ruleSet.key} (${p.ruleSet.name}): ${p.flagged.total} anomalies on ${p.flagged.flaggedEvents} events`,
    `  under ${p.current.ruleSet.key}, in force: ${p.current.total} anomalies on ${p.current.flaggedEvents} events`,
  ];
  if (p.unknownStatuses.length) lines.push(`  statuses the candidate does not know: ${p.unknownStatuses.join(', ')}`);
  for (const [title, d] of [
    ['New alarms (the candidate flags, the rules in force do not)', p.onlyCandidate],
    ['Alarms that would go quiet (the rules in force flag, the candidate does not)', p.onlyCurrent],
  ] as const) {
    lines.push('', `${title}: ${d.total}`);
    if (d.total === 0) continue;
    lines.push('  by kind:', ...top(d.byKind), '  by transition:', ...top(d.byTransition));
    lines.push('  by initiator:', ...top(d.byInitiator), '  examples:');
    for (const x of d.examples.slice(0, 6)) lines.push(`    seq ${x.seq}  order ${x.orderId}  ${x.kind}: ${x.message}`);
  }
  return lines.join('\n');
}
