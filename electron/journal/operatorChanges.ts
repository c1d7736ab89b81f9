/**
 * A Supervisor's changes to who may sign in: disabling an operator and resetting a password,
 * each an office event under `(operators)` (not an order) written in the same transaction as
 * the operators table's change, so every change has its author, time and reason in the chain.
 * The new password's hash never goes into the event: only that it was reset, by whom and why.
 */
import type { AppendedRecord, OperatorRecord } from '../../shared/contract/records';
import { instantOf } from '../../shared/events/envelope';
import type { EventWriter } from './append';
import { checkReason, officeEvent } from './office';
import type { OperatorStore } from './operators';
import { OPERATORS_ORDER_ID } from './projections';
import { JournalRefusal, type OfficeAuthor } from './types';

export interface OperatorChangeInput extends OfficeAuthor {
  /** The operator disabled or whose password is reset. */
  targetId: string;
  reason: string;
}

export class OperatorDesk {
  constructor(
    private readonly writer: EventWriter,
    private readonly operators: OperatorStore,
  ) {}

  disable(input: OperatorChangeInput): AppendedRecord {
    const supervisor = this.supervisor(input.operatorId, 'disable an operator');
    const reason = checkReason(input.reason);
    const target = this.target(input.targetId);
    if (target.id === supervisor.id) {
      throw new JournalRefusal('refused', 'you cannot disable yourself: ask another Supervisor');
    }
    if (target.disabled) throw new JournalRefusal('refused', `${target.id} is already disabled`);
    if (target.role === 'Supervisor') {
      const others = this.operators.list().filter((o) => o.role === 'Supervisor' && !o.disabled && o.id !== target.id);
      if (others.length === 0) {
        throw new JournalRefusal(
          'refused',
          `${target.id} is the last Supervisor: nobody could add or fix operators after`,
        );
      }
    }
    const batch = this.writer.begin();
    const event = officeEvent('OperatorDisabled', OPERATORS_ORDER_ID, supervisor, { operatorId: target.id, reason });
    const appended = this.append(batch, event);
    this.operators.disable(target.id, appended.seq);
    this.writer.finish(batch);
    return appended;
  }

  /** `hash` is the new password's, made by the caller off the journal's transaction. */
  resetPassword(input: OperatorChangeInput, hash: string): AppendedRecord {
    const supervisor = this.supervisor(input.operatorId, "reset an operator's password");
    const reason = checkReason(input.reason);
    const target = this.target(input.targetId);
    if (target.disabled)
      throw new JournalRefusal('refused', `${target.id} is disabled: a new password would not let them in`);
    const batch = this.writer.begin();
    const event = officeEvent('PasswordReset', OPERATORS_ORDER_ID, supervisor, { operatorId: target.id, reason });
    const appended = this.append(batch, event);
    this.operators.setPasswordHash(target.id, hash);
    this.writer.finish(batch);
    return appended;
  }

  private supervisor(operatorId: string, what: string): OperatorRecord {
    const operator = this.operators.get(operatorId);
    if (!operator) throw new JournalRefusal('not-found', `no operator ${JSON.stringify(operatorId)} in this journal`);
    if (operator.role !== 'Supervisor') {
      throw new JournalRefusal('not-allowed', `${operator.id} is a ${operator.role}: only a Supervisor may ${what}`);
    }
    return operator;
  }

  private target(id: string): OperatorRecord {
    const target = this.operators.find(id);
    if (!target) throw new JournalRefusal('not-found', `no operator ${JSON.stringify(id)} in this journal`);
    return target;
  }

  private append(batch: ReturnType<EventWriter['begin']>, event: ReturnType<typeof officeEvent>) {
    const result = this.writer.append(batch, event, instantOf(event.timestamp), `operator:${event.initiatedBy.id}`);
    if (result.kind !== 'recorded') throw new Error(`a fresh event id ${event.eventId} was already taken`);
    return { seq: result.seq, eventId: event.eventId };
  }
}
