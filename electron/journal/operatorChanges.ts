/**
 * A Supervisor's changes to who may sign in: disabling an operator and resetting a password,
 * each an office event under `(operators)` (not an order) written in the same transaction as
 * the operators table's change, so every change has its author, time and reason in the chain.
 * The new password's hash never goes into the event: only that it was reset, by whom and why.
 */
import type { AppendedRecord, OperatorRecord } from '../../shared/contract/records';
import { instantOf } from '../../shared/events/envelope';
import type { EventWriter } from './append';
import { isSupervisor } from '../../shared/corrections/decide';
import { decideDisable, decideResetPassword, type OperatorChangeState } from '../../shared/corrections/operatorChanges';
import { officeEvent, refusal } from './office';
import type { OperatorStore } from './operators';
import { OPERATORS_ORDER_ID } from './projections';
import { JournalRefusal, type OfficeAuthor } from './types';

export interface OperatorChangeInput extends OfficeAuthor {
  /** The operator disabled or whose password is reset. */
  targetId: string;
  reason: string;
}

export class OperatorCommands {
  constructor(
    private readonly writer: EventWriter,
    private readonly operators: OperatorStore,
  ) {}

  disable(input: OperatorChangeInput): AppendedRecord {
    const supervisor = this.knownOperator(input.operatorId);
    const target = this.operators.find(input.targetId);
    const state: OperatorChangeState = {
      otherSupervisors: this.operators
        .list()
        .filter((o) => isSupervisor(o.role) && !o.disabled && o.id !== input.targetId).length,
    };
    if (target) state.target = target;
    const command = { type: 'disableOperator', targetId: input.targetId, reason: input.reason } as const;
    const decision = decideDisable(command, state, supervisor);
    if (!decision.ok) throw refusal(decision);
    const batch = this.writer.begin();
    const { event } = decision;
    const appended = this.append(batch, officeEvent(event.type, OPERATORS_ORDER_ID, supervisor, { ...event.data }));
    this.operators.disable(event.data.operatorId, appended.seq);
    this.writer.finish(batch);
    return appended;
  }

  /** `hash` is the new password's, made by the caller off the journal's transaction. */
  resetPassword(input: OperatorChangeInput, hash: string): AppendedRecord {
    const supervisor = this.knownOperator(input.operatorId);
    const target = this.operators.find(input.targetId);
    const command = { type: 'resetPassword', targetId: input.targetId, reason: input.reason } as const;
    const decision = decideResetPassword(command, target ? { target } : {}, supervisor);
    if (!decision.ok) throw refusal(decision);
    const batch = this.writer.begin();
    const { event } = decision;
    const appended = this.append(batch, officeEvent(event.type, OPERATORS_ORDER_ID, supervisor, { ...event.data }));
    this.operators.setPasswordHash(event.data.operatorId, hash);
    this.writer.finish(batch);
    return appended;
  }

  private knownOperator(operatorId: string): OperatorRecord {
    const operator = this.operators.get(operatorId);
    if (!operator) throw new JournalRefusal('not-found', `no operator ${JSON.stringify(operatorId)} in this journal`);
    return operator;
  }

  private append(batch: ReturnType<EventWriter['begin']>, event: ReturnType<typeof officeEvent>) {
    const result = this.writer.append(batch, event, instantOf(event.timestamp), `operator:${event.initiatedBy.id}`);
    if (result.kind !== 'recorded') throw new Error(`a fresh event id ${event.eventId} was already taken`);
    return { seq: result.seq, eventId: event.eventId };
  }
}
