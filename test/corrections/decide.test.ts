/**
 * decide(command, state, operator) → event | refusal, as given / when / then: given the journal
 * and the order as they stand, when the office sends a command, then this event is appended (or
 * this refusal goes back, in the journal's words and the form's). No SQLite: state is data.
 */
import { describe, expect, it } from 'vitest';
import {
  decide,
  decideRuleActivation,
  mayWriteOfficeEvents,
  reasonRule,
  type ActivateRulesCommand,
  type Decision,
  type DismissCommand,
  type CorrectCommand,
  type NamedEvent,
  type OfficeState,
} from '../../shared/corrections';
import { emptyOrder } from '../../shared/orders/orderState';
import { FLOOR_RULES, HANDBOOK_1998 } from '../../shared/rules/builtin';
import { CLERK, RULES, SUPERVISOR, TRAINEE } from './history';

const REASON = 'Found physically at packing bench 3, still packed';
const FLAGGED: NamedEvent = { eventId: '1345693-08', seq: 8, orderId: '1345693', openAnomalies: 1 };

/** Given: order 1345693 at seq 9, PendingPicking, with event #8 flagged. */
function given(change: Partial<OfficeState> = {}): OfficeState {
  const state = { ...emptyOrder('1345693'), created: true, status: 'PendingPicking', customer: 'ACME' };
  state.lines = [{ sku: 'GLV-200', qty: 2 }] as typeof state.lines;
  return {
    journal: 'real',
    rules: RULES,
    ruleKey: 'floor-rules@2',
    order: { state, lastSeq: 9 },
    named: FLAGGED,
    ...change,
  };
}

const correct = (change: Partial<CorrectCommand> = {}): CorrectCommand => ({
  type: 'correct',
  orderId: '1345693',
  status: 'Packed',
  reason: `  ${REASON}  `,
  correctsEventId: '1345693-08',
  expectedSeq: 9,
  ...change,
});

const dismiss = (change: Partial<DismissCommand> = {}): DismissCommand => ({
  type: 'dismiss',
  orderId: '1345693',
  dismissesEventId: '1345693-08',
  reason: REASON,
  expectedSeq: 9,
  ...change,
});

/** Then: refused, first with these words (the journal's answer), and the form's sentences. */
function refusedWith(decision: Decision<unknown>) {
  if (decision.ok) throw new Error('expected a refusal');
  return decision.refusals;
}

describe('decide: a correction', () => {
  it('given a flagged event, when a Supervisor corrects it, then a StatusCorrected resolving it is appended', () => {
    const decision = decide(correct(), given(), SUPERVISOR);
    expect(decision).toEqual({
      ok: true,
      event: {
        type: 'StatusCorrected',
        orderId: '1345693',
        data: {
          status: 'Packed',
          reason: REASON,
          correctsEventId: '1345693-08',
          order: { orderId: '1345693', customer: 'ACME', lines: [{ sku: 'GLV-200', qty: 2 }] },
        },
      },
      resolvesSeq: 8,
    });
    // The fields in the order the journal writes them (the hash is over this JSON).
    if (decision.ok) expect(Object.keys(decision.event.data)).toEqual(['status', 'reason', 'correctsEventId', 'order']);
  });

  it('when it names no event, then it resolves nothing', () => {
    const decision = decide(correct({ correctsEventId: undefined }), given({ named: undefined }), SUPERVISOR);
    expect(decision.ok && decision.resolvesSeq).toBe(undefined);
    expect(decision.ok && Object.keys(decision.event.data)).toEqual(['status', 'reason', 'order']);
  });

  it('when a Clerk corrects, then not-allowed', () => {
    const [first] = refusedWith(decide(correct(), given(), CLERK));
    expect(first).toEqual({
      code: 'not-allowed',
      about: 'operator',
      message: 'jdoe is a Clerk: only a Supervisor may correct an order',
      problem: 'Only a Supervisor may write corrections; you are signed in as a Clerk.',
    });
  });

  it('given the real journal, a Trainee is refused with a hint; given a training journal, accepted', () => {
    const [first] = refusedWith(decide(correct(), given(), TRAINEE));
    expect(first!.message).toBe(
      'tkim is a Trainee: only a Supervisor may correct an order (a Trainee practises in training)',
    );
    expect(first!.problem).toBe("A Trainee's corrections go to the training journal only, never to this one.");
    expect(decide(correct(), given({ journal: 'training' }), TRAINEE).ok).toBe(true);
    const [clerk] = refusedWith(decide(correct(), given({ journal: 'training' }), CLERK));
    expect(clerk!.message).toBe('jdoe is a Clerk: only a Supervisor or a Trainee may correct an order');
  });

  it('when the reason is blank or short, then invalid, counted after trimming', () => {
    expect(refusedWith(decide(correct({ reason: '   ' }), given(), SUPERVISOR))[0]).toMatchObject({
      code: 'invalid',
      message: 'a reason is required: say why',
      problem: 'A reason is required: say why the status is wrong.',
    });
    expect(refusedWith(decide(correct({ reason: ' too short ' }), given(), SUPERVISOR))[0]).toMatchObject({
      code: 'invalid',
      message: 'the reason is too short (9 characters): give at least 10',
      problem: 'The reason is too short: at least 10 characters (1 more).',
    });
  });

  it('when the status is not one of the rules in force, then invalid, naming them', () => {
    const [first] = refusedWith(decide(correct({ status: 'Lost' }), given(), SUPERVISOR));
    expect(first!.code).toBe('invalid');
    expect(first!.message).toMatch(/^unknown status "Lost": the rule set in force \(floor-rules@2\) knows /);
    expect(first!.problem).toBe('"Lost" is not a status of the rule set floor-rules v2.');
  });

  it('given no such order, then not-found', () => {
    const [first] = refusedWith(decide(correct(), given({ order: undefined }), SUPERVISOR));
    expect([first!.code, first!.message]).toEqual(['not-found', 'order "1345693" is not in the journal']);
  });

  it('when the event named is missing or of another order, then invalid', () => {
    expect(refusedWith(decide(correct(), given({ named: undefined }), SUPERVISOR))[0]!.message).toBe(
      'event "1345693-08" is not in the journal',
    );
    const elsewhere = given({ named: { ...FLAGGED, orderId: '1345701' } });
    expect(refusedWith(decide(correct(), elsewhere, SUPERVISOR))[0]).toMatchObject({
      message: 'event "1345693-08" belongs to order "1345701", not to order "1345693"',
      problem: 'Event 1345693-08 is not an event of order 1345693.',
    });
  });

  it('given the order moved since the form loaded, then stale; with no expected seq, not checked', () => {
    const [first] = refusedWith(decide(correct({ expectedSeq: 7 }), given(), SUPERVISOR));
    expect(first!.code).toBe('stale');
    expect(first!.message).toBe(
      'order 1345693 has changed since you opened it: its last event is now seq 9, you saw seq 7. Nothing was written; reload the order.',
    );
    expect(decide(correct({ expectedSeq: undefined }), given(), SUPERVISOR).ok).toBe(true);
  });

  it('when several things are wrong, then all are named, in the order the journal checks them', () => {
    const refusals = refusedWith(decide(correct({ status: 'Lost', reason: '', expectedSeq: 3 }), given(), CLERK));
    expect(refusals.map((r) => r.about)).toEqual(['operator', 'reason', 'status', 'stale']);
  });
});

describe('decide: a dismissal', () => {
  it('given a flagged event, when a Supervisor dismisses it, then an AnomalyDismissed resolving it is appended', () => {
    expect(decide(dismiss({ reason: ` ${REASON} ` }), given(), SUPERVISOR)).toEqual({
      ok: true,
      event: { type: 'AnomalyDismissed', orderId: '1345693', data: { dismissesEventId: '1345693-08', reason: REASON } },
      resolvesSeq: 8,
    });
  });

  it('given the event has no open anomaly, then invalid', () => {
    const [first] = refusedWith(decide(dismiss(), given({ named: { ...FLAGGED, openAnomalies: 0 } }), SUPERVISOR));
    expect(first).toEqual({
      code: 'invalid',
      about: 'event',
      message: 'event "1345693-08" (seq 8) has no open anomaly to dismiss',
      problem: 'Event #8 has no open anomaly to dismiss.',
    });
  });

  it('when a Clerk dismisses, then not-allowed in the dismissal words', () => {
    const [first] = refusedWith(decide(dismiss(), given(), CLERK));
    expect(first!.message).toBe('jdoe is a Clerk: only a Supervisor may dismiss an anomaly');
    expect(first!.problem).toBe('Only a Supervisor may write dismissals; you are signed in as a Clerk.');
  });

  it('when the event is missing, the reason short or the order moved, then refused in that order', () => {
    const refusals = refusedWith(
      decide(dismiss({ reason: 'short', expectedSeq: 2 }), given({ named: undefined }), SUPERVISOR),
    );
    expect(refusals.map((r) => r.about)).toEqual(['reason', 'event', 'stale']);
  });
});

describe('decide: a rule set activation', () => {
  const activate = (change: Partial<ActivateRulesCommand> = {}): ActivateRulesCommand => ({
    type: 'activateRules',
    ruleSet: HANDBOOK_1998,
    reason: ' Back to the 1998 handbook ',
    ...change,
  });
  const inForce = { ruleKey: 'floor-rules@2', candidate: { hash: 'a'.repeat(64) } };

  it('given other rules in force, when a Supervisor activates a valid set, then a RuleSetActivated is appended', () => {
    expect(decideRuleActivation(activate(), inForce, SUPERVISOR)).toEqual({
      ok: true,
      event: {
        type: 'RuleSetActivated',
        data: {
          ruleSetId: HANDBOOK_1998.id,
          version: HANDBOOK_1998.version,
          hash: 'a'.repeat(64),
          reason: 'Back to the 1998 handbook',
          ruleSet: HANDBOOK_1998,
        },
      },
    });
  });

  it('when a Clerk or a Trainee activates, then not-allowed, in any journal', () => {
    for (const who of [CLERK, TRAINEE]) {
      const [first] = refusedWith(decideRuleActivation(activate(), inForce, who));
      expect([first!.code, first!.message]).toEqual([
        'not-allowed',
        `only a Supervisor may change the rules; ${who.id} is a ${who.role}`,
      ]);
    }
  });

  it('when the reason is short or the rule set invalid, then invalid', () => {
    expect(refusedWith(decideRuleActivation(activate({ reason: 'why' }), inForce, SUPERVISOR))[0]!.message).toBe(
      'the reason is too short (3 characters): give at least 10',
    );
    const broken = activate({ ruleSet: { ...HANDBOOK_1998, initial: 'Nowhere' } });
    expect(refusedWith(decideRuleActivation(broken, { ruleKey: 'floor-rules@2' }, SUPERVISOR))[0]!.message).toMatch(
      /^the rule set is not valid: initial/,
    );
  });

  it('given the set already in force, or other rules stored under its key, then refused', () => {
    const again = decideRuleActivation(activate({ ruleSet: FLOOR_RULES }), inForce, SUPERVISOR);
    expect(refusedWith(again)[0]!.message).toBe('rule set floor-rules@2 is already in force');
    const changed = { ruleKey: 'floor-rules@2', candidate: { hash: 'a'.repeat(64), storedHash: 'b'.repeat(64) } };
    expect(refusedWith(decideRuleActivation(activate(), changed, SUPERVISOR))[0]).toMatchObject({
      code: 'refused',
      message: `rule set ${HANDBOOK_1998.id}@${HANDBOOK_1998.version} is already stored with different rules: give the changed rule set a new version`,
    });
  });
});

describe('the rules, once each', () => {
  it('who may write office events', () => {
    expect(mayWriteOfficeEvents('Supervisor')).toBe(true);
    expect(mayWriteOfficeEvents('Trainee')).toBe(false);
    expect(mayWriteOfficeEvents('Trainee', true)).toBe(true);
    expect(mayWriteOfficeEvents('Clerk', true)).toBe(false);
  });

  it('the reason: trimmed, at least 10 characters, a string', () => {
    expect(reasonRule('  Found on shelf B4 ')).toEqual({ ok: true, reason: 'Found on shelf B4' });
    expect(reasonRule('0123456789').ok).toBe(true);
    expect(reasonRule('012345678').ok).toBe(false);
    expect(reasonRule(42).ok).toBe(false);
  });
});
