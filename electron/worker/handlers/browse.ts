/** Reading the journal: orders, the event ledger, one event in its context, anomalies. */
import { foldEvent, orderBefore } from '../../../shared/corrections/history';
import { emptyOrder } from '../../../shared/orders/orderState';
import type { EventRecord } from '../../../shared/contract/records';
import type { PartialHandlers } from './types';
import type { HandlerContext } from './context';
import { dashboardFigures } from './dashboard';

/** How many events of a trace the detail shows (a trace is one operation on the floor: a handful). */
const TRACE_LIMIT = 200;

export const browseHandlers: PartialHandlers<
  | 'listOrders'
  | 'statusCounts'
  | 'getOrder'
  | 'orderHistory'
  | 'journalPage'
  | 'eventDetail'
  | 'listAnomalies'
  | 'anomalyTotals'
  | 'dashboard'
> = {
  listOrders(ctx, { sort, descending, afterOrderId, after, limit, ...filter }) {
    return {
      rows: ctx.journal.orders({ ...filter, sort, descending, afterOrderId, after, limit }),
      total: ctx.journal.countOrders(filter),
    };
  },

  statusCounts(ctx, filter) {
    return ctx.journal.statusCountsOf(filter);
  },

  getOrder(ctx, { orderId }) {
    return ctx.journal.order(orderId) ?? null;
  },

  orderHistory(ctx, { orderId }) {
    return historyWithStatus(ctx, orderId);
  },

  journalPage(ctx, { filter, beforeSeq, limit }) {
    const rows = ctx.journal.journalPage(filter, beforeSeq, limit);
    const last = rows[rows.length - 1];
    return { rows, nextBeforeSeq: rows.length === limit && last ? last.seq : null };
  },

  eventDetail(ctx, ref) {
    return eventDetailOf(ctx, ref);
  },

  listAnomalies(ctx, request) {
    const rows = ctx.journal.anomalies(request);
    const last = rows[rows.length - 1];
    return { rows, nextBeforeId: rows.length === request.limit && last ? last.id : null };
  },

  anomalyTotals(ctx, filter) {
    return ctx.journal.anomalyTotals(filter);
  },

  dashboard(ctx, range) {
    return dashboardFigures(ctx.journal, range);
  },
};

/** An order's events in journal order, with the status after each (folded with the rules in force). */
export function historyWithStatus(ctx: HandlerContext, orderId: string) {
  const rules = ctx.journal.activeRuleSet().ruleSet;
  let state = emptyOrder(orderId);
  return ctx.journal.history(orderId).map((event) => {
    state = foldEvent(state, event, rules);
    return { ...event, statusAfter: state.status };
  });
}

/** One event (by seq or id) in its context, or null when the journal has no such event. */
export function eventDetailOf(ctx: HandlerContext, ref: { seq: number } | { eventId: string }) {
  const event = ctx.journal.event(ref);
  return event ? detailOf(ctx, event) : null;
}

/**
 * The event with its neighbours in its order, the rest of its trace, and the order's status
 * around it: folded from the order's history with the same `evolve` the journal used.
 */
function detailOf(ctx: HandlerContext, event: EventRecord) {
  const history = ctx.journal.history(event.orderId);
  const at = history.findIndex((e) => e.seq === event.seq);
  const rules = ctx.journal.activeRuleSet().ruleSet;
  const before = orderBefore(history, event.seq, rules, event.orderId);
  const trace =
    event.traceId === undefined
      ? []
      : ctx.journal
          .journalPage({ traceId: event.traceId }, undefined, TRACE_LIMIT)
          .filter((e) => e.seq !== event.seq)
          .sort((a, b) => a.seq - b.seq);
  return {
    event,
    previous: at > 0 ? (history[at - 1] ?? null) : null,
    next: at >= 0 ? (history[at + 1] ?? null) : null,
    trace,
    statusBefore: before.status,
    statusAfter: foldEvent(before, event, rules).status,
  };
}
