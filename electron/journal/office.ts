/**
 * Office events (handbook §6): corrections, dismissals of false alarms and rule activations.
 * Each is checked completely before anything is written, and written in one transaction with
 * its effects (resolved anomalies, the order's projection), which the caller opens.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AppendedRecord, OperatorRecord } from '../../shared/contract/records';
import { instantOf, type OrderEvent } from '../../shared/events/envelope';
import { parseRuleSet, type RuleSet } from '../../shared/rules/ruleSet';
import type { EventWriter, WriteBatch } from './append';
import type { OperatorStore } from './operators';
import { RULES_ORDER_ID, type OrderEntry } from './projections';
import type { RuleSetStore } from './ruleSets';
import { isoWithOffset } from '../../shared/corrections/time';
import {
  JournalRefusal,
  type CorrectionInput,
  type DismissalInput,
  type JournalKind,
  type OfficeAuthor,
} from './types';

export const MIN_REASON_LENGTH = 10;

export interface RuleActivationInput extends OfficeAuthor {
  reason: string;
}

export class OfficeDesk {
  private readonly eventOf: Database.Statement<[string], { seq: number; order_id: string }>;
  private readonly openCount: Database.Statement<[number], { n: number }>;

  constructor(
    db: Database.Database,
    private readonly kind: JournalKind,
    private readonly writer: EventWriter,
    private readonly operators: OperatorStore,
    private readonly ruleSets: RuleSetStore,
  ) {
    this.eventOf = db.prepare('SELECT seq, order_id FROM events WHERE event_id = ?');
    this.openCount = db.prepare('SELECT count(*) AS n FROM anomalies WHERE seq = ? AND resolved_by_seq IS NULL');
  }

  correct(input: CorrectionInput): AppendedRecord {
    const operator = this.officeOperator(input.operatorId, 'correct an order');
    const reason = checkReason(input.reason);
    const batch = this.writer.begin();
    if (!batch.rules.statuses.has(input.status)) {
      throw new JournalRefusal(
        'invalid',
        `unknown status ${JSON.stringify(input.status)}: the rule set in force (${batch.ruleKey}) knows ${[...batch.rules.statuses].join(', ')}`,
      );
    }
    const entry = this.knownOrder(batch, input.orderId);
    let corrected: { seq: number } | undefined;
    if (input.correctsEventId !== undefined) corrected = this.eventOfOrder(input.correctsEventId, input.orderId);
    checkFresh(entry, input.orderId, input.expectedSeq);

    const data: Record<string, unknown> = { status: input.status, reason };
    if (input.correctsEventId !== undefined) data.correctsEventId = input.correctsEventId;
    const order: Record<string, unknown> = { orderId: input.orderId };
    if (entry.state.customer !== undefined) order.customer = entry.state.customer;
    order.lines = entry.state.lines;
    data.order = order;

    const appended = this.appendOffice(batch, officeEvent('StatusCorrected', input.orderId, operator, data));
    if (corrected) this.writer.resolve(batch, input.orderId, corrected.seq, appended.seq);
    this.writer.finish(batch);
    return { ...appended, status: input.status };
  }

  dismiss(input: DismissalInput): AppendedRecord {
    const operator = this.officeOperator(input.operatorId, 'dismiss an anomaly');
    const reason = checkReason(input.reason);
    const batch = this.writer.begin();
    const entry = this.knownOrder(batch, input.orderId);
    const dismissed = this.eventOfOrder(input.dismissesEventId, input.orderId);
    if (this.openCount.get(dismissed.seq)!.n === 0) {
      throw new JournalRefusal(
        'invalid',
        `event ${JSON.stringify(input.dismissesEventId)} (seq ${dismissed.seq}) has no open anomaly to dismiss`,
      );
    }
    checkFresh(entry, input.orderId, input.expectedSeq);
    const data = { dismissesEventId: input.dismissesEventId, reason };
    const appended = this.appendOffice(batch, officeEvent('AnomalyDismissed', input.orderId, operator, data));
    this.writer.resolve(batch, input.orderId, dismissed.seq, appended.seq);
    this.writer.finish(batch);
    return { ...appended, status: entry.state.status ?? undefined };
  }

  /** Put a rule set in force from the next event on, recorded as a `RuleSetActivated` event. */
  activateRuleSet(ruleSet: RuleSet, input: RuleActivationInput): AppendedRecord {
    const operator = this.operators.get(input.operatorId);
    if (!operator)
      throw new JournalRefusal('not-found', `no operator ${JSON.stringify(input.operatorId)} in this journal`);
    if (operator.role !== 'Supervisor') {
      throw new JournalRefusal(
        'not-allowed',
        `only a Supervisor may change the rules; ${operator.id} is a ${operator.role}`,
      );
    }
    const reason = checkReason(input.reason);
    const parsed = parseRuleSet(ruleSet);
    if (!parsed.ok) throw new JournalRefusal('invalid', `the rule set is not valid: ${parsed.problems.join('; ')}`);
    const batch = this.writer.begin();
    const stored = this.ruleSets.store(parsed.ruleSet, batch.recordedAt);
    if (stored.key === batch.ruleKey) {
      throw new JournalRefusal('refused', `rule set ${stored.key} is already in force`);
    }
    const data = {
      ruleSetId: parsed.ruleSet.id,
      version: parsed.ruleSet.version,
      hash: stored.hash,
      reason,
      ruleSet: parsed.ruleSet,
    };
    const appended = this.appendOffice(batch, officeEvent('RuleSetActivated', RULES_ORDER_ID, operator, data));
    this.ruleSets.activate(stored.key, appended.seq, batch.recordedAt);
    this.writer.finish(batch);
    return appended;
  }

  private appendOffice(batch: WriteBatch, event: OrderEvent): { seq: number; eventId: string } {
    // The instant of the timestamp as written (ms precision), so verify finds them in agreement.
    const result = this.writer.append(batch, event, instantOf(event.timestamp), `operator:${event.initiatedBy.id}`);
    if (result.kind !== 'recorded') throw new Error(`a fresh event id ${event.eventId} was already taken`);
    return { seq: result.seq, eventId: event.eventId };
  }

  private officeOperator(operatorId: string, what: string): OperatorRecord {
    const operator = this.operators.get(operatorId);
    if (!operator) throw new JournalRefusal('not-found', `no operator ${JSON.stringify(operatorId)} in this journal`);
    const allowed = this.kind === 'training' ? ['Supervisor', 'Trainee'] : ['Supervisor'];
    if (!allowed.includes(operator.role)) {
      const who = this.kind === 'training' ? 'a Supervisor or a Trainee' : 'a Supervisor';
      const hint = this.kind === 'real' && operator.role === 'Trainee' ? ' (a Trainee practises in training)' : '';
      throw new JournalRefusal('not-allowed', `${operator.id} is a ${operator.role}: only ${who} may ${what}${hint}`);
    }
    return operator;
  }

  private knownOrder(batch: WriteBatch, orderId: string): OrderEntry {
    const entry = this.writer.entry(batch, orderId);
    if (!entry) throw new JournalRefusal('not-found', `order ${JSON.stringify(orderId)} is not in the journal`);
    return entry;
  }

  private eventOfOrder(eventId: string, orderId: string): { seq: number } {
    const row = this.eventOf.get(eventId);
    if (!row) throw new JournalRefusal('invalid', `event ${JSON.stringify(eventId)} is not in the journal`);
    if (row.order_id !== orderId) {
      throw new JournalRefusal(
        'invalid',
        `event ${JSON.stringify(eventId)} belongs to order ${JSON.stringify(row.order_id)}, not to order ${JSON.stringify(orderId)}`,
      );
    }
    return { seq: row.seq };
  }
}

export function checkReason(reason: string): string {
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  if (trimmed.length === 0) throw new JournalRefusal('invalid', 'a reason is required: say why');
  if (trimmed.length < MIN_REASON_LENGTH) {
    throw new JournalRefusal(
      'invalid',
      `the reason is too short (${trimmed.length} characters): give at least ${MIN_REASON_LENGTH}`,
    );
  }
  return trimmed;
}

export function checkFresh(entry: OrderEntry, orderId: string, expectedSeq: number | undefined): void {
  if (expectedSeq === undefined || expectedSeq === entry.lastSeq) return;
  throw new JournalRefusal(
    'stale',
    `order ${orderId} has changed since you opened it: its last event is now seq ${entry.lastSeq}, you saw seq ${expectedSeq}. Nothing was written; reload the order.`,
  );
}

export function officeEvent(
  type: OrderEvent['type'],
  orderId: string,
  operator: OperatorRecord,
  data: Record<string, unknown>,
): OrderEvent {
  return {
    eventId: randomUUID(),
    type,
    orderId,
    initiatedBy: { id: operator.id, name: operator.name, role: operator.role },
    timestamp: isoWithOffset(new Date()),
    data,
  };
}
