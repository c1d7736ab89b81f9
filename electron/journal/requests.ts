/**
 * Correction requests: a Clerk hands a wrong status to a Supervisor as a `CorrectionRequested`
 * office event on the order; a Supervisor declines it with a `CorrectionDeclined`. Whether a
 * request still waits is not stored anywhere: it is read from the events after it (a correction
 * or dismissal of the same flagged event, or a decline naming it), so nothing but the journal
 * itself can say a request was dealt with.
 */
import type Database from 'better-sqlite3';
import { BY_EVENT_ID, eventKey } from './eventKey';
import type { AppendedRecord, OperatorRecord } from '../../shared/contract/records';
import type { CorrectionRequestRecord, RequestState } from '../../shared/contract/requests';
import { instantOf, type OrderEvent } from '../../shared/events/envelope';
import type { EventWriter, WriteBatch } from './append';
import {
  decideDecline,
  decideRequest,
  type DeclineRequestCommand,
  type DeclineState,
  type RequestCorrectionCommand,
  type RequestCorrectionState,
} from '../../shared/corrections/requests';
import { officeEvent, refusal } from './office';
import type { OperatorStore } from './operators';
import { JournalRefusal, type JournalKind, type OfficeAuthor } from './types';

/** What a Clerk asks: the command decideRequest judges, and who asks it. */
export type RequestInput = OfficeAuthor & Omit<RequestCorrectionCommand, 'type'>;

export interface DeclineInput extends OfficeAuthor {
  requestEventId: string;
  reason: string;
}

interface RequestRow {
  seq: number;
  event_id: string;
  order_id: string;
  initiator_id: string;
  initiator_name: string | null;
  initiator_role: string;
  timestamp: string;
  data: string;
}

interface FollowRow {
  seq: number;
  event_id: string;
  type: string;
  initiator_id: string;
  initiator_name: string | null;
  initiator_role: string;
  data: string;
}

const FOLLOW_TYPES = "('StatusCorrected', 'AnomalyDismissed', 'CorrectionDeclined')";

export class RequestCommands {
  private readonly eventOf: Database.Statement<[number, string], { seq: number; order_id: string }>;
  private readonly openCount: Database.Statement<[number], { n: number }>;
  private readonly newest: Database.Statement<[number], RequestRow>;
  private readonly requestOf: Database.Statement<[number, string], RequestRow>;
  private readonly follows: Database.Statement<[string, number], FollowRow>;

  constructor(
    db: Database.Database,
    private readonly kind: JournalKind,
    private readonly writer: EventWriter,
    private readonly operators: OperatorStore,
  ) {
    this.eventOf = db.prepare(`SELECT seq, order_id FROM events WHERE ${BY_EVENT_ID}`);
    this.openCount = db.prepare('SELECT count(*) AS n FROM anomalies WHERE seq = ? AND resolved_by_seq IS NULL');
    const columns = 'seq, event_id, order_id, initiator_id, initiator_name, initiator_role, timestamp, data';
    // Served by the partial index of migration 8: requests are few among a million events.
    this.newest = db.prepare(
      `SELECT ${columns} FROM events WHERE type = 'CorrectionRequested' ORDER BY seq DESC LIMIT ?`,
    );
    this.requestOf = db.prepare(`SELECT ${columns} FROM events WHERE ${BY_EVENT_ID} AND type = 'CorrectionRequested'`);
    this.follows = db.prepare(
      `SELECT seq, event_id, type, initiator_id, initiator_name, initiator_role, data FROM events
        WHERE order_id = ? AND seq > ? AND type IN ${FOLLOW_TYPES} ORDER BY seq`,
    );
  }

  request(input: RequestInput): AppendedRecord {
    const operator = this.knownOperator(input.operatorId);
    const command: RequestCorrectionCommand = {
      type: 'requestCorrection',
      orderId: input.orderId,
      correctsEventId: input.correctsEventId,
      status: input.status,
      reason: input.reason,
    };
    if (input.note !== undefined) command.note = input.note;
    if (input.expectedSeq !== undefined) command.expectedSeq = input.expectedSeq;
    const batch = this.writer.begin();
    const state = this.requestStateOf(batch, input.orderId, input.correctsEventId);
    const decision = decideRequest(command, state, operator);
    if (!decision.ok) throw refusal(decision);
    const { event } = decision;
    const appended = this.append(batch, officeEvent(event.type, event.orderId, operator, { ...event.data }));
    this.writer.finish(batch);
    return { ...appended, status: state.order!.state.status ?? undefined };
  }

  decline(input: DeclineInput): AppendedRecord {
    const operator = this.knownOperator(input.operatorId);
    const command: DeclineRequestCommand = {
      type: 'declineRequest',
      requestEventId: input.requestEventId,
      reason: input.reason,
    };
    const batch = this.writer.begin();
    const row = this.requestOf.get(eventKey(input.requestEventId), input.requestEventId);
    const state: DeclineState = {};
    if (row) {
      const request = this.recordOf(row);
      state.request = { eventId: request.eventId, orderId: request.orderId, state: request.state };
    }
    const decision = decideDecline(command, state, operator);
    if (!decision.ok) throw refusal(decision);
    const { event } = decision;
    const appended = this.append(batch, officeEvent(event.type, event.orderId, operator, { ...event.data }));
    this.writer.finish(batch);
    return appended;
  }

  /** Newest first; `open` keeps only those still waiting for a Supervisor. */
  list(open: boolean, limit: number): CorrectionRequestRecord[] {
    const rows: CorrectionRequestRecord[] = [];
    // Ended requests are read and skipped; requests are hand-written, so they stay few.
    for (const row of this.newest.iterate(open ? 10_000 : limit)) {
      const record = this.recordOf(row);
      if (open && record.state !== 'open') continue;
      rows.push(record);
      if (rows.length >= limit) break;
    }
    return rows;
  }

  private pending(orderId: string, correctsEventId: string): CorrectionRequestRecord | undefined {
    return this.list(true, 10_000).find((r) => r.orderId === orderId && r.correctsEventId === correctsEventId);
  }

  private recordOf(row: RequestRow): CorrectionRequestRecord {
    const data = JSON.parse(row.data) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    const correctsEventId = text(data.correctsEventId);
    let state: RequestState = 'open';
    let endedBy: CorrectionRequestRecord['endedBy'] = null;
    for (const f of this.follows.iterate(row.order_id, row.seq)) {
      const d = JSON.parse(f.data) as Record<string, unknown>;
      const ends =
        f.type === 'CorrectionDeclined'
          ? d.requestEventId === row.event_id && 'declined'
          : f.type === 'StatusCorrected'
            ? d.correctsEventId === correctsEventId && 'corrected'
            : d.dismissesEventId === correctsEventId && 'dismissed';
      if (!ends) continue;
      state = ends;
      endedBy = {
        seq: f.seq,
        eventId: f.event_id,
        operator: { id: f.initiator_id, name: f.initiator_name ?? f.initiator_id, role: f.initiator_role },
        reason: text(d.reason),
        status: f.type === 'StatusCorrected' ? text(d.status) : null,
      };
      break;
    }
    return {
      seq: row.seq,
      eventId: row.event_id,
      orderId: row.order_id,
      correctsEventId,
      status: text(data.status),
      reason: text(data.reason),
      note: typeof data.note === 'string' ? data.note : null,
      requestedBy: { id: row.initiator_id, name: row.initiator_name ?? row.initiator_id, role: row.initiator_role },
      timestamp: row.timestamp,
      state,
      endedBy,
    };
  }

  private knownOperator(operatorId: string): OperatorRecord {
    const operator = this.operators.get(operatorId);
    if (!operator) throw new JournalRefusal('not-found', `no operator ${JSON.stringify(operatorId)} in this journal`);
    return operator;
  }

  /** What decideRequest needs: the journal's kind and rules, the order, the flagged event, a request waiting on it. */
  private requestStateOf(batch: WriteBatch, orderId: string, eventId: string): RequestCorrectionState {
    const state: RequestCorrectionState = { journal: this.kind, rules: batch.rules, ruleKey: batch.ruleKey };
    const entry = this.writer.entry(batch, orderId);
    if (entry) state.order = { state: entry.state, lastSeq: entry.lastSeq };
    const row = this.eventOf.get(eventKey(eventId), eventId);
    if (row) {
      state.named = { eventId, seq: row.seq, orderId: row.order_id, openAnomalies: this.openCount.get(row.seq)!.n };
    }
    const waiting = this.pending(orderId, eventId);
    if (waiting) state.waiting = { eventId: waiting.eventId, requestedBy: waiting.requestedBy.name };
    return state;
  }

  private append(batch: WriteBatch, event: OrderEvent): { seq: number; eventId: string } {
    const result = this.writer.append(batch, event, instantOf(event.timestamp), `operator:${event.initiatedBy.id}`);
    if (result.kind !== 'recorded') throw new Error(`a fresh event id ${event.eventId} was already taken`);
    return { seq: result.seq, eventId: event.eventId };
  }
}
