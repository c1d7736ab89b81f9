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

/** Where an order goes on an event. `hold` and `initial` come from the rule set in force. */
export function evolve(
  state: OrderState,
  event: OrderEvent,
  instant: number,
  rules: { hold: string; initial: string },
): OrderState {
  let next = state;
  if (!isOfficeEventType(event.type) && (state.latestInstant === null || instant > state.latestInstant)) {
    next = { ...next, latestInstant: instant, latestTimestamp: event.timestamp };
  }
  switch (event.type) {
    case 'OrderCreated': {
      if (state.created) return next; // a duplicate creation changes nothing but its flag
      const data = event.data as unknown as OrderCreatedData;
      const created: OrderState = { ...next, created: true, lines: data.lines };
      if (data.customer !== undefined) created.customer = data.customer;
      return setStatus(created, rules.initial, rules.hold);
    }
    case 'StatusChanged':
    case 'StatusCorrected':
      return setStatus(next, (event.data as unknown as StatusData).status, rules.hold);
    case 'ItemPicked': {
      const { itemSku, itemQty } = event.data as unknown as ItemPickedData;
      return { ...next, picked: { ...next.picked, [itemSku]: (next.picked[itemSku] ?? 0) + itemQty } };
    }
    default:
      return next;
  }
}

function setStatus(state: OrderState, status: string, hold: string): OrderState {
  const goingOnHold = status === hold && state.status !== hold;
  return {
    ...state,
    status,
    beforeHold: goingOnHold ? state.status : state.beforeHold,
  };
}
