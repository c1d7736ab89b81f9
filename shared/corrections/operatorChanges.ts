/**
 * A Supervisor's changes to who may sign in (handbook §6), pure: adding an operator, disabling
 * one (`OperatorDisabled`), resetting a password (`PasswordReset`). The journal loads the
 * operators concerned and writes what these return; Settings > Operators asks them which
 * actions to offer and when the button enables.
 */
import { isSupervisor, reasonRule, refusedWith, type Decision, type OfficeOperator } from './decide';

/** A password shorter than this is refused, when an operator is added and when it is reset. */
export const MIN_PASSWORD_LENGTH = 8;

/** The operator a change is about, as the journal lists them. */
export interface TargetOperator {
  id: string;
  role: string;
  disabled?: boolean;
}

export interface DisableOperatorCommand {
  type: 'disableOperator';
  targetId: string;
  reason: string;
}

export interface ResetPasswordCommand {
  type: 'resetPassword';
  targetId: string;
  reason: string;
}

export interface OperatorChangeState {
  /** Absent: no such operator in this journal. */
  target?: TargetOperator;
  /** Supervisors still able to sign in, the target left out. */
  otherSupervisors: number;
}

export interface PendingOperatorChange {
  type: 'OperatorDisabled' | 'PasswordReset';
  data: { operatorId: string; reason: string };
}

/** Who may change the operators (add, disable, reset): a Supervisor. */
export function mayChangeOperators(role: string | undefined): boolean {
  return isSupervisor(role);
}

/** Whether Settings offers Disable on this operator: not on oneself, nor on one already disabled. */
export function mayDisable(operator: OfficeOperator, target: TargetOperator): boolean {
  return mayChangeOperators(operator.role) && target.id !== operator.id && !target.disabled;
}

/** An `OperatorDisabled`: never oneself, never the last Supervisor who could sign in. */
export function decideDisable(
  command: DisableOperatorCommand,
  state: OperatorChangeState,
  operator: OfficeOperator,
): Decision<PendingOperatorChange> {
  const first = authorityAndReason(operator, command.reason, 'disable an operator');
  if (!first.ok) return first;
  const { target } = state;
  if (!target)
    return refusedWith('not-found', 'operator', `no operator ${JSON.stringify(command.targetId)} in this journal`);
  if (target.id === operator.id) {
    return refusedWith('refused', 'operator', 'you cannot disable yourself: ask another Supervisor');
  }
  if (target.disabled) return refusedWith('refused', 'operator', `${target.id} is already disabled`);
  if (isSupervisor(target.role) && state.otherSupervisors === 0) {
    return refusedWith(
      'refused',
      'operator',
      `${target.id} is the last Supervisor: nobody could add or fix operators after`,
    );
  }
  return { ok: true, event: { type: 'OperatorDisabled', data: { operatorId: target.id, reason: first.reason } } };
}

/** A `PasswordReset` (the new hash goes to the operators table, never into the event). */
export function decideResetPassword(
  command: ResetPasswordCommand,
  state: Pick<OperatorChangeState, 'target'>,
  operator: OfficeOperator,
): Decision<PendingOperatorChange> {
  const first = authorityAndReason(operator, command.reason, "reset an operator's password");
  if (!first.ok) return first;
  const { target } = state;
  if (!target)
    return refusedWith('not-found', 'operator', `no operator ${JSON.stringify(command.targetId)} in this journal`);
  if (target.disabled) {
    return refusedWith('refused', 'operator', `${target.id} is disabled: a new password would not let them in`);
  }
  return { ok: true, event: { type: 'PasswordReset', data: { operatorId: target.id, reason: first.reason } } };
}

/** Whether a new password is long enough (the add and the reset forms, and the journal). */
export function passwordReady(password: unknown): password is string {
  return typeof password === 'string' && password.length >= MIN_PASSWORD_LENGTH;
}

export interface AddOperatorCommand {
  type: 'addOperator';
  id: string;
  role: string;
}

export interface AddOperatorState {
  /** How many operators the journal has: the first one is whoever sets it up. */
  operators: number;
  /** Whether the id is already taken. */
  taken: boolean;
}

export type AddOperatorDecision = { ok: true } | { ok: false; code: 'not-allowed' | 'refused'; message: string };

/**
 * Adding an operator (not an event: the operators table): the first of a journal must be a
 * Supervisor, and after that only a Supervisor adds; an id is never taken twice. `operator`
 * is who adds, absent when nobody has signed in (only the first operator can be added so).
 */
export function decideAddOperator(
  command: AddOperatorCommand,
  state: AddOperatorState,
  operator: OfficeOperator | undefined,
): AddOperatorDecision {
  if (state.operators === 0) {
    // Whoever sets up the journal becomes the one who can add the rest: that must be a Supervisor.
    if (!isSupervisor(command.role)) {
      return { ok: false, code: 'not-allowed', message: 'the first operator of a journal must be a Supervisor' };
    }
  } else if (!operator || !mayChangeOperators(operator.role)) {
    const message = operator
      ? `only a Supervisor adds operators; ${operator.id} is a ${operator.role}`
      : 'only a Supervisor adds operators: sign in as one';
    return { ok: false, code: 'not-allowed', message };
  }
  if (state.taken) {
    return { ok: false, code: 'refused', message: `There is already an operator with the id "${command.id}".` };
  }
  return { ok: true };
}

function authorityAndReason(
  operator: OfficeOperator,
  reason: string,
  what: string,
): { ok: true; reason: string } | { ok: false; refusals: ReturnType<typeof refusedWith>['refusals'] } {
  if (!mayChangeOperators(operator.role)) {
    return refusedWith(
      'not-allowed',
      'operator',
      `${operator.id} is a ${operator.role}: only a Supervisor may ${what}`,
      `Only a Supervisor may ${what}.`,
    );
  }
  const rule = reasonRule(reason);
  return rule.ok ? rule : { ok: false, refusals: [rule.refusal] };
}
