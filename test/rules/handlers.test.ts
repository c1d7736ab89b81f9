/** The rule channels' handlers over a real journal: jobs, files, and who may activate. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { instantOf } from '../../shared/events/envelope';
import { rulesChannels } from '../../shared/contract/rules';
import { HANDBOOK_1998 } from '../../shared/rules/builtin';
import { rulesHandlers, type RulesContext } from '../../electron/worker/handlers/rules';
import { FileGrants } from '../../electron/files/grants';
import { LedgerJobs } from '../../electron/worker/ledgerJobs';
import { freshJournal, tempDir, withOperators } from '../journal/helpers';
import { floorHistory } from './floorHistory';

function context(role: 'Supervisor' | 'Clerk' | null): RulesContext {
  const journal = withOperators(freshJournal());
  journal.appendBatch(
    floorHistory(50, 2).map((event) => ({ event, instant: instantOf(event.timestamp) })),
    'floor.ndjson',
  );
  const operator =
    role === null ? null : role === 'Supervisor' ? journal.getOperator('sup')! : journal.getOperator('clerk')!;
  return { journal, operator, longJobs: new LedgerJobs(), session: { id: 'window-1' }, files: new FileGrants() };
}

/** A file as the main process hands it over once the person chose it: its id for this window. */
function chosen(ctx: RulesContext, file: string, session = ctx.session.id): string {
  return (ctx.files as FileGrants).grant(session, 'ruleSet', [
    { name: file, path: file, size: 0, temporary: false },
  ])[0]!.fileId;
}

describe('rules handlers', () => {
  it('preview a chosen rule set file as a job, and the result fits the contract', async () => {
    const ctx = context('Clerk');
    const file = path.join(tempDir(), 'handbook.json');
    fs.writeFileSync(file, JSON.stringify(HANDBOOK_1998, null, 2));
    const { ruleSet } = rulesHandlers.loadRuleSetFile(ctx, { file: chosen(ctx, file) });
    const { jobId } = rulesHandlers.startRulePreview(ctx, { ruleSet });
    await ctx.longJobs.whenFinished(jobId);
    const state = rulesHandlers.previewResult(ctx, { jobId });
    expect(state.state).toBe('done');
    const parsed = rulesChannels.previewResult.response.parse(state);
    expect(parsed.result?.flagged.total).toBeGreaterThan(parsed.result!.current.total);
    expect(() => rulesHandlers.observedTransitionsResult(ctx, { jobId })).toThrow(/no rule job/);
  });

  it('refuse a bad rule set file with its name and the place of each problem', () => {
    const ctx = context('Clerk');
    const file = path.join(tempDir(), 'typo.json');
    fs.writeFileSync(file, JSON.stringify({ ...HANDBOOK_1998, initial: 'Recieved' }));
    expect(() => rulesHandlers.loadRuleSetFile(ctx, { file: chosen(ctx, file) })).toThrow(
      `${file}: initial: "Recieved" is not one of the rule set's statuses`,
    );
    const broken = path.join(tempDir(), 'broken.json');
    fs.writeFileSync(broken, '{"id": ');
    expect(() => rulesHandlers.loadRuleSetFile(ctx, { file: chosen(ctx, broken) })).toThrow(
      /broken\.json: not valid JSON/,
    );
    expect(() => rulesHandlers.loadRuleSetFile(ctx, { file: chosen(ctx, '/nowhere/rules.json') })).toThrow(
      '/nowhere/rules.json: is not there (moved or deleted since it was chosen)',
    );
  });

  it('read only a file this window chose, once, and nothing larger than a rule set', () => {
    const ctx = context('Clerk');
    const file = path.join(tempDir(), 'handbook.json');
    fs.writeFileSync(file, JSON.stringify(HANDBOOK_1998));
    // A Clerk who types an id (or a path where the id goes) gets nothing read.
    expect(() => rulesHandlers.loadRuleSetFile(ctx, { file: 'a-file-id-never-handed-out' })).toThrow(
      /was not chosen in this window/,
    );
    // Another window's choice is not this window's.
    const theirs = chosen(ctx, file, 'window-2');
    expect(() => rulesHandlers.loadRuleSetFile(ctx, { file: theirs })).toThrow(/was not chosen in this window/);
    const mine = chosen(ctx, file);
    expect(rulesHandlers.loadRuleSetFile(ctx, { file: mine }).ruleSet.id).toBe(HANDBOOK_1998.id);
    expect(() => rulesHandlers.loadRuleSetFile(ctx, { file: mine })).toThrow(/was not chosen in this window/);
    // A chosen file of events is no rule set file either.
    const events = (ctx.files as FileGrants).grant(ctx.session.id, 'events', [
      { name: file, path: file, size: 0, temporary: false },
    ])[0]!.fileId;
    expect(() => rulesHandlers.loadRuleSetFile(ctx, { file: events })).toThrow(/was not chosen in this window/);
    const huge = path.join(tempDir(), 'huge.json');
    fs.writeFileSync(huge, ' '.repeat(2 * 1024 * 1024));
    expect(() => rulesHandlers.loadRuleSetFile(ctx, { file: chosen(ctx, huge) })).toThrow(/at most 1048576 are read/);
  });

  it('observe transitions as a job, and open a cell’s events', async () => {
    const ctx = context('Clerk');
    const { jobId } = rulesHandlers.startObservedTransitions(ctx, {});
    await ctx.longJobs.whenFinished(jobId);
    const m = rulesHandlers.observedTransitionsResult(ctx, { jobId }).result!;
    const cell = m.cells.find((c) => c.from === 'Picked' && c.to === 'Packed')!;
    const events = rulesHandlers.transitionEvents(ctx, { seqs: cell.seqs.slice(0, 3) });
    expect(events.map((e) => e.data.status)).toEqual(['Packed', 'Packed', 'Packed']);
  });

  it('let only a signed-in Supervisor activate', () => {
    const clerk = context('Clerk');
    expect(() =>
      rulesHandlers.activateRuleSet(clerk, { ruleSet: HANDBOOK_1998, reason: 'let us try the old book' }),
    ).toThrow(/only a Supervisor/);
    expect(() => rulesHandlers.ruleSets(context(null), {})).toThrow(/sign in/);
    const sup = context('Supervisor');
    const r = rulesHandlers.activateRuleSet(sup, { ruleSet: HANDBOOK_1998, reason: 'let us try the old book' });
    expect(r.key).toBe('training-handbook-1998@1');
    expect(rulesHandlers.ruleSets(sup, {}).active.key).toBe('training-handbook-1998@1');
    expect(rulesHandlers.ruleSetHistory(sup, {}).map((h) => h.reason)).toEqual([null, 'let us try the old book']);
  });
});
