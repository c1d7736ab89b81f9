/**
 * The orders of a replay, held compactly. A replay keeps every order's state until its end
 * (rebuild writes them, verify compares them with the stored rows), and an order's live state
 * is half a dozen objects: about 650 bytes of heap, most of verify's memory on a large journal
 * (186 MB for the 285,000 orders of 3M events). An order's events come close together, so
 * once no event has touched an order for `FREEZE_AFTER` events it is put away, and made live
 * again only if a later event touches it (a correction days later: rarely):
 *
 * - frozen: kept as the JSON of its row's values, about 250 one-byte characters. Those values
 *   are what both readers want at the end anyway: rebuild inserts them, verify compares them.
 * - settled (verify at once only, `SettledOrders`): its values match its stored row already, so
 *   only its id is kept. The stored rows hold still while verify reads (one read transaction),
 *   so the row is the order's state until an event touches it again, and is read back then.
 *   An order whose row does not match (an event still to come, or a changed row) is frozen
 *   instead and compared at the end, as every order used to be.
 */
import type { OrderState } from '../../shared/orders/orderState';
import { flaggedStatus, rowValues, type OrderEntry } from './projections';

/** Events after its last one at which an order is put away. */
export const FREEZE_AFTER = 20_000;
/** How often the live orders are looked through for ones to put away (events). */
const FREEZE_EVERY = 10_000;

/** Where `rowValues` puts each value the counts and the thaw read. */
const STATUS = 1;
const LAST_SEQ = 2;
const OPEN_ANOMALIES = 5;

/**
 * The stored rows, for verify at once: whether an order's values are its stored row's, and the
 * stored row's values again. Only where the rows cannot change while the replay reads.
 */
export interface SettledOrders {
  matches(orderId: string, values: unknown[]): boolean;
  stored(orderId: string): unknown[];
}

export class ReplayedOrders {
  private readonly live = new Map<string, OrderEntry>();
  /** Orders put away whose stored row matched them (see `SettledOrders`). */
  private readonly settledIds = new Set<string>();
  /** Orders no recent event touched: the JSON of their `rowValues`. */
  private readonly frozen = new Map<string, string>();
  /** The orders put away (frozen or settled) per status, and those with open anomalies per status. */
  private readonly frozenStatus = new Map<string, number>();
  private readonly frozenFlagged = new Map<string, number>();
  private nextLook = FREEZE_EVERY;

  constructor(private readonly settled?: SettledOrders) {}

  get size(): number {
    return this.live.size + this.frozen.size + this.settledIds.size;
  }

  /** How many orders are put away now (frozen or settled). */
  get frozenCount(): number {
    return this.frozen.size + this.settledIds.size;
  }

  /** Whether the order was settled: its stored row matched its values, and no event came since. */
  isSettled(orderId: string): boolean {
    return this.settledIds.has(orderId);
  }

  /** The order's entry to fold into (one put away made live again), or undefined for an order not seen yet. */
  entry(orderId: string): OrderEntry | undefined {
    const live = this.live.get(orderId);
    if (live !== undefined) return live;
    let values: unknown[];
    const json = this.frozen.get(orderId);
    if (json !== undefined) {
      this.frozen.delete(orderId);
      values = JSON.parse(json) as unknown[];
    } else if (this.settled && this.settledIds.delete(orderId)) {
      values = this.settled.stored(orderId);
    } else {
      return undefined;
    }
    this.count(values, -1);
    const entry = thaw(values);
    this.live.set(orderId, entry);
    return entry;
  }

  /** A new order's entry (a known order's is folded in place). */
  add(orderId: string, entry: OrderEntry): void {
    this.live.set(orderId, entry);
  }

  /** After folding the event of `seq`: put away, now and then, the orders whose last event is long past. */
  folded(seq: number): void {
    if (seq < this.nextLook) return;
    this.nextLook = seq + FREEZE_EVERY;
    const before = seq - FREEZE_AFTER;
    for (const [orderId, entry] of this.live) {
      if (entry.lastSeq > before) continue;
      const values = rowValues(entry);
      if (this.settled?.matches(orderId, values)) this.settledIds.add(orderId);
      else this.frozen.set(orderId, JSON.stringify(values));
      this.count(values, 1);
      this.live.delete(orderId);
    }
  }

  /** The order's row values (`ORDER_COLUMNS` order), or undefined when no event named it. */
  values(orderId: string): unknown[] | undefined {
    const live = this.live.get(orderId);
    if (live !== undefined) return rowValues(live);
    const json = this.frozen.get(orderId);
    if (json !== undefined) return JSON.parse(json) as unknown[];
    return this.settled && this.settledIds.has(orderId) ? this.settled.stored(orderId) : undefined;
  }

  /** The JSON of `values(orderId)` (a frozen order's as it is kept), or undefined when no event named it. */
  valuesJson(orderId: string): string | undefined {
    const json = this.frozen.get(orderId);
    if (json !== undefined) return json;
    const values = this.values(orderId);
    return values === undefined ? undefined : JSON.stringify(values);
  }

  /** The last seq of an order's events (undefined when no event named it). */
  lastSeq(orderId: string): number | undefined {
    const live = this.live.get(orderId);
    if (live !== undefined) return live.lastSeq;
    const values = this.values(orderId);
    return values === undefined ? undefined : (values[LAST_SEQ] as number);
  }

  ids(): string[] {
    return [...this.live.keys(), ...this.frozen.keys(), ...this.settledIds];
  }

  /** The orders per status, as `status_counts` keeps them. */
  statusCounts(): Map<string, number> {
    const counts = new Map(this.frozenStatus);
    for (const entry of this.live.values()) add(counts, entry.state.status, 1);
    return counts;
  }

  /** The orders with open anomalies per status, as `flagged_counts` keeps them. */
  flaggedCounts(): Map<string, number> {
    const counts = new Map(this.frozenFlagged);
    for (const entry of this.live.values()) add(counts, flaggedStatus(entry.state.status, entry.openAnomalies), 1);
    return counts;
  }

  private count(values: unknown[], by: number): void {
    const status = values[STATUS] as string | null;
    add(this.frozenStatus, status, by);
    add(this.frozenFlagged, flaggedStatus(status, values[OPEN_ANOMALIES] as number), by);
  }
}

/** Count `by` more under `key` (none for null); a count of zero goes, as if never counted. */
function add(counts: Map<string, number>, key: string | null, by: number): void {
  if (key === null) return;
  const n = (counts.get(key) ?? 0) + by;
  if (n === 0) counts.delete(key);
  else counts.set(key, n);
}

/** The live entry of an order's row values: `rowValues` of it gives them back. */
function thaw(values: unknown[]): OrderEntry {
  const [
    orderId,
    status,
    lastSeq,
    lastEventAt,
    eventCount,
    openAnomalies,
    created,
    customer,
    lines,
    picked,
    beforeHold,
    latestInstant,
    latestTimestamp,
  ] = values as [
    string,
    string | null,
    number,
    string,
    number,
    number,
    number,
    string | null,
    string,
    string,
    string | null,
    number | null,
    string | null,
  ];
  const state: OrderState = {
    orderId,
    created: created === 1,
    status,
    beforeHold,
    lines: JSON.parse(lines) as OrderState['lines'],
    picked: JSON.parse(picked) as OrderState['picked'],
    latestInstant,
    latestTimestamp,
  };
  if (customer !== null) state.customer = customer;
  // A replay writes no rows as it goes: nothing is stored for its entries.
  return { state, lastSeq, lastEventAt, eventCount, openAnomalies, storedStatus: undefined, storedFlagged: null };
}
