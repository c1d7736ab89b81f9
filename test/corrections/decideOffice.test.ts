/**
 * The correction request's and the operator changes' decisions, as given / when / then: given
 * the journal as it stands (plain data, no SQLite), when the office sends the command, then this
 * event is appended or this refusal goes back in the journal's words.
 */
import { describe, expect, it } from 'vitest';
import {
  decideAddOperator,
  decideDecline,
  decideDisable,
  decideRequest,
  decideResetPassword,
  mayDeclineRequest,
  mayDisable,
  passwordReady,
  reasonReady,
  type Decision,
  type DeclineState,
  type NamedEvent,
  type OperatorChangeState,
  type RequestCorrectionCommand,
  type RequestCorrectionState,
} from '../../shared/corrections';
import { emptyOrder } from '../../shared/orders/orderState';
import { CLERK, RULES, SUPERVISOR, TRAINEE } from './history';

const REASON = 'Found physically at packing bench 3, still packed';
const FLAGGED: NamedEvent = { eventId: '1345693-08', seq: 8, orderId: '1345693', openAnomalies: 1 };

function given(change: Partial<RequestCorrectionState> = {}): RequestCorrectionState {
  const state = { ...emptyOrder('1345693'), created: true, status: 'PendingPicking' };
  return {
    journal: 'real',
    rules: RULES,
    ruleKey: 'floor-rules@2',
    order: { state, lastSeq: 9 },
    named: FLAGGED,
    ...change,
  };
}

const request = (change: Partial<RequestCorrectionCommand> = {}): RequestCorrectionCommand => ({
  type: 'requestCorrection',
  orderId: '1345693',
  correctsEventId: '1345693-08',
  status: 'Packed',
  reason: ` ${REASON} `,
  expectedSeq: 9,
  ...change,
});

function firstRefusal(decision: Decision<unknown>) {
  if (decision.ok) throw new Error('expected a refusal');
  return decision.refusals[0]!;
}

describe('decide: a correction request', () => {
  it('given a flagged event, when a Clerk asks, then a CorrectionRequested with the reason trimmed', () => {
    expect(decideRequest(request({ note: '  see the photo  ' }), given(), CLERK)).toEqual({
      ok: true,
      event: {
        type: 'CorrectionRequested',
        orderId: '1345693',
        data: { correctsEventId: '1345693-08', status: 'Packed', reason: REASON, note: 'see the photo' },
      },
    });
  });

  it('a blank note is left out of the event', () => {
    const decision = decideRequest(request({ note: '   ' }), given(), CLERK);
    expect(decision.ok && Object.keys(decision.event.data)).toEqual(['correctsEventId', 'status', 'reason']);
  });

  it('when a Trainee asks, or anyone in a training journal, then not-allowed', () => {
    expect(firstRefusal(decideRequest(request(), given(), TRAINEE)).code).toBe('not-allowed');
    expect(firstRefusal(decideRequest(request(), given({ journal: 'training' }), CLERK)).message).toBe(
      'jdoe is a Clerk: a Trainee practises corrections in training and hands nothing to a Supervisor',
    );
  });

  it('when the reason is short, the note too long or the status unknown, then invalid', () => {
    expect(firstRefusal(decideRequest(request({ reason: 'ok' }), given(), CLERK)).about).toBe('reason');
    expect(firstRefusal(decideRequest(request({ note: 'x'.repeat(2001) }), given(), CLERK)).message).toBe(
      'the note is too long (2001 characters): keep it under 2000',
    );
    expect(firstRefusal(decideRequest(request({ status: 'Lost' }), given(), CLERK)).message).toMatch(
      /^unknown status "Lost": the rule set in force \(floor-rules@2\) knows /,
    );
  });

  it('when the event is of another order, or has no open flag, then refused', () => {
    const other = given({ named: { ...FLAGGED, orderId: '999' } });
    expect(firstRefusal(decideRequest(request(), other, CLERK)).message).toBe(
      'event "1345693-08" is not an event of order "1345693"',
    );
    const settled = given({ named: { ...FLAGGED, openAnomalies: 0 } });
    expect(firstRefusal(decideRequest(request(), settled, CLERK))).toMatchObject({
      code: 'refused',
      message: 'event 1345693-08 has no open flag any more: there is nothing to hand to a Supervisor',
    });
  });

  it('given a request already waiting on the event, then refused, naming who asked', () => {
    const waiting = given({ waiting: { eventId: 'r-1', requestedBy: 'Judy Doe' } });
    expect(firstRefusal(decideRequest(request(), waiting, CLERK)).message).toBe(
      'Judy Doe already asked a Supervisor to correct event 1345693-08 (request r-1); it is still waiting',
    );
  });

  it('given the order moved on since the form opened, then stale; no order, then not-found', () => {
    expect(firstRefusal(decideRequest(request({ expectedSeq: 8 }), given(), CLERK)).code).toBe('stale');
    expect(firstRefusal(decideRequest(request(), given({ order: undefined }), CLERK)).code).toBe('not-found');
  });
});

describe('decide: declining a request', () => {
  const open: DeclineState = { request: { eventId: 'r-1', orderId: '1345693', state: 'open' } };
  const decline = { type: 'declineRequest', requestEventId: 'r-1', reason: REASON } as const;

  it('given an open request, when a Supervisor declines, then a CorrectionDeclined on its order', () => {
    expect(decideDecline(decline, open, SUPERVISOR)).toEqual({
      ok: true,
      event: { type: 'CorrectionDeclined', orderId: '1345693', data: { requestEventId: 'r-1', reason: REASON } },
    });
  });

  it('when a Clerk declines, then not-allowed (and the inbox offers no Decline)', () => {
    expect(firstRefusal(decideDecline(decline, open, CLERK)).message).toBe(
      'jdoe is a Clerk: only a Supervisor may decline a request',
    );
    expect([mayDeclineRequest('Supervisor'), mayDeclineRequest('Clerk'), mayDeclineRequest(undefined)]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('given no such request, then not-found; given one already ended, then refused', () => {
    expect(firstRefusal(decideDecline(decline, {}, SUPERVISOR)).code).toBe('not-found');
    const ended: DeclineState = { request: { eventId: 'r-1', orderId: '1345693', state: 'corrected' } };
    expect(firstRefusal(decideDecline(decline, ended, SUPERVISOR)).message).toBe(
      'request r-1 has already ended: it was corrected',
    );
  });

  it('when the reason is too short, then invalid: the same rule as the button', () => {
    expect(firstRefusal(decideDecline({ ...decline, reason: 'no way' }, open, SUPERVISOR)).about).toBe('reason');
    expect([reasonReady('no way'), reasonReady(REASON)]).toEqual([false, true]);
  });
});

describe('decide: operator changes', () => {
  const clerk = { id: 'jdoe', role: 'Clerk' };
  const state = (change: Partial<OperatorChangeState> = {}): OperatorChangeState => ({
    target: clerk,
    otherSupervisors: 1,
    ...change,
  });
  const disable = { type: 'disableOperator', targetId: 'jdoe', reason: REASON } as const;
  const reset = { type: 'resetPassword', targetId: 'jdoe', reason: REASON } as const;

  it('when a Supervisor disables a Clerk, then an OperatorDisabled naming them', () => {
    expect(decideDisable(disable, state(), SUPERVISOR)).toEqual({
      ok: true,
      event: { type: 'OperatorDisabled', data: { operatorId: 'jdoe', reason: REASON } },
    });
  });

  it('never oneself, never twice, never the last Supervisor', () => {
    const self = { ...disable, targetId: 'mlee' };
    expect(firstRefusal(decideDisable(self, state({ target: SUPERVISOR }), SUPERVISOR)).message).toBe(
      'you cannot disable yourself: ask another Supervisor',
    );
    expect(
      firstRefusal(decideDisable(disable, state({ target: { ...clerk, disabled: true } }), SUPERVISOR)).message,
    ).toBe('jdoe is already disabled');
    const last = state({ target: { id: 'asmith', role: 'Supervisor' }, otherSupervisors: 0 });
    expect(firstRefusal(decideDisable({ ...disable, targetId: 'asmith' }, last, SUPERVISOR)).message).toBe(
      'asmith is the last Supervisor: nobody could add or fix operators after',
    );
  });

  it('Settings offers Disable on the operators decide would accept, not on oneself', () => {
    expect(mayDisable(SUPERVISOR, clerk)).toBe(true);
    expect(mayDisable(SUPERVISOR, SUPERVISOR)).toBe(false);
    expect(mayDisable(SUPERVISOR, { ...clerk, disabled: true })).toBe(false);
    expect(mayDisable(CLERK, { id: 'tkim', role: 'Trainee' })).toBe(false);
  });

  it('when a Clerk disables or resets, then not-allowed; a short reason, invalid', () => {
    expect(firstRefusal(decideDisable(disable, state(), CLERK)).message).toBe(
      'jdoe is a Clerk: only a Supervisor may disable an operator',
    );
    expect(firstRefusal(decideResetPassword(reset, state(), CLERK)).message).toBe(
      "jdoe is a Clerk: only a Supervisor may reset an operator's password",
    );
    expect(firstRefusal(decideResetPassword({ ...reset, reason: 'lost' }, state(), SUPERVISOR)).about).toBe('reason');
  });

  it('a reset: a PasswordReset, refused for an operator unknown or disabled', () => {
    expect(decideResetPassword(reset, state(), SUPERVISOR)).toEqual({
      ok: true,
      event: { type: 'PasswordReset', data: { operatorId: 'jdoe', reason: REASON } },
    });
    expect(firstRefusal(decideResetPassword(reset, {}, SUPERVISOR)).code).toBe('not-found');
    expect(
      firstRefusal(decideResetPassword(reset, state({ target: { ...clerk, disabled: true } }), SUPERVISOR)).message,
    ).toBe('jdoe is disabled: a new password would not let them in');
    expect([passwordReady('short'), passwordReady('long enough')]).toEqual([false, true]);
  });

  it('adding: the first operator must be a Supervisor; then only a Supervisor adds; an id once', () => {
    const add = (role: string) => ({ type: 'addOperator', id: 'new', role }) as const;
    expect(decideAddOperator(add('Clerk'), { operators: 0, taken: false }, undefined)).toEqual({
      ok: false,
      code: 'not-allowed',
      message: 'the first operator of a journal must be a Supervisor',
    });
    expect(decideAddOperator(add('Supervisor'), { operators: 0, taken: false }, undefined)).toEqual({ ok: true });
    expect(decideAddOperator(add('Trainee'), { operators: 2, taken: false }, CLERK)).toMatchObject({
      ok: false,
      message: 'only a Supervisor adds operators; jdoe is a Clerk',
    });
    expect(decideAddOperator(add('Trainee'), { operators: 2, taken: true }, SUPERVISOR)).toMatchObject({
      ok: false,
      code: 'refused',
    });
    expect(decideAddOperator(add('Trainee'), { operators: 2, taken: false }, SUPERVISOR)).toEqual({ ok: true });
  });
});
