/**
 * The journal as it stood at an earlier position: pure helpers over records the journal hands
 * out. An anomaly's resolution is itself an event, so "as of seq N" an anomaly resolved later
 * than N was still open, and an event recorded after N did not exist yet.
 */
import type { AnomalyRecord, EventAnomalyRecord, EventRecord, OrderRecord } from '../contract/records';
import type { OrderState } from '../orders/orderState';

/** An anomaly as it stood at `asOfSeq`: open again when its resolution came later. */
export function anomalyAsOf<A extends EventAnomalyRecord | AnomalyRecord>(anomaly: A, asOfSeq: number): A {
  if (anomaly.resolvedBySeq === null || anomaly.resolvedBySeq <= asOfSeq) return anomaly;
  return { ...anomaly, open: true, resolvedBySeq: null };
}

/** An order's events as they stood at `asOfSeq`: the later ones dropped, later resolutions undone. */
export function historyAsOf(events: readonly EventRecord[], asOfSeq: number): EventRecord[] {
  return events
    .filter((e) => e.seq <= asOfSeq)
    .map((e) =>
      e.anomalies.some((a) => a.resolvedBySeq !== null && a.resolvedBySeq > asOfSeq)
        ? { ...e, anomalies: e.anomalies.map((a) => anomalyAsOf(a, asOfSeq)) }
        : e,
    );
}

/** An order's row from its folded state and the journal's counters. */
export function orderRecordFrom(
  state: OrderState,
  counters: { lastSeq: number; lastEventAt: string; eventCount: number; openAnomalies: number },
): OrderRecord {
  const record: OrderRecord = {
    orderId: state.orderId,
    status: state.status,
    lastSeq: counters.lastSeq,
    lastEventAt: counters.lastEventAt,
    eventCount: counters.eventCount,
    openAnomalies: counters.openAnomalies,
    lines: state.lines.map((l) => ({ sku: l.sku, qty: l.qty })),
    picked: { ...state.picked },
    created: state.created,
    beforeHold: state.beforeHold,
  };
  if (state.customer !== undefined) record.customer = state.customer;
  return record;
}

/** The filters of the orders list, the same as the journal's own (see OrdersQuery). */
export interface PastOrdersQuery {
  status?: string;
  withAnomalies?: boolean;
  /** Order id prefix or customer substring, case-insensitive. */
  search?: string;
  afterOrderId?: string;
  limit?: number;
}

/** The orders of a past snapshot (sorted by order id) that pass `query`, one page of them. */
export function pageOrders(sorted: readonly OrderRecord[], query: PastOrdersQuery = {}): OrderRecord[] {
  const limit = query.limit ?? 200;
  const match = orderMatcher(query);
  let i = query.afterOrderId === undefined ? 0 : firstAfter(sorted, query.afterOrderId);
  const out: OrderRecord[] = [];
  for (; i < sorted.length && out.length < limit; i++) {
    const o = sorted[i]!;
    if (match(o)) out.push(o);
  }
  return out;
}

/** How many orders of a past snapshot pass `query`. */
export function countPastOrders(
  sorted: readonly OrderRecord[],
  query: Omit<PastOrdersQuery, 'afterOrderId' | 'limit'> = {},
): number {
  const match = orderMatcher(query);
  let n = 0;
  for (const o of sorted) if (match(o)) n++;
  return n;
}

/** The orders per status of a past snapshot. */
export function pastStatusCounts(orders: readonly OrderRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of orders) if (o.status !== null) counts[o.status] = (counts[o.status] ?? 0) + 1;
  return counts;
}

function orderMatcher(query: Omit<PastOrdersQuery, 'afterOrderId' | 'limit'>): (o: OrderRecord) => boolean {
  const search = query.search?.trim().toLowerCase() ?? '';
  return (o) =>
    (query.status === undefined || o.status === query.status) &&
    (!query.withAnomalies || o.openAnomalies > 0) &&
    (search === '' ||
      o.orderId.toLowerCase().startsWith(search) ||
      (o.customer !== undefined && o.customer.toLowerCase().includes(search)));
}

/** Index of the first order whose id sorts after `orderId` (binary search; ids compare as SQLite's BINARY does for ASCII). */
function firstAfter(sorted: readonly OrderRecord[], orderId: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.orderId <= orderId) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
