/**
 * An order's history as the correction form sees it, and the fold over it.
 *
 * The form gets the history from the journal (`orderHistory`, with `statusAfter`), but the
 * preview needs more than the status (the `$beforeHold` status, the lines), so it folds the
 * events again with the same `evolve` the journal uses: whatever the journal will compute, the
 * preview computes first.
 */
import { instantOf, type OrderEvent } from '../events/envelope';
import { emptyOrder, evolve, type OrderState } from '../orders/orderState';
import type { EventRecord } from '../contract/records';

/** One event of an order's history; `statusAfter` when the journal supplied it. */
export type HistoryItem = EventRecord & { statusAfter?: string | null };

/** What `evolve` needs of a rule set. */
export interface FoldRules {
  hold: string;
  initial: string;
}

/** A recorded event as the envelope the fold reads. */
export function asOrderEvent(record: EventRecord): OrderEvent {
  const event: OrderEvent = {
    eventId: record.eventId,
    type: record.type,
    orderId: record.orderId,
    initiatedBy: record.initiatedBy as OrderEvent['initiatedBy'],
    timestamp: record.timestamp,
    data: record.data,
  };
  if (record.traceId !== undefined) event.traceId = record.traceId;
  return event;
}

/** Fold one event into the order. */
export function foldEvent(state: OrderState, record: EventRecord, rules: FoldRules): OrderState {
  return evolve(state, asOrderEvent(record), instantOf(record.timestamp), rules);
}

/**
 * The order as it stood just before the event at `seq` (or after every event when `seq` is
 * undefined or later than the last one).
 */
export function orderBefore(
  history: readonly HistoryItem[],
  seq: number | undefined,
  rules: FoldRules,
  orderId = history[0]?.orderId ?? '',
): OrderState {
  let state = emptyOrder(orderId);
  for (const item of history) {
    if (seq !== undefined && item.seq >= seq) break;
    state = foldEvent(state, item, rules);
  }
  return state;
}

/**
 * The order as it would be now had the event at `seq` never happened: every other event folded
 * in journal order (handbook §6, the usual right answer of a correction).
 */
export function orderWithout(
  history: readonly HistoryItem[],
  seq: number,
  rules: FoldRules,
  orderId = history[0]?.orderId ?? '',
): OrderState {
  let state = emptyOrder(orderId);
  for (const item of history) {
    if (item.seq !== seq) state = foldEvent(state, item, rules);
  }
  return state;
}

/** The order after its whole history. */
export function orderNow(history: readonly HistoryItem[], rules: FoldRules, orderId?: string): OrderState {
  return orderBefore(history, undefined, rules, orderId);
}

/** The open anomalies of an event, in the words the journal gave them. */
export function openAnomalies(item: HistoryItem | undefined): EventRecord['anomalies'] {
  return item ? item.anomalies.filter((a) => a.open) : [];
}

/** The latest event of the history that still carries an open anomaly. */
export function latestFlagged(history: readonly HistoryItem[]): HistoryItem | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const item = history[i]!;
    if (openAnomalies(item).length > 0) return item;
  }
  return undefined;
}
