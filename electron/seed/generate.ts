/**
 * A deterministic, realistic warehouse history: orders arrive through the working day, the floor
 * picks, packs and ships them with many orders under way at once, some are held and released or
 * cancelled, and the handbook's mistakes (every anomaly kind of §5) happen now and then — with
 * the night of the missing package among them, event for event as in the handbook's sample.
 *
 * Events come out in arrival order (what the main system would have written), streamed: only
 * the orders still under way are held in memory, so a million-event history costs little.
 */
import type { FloorRole, OrderEvent } from '../../shared/events/envelope';
import {
  CARRIER_FEED,
  CUSTOMERS,
  NOTIFY_CHANNELS,
  ORDER_WEBHOOK,
  PACKERS,
  PICKERS,
  SHIPPERS,
  SKUS,
  TEAM_LEADS,
  type Person,
} from './floor';
import { MISSING_PACKAGE_NIGHT } from './missingPackage';
import { Random } from './random';
import { ANOMALY_KINDS } from '../../shared/rules/evaluate';

export interface HistoryOptions {
  /** Orders in the history, the three of the missing-package night included. */
  orders: number;
  seed: number;
}

/** The mistakes the floor makes, one per anomaly kind of handbook §5. */
export const MISTAKES = ANOMALY_KINDS;
type Mistake = (typeof MISTAKES)[number];

/** Every this-many orders one gets a mistake, the kinds in turn: each kind shows up in any history of 10 × this. */
export const MISTAKE_EVERY = 23;
/** On top of that, a small random share of orders get one. */
const RANDOM_MISTAKE_RATE = 0.01;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The warehouse's clock: US Eastern standard time, like the samples. */
const OFFSET_MS = -5 * HOUR;
const OFFSET_TEXT = '-05:00';
/** Midnight (local) of the night of the missing package; the history is centred on it. */
const NIGHT_DAY = Date.UTC(2026, 10, 26) - OFFSET_MS;
const SAMPLE_ORDER_IDS = new Set(MISSING_PACKAGE_NIGHT.map((e) => e.orderId));
const FIRST_ORDER_NUMBER = 1_300_000;

/** "2026-11-26T20:34:11-05:00" for an instant. */
export function localTimestamp(instant: number): string {
  return `${new Date(instant + OFFSET_MS).toISOString().slice(0, 19)}${OFFSET_TEXT}`;
}

/** Local hour (0–23) of an instant. */
function localHour(instant: number): number {
  return Math.floor(((((instant + OFFSET_MS) % DAY) + DAY) % DAY) / HOUR);
}

/** A weekday has many more orders than a weekend day. */
function isWeekend(day: number): boolean {
  const weekday = new Date(day + OFFSET_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

interface Pending {
  /** When the main system writes it out (the order of the history). */
  at: number;
  n: number;
  event: OrderEvent;
}

/** A min-heap of events by arrival time (ties keep their insertion order). */
class ArrivalQueue {
  private readonly items: Pending[] = [];
  private counter = 0;

  get size(): number {
    return this.items.length;
  }

  peek(): Pending | undefined {
    return this.items[0];
  }

  push(at: number, event: OrderEvent): void {
    const item = { at, n: this.counter++, event };
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(a[i]!, a[parent]!)) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }

  pop(): Pending | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l]!, a[m]!)) m = l;
        if (r < a.length && before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

function before(x: Pending, y: Pending): boolean {
  return x.at < y.at || (x.at === y.at && x.n < y.n);
}

/** Writes the events of one order into the queue, keeping its own clock. */
class OrderScript {
  private clock: number;
  /** Set for an event whose device clock was wrong: written later than its timestamp says. */
  private skew = 0;
  private lastAt: number;

  constructor(
    private readonly random: Random,
    private readonly queue: ArrivalQueue,
    readonly orderId: string,
    createdAt: number,
  ) {
    this.clock = createdAt;
    this.lastAt = createdAt;
  }

  /** Move the order's clock on by a few minutes; the floor works 06:00–22:00. */
  wait(minMinutes: number, maxMinutes: number): this {
    this.clock += this.random.int(minMinutes * 60, maxMinutes * 60) * 1000;
    const hour = localHour(this.clock);
    if (hour >= 22 || hour < 6) {
      const localMidnight = this.clock - ((((this.clock + OFFSET_MS) % DAY) + DAY) % DAY);
      const next = hour >= 22 ? localMidnight + DAY : localMidnight;
      this.clock = next + 6 * HOUR + this.random.int(0, 90) * MINUTE;
    }
    return this;
  }

  /** The next event's timestamp lies this much before the order's previous one (a handheld's wrong clock). */
  skewNext(ms: number): this {
    this.skew = this.clock - this.lastAt + ms;
    return this;
  }

  emit(type: OrderEvent['type'], by: Person, data: Record<string, unknown>, traceId?: string, orderId = this.orderId) {
    const event: OrderEvent = {
      eventId: this.random.uuid(),
      type,
      orderId,
      ...(traceId ? { traceId } : {}),
      initiatedBy: { id: by.id, name: by.name, role: by.role as FloorRole },
      timestamp: localTimestamp(this.clock - this.skew),
      data,
    } as OrderEvent;
    this.skew = 0;
    this.lastAt = this.clock;
    this.queue.push(this.clock, event);
    return this;
  }

  status(status: string, by: Person, traceId?: string) {
    return this.emit('StatusChanged', by, { status }, traceId);
  }
}

/** One order's life on the floor, with at most one mistake in it. */
function scriptOrder(random: Random, queue: ArrivalQueue, orderId: string, createdAt: number, mistake?: Mistake) {
  const o = new OrderScript(random, queue, orderId, createdAt);
  const trace = `t-${orderId}`;
  const skus = random.sample(SKUS, random.int(1, 4));
  // An order with a mistake in it runs its whole course, so the mistake surely happens.
  const free = mistake === undefined;
  const lines = skus.map((sku) => ({ sku, qty: random.pick([1, 1, 2, 2, 3, 4, 5, 6, 10, 12, 20]) }));
  const customer = random.pick(CUSTOMERS);
  const picker = random.pick(PICKERS);
  const lead = random.pick(TEAM_LEADS);
  o.emit('OrderCreated', ORDER_WEBHOOK, { customer, lines }, trace);
  if (mistake === 'duplicate-creation') o.wait(0, 1).emit('OrderCreated', ORDER_WEBHOOK, { customer, lines }, trace);
  o.wait(1, 5).status('PendingPicking', ORDER_WEBHOOK, trace);

  // Some orders wait on a hold (stock check, address query) and come back where they were.
  if (random.chance(0.05) && mistake !== 'after-final') {
    const holdTrace = `${trace}-hold`;
    o.wait(10, 120).status('OnHold', lead, holdTrace);
    if (random.chance(0.3) && free) {
      o.wait(20, 240).status('Cancelled', lead, holdTrace);
      o.wait(0, 1).emit('CustomerNotified', ORDER_WEBHOOK, { channel: random.pick(NOTIFY_CHANNELS) }, holdTrace);
      return;
    }
    o.wait(20, 240).status('PendingPicking', lead, holdTrace);
  }
  if (random.chance(0.02) && (free || mistake === 'after-final')) {
    o.wait(10, 300).status('Cancelled', random.chance(0.5) ? lead : ORDER_WEBHOOK);
    o.wait(0, 1).emit('CustomerNotified', ORDER_WEBHOOK, { channel: random.pick(NOTIFY_CHANNELS) });
    if (mistake === 'after-final') o.wait(5, 60).emit('ItemPicked', picker, { itemSku: lines[0]!.sku, itemQty: 1 });
    return;
  }

  o.wait(10, 240).status('Picking', picker);
  if (mistake === 'no-change') o.wait(0, 2).status('Picking', picker);
  if (mistake === 'not-permitted') {
    // A picker sends the order back to the queue: allowed, but only for a team lead.
    o.wait(2, 10).status('PendingPicking', picker);
    o.wait(5, 60).status('Picking', random.pick(PICKERS));
  }
  for (const line of lines) {
    const split = line.qty > 2 && random.chance(0.2) ? random.int(1, line.qty - 1) : line.qty;
    o.wait(1, 6).emit('ItemPicked', picker, { itemSku: line.sku, itemQty: split });
    if (split < line.qty) o.wait(1, 4).emit('ItemPicked', picker, { itemSku: line.sku, itemQty: line.qty - split });
  }
  if (mistake === 'over-pick') o.wait(1, 3).emit('ItemPicked', picker, { itemSku: lines[0]!.sku, itemQty: 1 });
  if (mistake === 'unexpected-item') {
    const other = SKUS.find((s) => !skus.includes(s))!;
    o.wait(1, 3).emit('ItemPicked', picker, { itemSku: other, itemQty: 1 });
  }
  if (mistake === 'unknown-order') {
    // A mistyped order number on the handheld: the pick lands on an order that does not exist.
    o.wait(1, 3).emit('ItemPicked', picker, { itemSku: lines[0]!.sku, itemQty: 1 }, undefined, `${orderId}9`);
  }
  if (mistake === 'illegal-transition' && random.chance(0.5)) {
    // Shipping what was never picked complete (the 1345701 of the samples).
    o.wait(1, 10).status('Shipped', picker);
    o.wait(600, 2400).status('Delivered', CARRIER_FEED);
    return;
  }
  o.wait(1, 3).status('Picked', picker);
  if (mistake === 'pick-in-wrong-status')
    o.wait(1, 10).emit('ItemPicked', picker, { itemSku: lines[0]!.sku, itemQty: 1 });
  const packer = random.pick(PACKERS);
  o.wait(10, 180);
  if (mistake === 'out-of-order') o.skewNext(random.int(5, 40) * MINUTE);
  o.status('Packed', packer);
  if (mistake === 'illegal-transition') {
    // The night of the missing package, again: a packed order set back to the picking queue.
    o.wait(30, 300).status('PendingPicking', lead);
    o.wait(10, 120).status('Picking', random.pick(PICKERS));
    o.wait(5, 30).status('Picked', picker);
    o.wait(10, 60).status('Packed', packer);
  }
  // An order written late in the history may still be on the floor.
  if (random.chance(0.03) && free) return;
  const shipTrace = `${trace}-ship`;
  o.wait(30, 300).status('Shipped', random.chance(0.6) ? random.pick(SHIPPERS) : ORDER_WEBHOOK, shipTrace);
  o.wait(0, 1).emit('CustomerNotified', ORDER_WEBHOOK, { channel: random.pick(NOTIFY_CHANNELS) }, shipTrace);
  if (random.chance(0.08) && free) return;
  o.wait(900, 2880).status('Delivered', CARRIER_FEED);
  if (mistake === 'after-final') o.wait(5, 120).status('Shipped', random.pick(SHIPPERS));
}

/** The history, event by event, in arrival order. Same options, same events, byte for byte. */
export function* generateHistory(options: HistoryOptions): Generator<OrderEvent> {
  const random = new Random(options.seed);
  const queue = new ArrivalQueue();
  for (const e of MISSING_PACKAGE_NIGHT) queue.push(Date.parse(e.timestamp), e);

  const toGenerate = Math.max(0, options.orders - SAMPLE_ORDER_IDS.size);
  // About 290 orders a day on average (busy weekdays, quiet weekends); centre on the night.
  const days = Math.ceil(toGenerate / 290);
  let day = NIGHT_DAY - Math.floor(days / 2) * DAY;
  let generated = 0;
  let number = FIRST_ORDER_NUMBER;
  let arrivals: number[] = [];

  const nextArrival = (): number => {
    while (arrivals.length === 0) {
      const count = isWeekend(day) ? random.int(20, 80) : random.int(300, 460);
      arrivals = Array.from({ length: count }, () => day + 8 * HOUR + random.int(0, 10 * 3600 - 1) * 1000).sort(
        (a, b) => b - a,
      );
      day += DAY;
    }
    return arrivals[arrivals.length - 1]!;
  };

  while (generated < toGenerate || queue.size > 0) {
    if (generated < toGenerate) {
      const arrival = nextArrival();
      const top = queue.peek();
      // An order's events all come after its creation: everything before the next creation is final.
      if (!top || arrival <= top.at) {
        arrivals.pop();
        do number += 1;
        while (SAMPLE_ORDER_IDS.has(String(number)));
        const index = generated++;
        const mistake =
          index % MISTAKE_EVERY === 5
            ? MISTAKES[Math.floor(index / MISTAKE_EVERY) % MISTAKES.length]
            : random.chance(RANDOM_MISTAKE_RATE)
              ? random.pick(MISTAKES)
              : undefined;
        scriptOrder(random, queue, String(number), arrival, mistake);
        continue;
      }
    }
    yield queue.pop()!.event;
  }
}

/** Exactly `events` events of a history (for the bench and end-to-end tests of a given size). */
export function* generateEvents(options: { events: number; seed: number }): Generator<OrderEvent> {
  let left = options.events;
  if (left <= 0) return;
  // About ten events an order: ask for enough orders and stop at the count.
  for (const event of generateHistory({ orders: Math.ceil(options.events / 6) + 3, seed: options.seed })) {
    yield event;
    if (--left === 0) return;
  }
}
