/**
 * A rebuild read in two parts, one per thread (./rebuildInTwo; verify is checked the same way,
 * ./verifyInTwo): every order's events go to one part, chosen by its id, so each part folds its
 * orders exactly as a whole read would.
 *
 * Why by order: the replay's state is per order, and an office event resolves anomalies of an
 * event of its own order (a correction names an event of the order it corrects). Each part's
 * SQL skips the other part's rows inside SQLite, where stepping past a row costs a tenth of
 * handing it to JavaScript (1.1M rows: 0.09 s to step, about 2.7 s to read and parse the columns
 * rebuild reads), so each thread reads half of what one thread would.
 *
 * What the parts do not share is merged after: the anomalies (each part's in seq order, so
 * merged by seq they are numbered as a whole read numbers them), the counts, and the key
 * filters. A journal where an event resolves anomalies of another part's order (no office
 * writes that; a file written by hand could) is rebuilt in one thread instead (`CrossPart`).
 */
import type { KeyFilter } from './keyFilter';
import { openCountsOf, type ReplayedAnomaly } from './replay';
import type { OpenKey } from './projections';

/** The part of an order's events, in SQL: the low bit of the last character of its id. */
export const PART_OF_ORDER = '(coalesce(unicode(substr(order_id, -1)), 0) & 1)';

/** `PART_OF_ORDER` in JavaScript: the last code point's low bit, 0 for an empty id. */
export function partOfOrder(orderId: string): 0 | 1 {
  const last = orderId.codePointAt(lastCodePointAt(orderId)) ?? 0;
  return (last & 1) as 0 | 1;
}

/** Where the last code point of `s` starts (a surrogate pair is one code point, as in SQLite's UTF-8). */
function lastCodePointAt(s: string): number {
  const i = s.length - 1;
  if (i > 0) {
    const low = s.charCodeAt(i);
    const high = s.charCodeAt(i - 1);
    if (low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff) return i - 1;
  }
  return i;
}

/** One part of the orders, read by one thread of a read in two (a rebuild, a verify), and the last seq both parts read to. */
export interface OrdersPart {
  part: 0 | 1;
  toSeq: number;
}

/** An event of one part resolves anomalies of an event of the other part's order: read it whole. */
export class CrossPart extends Error {
  constructor(seq: number) {
    super(`the event of seq ${seq} resolves anomalies of another order's event`);
  }
}

/** What one part read, as it crosses from its thread (plain values only). */
export interface PartOutcome {
  /** The hash of the last event read to (`toSeq`) as the part's connection sees it: the same journal's? */
  head: string | null;
  /** Each order with the JSON of its row's values (`ORDER_COLUMNS` order). */
  orders: [string, string][];
  anomalies: ReplayedAnomaly[];
  hours: [number, number][];
  statusCounts: [string, number][];
  flaggedCounts: [string, number][];
  /** The key filter of every generation the part touched (`KeyFilter.words()`), and those it saw end. */
  filters: [number, Uint32Array][];
  finished: number[];
}

/**
 * What the projections are written from (./rebuild `writeReplayed`): a whole replay's state, or
 * the two parts' merged.
 */
export interface ReplayedProjections {
  /** In id order: anomaly `i` has id `i + 1`. */
  readonly anomalies: readonly ReplayedAnomaly[];
  readonly hours: ReadonlyMap<number, number>;
  orderIds(): string[];
  /** The row values of an order among `orderIds()`. */
  orderValues(orderId: string): unknown[];
  statusCounts(): Map<string, number>;
  flaggedCounts(): Map<string, number>;
  openCounts(): { key: OpenKey; count: number }[];
}

/** A part read here and a part read in the other thread, as one. */
export class MergedProjections implements ReplayedProjections {
  readonly anomalies: ReplayedAnomaly[];
  readonly hours: Map<number, number>;
  private readonly theirOrders: Map<string, string>;

  constructor(
    private readonly ours: ReplayedProjections,
    private readonly theirs: PartOutcome,
  ) {
    this.anomalies = mergeBySeq(ours.anomalies, theirs.anomalies);
    this.hours = sum(ours.hours, theirs.hours);
    this.theirOrders = new Map(theirs.orders);
  }

  orderIds(): string[] {
    return [...this.ours.orderIds(), ...this.theirOrders.keys()];
  }

  orderValues(orderId: string): unknown[] {
    const json = this.theirOrders.get(orderId);
    return json === undefined ? this.ours.orderValues(orderId) : (JSON.parse(json) as unknown[]);
  }

  statusCounts(): Map<string, number> {
    return sum(this.ours.statusCounts(), this.theirs.statusCounts);
  }

  flaggedCounts(): Map<string, number> {
    return sum(this.ours.flaggedCounts(), this.theirs.flaggedCounts);
  }

  openCounts(): { key: OpenKey; count: number }[] {
    return openCountsOf(this.anomalies);
  }
}

/** Two lists in seq order as one (an event's anomalies are all in one list, in their order). */
function mergeBySeq(a: readonly ReplayedAnomaly[], b: readonly ReplayedAnomaly[]): ReplayedAnomaly[] {
  const out = new Array<ReplayedAnomaly>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]!.seq <= b[j]!.seq ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

function sum<K>(a: ReadonlyMap<K, number>, b: Iterable<[K, number]>): Map<K, number> {
  const out = new Map(a);
  for (const [key, n] of b) out.set(key, (out.get(key) ?? 0) + n);
  return out;
}

/** The filters a part sends: every generation it touched, as bits that can be transferred. */
export function filterWords(filters: ReadonlyMap<number, KeyFilter>): [number, Uint32Array][] {
  return [...filters].map(([generation, filter]) => [generation, filter.words()]);
}
