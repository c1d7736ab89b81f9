/**
 * The running state of one order: the fold of its events in journal order (handbook §3).
 *
 * `evolve` says what an event does to an order; it never looks at whether the event was
 * allowed, because the main system did what it did (a flagged StatusChanged still sets the
 * status). The one exception, a duplicate OrderCreated, is handbook law.
 */
import {
  isOfficeEventType,
  type ItemPickedData,
  type OrderCreatedData,
  type OrderEvent,
  type OrderLine,
  type StatusData,
} from '../events/envelope';

export interface OrderState {
  orderId: string;
  /** Whether an OrderCreated has been recorded. */
  created: boolean;
  /** The running status; `null` while nothing has set one. */
  status: string | null;
  /** The status the order had when it last went into the hold status (`$beforeHold`). */
  beforeHold: string | null;
  customer?: string;
  lines: readonly OrderLine[];
  /** Quantity picked so far per SKU. */
  picked: Readonly<Record<string, number>>;
  /**
   * Latest main-system instant seen for the order (ms since the epoch), for `out-of-order`.
   * Office events carry the workstation's clock, not the main system's, so they do not count.
   */
  latestInstant: number | null;
  latestTimestamp: string | null;
}

export function emptyOrder(orderId: string): OrderState {
  return {
    orderId,
    created: false,
    status: null,
    beforeHold: null,
    lines: [],
    picked: {},
    latestInstant: null,
    latestTimestamp: null,
  };
}

/**
 * Where an order goes on an event. `hold` and `initial` come from the rule set in force.
 *
 * Pure (the given state is never changed), and built as one object literal of a fixed shape:
 * it runs for every event of every import, rebuild and verify, and a chain of spreads per
 * event cost a fifth of a rebuild.
 */
export function evolve(
  state: OrderState,
  event: OrderEvent,
  instant: number,
  rules: { hold: string; initial: string },
): OrderState {
  const counts = !isOfficeEventType(event.type) && (state.latestInstant === null || instant > state.latestInstant);
  let { created, status, beforeHold, lines, picked, customer } = state;
  switch (event.type) {
    case 'OrderCreated': {
      if (created) break; // a duplicate creation changes nothing but its flag
      const data = event.data as unknown as OrderCreatedData;
      created = true;
      lines = data.lines;
      if (data.customer !== undefined) customer = data.customer;
      if (rules.initial === rules.hold && status !== rules.hold) beforeHold = status;
      status = rules.initial;
      break;
    }
    case 'StatusChanged':
    case 'StatusCorrected': {
      const to = (event.data as unknown as StatusData).status;
      // `$beforeHold`: the status the order had when it went into the hold status.
      if (to === rules.hold && status !== rules.hold) beforeHold = status;
      status = to;
      break;
    }
    case 'ItemPicked': {
      const { itemSku, itemQty } = event.data as unknown as ItemPickedData;
      const more: Record<string, number> = { ...picked };
      more[itemSku] = (picked[itemSku] ?? 0) + itemQty;
      picked = more;
      break;
    }
    default:
      if (!counts) return state;
  }
  const next: OrderState = {
    orderId: state.orderId,
    created,
    status,
    beforeHold,
    lines,
    picked,
    latestInstant: counts ? instant : state.latestInstant,
    latestTimestamp: counts ? event.timestamp : state.latestTimestamp,
  };
  if (customer !== undefined) next.customer = customer;
  return next;
}
