/**
 * Office events (handbook §6): corrections, dismissals of false alarms and rule activations.
 * Each is checked completely before anything is written, and written in one transaction with
 * its effects (resolved anomalies, the order's projection), which the caller opens.
 */
import { randomUUID } from 'node:crypto';
import { BY_EVENT_ID, eventKey } from './eventKey';
import type Database from 'better-sqlite3';
import type { AppendedRecord, OperatorRecord } from '../../shared/contract/records';
import { instantOf, type OrderEvent } from '../../shared/events/envelope';
import { parseRuleSet, type RuleSet } from '../../shared/rules/ruleSet';
import type { EventWriter, WriteBatch } from './append';
import type { OperatorStore } from './operators';
import { RULES_ORDER_ID } from './projections';
import { ruleSetKey, type RuleSetStore } from './ruleSets';
import { ruleSetHash } from './hash';
import { isoWithOffset } from '../../shared/corrections/time';
import {
  MIN_REASON_LENGTH,
  decideCorrection,
  decideDismissal,
  decideRuleActivation,
  type ActivateRulesCommand,
  type RulesState,
  type CorrectCommand,
  type DismissCommand,
  type OfficeState,
  type Refused,
} from '../../shared/corrections/decide';
import {
  JournalRefusal,
  type CorrectionInput,
  type DismissalInput,
  type JournalKind,
  type OfficeAuthor,
} from './types';

export { MIN_REASON_LENGTH };

export interface RuleActivationInput extends OfficeAuthor {
  reason: string;
}

export class OfficeCommands {
  private readonly eventOf: Database.Statement<[number, string], { seq: number; order_id: string }>;
  private readonly openCount: Database.Statement<[number], { n: number }>;

  constructor(
    db: Database.Database,
    private readonly kind: JournalKind,
    private readonly writer: EventWriter,
    private readonly operators: OperatorStore,
    private readonly ruleSets: RuleSetStore,
  ) {
    this.eventOf = db.prepare(`SELECT seq, order_id FROM events WHERE ${BY_EVENT_ID}`);
    this.openCount = db.prepare('SELECT count(*) AS n FROM anomalies WHERE seq = ? AND resolved_by_seq IS NULL');
  }

  correct(input: CorrectionInput): AppendedRecord {
    const operator = this.knownOperator(input.operatorId);
    const command: CorrectCommand = {
      type: 'correct',
      orderId: input.orderId,
      status: input.status,
      reason: input.reason,
    };
    if (input.correctsEventId !== undefined) command.correctsEventId = input.correctsEventId;
    if (input.expectedSeq !== undefined) command.expectedSeq = input.expectedSeq;
    const batch = this.writer.begin();
    const decision = decideCorrection(command, this.stateOf(batch, input.orderId, input.correctsEventId), operator);
    if (!decision.ok) throw refusal(decision);
    const { event } = decision;
    const appended = this.appendOffice(batch, officeEvent(event.type, event.orderId, operator, { ...event.data }));
    if (decision.resolvesSeq !== undefined)
      this.writer.resolve(batch, input.orderId, decision.resolvesSeq, appended.seq);
    this.writer.finish(batch);
    return { ...appended, status: input.status };
  }

  dismiss(input: DismissalInput): AppendedRecord {
    const operator = this.knownOperator(input.operatorId);
    const command: DismissCommand = {
      type: 'dismiss',
      orderId: input.orderId,
      dismissesEventId: input.dismissesEventId,
      reason: input.reason,
    };
    if (input.expectedSeq !== undefined) command.expectedSeq = input.expectedSeq;
    const batch = this.writer.begin();
    const state = this.stateOf(batch, input.orderId, input.dismissesEventId);
    const decision = decideDismissal(command, state, operator);
    if (!decision.ok) throw refusal(decision);
    const { event } = decision;
    const appended = this.appendOffice(batch, officeEvent(event.type, event.orderId, operator, { ...event.data }));
    this.writer.resolve(batch, input.orderId, decision.resolvesSeq!, appended.seq);
    this.writer.finish(batch);
    return { ...appended, status: state.order!.state.status ?? undefined };
  }

  /** Put a rule set in force from the next event on, recorded as a `RuleSetActivated` event. */
  activateRuleSet(ruleSet: RuleSet, input: RuleActivationInput): AppendedRecord {
    const operator = this.knownOperator(input.operatorId);
    const batch = this.writer.begin();
    const state: RulesState = { ruleKey: batch.ruleKey };
    const parsed = parseRuleSet(ruleSet);
    if (parsed.ok) {
      const hash = ruleSetHash(parsed.ruleSet);
      const storedHash = this.ruleSets.storedHash(ruleSetKey(parsed.ruleSet));
      state.candidate = storedHash === undefined ? { hash } : { hash, storedHash };
    }
    const command: ActivateRulesCommand = { type: 'activateRules', ruleSet, reason: input.reason };
    const decision = decideRuleActivation(command, state, operator);
    if (!decision.ok) throw refusal(decision);
    const { data } = decision.event;
    const stored = this.ruleSets.store(data.ruleSet, batch.recordedAt);
    const appended = this.appendOffice(batch, officeEvent(decision.event.type, RULES_ORDER_ID, operator, { ...data }));
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

  private knownOperator(operatorId: string): OperatorRecord {
    const operator = this.operators.get(operatorId);
    if (!operator) throw new JournalRefusal('not-found', `no operator ${JSON.stringify(operatorId)} in this journal`);
    return operator;
  }

  /** What decide needs: the journal's kind and rules, the order as it stands, the event named. */
  private stateOf(batch: WriteBatch, orderId: string, eventId: string | undefined): OfficeState {
    const state: OfficeState = { journal: this.kind, rules: batch.rules, ruleKey: batch.ruleKey };
    const entry = this.writer.entry(batch, orderId);
    if (entry) state.order = { state: entry.state, lastSeq: entry.lastSeq };
    const row = eventId === undefined ? undefined : this.eventOf.get(eventKey(eventId), eventId);
    if (eventId !== undefined && row) {
      state.named = { eventId, seq: row.seq, orderId: row.order_id, openAnomalies: this.openCount.get(row.seq)!.n };
    }
    return state;
  }
}

/** The journal answers with the first refusal, in the order decide checks them. */
export function refusal(decision: Refused): JournalRefusal {
  const first = decision.refusals[0]!;
  return new JournalRefusal(first.code, first.message);
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
