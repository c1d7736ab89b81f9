/**
 * Reading the journal: every view's query, keyset-paged (never OFFSET), with the anomalies of
 * a page loaded in one query rather than one per event.
 */
import { BY_EVENT_ID, eventKey } from './eventKey';
import { OF_TRACE } from './traces';
import { PART_OF_ORDER } from './rebuildParts';
import type Database from 'better-sqlite3';
import type {
  AnomalyRecord,
  EventAnomalyRecord,
  EventRecord,
  JournalFilter,
  OrderRecord,
  RejectedLineRecord,
} from '../../shared/contract/records';
import type { SearchResult } from '../../shared/contract/search';
import type { ReplayEvent } from '../../shared/rules/replay';
import { instantOf, MAIN_SYSTEM_EVENT_TYPES } from '../../shared/events/envelope';
import { NOT_MAIN_SYSTEM } from './migrations';
import { matchExpression, MIN_TERM, searchTerms } from '../../shared/search/terms';
import {
  ANOMALY_JOIN_COLUMNS,
  anomalyOf,
  anomalyRecordOf,
  EVENT_COLUMNS,
  eventRecordOf,
  eventRowOf,
  ORDER_COLUMNS,
  orderRecordOf,
  type AnomalyJoinRow,
  type AnomalyRow,
  type EventRow,
  type OrderRow,
} from './rows';
import {
  JournalRefusal,
  type AnomaliesQuery,
  type AnomalyFilter,
  type AnomalyTotals,
  type OpenAnomalyCount,
  type OrderSort,
  type OrdersFilterQuery,
  type OrdersQuery,
} from './types';

const DEFAULT_LIMIT = 200;
const MAIN_TYPES: ReadonlySet<string> = new Set(MAIN_SYSTEM_EVENT_TYPES);
const MAX_LIMIT = 10_000;
/** Events per round trip when streaming the journal. */
const STREAM_CHUNK = 1000;

type Params = unknown[];

/** The event types whose data the fold and the rules read (shared/orders/orderState, shared/rules/evaluate). */
const REPLAY_READS_DATA: ReadonlySet<string> = new Set([
  'OrderCreated',
  'StatusChanged',
  'StatusCorrected',
  'ItemPicked',
]);
const NO_DATA: Record<string, unknown> = Object.freeze({});
const NO_KINDS: readonly { kind: string }[] = Object.freeze([]);

export class JournalReader {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private readonly rawStatements = new Map<string, Database.Statement>();

  /**
   * Events selected as arrays and shaped here: for pages of hundreds of rows, better-sqlite3's
   * per-row objects cost about as much as the query itself.
   */
  private eventRows(sql: string, ...params: unknown[]): EventRow[] {
    let s = this.rawStatements.get(sql);
    if (!s) this.rawStatements.set(sql, (s = this.db.prepare(sql).raw()));
    return (s.all(...params) as unknown[][]).map(eventRowOf);
  }

  /** Prepared once per distinct SQL text: the filters combine into a handful of shapes. */
  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  /**
   * The orders with an event that has every word of a search, when they are few: then the
   * orders are read by their keys and counted from this list, instead of each order being
   * probed against the search (a search that matches nothing used to cost a pass over every
   * order). Undefined when they are many: the filter stays a subquery.
   */
  private readonly searchOrders = (match: string): string[] | undefined => {
    const orderIds = this.stmt(
      `SELECT order_id FROM events WHERE seq IN
         (SELECT rowid FROM event_search WHERE event_search MATCH ? LIMIT ?)`,
    )
      .pluck()
      .all(match, SEARCH_LIST_EVENTS + 1) as string[];
    // More events than the limit: the list would not be whole.
    if (orderIds.length > SEARCH_LIST_EVENTS) return undefined;
    const ids = [...new Set(orderIds)];
    return ids.length > SEARCH_LIST_ORDERS ? undefined : ids;
  };

  lastSeq(): number {
    const row = this.stmt('SELECT seq FROM events ORDER BY seq DESC LIMIT 1').get() as { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  eventCount(): number {
    // seq has no gaps, so the last seq is the count (and costs one index probe, not a scan).
    return this.lastSeq();
  }

  chainHash(seq: number): string | undefined {
    const row = this.stmt('SELECT hash FROM events WHERE seq = ?').get(seq) as { hash: string } | undefined;
    return row?.hash;
  }

  /** The hashes stored with the events from `fromSeq` to `toSeq`, in seq order: one query, not one per event. */
  chainHashes(fromSeq: number, toSeq: number): string[] {
    return this.stmt('SELECT hash FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq')
      .pluck()
      .all(fromSeq, toSeq) as string[];
  }

  event(ref: { seq: number } | { eventId: string }): EventRecord | undefined {
    const row = (
      'seq' in ref
        ? this.stmt(`SELECT ${EVENT_COLUMNS} FROM events WHERE seq = ?`).get(ref.seq)
        : this.stmt(`SELECT ${EVENT_COLUMNS} FROM events WHERE ${BY_EVENT_ID}`).get(eventKey(ref.eventId), ref.eventId)
    ) as EventRow | undefined;
    if (!row) return undefined;
    const anomalies = this.stmt(
      'SELECT id, seq, kind, severity, message, resolved_by_seq FROM anomalies WHERE seq = ? ORDER BY id',
    ).all(row.seq) as AnomalyRow[];
    return eventRecordOf(row, anomalies.map(anomalyOf));
  }

  history(orderId: string): EventRecord[] {
    const rows = this.eventRows(`SELECT ${EVENT_COLUMNS} FROM events WHERE order_id = ? ORDER BY seq`, orderId);
    const anomalies = this.stmt(
      `SELECT id, seq, kind, severity, message, resolved_by_seq FROM anomalies
       WHERE seq IN (SELECT seq FROM events WHERE order_id = ?) ORDER BY id`,
    ).all(orderId) as AnomalyRow[];
    return attach(rows, anomalies);
  }

  /** The anomalies of the given events, in one query. */
  private withAnomalies(rows: EventRow[]): EventRecord[] {
    if (rows.length === 0) return [];
    const anomalies = this.stmt(
      `SELECT id, seq, kind, severity, message, resolved_by_seq FROM anomalies
       WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY id`,
    ).all(JSON.stringify(rows.map((r) => r.seq))) as AnomalyRow[];
    return attach(rows, anomalies);
  }

  journalPage(filter: JournalFilter, beforeSeq: number | undefined, limit: number): EventRecord[] {
    const where: string[] = [];
    const params: Params = [];
    if (beforeSeq !== undefined) {
      where.push('seq < ?');
      params.push(beforeSeq);
    }
    if (filter.types && filter.types.length > 0) {
      where.push('type IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(filter.types));
      // Office events are rare among the main system's: found through their partial index
      // (which the planner uses only when the query names its condition) instead of a scan.
      if (filter.types.every((t) => !MAIN_TYPES.has(t))) where.push(NOT_MAIN_SYSTEM);
    }
    if (filter.initiatorId !== undefined) {
      where.push('initiator_id = ?');
      params.push(filter.initiatorId);
    }
    if (filter.orderId !== undefined) {
      where.push('order_id = ?');
      params.push(filter.orderId);
    }
    if (filter.traceId !== undefined) {
      where.push(OF_TRACE);
      params.push(filter.traceId, filter.traceId);
    }
    if (filter.from !== undefined) {
      where.push('instant >= ?');
      params.push(instantFilter('from', filter.from));
    }
    if (filter.to !== undefined) {
      where.push('instant <= ?');
      params.push(instantFilter('to', filter.to));
    }
    if (filter.text !== undefined && filter.text.trim() !== '') {
      where.push('seq IN (SELECT rowid FROM event_search WHERE event_search MATCH ?)');
      params.push(requireMatch(filter.text));
    }
    if (filter.flaggedOnly) {
      // Driven from the anomalies' seq index: flagged events are few, and probing every event
      // backwards for an anomaly (EXISTS) costs ~100x more when they are rare.
      if (beforeSeq !== undefined) {
        where.push('seq IN (SELECT seq FROM anomalies WHERE seq < ?)');
        params.push(beforeSeq);
      } else {
        where.push('seq IN (SELECT seq FROM anomalies)');
      }
    }
    params.push(clampLimit(limit));
    const sql = `SELECT ${EVENT_COLUMNS} FROM events ${whereClause(where)} ORDER BY seq DESC LIMIT ?`;
    return this.withAnomalies(this.eventRows(sql, ...params));
  }

  /**
   * The search box: events with every word typed (newest first), and the orders they belong to
   * (most recently active first), each list at most `limit` long.
   */
  search(typed: string, limit: number): SearchResult {
    const terms = searchTerms(typed);
    const match = matchExpression(typed);
    if (match === null) return { terms, events: [], orders: [], moreEvents: false };
    const n = clampLimit(limit);
    const rows = this.eventRows(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE seq IN
         (SELECT rowid FROM event_search WHERE event_search MATCH ? ORDER BY rowid DESC LIMIT ?)
       ORDER BY seq DESC`,
      match,
      n + 1,
    );
    // The orders of the latest matching events: a word every event has (a System id) stays cheap.
    const orders = (
      this.stmt(
        `SELECT ${ORDER_COLUMNS} FROM orders WHERE order_id IN
           (SELECT order_id FROM events WHERE seq IN
             (SELECT rowid FROM event_search WHERE event_search MATCH ? ORDER BY rowid DESC LIMIT ?))
         ORDER BY last_seq DESC LIMIT ?`,
      ).all(match, SEARCH_ORDER_EVENTS, n) as OrderRow[]
    ).map(orderRecordOf);
    return { terms, events: this.withAnomalies(rows.slice(0, n)), orders, moreEvents: rows.length > n };
  }

  /** Events after `afterSeq` up to `toSeq` (inclusive), fetched a chunk at a time. */
  *iterateEvents(afterSeq = 0, toSeq = Number.MAX_SAFE_INTEGER): IterableIterator<EventRecord> {
    // Chunks rather than one open cursor: a better-sqlite3 iterator keeps the connection busy,
    // and the consumer (an export advancing its cursor, say) may well write between events.
    const sql = `SELECT ${EVENT_COLUMNS} FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`;
    let after = afterSeq;
    for (;;) {
      const rows = this.eventRows(sql, after, toSeq, STREAM_CHUNK);
      if (rows.length === 0) return;
      yield* this.withAnomalies(rows);
      after = rows[rows.length - 1]!.seq;
      if (rows.length < STREAM_CHUNK) return;
    }
  }

  /**
   * Events after `afterSeq` up to `toSeq` as a replay reads them (the rule preview, the observed
   * matrix; `part`: of one part of the orders, ../rules/replayJournal): only the columns the fold and the rules look at, the kinds it was flagged with from
   * the same statement, and the data parsed only for the types whose data the fold reads. A scan
   * of the whole journal spent most of its time building full records it then ignored.
   */
  replayEvents(afterSeq: number, toSeq: number, limit: number, part?: 0 | 1): ReplayEvent[] {
    // `part`: only the events of one part of the orders (./rebuildParts), skipped inside SQLite.
    const sql = `SELECT seq, event_id, type, order_id, initiator_id, initiator_role, timestamp, instant, data
       FROM events WHERE seq > ? AND seq <= ?${part === undefined ? '' : ` AND ${PART_OF_ORDER} = ${part}`}
       ORDER BY seq LIMIT ?`;
    let s = this.rawStatements.get(sql);
    if (!s) this.rawStatements.set(sql, (s = this.db.prepare(sql).raw()));
    const rows = s.all(afterSeq, toSeq, limit) as unknown[][];
    if (rows.length === 0) return [];
    // The kinds in one range read of their index: few events are flagged, and a lookup per
    // event (a subquery) cost a fifth of the scan.
    const last = rows[rows.length - 1]![0] as number;
    const kindsBySeq = new Map<number, { kind: string }[]>();
    const flagged = this.stmt('SELECT seq, kind FROM anomalies WHERE seq > ? AND seq <= ? ORDER BY id');
    for (const a of flagged.all(afterSeq, last) as { seq: number; kind: string }[]) {
      const kinds = kindsBySeq.get(a.seq);
      if (kinds) kinds.push({ kind: a.kind });
      else kindsBySeq.set(a.seq, [{ kind: a.kind }]);
    }
    const out: ReplayEvent[] = new Array<ReplayEvent>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const seq = r[0] as number;
      const type = r[2] as string;
      out[i] = {
        seq,
        eventId: r[1] as string,
        type,
        orderId: r[3] as string,
        initiatedBy: { id: r[4] as string, role: r[5] as string },
        timestamp: r[6] as string,
        instant: r[7] as number,
        data: REPLAY_READS_DATA.has(type) ? (JSON.parse(r[8] as string) as Record<string, unknown>) : NO_DATA,
        anomalies: kindsBySeq.get(seq) ?? NO_KINDS,
      };
    }
    return out;
  }

  order(orderId: string): OrderRecord | undefined {
    const row = this.stmt(`SELECT ${ORDER_COLUMNS} FROM orders WHERE order_id = ?`).get(orderId) as
      OrderRow | undefined;
    return row && orderRecordOf(row);
  }

  orders(query: OrdersQuery = {}): OrderRecord[] {
    const { where, params } = orderFilter(query, this.searchOrders);
    const key = SORT_KEY[query.sort ?? 'orderId'];
    const dir = query.descending ? 'DESC' : 'ASC';
    if (query.after !== undefined) {
      // Keyset on (sort value, order id): no OFFSET, whichever column the office sorts by.
      where.push(`(${key}, order_id) ${query.descending ? '<' : '>'} (?, ?)`);
      params.push(query.after.key, query.after.orderId);
    } else if (query.afterOrderId !== undefined) {
      where.push(`order_id ${query.descending ? '<' : '>'} ?`);
      params.push(query.afterOrderId);
    }
    params.push(clampLimit(query.limit ?? DEFAULT_LIMIT));
    const order = key === 'order_id' ? `order_id ${dir}` : `${key} ${dir}, order_id ${dir}`;
    const sql = `SELECT ${ORDER_COLUMNS} FROM orders ${whereClause(where)} ORDER BY ${order} LIMIT ?`;
    return (this.stmt(sql).all(...params) as OrderRow[]).map(orderRecordOf);
  }

  /**
   * The orders with an event in seq `fromSeq`–`toSeq`, by order id, a page at a time: what an
   * incremental export carries. Found from the events of the range (its seqs are the key), so the
   * cost follows the range, not the journal; each order as it stands now.
   */
  *ordersChangedIn(fromSeq: number, toSeq: number): IterableIterator<OrderRecord> {
    const ids = new Set<string>();
    const chunk = this.stmt('SELECT seq, order_id FROM events WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?').raw();
    for (let after = fromSeq; after <= toSeq;) {
      const rows = chunk.all(after, toSeq, STREAM_CHUNK * 10) as [number, string][];
      for (const [, id] of rows) ids.add(id);
      if (rows.length < STREAM_CHUNK * 10) break;
      after = rows[rows.length - 1]![0] + 1;
    }
    // Events of no order (rule activations, operator changes) have no row: looked up, not found.
    const sorted = [...ids].sort();
    const byIds = this.stmt(
      `SELECT ${ORDER_COLUMNS} FROM orders WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY order_id`,
    );
    for (let i = 0; i < sorted.length; i += STREAM_CHUNK) {
      const rows = byIds.all(JSON.stringify(sorted.slice(i, i + STREAM_CHUNK))) as OrderRow[];
      yield* rows.map(orderRecordOf);
    }
  }

  /**
   * The anomalies flagged in seq `fromSeq`–`toSeq` or resolved by an event of it, newest first,
   * each as it stands now: what an incremental export carries. Through the anomalies' seq index
   * and the partial index of the resolved ones.
   */
  anomaliesTouchedIn(fromSeq: number, toSeq: number): AnomalyRecord[] {
    return (
      this.stmt(
        `SELECT ${ANOMALY_JOIN_COLUMNS} FROM anomalies a JOIN events e ON e.seq = a.seq
         WHERE a.id IN (SELECT id FROM anomalies WHERE seq BETWEEN ? AND ?
                        UNION SELECT id FROM anomalies WHERE resolved_by_seq BETWEEN ? AND ?)
         ORDER BY a.id DESC`,
      ).all(fromSeq, toSeq, fromSeq, toSeq) as AnomalyJoinRow[]
    ).map(anomalyRecordOf);
  }

  statusCountsOf(query: OrdersFilterQuery): Record<string, number> {
    const { status: _all, ...rest } = query;
    if (!rest.withAnomalies && !rest.search?.trim() && !rest.from && !rest.to) return this.statusCounts();
    if (rest.withAnomalies && !rest.search?.trim() && !rest.from && !rest.to) {
      // The orders with open anomalies per status: kept as a projection, like the status counts.
      const rows = this.stmt('SELECT status, count FROM flagged_counts ORDER BY status').all() as {
        status: string;
        count: number;
      }[];
      return Object.fromEntries(rows.map((r) => [r.status, r.count]));
    }
    const { where, params } = orderFilter(rest, this.searchOrders);
    where.push('status IS NOT NULL');
    const rows = this.stmt(`SELECT status, count(*) AS n FROM orders ${whereClause(where)} GROUP BY status`).all(
      ...params,
    ) as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  countOrders(query: OrdersFilterQuery = {}): number {
    if (query.status !== undefined && !query.search && !query.from && !query.to) {
      const table = query.withAnomalies ? 'flagged_counts' : 'status_counts';
      const row = this.stmt(`SELECT count FROM ${table} WHERE status = ?`).get(query.status) as
        { count: number } | undefined;
      return row?.count ?? 0;
    }
    const { where, params } = orderFilter(query, this.searchOrders);
    const row = this.stmt(`SELECT count(*) AS n FROM orders ${whereClause(where)}`).get(...params) as { n: number };
    return row.n;
  }

  statusCounts(): Record<string, number> {
    const rows = this.stmt('SELECT status, count FROM status_counts ORDER BY status').all() as {
      status: string;
      count: number;
    }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.count]));
  }

  /** Events per hour of event time from the `event_hours` projection: hours `fromHour` to `toHour` (inclusive) that have events. */
  eventHours(fromHour: number, toHour: number): { hour: number; events: number }[] {
    return this.stmt('SELECT hour, events FROM event_hours WHERE hour BETWEEN ? AND ? ORDER BY hour').all(
      fromHour,
      toHour,
    ) as { hour: number; events: number }[];
  }

  /** The latest hour of event time with an event (null: none yet). */
  lastEventHour(): number | null {
    const row = this.stmt('SELECT max(hour) AS h FROM event_hours').get() as { h: number | null };
    return row.h;
  }

  /** The open anomalies counted by kind, severity and initiator (the `open_anomaly_counts` projection). */
  openAnomalyCounts(): OpenAnomalyCount[] {
    const rows = this.stmt(
      'SELECT kind, severity, initiator_id, initiator_name, count FROM open_anomaly_counts',
    ).all() as { kind: string; severity: string; initiator_id: string; initiator_name: string; count: number }[];
    return rows.map((r) => ({
      kind: r.kind,
      severity: r.severity,
      initiatorId: r.initiator_id,
      initiatorName: r.initiator_name === '' ? null : r.initiator_name,
      count: r.count,
    }));
  }

  anomalies(query: AnomaliesQuery = {}): AnomalyRecord[] {
    const { where, params } = anomalyPageFilter(query);
    params.push(clampLimit(query.limit ?? DEFAULT_LIMIT));
    const sql = `SELECT ${ANOMALY_JOIN_COLUMNS}
      FROM anomalies a JOIN events e ON e.seq = a.seq ${whereClause(where)} ORDER BY a.id DESC LIMIT ?`;
    return (this.stmt(sql).all(...params) as AnomalyJoinRow[]).map(anomalyRecordOf);
  }

  anomalyTotals(filter: AnomalyFilter = {}): AnomalyTotals {
    const { where, params } = anomalyFilter(filter);
    if (filter.open === true && where.length === 1) {
      // Every open anomaly, unfiltered (the headline, the sidebar badge): from the projection.
      const totals: AnomalyTotals = { total: 0, bySeverity: { error: 0, warning: 0 }, byKind: {} };
      for (const r of this.openAnomalyCounts()) {
        totals.total += r.count;
        totals.bySeverity[r.severity] = (totals.bySeverity[r.severity] ?? 0) + r.count;
        totals.byKind[r.kind] = (totals.byKind[r.kind] ?? 0) + r.count;
      }
      return totals;
    }
    const rows = this.stmt(
      `SELECT a.severity, a.kind, count(*) AS n FROM anomalies a JOIN events e ON e.seq = a.seq
       ${whereClause(where)} GROUP BY a.severity, a.kind`,
    ).all(...params) as { severity: string; kind: string; n: number }[];
    const totals: AnomalyTotals = { total: 0, bySeverity: { error: 0, warning: 0 }, byKind: {} };
    for (const r of rows) {
      totals.total += r.n;
      totals.bySeverity[r.severity] = (totals.bySeverity[r.severity] ?? 0) + r.n;
      totals.byKind[r.kind] = (totals.byKind[r.kind] ?? 0) + r.n;
    }
    return totals;
  }

  rejectedLines(query: { file?: string; includeFixed?: boolean; limit?: number } = {}): RejectedLineRecord[] {
    const where: string[] = [];
    const params: Params = [];
    if (query.file !== undefined) {
      where.push('file = ?');
      params.push(query.file);
    }
    if (!query.includeFixed) where.push('fixed_by_seq IS NULL');
    params.push(clampLimit(query.limit ?? 500));
    const sql = `SELECT id, file, line, reason, raw, rejected_at FROM rejected_lines ${whereClause(where)}
      ORDER BY id LIMIT ?`;
    const rows = this.stmt(sql).all(...params) as {
      id: number;
      file: string;
      line: number;
      reason: string;
      raw: string;
      rejected_at: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      file: r.file,
      line: r.line,
      reason: r.reason,
      raw: r.raw,
      rejectedAt: r.rejected_at,
    }));
  }
}

function attach(rows: EventRow[], anomalies: AnomalyRow[]): EventRecord[] {
  const bySeq = new Map<number, EventAnomalyRecord[]>();
  for (const a of anomalies) {
    const list = bySeq.get(a.seq);
    if (list) list.push(anomalyOf(a));
    else bySeq.set(a.seq, [anomalyOf(a)]);
  }
  return rows.map((r) => eventRecordOf(r, bySeq.get(r.seq) ?? []));
}

/** What each sort sorts on; the text columns without a value sort as the empty string. */
const SORT_KEY: Readonly<Record<OrderSort, string>> = {
  orderId: 'order_id',
  status: "coalesce(status, '')",
  customer: "coalesce(customer, '')",
  lines: 'json_array_length(lines)',
  events: 'event_count',
  openAnomalies: 'open_anomalies',
  lastEvent: 'last_seq',
};

/** The value of a row's sort column, as the next page's keyset. */
export function sortValueOf(order: OrderRecord, sort: OrderSort = 'orderId'): string | number {
  switch (sort) {
    case 'orderId':
      return order.orderId;
    case 'status':
      return order.status ?? '';
    case 'customer':
      return order.customer ?? '';
    case 'lines':
      return order.lines.length;
    case 'events':
      return order.eventCount;
    case 'openAnomalies':
      return order.openAnomalies;
    case 'lastEvent':
      return order.lastSeq;
  }
}

/** A search whose matching events are at most this many is answered from the list of their orders. */
const SEARCH_LIST_EVENTS = 20_000;
const SEARCH_LIST_ORDERS = 5_000;

function orderFilter(
  query: OrdersFilterQuery,
  searchOrders?: (match: string) => string[] | undefined,
): { where: string[]; params: Params } {
  const where: string[] = [];
  const params: Params = [];
  if (query.from !== undefined && query.from !== '') {
    where.push('latest_instant >= ?');
    params.push(instantFilter('from', query.from));
  }
  if (query.to !== undefined && query.to !== '') {
    where.push('latest_instant <= ?');
    params.push(instantFilter('to', query.to));
  }
  if (query.status !== undefined) {
    where.push('status = ?');
    params.push(query.status);
  }
  if (query.withAnomalies) where.push('open_anomalies > 0');
  if (query.search !== undefined && query.search.trim() !== '') {
    const match = matchExpression(query.search);
    const few = match === null ? undefined : searchOrders?.(match);
    if (few !== undefined) {
      where.push('order_id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(few));
    } else if (match !== null) {
      // The one search: orders with an event that has every word (a person, a SKU, a reason…).
      where.push(
        'order_id IN (SELECT order_id FROM events WHERE seq IN (SELECT rowid FROM event_search WHERE event_search MATCH ?))',
      );
      params.push(match);
    } else {
      // Too short for the index: the start of an order id, or a piece of the customer's name.
      const s = escapeLike(query.search.trim());
      where.push("(order_id LIKE ? ESCAPE '\\' OR customer LIKE ? ESCAPE '\\')");
      params.push(`${s}%`, `%${s}%`);
    }
  }
  return { where, params };
}

/** The inbox's filter, on anomalies `a` joined with their events `e` (the past inbox uses it too). */
export function anomalyFilter(filter: AnomalyFilter): { where: string[]; params: Params } {
  const where: string[] = [];
  const params: Params = [];
  if (filter.open !== undefined)
    where.push(filter.open ? 'a.resolved_by_seq IS NULL' : 'a.resolved_by_seq IS NOT NULL');
  if (filter.orderId !== undefined && filter.orderId.trim() !== '') {
    // Through the events' order index: anomalies carry no index of their own on order_id.
    where.push('a.seq IN (SELECT seq FROM events WHERE order_id = ?)');
    params.push(filter.orderId.trim());
  }
  if (filter.person !== undefined && filter.person.trim() !== '') {
    const p = filter.person.trim();
    const like = escapeLike(p);
    where.push("(e.initiator_id = ? OR e.initiator_name LIKE ? ESCAPE '\\' OR e.initiator_name LIKE ? ESCAPE '\\')");
    params.push(p, `${like}%`, `% ${like}%`);
  }
  if (filter.customer !== undefined && filter.customer.trim() !== '') {
    where.push("a.order_id IN (SELECT order_id FROM orders WHERE customer LIKE ? ESCAPE '\\')");
    params.push(`%${escapeLike(filter.customer.trim())}%`);
  }
  if (filter.from !== undefined && filter.from !== '') {
    where.push('e.instant >= ?');
    params.push(instantFilter('from', filter.from));
  }
  if (filter.to !== undefined && filter.to !== '') {
    where.push('e.instant <= ?');
    params.push(instantFilter('to', filter.to));
  }
  return { where, params };
}

/** A page of the inbox: its filter, narrowed to a kind and a severity, before an id (the past inbox too). */
export function anomalyPageFilter(query: AnomaliesQuery): { where: string[]; params: Params } {
  const { where, params } = anomalyFilter(query);
  if (query.kind !== undefined) {
    where.push('a.kind = ?');
    params.push(query.kind);
  }
  if (query.severity !== undefined) {
    where.push('a.severity = ?');
    params.push(query.severity);
  }
  if (query.beforeId !== undefined) {
    where.push('a.id < ?');
    params.push(query.beforeId);
  }
  return { where, params };
}

/** Events searched for the orders of a search: the latest ones (the page lists at most 200 orders). */
const SEARCH_ORDER_EVENTS = 5000;

function requireMatch(typed: string): string {
  const match = matchExpression(typed);
  if (match === null) {
    throw new JournalRefusal(
      'invalid',
      `search ${JSON.stringify(typed)}: type at least one word of ${MIN_TERM} characters or more`,
    );
  }
  return match;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function whereClause(where: string[]): string {
  return where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
}

function clampLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new JournalRefusal('invalid', `limit must be a whole number of at least 1 (got ${String(limit)})`);
  }
  return Math.min(limit, MAX_LIMIT);
}

function instantFilter(which: 'from' | 'to', value: string): number {
  const instant = instantOf(value);
  if (Number.isNaN(instant)) {
    throw new JournalRefusal(
      'invalid',
      `journal filter "${which}": ${JSON.stringify(value)} is not an ISO 8601 time with a time-zone offset`,
    );
  }
  return instant;
}
