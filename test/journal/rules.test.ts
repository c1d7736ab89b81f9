/** Rule sets in the journal: the floor rules at creation, activation as an office event, each event checked with the rules then in force. */
import { describe, expect, it } from 'vitest';
import { FLOOR_RULES, HANDBOOK_1998 } from '../../shared/rules/builtin';
import { RULES_ORDER_ID } from '../../electron/journal';
import { created, freshJournal, statusTo, withOperators } from './helpers';

describe('rule sets', () => {
  it('records an activation as an event and checks the events after it with the new rules', () => {
    const journal = withOperators(freshJournal());
    journal.appendBatch([created('1'), statusTo('1', 'PendingPicking')], 'a');
    const appended = journal.activateRuleSet(HANDBOOK_1998, { operatorId: 'sup', reason: 'Trying the 1998 handbook' });
    expect(appended.seq).toBe(3);
    expect(journal.event({ seq: 3 })).toMatchObject({
      type: 'RuleSetActivated',
      orderId: RULES_ORDER_ID,
      ruleSetId: 'floor-rules@2',
      data: { ruleSetId: HANDBOOK_1998.id, version: HANDBOOK_1998.version, reason: 'Trying the 1998 handbook' },
    });
    const key = `${HANDBOOK_1998.id}@${HANDBOOK_1998.version}`;
    expect(journal.activeRuleSet()).toMatchObject({ key, activatedAtSeq: 3 });
    expect(journal.ruleSetHistory().map((r) => [r.key, r.activatedAtSeq])).toEqual([
      ['floor-rules@2', null],
      [key, 3],
    ]);
    journal.appendBatch([statusTo('1', 'Picking')], 'b');
    expect(journal.event({ seq: 4 })!.ruleSetId).toBe(key);
    // The activation is no order: it has no row in the orders projection.
    expect(journal.order(RULES_ORDER_ID)).toBeUndefined();
    expect(journal.verify().ok).toBe(true);
  });

  it.each([
    ['a Clerk', { operatorId: 'clerk' }, 'not-allowed'],
    ['an unknown operator', { operatorId: 'ghost' }, 'not-found'],
    ['a short reason', { reason: 'why not' }, 'invalid'],
  ] as const)('refuses an activation by %s', (_what, change, code) => {
    const journal = withOperators(freshJournal());
    expect(() =>
      journal.activateRuleSet(HANDBOOK_1998, { operatorId: 'sup', reason: 'Trying the 1998 handbook', ...change }),
    ).toThrow(expect.objectContaining({ code }));
    expect(journal.lastSeq()).toBe(0);
  });

  it('refuses the rule set already in force, and changed rules under a key already used', () => {
    const journal = withOperators(freshJournal());
    expect(() => journal.activateRuleSet(FLOOR_RULES, { operatorId: 'sup', reason: 'Once more the floor' })).toThrow(
      /floor-rules@2 is already in force/,
    );
    const changed = { ...HANDBOOK_1998, name: 'Edited without a new version' };
    expect(() => journal.activateRuleSet(changed, { operatorId: 'sup', reason: 'Edited the old rules' })).toThrow(
      /already stored with different rules: give the changed rule set a new version/,
    );
    expect(() =>
      journal.activateRuleSet(
        { ...HANDBOOK_1998, initial: 'Nowhere' },
        { operatorId: 'sup', reason: 'Broken rules file' },
      ),
    ).toThrow(/the rule set is not valid: initial/);
    expect(journal.lastSeq()).toBe(0);
  });
});
