/** `rules list` and `rules show ID`: the rule sets the ledger ships and which one is in force. */
import { BUILTIN_RULE_SETS } from '../../../shared/rules/builtin';
import { transitionRows, type RuleSet } from '../../../shared/rules/ruleSet';
import { expectPositionals, readArgs, withJournal } from '../args';
import type { CliCommand } from '../command';
import { table } from '../table';

interface RuleSetListing {
  id: string;
  version: number;
  key: string;
  name: string;
  active: boolean;
  builtin: boolean;
  activatedAtSeq: number | null;
}

/** Every rule set the journal has had in force, plus the ones the ledger ships. */
function listing(history: { key: string; ruleSet: RuleSet; activatedAtSeq: number | null }[], activeKey: string) {
  const seen = new Map<string, RuleSetListing>();
  for (const h of history) {
    seen.set(h.key, {
      id: h.ruleSet.id,
      version: h.ruleSet.version,
      key: h.key,
      name: h.ruleSet.name,
      active: h.key === activeKey,
      builtin: false,
      activatedAtSeq: h.activatedAtSeq,
    });
  }
  for (const r of BUILTIN_RULE_SETS) {
    const key = `${r.id}@${r.version}`;
    const known = seen.get(key);
    if (known) known.builtin = true;
    else
      seen.set(key, {
        id: r.id,
        version: r.version,
        key,
        name: r.name,
        active: false,
        builtin: true,
        activatedAtSeq: null,
      });
  }
  return {
    list: [...seen.values()],
    sets: new Map([
      ...history.map((h) => [h.key, h.ruleSet] as const),
      ...BUILTIN_RULE_SETS.map((r) => [`${r.id}@${r.version}`, r] as const),
    ]),
  };
}

export const rulesList: CliCommand = {
  name: 'rules list',
  summary: 'list the rule sets and which one is in force',
  usage: 'usage: warehouse-ledger rules list [--db FILE] [--json]',
  async run(args, io) {
    const { values, positionals } = readArgs(args, {});
    expectPositionals(positionals, 0, 0, '');
    return withJournal(values.db, io, (journal) => {
      const { list } = listing(journal.ruleSetHistory(), journal.activeRuleSet().key);
      if (values.json) {
        io.out(JSON.stringify(list));
        return 0;
      }
      io.out(
        table(list, [
          { header: '', value: (r) => (r.active ? '*' : '') },
          { header: 'id', value: (r) => r.key },
          { header: 'name', value: (r) => r.name },
          { header: 'shipped', value: (r) => (r.builtin ? 'yes' : '') },
          { header: 'activated at seq', value: (r) => r.activatedAtSeq ?? (r.active ? 'start' : ''), align: 'right' },
        ]),
      );
      io.out('* = in force');
      return 0;
    });
  },
};

export const rulesShow: CliCommand = {
  name: 'rules show',
  summary: 'show one rule set as its table of allowed transitions',
  usage: 'usage: warehouse-ledger rules show ID[@VERSION] [--db FILE] [--json]',
  async run(args, io) {
    const { values, positionals } = readArgs(args, {});
    expectPositionals(positionals, 1, 1, 'the rule set id');
    const wanted = positionals[0]!;
    return withJournal(values.db, io, (journal) => {
      const active = journal.activeRuleSet();
      const { sets } = listing(journal.ruleSetHistory(), active.key);
      // A bare id means the newest version of it (the one in force, when it is that one).
      const matches = [...sets.entries()].filter(([key, r]) => key === wanted || r.id === wanted);
      const chosen =
        matches.find(([key]) => key === active.key) ?? matches.sort((a, b) => b[1].version - a[1].version)[0];
      if (!chosen) {
        io.err(`rules show: no rule set "${wanted}" (known: ${[...sets.keys()].join(', ')})`);
        return 2;
      }
      const [key, ruleSet] = chosen;
      if (values.json) {
        io.out(JSON.stringify(ruleSet));
        return 0;
      }
      io.out(`${ruleSet.name} (${key})${key === active.key ? ' — in force' : ''}`);
      io.out(`statuses: ${ruleSet.statuses.join(', ')}; final: ${ruleSet.final.join(', ')}; hold: ${ruleSet.hold}`);
      io.out(`items may be picked in: ${ruleSet.pickableIn.join(', ')}`);
      io.out('');
      io.out(
        table(transitionRows(ruleSet), [
          { header: 'from', value: (t) => t.from },
          { header: 'to', value: (t) => (t.to === '$beforeHold' ? 'the status before the hold' : t.to) },
          { header: 'who may do it', value: (t) => (t.roles ? t.roles.join(', ') : 'anyone') },
        ]),
      );
      if (ruleSet.notes) io.out(`\n${ruleSet.notes}`);
      return 0;
    });
  },
};
