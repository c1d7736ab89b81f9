/**
 * The journal's rows as the rest of the app sees them: SQL rows in, plain records out.
 */
import type { AnomalyRecord, EventAnomalyRecord, EventRecord, OrderRecord } from '../../shared/contract/records';
import type { OrderEvent } from '../../shared/events/envelope';
import type { AnomalyKind, Severity } from '../../shared/rules/evaluate';
import type { HashedEvent } from './hash';

/** The columns of `events` every read selects, in this order. */
export const EVENT_COLUMNS =
  'seq, event_id, type, order_id, trace_id, initiator_id, initiator_name, initiator_role, timestamp, instant, data, recorded_at, source, rule_set';

export interface EventRow {
  seq: number;
  event_id: string;
  type: string;
  order_id: string;
  trace_id: string | null;
  initiator_id: string;
  initiator_name: string | null;
  initiator_role: string;
  timestamp: string;
  instant: number;
  data: string;
  recorded_at: string;
  source: string;
  rule_set: string;
}

/** An `EVENT_COLUMNS` row selected with `.raw()`, as an `EventRow`. */
export function eventRowOf(a: unknown[]): EventRow {
  return {
    seq: a[0] as number,
    event_id: a[1] as string,
    type: a[2] as string,
    order_id: a[3] as string,
    trace_id: a[4] as string | null,
    initiator_id: a[5] as string,
    initiator_name: a[6] as string | null,
    initiator_role: a[7] as string,
    timestamp: a[8] as string,
    instant: a[9] as number,
    data: a[10] as string,
    recorded_at: a[11] as string,
    source: a[12] as string,
    rule_set: a[13] as string,
  };
}

export interface AnomalyRow {
  id: number;
  seq: number;
  kind: string;
  severity: string;
  message: string;
  resolved_by_seq: number | null;
}

export function initiatorOf(row: Pick<EventRow, 'initiator_id' | 'initiator_name' | 'initiator_role'>) {
  return row.initiator_name === null
    ? { id: row.initiator_id, role: row.initiator_role }
    : { id: row.initiator_id, name: row.initiator_name, role: row.initiator_role };
}

/** The envelope of a stored event: what duplicates are compared by. */
export function envelopeOf(row: EventRow, data: Record<string, unknown> = parseData(row)): OrderEvent {
  const event: OrderEvent = {
    eventId: row.event_id,
    type: row.type as OrderEvent['type'],
    orderId: row.order_id,
    initiatedBy: initiatorOf(row) as OrderEvent['initiatedBy'],
    timestamp: row.timestamp,
    data,
  };
  if (row.trace_id !== null) event.traceId = row.trace_id;
  return event;
}

/** Only the fields of the envelope, in a fixed shape, so extra properties never count as "different". */
export function envelopeFields(e: OrderEvent): OrderEvent {
  const initiatedBy: OrderEvent['initiatedBy'] =
    e.initiatedBy.name === undefined
      ? { id: e.initiatedBy.id, role: e.initiatedBy.role }
      : { id: e.initiatedBy.id, name: e.initiatedBy.name, role: e.initiatedBy.role };
  const out: OrderEvent = {
    eventId: e.eventId,
    type: e.type,
    orderId: e.orderId,
    initiatedBy,
    timestamp: e.timestamp,
    data: e.data,
  };
  if (e.traceId !== undefined) out.traceId = e.traceId;
  return out;
}

export function hashedOf(row: EventRow, data: unknown): HashedEvent {
  const h: HashedEvent = {
    seq: row.seq,
    eventId: row.event_id,
    type: row.type,
    orderId: row.order_id,
    initiatedBy: initiatorOf(row),
    timestamp: row.timestamp,
    data,
    recordedAt: row.recorded_at,
    source: row.source,
    ruleSet: row.rule_set,
  };
  if (row.trace_id !== null) h.traceId = row.trace_id;
  return h;
}

export function parseData(row: Pick<EventRow, 'data' | 'seq'>): Record<string, unknown> {
  return JSON.parse(row.data) as Record<string, unknown>;
}

export function anomalyOf(row: AnomalyRow): EventAnomalyRecord {
  return {
    kind: row.kind as AnomalyKind,
    severity: row.severity as Severity,
    open: row.resolved_by_seq === null,
    message: row.message,
    resolvedBySeq: row.resolved_by_seq,
  };
}

export function eventRecordOf(row: EventRow, anomalies: EventAnomalyRecord[]): EventRecord {
  const record: EventRecord = {
    seq: row.seq,
    eventId: row.event_id,
    type: row.type as EventRecord['type'],
    orderId: row.order_id,
    initiatedBy: initiatorOf(row),
    timestamp: row.timestamp,
    data: parseData(row),
    recordedAt: row.recorded_at,
    source: row.source,
    ruleSetId: row.rule_set,
    anomalies,
  };
  if (row.trace_id !== null) record.traceId = row.trace_id;
  return record;
}

export interface OrderRow {
  order_id: string;
  status: string | null;
  last_seq: number;
  last_event_at: string;
  event_count: number;
  open_anomalies: number;
  created: number;
  customer: string | null;
  lines: string;
  picked: string;
  before_hold: string | null;
  latest_instant: number | null;
  latest_timestamp: string | null;
}

export const ORDER_COLUMNS =
  'order_id, status, last_seq, last_event_at, event_count, open_anomalies, created, customer, lines, picked, before_hold, latest_instant, latest_timestamp';

export function orderRecordOf(row: OrderRow): OrderRecord {
  const record: OrderRecord = {
    orderId: row.order_id,
    status: row.status,
    lastSeq: row.last_seq,
    lastEventAt: row.last_event_at,
    eventCount: row.event_count,
    openAnomalies: row.open_anomalies,
    lines: JSON.parse(row.lines) as OrderRecord['lines'],
    picked: JSON.parse(row.picked) as OrderRecord['picked'],
    created: row.created === 1,
    beforeHold: row.before_hold,
  };
  if (row.customer !== null) record.customer = row.customer;
  return record;
}

/** An inbox row: an anomaly joined with its event (`a` anomalies, `e` events), in this column order. */
export const ANOMALY_JOIN_COLUMNS = `a.id, a.seq, e.event_id, a.order_id, e.type, e.timestamp, e.initiator_id, e.initiator_name,
  e.initiator_role, a.kind, a.severity, a.message, a.resolved_by_seq`;

export interface AnomalyJoinRow extends AnomalyRow {
  event_id: string;
  order_id: string;
  type: string;
  timestamp: string;
  initiator_id: string;
  initiator_name: string | null;
  initiator_role: string;
}

export function anomalyRecordOf(r: AnomalyJoinRow): AnomalyRecord {
  return {
    id: r.id,
    seq: r.seq,
    eventId: r.event_id,
    orderId: r.order_id,
    type: r.type as AnomalyRecord['type'],
    timestamp: r.timestamp,
    initiatedBy: initiatorOf(r),
    kind: r.kind as AnomalyKind,
    severity: r.severity as Severity,
    open: r.resolved_by_seq === null,
    message: r.message,
    resolvedBySeq: r.resolved_by_seq,
  };
}
