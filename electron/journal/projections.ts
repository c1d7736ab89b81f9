/**
 * The orders projection in memory: an order's running state plus the journal's counters, and
 * the one function that folds an event into it. Appending, rebuilding and verifying all fold
 * through `foldEvent`, so the three can never disagree about what an event does.
 */
import { OPERATORS_ORDER } from '../../shared/handover/digest';
import { canonicalJson } from '../../shared/events/canonical';
import type { OrderEvent } from '../../shared/events/envelope';
import type { OrderState } from '../../shared/orders/orderState';
import { evaluate, type AnomalyFinding } from '../../shared/rules/evaluate';
import type { CompiledRules } from '../../shared/rules/ruleSet';
import type { OrderRow } from './rows';

export interface OrderEntry {
  state: OrderState;
  lastSeq: number;
  lastEventAt: string;
  eventCount: number;
  openAnomalies: number;
  /** The status the stored row has (undefined: no row yet), to keep the status counts in step. */
  storedStatus: string | null | undefined;
  /** The status under which the stored row is counted in `flagged_counts` (null: not counted). */
  storedFlagged: string | null;
}

/** The order id under which rule activations are recorded: not an order, so no projection. */
export const RULES_ORDER_ID = '(rules)';

/** The order id under which changes to the operators are recorded: not an order either. */
export const OPERATORS_ORDER_ID = OPERATORS_ORDER;

/** Whether an event of this type belongs to an order's projection. */
export function isOrderEvent(type: string): boolean {
  return type !== 'RuleSetActivated' && type !== 'OperatorDisabled' && type !== 'PasswordReset';
}

export function entryFromRow(row: OrderRow): OrderEntry {
  const state: OrderState = {
    orderId: row.order_id,
    created: row.created === 1,
    status: row.status,
    beforeHold: row.before_hold,
    lines: JSON.parse(row.lines) as OrderState['lines'],
    picked: JSON.parse(row.picked) as OrderState['picked'],
    latestInstant: row.latest_instant,
    latestTimestamp: row.latest_timestamp,
  };
  if (row.customer !== null) state.customer = row.customer;
  return {
    state,
    lastSeq: row.last_seq,
    lastEventAt: row.last_event_at,
    eventCount: row.event_count,
    openAnomalies: row.open_anomalies,
    storedStatus: row.status,
    storedFlagged: flaggedStatus(row.status, row.open_anomalies),
  };
}

/** The row's values in `ORDER_COLUMNS` order. */
export function rowValues(e: OrderEntry): unknown[] {
  const s = e.state;
  return [
    s.orderId,
    s.status,
    e.lastSeq,
    e.lastEventAt,
    e.eventCount,
    e.openAnomalies,
    s.created ? 1 : 0,
    s.customer ?? null,
    // Canonical, so the row is the same whether the lines came from the importer's objects or
    // from the stored (canonical) event data on a rebuild.
    canonicalJson(s.lines),
    canonicalJson(s.picked),
    s.beforeHold,
    s.latestInstant,
    s.latestTimestamp,
  ];
}

/**
 * Check an event against its order and fold it in. Returns the (new or same) entry and the
 * anomalies; the caller records them and resolves what office events resolve.
 */
export function foldEvent(
  entry: OrderEntry | undefined,
  event: OrderEvent,
  instant: number,
  seq: number,
  rules: CompiledRules,
): { entry: OrderEntry; findings: AnomalyFinding[] } {
  const { anomalies, next } = evaluate(entry?.state, event, rules, instant);
  if (entry === undefined) {
    entry = {
      state: next,
      lastSeq: seq,
      lastEventAt: event.timestamp,
      eventCount: 1,
      openAnomalies: anomalies.length,
      storedStatus: undefined,
      storedFlagged: null,
    };
  } else {
    entry.state = next;
    entry.lastSeq = seq;
    entry.lastEventAt = event.timestamp;
    entry.eventCount += 1;
    entry.openAnomalies += anomalies.length;
  }
  return { entry, findings: anomalies };
}

/** Per-status changes of a batch, applied to `status_counts` once at its end. */
export class StatusDeltas {
  private readonly deltas = new Map<string, number>();

  /** Note the entry's status as written; call before its row is written. */
  track(entry: OrderEntry): void {
    const before = entry.storedStatus;
    const now = entry.state.status;
    if (before === now) return;
    if (before !== undefined && before !== null) this.deltas.set(before, (this.deltas.get(before) ?? 0) - 1);
    if (now !== null) this.deltas.set(now, (this.deltas.get(now) ?? 0) + 1);
    entry.storedStatus = now;
  }

  entries(): [string, number][] {
    return [...this.deltas].filter(([, d]) => d !== 0);
  }
}

/** The status an order with open anomalies is counted under in `flagged_counts` (null: not counted). */
export function flaggedStatus(status: string | null, openAnomalies: number): string | null {
  return openAnomalies > 0 ? status : null;
}

/** Per-status changes of the orders with open anomalies, applied to `flagged_counts` at a batch's end. */
export class FlaggedDeltas {
  private readonly deltas = new Map<string, number>();

  /** Note the entry as written; call before its row is written. */
  track(entry: OrderEntry): void {
    const before = entry.storedFlagged;
    const now = flaggedStatus(entry.state.status, entry.openAnomalies);
    if (before === now) return;
    if (before !== null) this.deltas.set(before, (this.deltas.get(before) ?? 0) - 1);
    if (now !== null) this.deltas.set(now, (this.deltas.get(now) ?? 0) + 1);
    entry.storedFlagged = now;
  }

  entries(): [string, number][] {
    return [...this.deltas].filter(([, d]) => d !== 0);
  }
}

/** An hour of event time: whole hours since the epoch (the key of `event_hours`). */
export const HOUR_MS = 3_600_000;
export function hourOf(instant: number): number {
  return Math.floor(instant / HOUR_MS);
}

/** Who an open anomaly is counted under: its kind and severity, and the initiator of its event. */
export interface OpenKey {
  kind: string;
  severity: string;
  initiatorId: string;
  /** The event's initiator name, '' when it has none (a key column cannot be NULL). */
  initiatorName: string;
}

/**
 * The dashboard's counts, kept as projections: events per hour of event time (`event_hours`)
 * and open anomalies by kind, severity and initiator (`open_anomaly_counts`). A batch gathers
 * its changes here and writes them once at its end, as the status counts are; a replay counts
 * the same way from the events alone, so rebuild writes and verify compares exactly these.
 */
export class CountDeltas {
  readonly hours = new Map<number, number>();
  private readonly open = new Map<string, { key: OpenKey; delta: number }>();

  event(instant: number): void {
    const h = hourOf(instant);
    this.hours.set(h, (this.hours.get(h) ?? 0) + 1);
  }

  anomaly(key: OpenKey, delta: number): void {
    const k = `${key.kind}\u0000${key.severity}\u0000${key.initiatorId}\u0000${key.initiatorName}`;
    const have = this.open.get(k);
    if (have) have.delta += delta;
    else this.open.set(k, { key, delta });
  }

  openEntries(): { key: OpenKey; delta: number }[] {
    return [...this.open.values()].filter((e) => e.delta !== 0);
  }

  clear(): void {
    this.hours.clear();
    this.open.clear();
  }
}
