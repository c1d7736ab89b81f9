/**
 * Writing events: the hot path of an import and the tail of every office action.
 *
 * Everything of one call happens in one transaction (the caller opens it). The order states a
 * batch touches are loaded once and written once at its end; an event costs a lookup of its
 * compact key (./eventKey: the duplicate check), one INSERT, its row in the search index and its
 * anomaly rows.
 */
import type Database from 'better-sqlite3';
import { canonicalJson } from '../../shared/events/canonical';
import type { OrderEvent } from '../../shared/events/envelope';
import type { AnomalyRecord } from '../../shared/contract/records';
import type { AnomalyFinding } from '../../shared/rules/evaluate';
import type { CompiledRules } from '../../shared/rules/ruleSet';
import { AppendJson, chainHash, GENESIS_HASH } from './hash';
import { rejectedLineKey } from './rejectedKey';
import {
  CountDeltas,
  entryFromRow,
  FlaggedDeltas,
  foldEvent,
  isOrderEvent,
  rowValues,
  StatusDeltas,
  type OrderEntry,
} from './projections';
import { EVENT_COLUMNS, envelopeFields, envelopeOf, ORDER_COLUMNS, type EventRow, type OrderRow } from './rows';
import type { RuleSetStore } from './ruleSets';
import type { BatchOutcome, IncomingEvent, RejectedLine } from './types';
import { searchText } from './search';
import { BY_EVENT_ID, eventKey, generationOf, GENERATION_SIZE, KEY_IN_GENERATION, KEY_TAKEN } from './eventKey';
import { filterFromIndex, firstProbe, KeyFilter, probeStep } from './keyFilter';
import { TraceOrders } from './traces';

/** Where the chain stands and what a write transaction has touched so far. */
export interface WriteBatch {
  lastSeq: number;
  prevHash: string;
  recordedAt: string;
  ruleKey: string;
  rules: CompiledRules;
  orders: Map<string, OrderEntry>;
  /** Orders known to have no row yet (prefetched), so no SELECT is spent on them. */
  absent?: Set<string>;
  /**
   * Whether the duplicate check may use the filters of the finished key generations (an
   * import's batch: see `keyMayBeTaken`). Unset: one statement asks every generation.
   */
  filtered?: boolean;
  /** What this write recorded, told to the journal's listeners once it is committed. */
  written: CommittedWrite;
  /** The batch's changes to the hourly and open-anomaly counts, written by `finish`. */
  counts: CountDeltas;
}

/**
 * What one committed write transaction recorded: the worker pushes it to the windows as it is,
 * instead of reading back the rows it just wrote to find out.
 */
export interface CommittedWrite {
  /** The journal's last seq before the write, and after it. */
  fromSeq: number;
  lastSeq: number;
  /** Orders (and office pseudo-orders) that received events, at most 1000. */
  orderIds: Set<string>;
  truncated: boolean;
  /** New error anomalies, and the first few of them. */
  errorCount: number;
  errors: AnomalyRecord[];
}

export type Appended =
  | { kind: 'recorded'; seq: number; findings: AnomalyFinding[]; anomalyIds: number[]; entry: OrderEntry | undefined }
  | { kind: 'duplicate'; existing: EventRow }
  | { kind: 'conflict'; existing: EventRow };

const MAX_TOUCHED = 1000;
/**
 * Order states kept between batches. An import meets the same open orders batch after batch;
 * keeping them saves a SELECT and a JSON parse per order per batch. Bounded so a journal of
 * millions of orders stays within the import's memory budget.
 */
const MAX_CACHED_ORDERS = 2_500;
const MAX_NEW_ERRORS = 20;
/** Batches of at least this many events use the key generations' filters (`keyMayBeTaken`). */
const FILTERED_FROM = 64;
/** Error anomalies kept as examples of a committed write. */
const MAX_WRITTEN_ERRORS = 5;

export class EventWriter {
  private readonly insertEvent: Database.Statement;
  /** The event INSERT of the last import batch (`insertOfBatch`), and the values written into it. */
  private batchInsert: { values: string[]; statement: Database.Statement } | undefined;
  private readonly byEventId: Database.Statement<[number, string], EventRow>;
  private readonly keyTaken: Database.Statement<[number], number>;
  private readonly keyInGeneration: Database.Statement<[number, number], number>;
  private readonly storedFilter: Database.Statement<[number], Buffer>;
  private readonly storeFilter: Database.Statement<[number, Buffer]>;
  /** Bloom filters of the finished generations of the key index, made when first needed (./keyFilter). */
  private filters: KeyFilter[] = [];
  /**
   * The filter of the generation being filled, made as its events are appended (see
   * `keyAppended`), and kept once the generation is finished.
   */
  private growing: { generation: number; filter: KeyFilter } | undefined;
  private readonly traces: TraceOrders;
  private readonly lastEvent: Database.Statement<[], { seq: number; hash: string }>;
  private readonly insertAnomaly: Database.Statement;
  private readonly indexForSearch: Database.Statement;
  private readonly orderRow: Database.Statement<[string], OrderRow>;
  private readonly upsertOrder: Database.Statement;
  private readonly addCount: Database.Statement;
  private readonly dropZeroCount: Database.Statement;
  private readonly resolveAnomalies: Database.Statement;
  private readonly initiatorOf: Database.Statement<[number], { initiator_id: string; initiator_name: string | null }>;
  private readonly addHour: Database.Statement;
  private readonly addFlagged: Database.Statement;
  private readonly dropZeroFlagged: Database.Statement;
  private readonly addOpen: Database.Statement;
  private readonly dropZeroOpen: Database.Statement;
  private readonly insertRejected: Database.Statement;
  private readonly ordersIn: Database.Statement<[string], OrderRow>;
  private readonly dataVersion: Database.Statement<[], number>;
  /** What the chain hashes of each appended event (./hash). */
  private readonly chainJson = new AppendJson();
  /** Committed order states, valid while no other connection has written (see `begin`). */
  private readonly cache = new Map<string, OrderEntry>();
  private seenVersion: number | undefined;
  /** Writes finished inside the transaction now open, told once it commits (see `takeWritten`). */
  private finished: CommittedWrite[] = [];

  constructor(
    private readonly db: Database.Database,
    private readonly ruleSets: RuleSetStore,
  ) {
    this.insertEvent = db.prepare(insertEventSql('?', '?', '?'));
    // The duplicate check: a lookup in the compact key's index (./eventKey), which finds nothing
    // for almost every event; only a key that is there costs reading the row and comparing ids.
    this.keyTaken = db.prepare(`SELECT 1 FROM events WHERE ${KEY_TAKEN} LIMIT 1`).pluck() as Database.Statement<
      [number],
      number
    >;
    this.keyInGeneration = db
      .prepare(`SELECT 1 FROM events WHERE ${KEY_IN_GENERATION} LIMIT 1`)
      .pluck() as Database.Statement<[number, number], number>;
    this.storedFilter = db.prepare('SELECT bits FROM key_filters WHERE generation = ?').pluck() as Database.Statement<
      [number],
      Buffer
    >;
    this.storeFilter = db.prepare('INSERT OR REPLACE INTO key_filters(generation, bits) VALUES (?, ?)');
    this.byEventId = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE ${BY_EVENT_ID}`);
    this.lastEvent = db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1');
    this.traces = new TraceOrders(db);
    this.indexForSearch = db.prepare('INSERT INTO event_search(rowid, text) VALUES (?, ?)');
    this.insertAnomaly = db.prepare(
      'INSERT INTO anomalies(seq, order_id, kind, severity, message) VALUES (?, ?, ?, ?, ?)',
    );
    this.orderRow = db.prepare(`SELECT ${ORDER_COLUMNS} FROM orders WHERE order_id = ?`);
    this.ordersIn = db.prepare(
      `SELECT ${ORDER_COLUMNS} FROM orders WHERE order_id IN (SELECT value FROM json_each(?))`,
    );
    this.dataVersion = db.prepare('PRAGMA data_version').pluck() as Database.Statement<[], number>;
    const cols = ORDER_COLUMNS.split(', ');
    this.upsertOrder = db.prepare(
      `INSERT INTO orders(${ORDER_COLUMNS}) VALUES (${cols.map(() => '?').join(', ')})
       ON CONFLICT(order_id) DO UPDATE SET ${cols
         .slice(1)
         .map((c) => `${c} = excluded.${c}`)
         .join(', ')}`,
    );
    this.addCount = db.prepare(
      'INSERT INTO status_counts(status, count) VALUES (?, ?) ON CONFLICT(status) DO UPDATE SET count = count + excluded.count',
    );
    this.dropZeroCount = db.prepare('DELETE FROM status_counts WHERE status = ? AND count = 0');
    // What it resolved comes back, so the open counts can follow.
    this.resolveAnomalies = db.prepare(
      'UPDATE anomalies SET resolved_by_seq = ? WHERE seq = ? AND resolved_by_seq IS NULL RETURNING kind, severity',
    );
    this.initiatorOf = db.prepare('SELECT initiator_id, initiator_name FROM events WHERE seq = ?');
    this.addFlagged = db.prepare(
      'INSERT INTO flagged_counts(status, count) VALUES (?, ?) ON CONFLICT(status) DO UPDATE SET count = count + excluded.count',
    );
    this.dropZeroFlagged = db.prepare('DELETE FROM flagged_counts WHERE status = ? AND count = 0');
    this.addHour = db.prepare(
      'INSERT INTO event_hours(hour, events) VALUES (?, ?) ON CONFLICT(hour) DO UPDATE SET events = events + excluded.events',
    );
    this.addOpen = db.prepare(
      `INSERT INTO open_anomaly_counts(kind, severity, initiator_id, initiator_name, count) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(kind, severity, initiator_id, initiator_name) DO UPDATE SET count = count + excluded.count`,
    );
    this.dropZeroOpen = db.prepare(
      'DELETE FROM open_anomaly_counts WHERE kind = ? AND severity = ? AND initiator_id = ? AND initiator_name = ? AND count = 0',
    );
    this.insertRejected = db.prepare(
      // Kept once per content: the same refused line again (the same file imported again) is no new row.
      'INSERT OR IGNORE INTO rejected_lines(file, line, reason, raw, rejected_at, line_key) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  /** Start writing: call inside the transaction, so the chain's end cannot move underneath. */
  begin(now: Date = new Date()): WriteBatch {
    this.followOtherWriters();
    const last = this.lastEvent.get();
    const { key, rules } = this.ruleSets.current();
    const lastSeq = last?.seq ?? 0;
    return {
      lastSeq,
      prevHash: last?.hash ?? GENESIS_HASH,
      recordedAt: now.toISOString(),
      ruleKey: key,
      rules,
      orders: new Map(),
      written: { fromSeq: lastSeq, lastSeq, orderIds: new Set(), truncated: false, errorCount: 0, errors: [] },
      counts: new CountDeltas(),
    };
  }

  /**
   * data_version changes exactly when another connection (the command line, another window)
   * has committed: then the cached order states may be out of date, and that connection may
   * have appended to the generation being filled.
   */
  private followOtherWriters(): void {
    const version = this.dataVersion.get()!;
    if (version !== this.seenVersion) {
      this.cache.clear();
      this.growing = undefined;
      this.seenVersion = version;
    }
  }

  /**
   * Make ahead what the next write would make first: the filter of the key generation being
   * filled (see `keyAppended`). The app's worker calls it once it has opened the journal, so
   * the first turn of an import does not (up to 65 ms beside windows waiting for answers).
   */
  prepare(): void {
    this.db.transaction(() => {
      this.followOtherWriters();
      if (this.growing !== undefined) return;
      const next = (this.lastEvent.get()?.seq ?? 0) + 1;
      const generation = generationOf(next);
      if (next !== Math.max(1, generation * GENERATION_SIZE)) {
        this.growing = { generation, filter: filterFromIndex(this.db, generation) };
      }
    })();
  }

  /** The order's entry as of this batch (loaded from its row the first time). */
  entry(batch: WriteBatch, orderId: string): OrderEntry | undefined {
    let entry = batch.orders.get(orderId);
    if (entry === undefined) {
      entry = this.cache.get(orderId);
      if (entry !== undefined) {
        batch.orders.set(orderId, entry);
        return entry;
      }
      if (batch.absent?.has(orderId)) return undefined;
      const row = this.orderRow.get(orderId);
      if (row === undefined) return undefined;
      entry = entryFromRow(row);
      batch.orders.set(orderId, entry);
    }
    return entry;
  }

  /** Record one event (or recognise it as a duplicate or a conflict). */
  append(batch: WriteBatch, event: OrderEvent, instant: number, source: string): Appended {
    const seq = batch.lastSeq + 1;
    const initiator = event.initiatedBy;
    // Data is stored in canonical form: one serialisation serves the row and the hash.
    const dataJson = canonicalJson(event.data);
    const key = eventKey(event.eventId);
    if (this.keyMayBeTaken(batch, key)) {
      const existing = this.byEventId.get(key, event.eventId);
      if (existing !== undefined) {
        const same = canonicalJson(envelopeOf(existing)) === canonicalJson(envelopeFields(event));
        return { kind: same ? 'duplicate' : 'conflict', existing };
      }
      // Another id with the same key: a new event all the same.
    }
    const hash = chainHash(
      batch.prevHash + this.chainJson.of(event, seq, batch.recordedAt, source, batch.ruleKey, dataJson),
    );
    const common = batch.filtered ? this.insertOfBatch(batch, source) : undefined;
    // Two calls spelled out: one call spreading the batch's values (or none) cost 4,000
    // instructions an event more (callgrind, 30,000 events: 6.90 -> 7.02 G).
    if (common !== undefined) {
      common.run(
        seq,
        event.eventId,
        event.type,
        event.orderId,
        event.traceId ?? null,
        initiator.id,
        initiator.name ?? null,
        initiator.role,
        event.timestamp,
        instant,
        dataJson,
        hash,
        batch.prevHash,
        key,
      );
    } else {
      this.insertEvent.run(
        seq,
        event.eventId,
        event.type,
        event.orderId,
        event.traceId ?? null,
        initiator.id,
        initiator.name ?? null,
        initiator.role,
        event.timestamp,
        instant,
        dataJson,
        batch.recordedAt,
        source,
        batch.ruleKey,
        hash,
        batch.prevHash,
        key,
      );
    }
    batch.lastSeq = seq;
    batch.prevHash = hash;
    this.keyAppended(seq, key);
    if (event.traceId !== undefined) this.traces.note(event.traceId, event.orderId);
    const written = batch.written;
    written.lastSeq = seq;
    if (written.orderIds.size < MAX_TOUCHED) written.orderIds.add(event.orderId);
    else if (!written.orderIds.has(event.orderId)) written.truncated = true;
    batch.counts.event(instant);
    // Before the fold: an order without an entry yet is met here for the first time.
    const firstOfOrder = !isOrderEvent(event.type) || this.entry(batch, event.orderId) === undefined;
    this.indexForSearch.run(
      seq,
      searchText(event.type, event.orderId, initiator.id, initiator.name, event.data, firstOfOrder),
    );

    if (!isOrderEvent(event.type)) return { kind: 'recorded', seq, findings: [], anomalyIds: [], entry: undefined };
    const folded = foldEvent(this.entry(batch, event.orderId), event, instant, seq, batch.rules);
    batch.orders.set(event.orderId, folded.entry);
    const anomalyIds: number[] = [];
    for (const f of folded.findings) {
      const r = this.insertAnomaly.run(seq, event.orderId, f.kind, f.severity, f.message);
      const id = Number(r.lastInsertRowid);
      anomalyIds.push(id);
      if (f.severity === 'error') {
        written.errorCount += 1;
        if (written.errors.length < MAX_WRITTEN_ERRORS) written.errors.push(newAnomalyRecord(id, seq, event, f));
      }
      batch.counts.anomaly(
        { kind: f.kind, severity: f.severity, initiatorId: initiator.id, initiatorName: initiator.name ?? '' },
        1,
      );
    }
    return { kind: 'recorded', seq, findings: folded.findings, anomalyIds, entry: folded.entry };
  }

  /**
   * The event INSERT of an import's batch, with what every one of its events shares (the time of
   * recording, the source, the rule set) written into the statement instead of bound: binding
   * a string costs better-sqlite3 two copies of it and SQLite a third, for every event, while
   * preparing the statement once a batch costs less than a hundredth of that. Undefined when
   * a value cannot be written as an SQL literal (a NUL in it).
   */
  private insertOfBatch(batch: WriteBatch, source: string): Database.Statement | undefined {
    const values = [batch.recordedAt, source, batch.ruleKey];
    const last = this.batchInsert;
    if (last !== undefined && last.values.every((v, i) => v === values[i])) return last.statement;
    if (values.some((v) => v.includes('\u0000'))) return undefined;
    const [recordedAt, from, ruleKey] = values.map((v) => `'${v.replaceAll("'", "''")}'`) as [string, string, string];
    const statement = this.db.prepare(insertEventSql(recordedAt, from, ruleKey));
    this.batchInsert = { values, statement };
    return statement;
  }

  /** Resolve the open anomalies of the event at `eventSeq` of an order; returns how many. */
  resolve(batch: WriteBatch, orderId: string, eventSeq: number, bySeq: number): number {
    const resolved = this.resolveAnomalies.all(bySeq, eventSeq) as { kind: string; severity: string }[];
    const n = resolved.length;
    if (n > 0) {
      const entry = this.entry(batch, orderId);
      if (entry) entry.openAnomalies -= n;
      const who = this.initiatorOf.get(eventSeq)!;
      for (const a of resolved) {
        batch.counts.anomaly(
          {
            kind: a.kind,
            severity: a.severity,
            initiatorId: who.initiator_id,
            initiatorName: who.initiator_name ?? '',
          },
          -1,
        );
      }
    }
    return n;
  }

  rejectLine(line: RejectedLine, now: string): void {
    this.insertRejected.run(line.file, line.line, line.reason, line.raw, now, rejectedLineKey(line.line, line.raw));
  }

  /**
   * Load the orders of a batch that are not cached in one query, and note which have no row.
   * Every new order of an import would otherwise cost a SELECT that finds nothing.
   */
  prefetch(batch: WriteBatch, orderIds: Iterable<string>): void {
    const missing = new Set<string>();
    for (const id of orderIds) if (!this.cache.has(id) && !batch.orders.has(id)) missing.add(id);
    if (missing.size === 0) return;
    for (const row of this.ordersIn.all(JSON.stringify([...missing]))) {
      batch.orders.set(row.order_id, entryFromRow(row));
      missing.delete(row.order_id);
    }
    batch.absent = missing;
  }

  /**
   * Whether some recorded event may have this key (a match still needs its id compared). An
   * import's batch asks SQLite about a generation only when that generation's filter may hold
   * the key: a finished one's kept filter, and the growing filter of the one being filled (one,
   * or two when the batch crosses into the next). With three generations and more, a lookup in
   * each cost every event as many walks down the index; a lookup in the open one alone was still
   * a statement per event. An office write, one event, asks every generation in one statement
   * rather than make the filters first.
   */
  private keyMayBeTaken(batch: WriteBatch, key: number): boolean {
    if (!batch.filtered) return this.keyTaken.get(key) !== undefined;
    const open = generationOf(batch.written.fromSeq);
    const first = firstProbe(key);
    const step = probeStep(key);
    for (let g = generationOf(batch.lastSeq); g >= open; g--) {
      if (this.openFilterOf(batch, g).mayHaveAt(first, step) && this.keyInGeneration.get(g, key) !== undefined) {
        return true;
      }
    }
    for (let g = 0; g < open; g++) {
      if (this.filterOf(g).mayHaveAt(first, step) && this.keyInGeneration.get(g, key) !== undefined) return true;
    }
    return false;
  }

  /**
   * The filter of a generation open when the batch began: the growing one (equal to what the
   * index holds: made from it, grown by every append of this connection, dropped when another
   * connection wrote or a transaction failed), or, when this batch finished the generation, the
   * one it kept. Asking it first spares the lookup in the index for almost every event (a
   * fifth of an import's statements).
   */
  private openFilterOf(batch: WriteBatch, generation: number): KeyFilter {
    if (this.growing?.generation === generation) return this.growing.filter;
    // Finished (by this batch, or just before it: the next event starts a generation).
    if (batch.lastSeq >= (generation + 1) * GENERATION_SIZE - 1) {
      return this.filterOf(generation);
    }
    // Not made yet (the first event of a writer that came in): made as `keyAppended` would.
    this.growing = { generation, filter: filterFromIndex(this.db, generation) };
    return this.growing.filter;
  }

  /** The filter of a finished generation: known, kept in the journal, or made from the index (and kept). */
  private filterOf(generation: number): KeyFilter {
    let filter = this.filters[generation];
    if (filter === undefined) {
      const stored = this.storedFilter.get(generation);
      filter = stored === undefined ? undefined : KeyFilter.from(stored);
      if (filter === undefined) {
        filter = filterFromIndex(this.db, generation);
        this.storeFilter.run(generation, filter.bytes());
      }
      this.filters[generation] = filter;
    }
    return filter;
  }

  /** After appending the event of `seq` with `key`: its generation's growing filter, kept when the generation is full. */
  private keyAppended(seq: number, key: number): void {
    const generation = generationOf(seq);
    let growing = this.growing;
    if (growing?.generation !== generation) {
      // A generation's first event starts its filter. A writer that comes in later (the app
      // opened on a journal, the command line's import) makes it once from what the index holds
      // (this event's key with it): made instead when the generation is finished, it stalled the
      // import's turn that needed it (about 65 ms in the app, with windows waiting).
      const first = seq === Math.max(1, generation * GENERATION_SIZE);
      growing = this.growing = { generation, filter: first ? new KeyFilter() : filterFromIndex(this.db, generation) };
    }
    growing.filter.add(key);
    if (seq === (generation + 1) * GENERATION_SIZE - 1) {
      this.storeFilter.run(generation, growing.filter.bytes());
      this.filters[generation] = growing.filter;
      this.growing = undefined;
    }
  }

  /**
   * Forget every cached order state: after a rollback (the cached entries were changed in
   * place by the failed batch) and after a rebuild rewrote the projections. The key filters
   * too: a generation finished by the rolled-back batch is not finished after all.
   */
  forget(): void {
    this.filters = [];
    this.growing = undefined;
    this.traces.forget();
    this.cache.clear();
    this.seenVersion = undefined;
    this.finished = [];
  }

  /** The writes finished since the last call: the caller's transaction has just committed them. */
  takeWritten(): CommittedWrite[] {
    const done = this.finished;
    this.finished = [];
    return done;
  }

  /** Write every touched order's row once, and the status counts. */
  finish(batch: WriteBatch): void {
    if (batch.written.lastSeq > batch.written.fromSeq) this.finished.push(batch.written);
    const deltas = new StatusDeltas();
    const flagged = new FlaggedDeltas();
    for (const [id, entry] of batch.orders) {
      deltas.track(entry);
      flagged.track(entry);
      this.upsertOrder.run(...rowValues(entry));
      // Most recently used last: the oldest are dropped first when the cache is full.
      this.cache.delete(id);
      this.cache.set(id, entry);
    }
    if (this.cache.size > MAX_CACHED_ORDERS) {
      let excess = this.cache.size - MAX_CACHED_ORDERS;
      for (const id of this.cache.keys()) {
        if (excess-- <= 0) break;
        this.cache.delete(id);
      }
    }
    for (const [status, d] of deltas.entries()) {
      this.addCount.run(status, d);
      if (d < 0) this.dropZeroCount.run(status);
    }
    for (const [status, d] of flagged.entries()) {
      this.addFlagged.run(status, d);
      if (d < 0) this.dropZeroFlagged.run(status);
    }
    for (const [hour, n] of batch.counts.hours) this.addHour.run(hour, n);
    for (const { key, delta } of batch.counts.openEntries()) {
      this.addOpen.run(key.kind, key.severity, key.initiatorId, key.initiatorName, delta);
      if (delta < 0) this.dropZeroOpen.run(key.kind, key.severity, key.initiatorId, key.initiatorName);
    }
    batch.counts.clear();
  }

  /** An import's stretch of events and rejected lines, as one transaction's work. */
  appendBatch(events: readonly IncomingEvent[], source: string, rejected: readonly RejectedLine[]): BatchOutcome {
    const batch = this.begin();
    const outcome: BatchOutcome = {
      accepted: 0,
      duplicates: 0,
      conflicts: [],
      anomalies: 0,
      newErrors: [],
      newErrorCount: 0,
      touchedOrders: [],
      touchedTruncated: false,
      lastSeq: batch.lastSeq,
    };
    const touched = new Set<string>();
    this.prefetch(
      batch,
      events.map((e) => e.event.orderId),
    );
    // A few events are cheaper asked about without the filters than the filters are to make.
    batch.filtered = events.length >= FILTERED_FROM;
    for (const incoming of events) {
      const { event, instant } = incoming;
      if (!Number.isFinite(instant)) {
        // A caller's mistake, not a bad line: the importer parses the timestamp before this.
        throw new Error(
          `event ${JSON.stringify(event.eventId)}${incoming.line === undefined ? '' : ` (line ${incoming.line})`} has no instant: pass the timestamp ${JSON.stringify(event.timestamp)} as ms since the epoch`,
        );
      }
      const result = this.append(batch, event, instant, source);
      if (result.kind === 'duplicate') {
        outcome.duplicates += 1;
        continue;
      }
      if (result.kind === 'conflict') {
        const line = incoming.line ?? 0;
        const reason = `eventId ${JSON.stringify(event.eventId)} is already recorded (seq ${result.existing.seq}) with different content`;
        outcome.conflicts.push({ line, eventId: event.eventId, reason });
        this.rejectLine({ file: source, line, reason, raw: JSON.stringify(event) }, batch.recordedAt);
        continue;
      }
      outcome.accepted += 1;
      outcome.anomalies += result.findings.length;
      if (touched.size < MAX_TOUCHED) touched.add(event.orderId);
      else if (!touched.has(event.orderId)) outcome.touchedTruncated = true;
      result.findings.forEach((f, i) => {
        if (f.severity !== 'error') return;
        outcome.newErrorCount += 1;
        if (outcome.newErrors.length >= MAX_NEW_ERRORS) return;
        outcome.newErrors.push(newAnomalyRecord(result.anomalyIds[i]!, result.seq, event, f));
      });
    }
    for (const line of rejected) this.rejectLine(line, batch.recordedAt);
    this.finish(batch);
    outcome.touchedOrders = [...touched];
    outcome.lastSeq = batch.lastSeq;
    return outcome;
  }
}

/** The event INSERT, with the time of recording, the source and the rule set as given (`?` to bind them). */
function insertEventSql(recordedAt: string, source: string, ruleSet: string): string {
  return `INSERT INTO events(seq, event_id, type, order_id, trace_id, initiator_id, initiator_name, initiator_role,
      timestamp, instant, data, recorded_at, source, rule_set, hash, prev_hash, event_key)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${recordedAt}, ${source}, ${ruleSet}, ?, ?, ?)`;
}

function newAnomalyRecord(id: number, seq: number, event: OrderEvent, f: AnomalyFinding): AnomalyRecord {
  const i = event.initiatedBy;
  return {
    id,
    seq,
    eventId: event.eventId,
    orderId: event.orderId,
    type: event.type,
    timestamp: event.timestamp,
    initiatedBy: i.name === undefined ? { id: i.id, role: i.role } : { id: i.id, name: i.name, role: i.role },
    kind: f.kind,
    severity: f.severity,
    open: true,
    message: f.message,
    resolvedBySeq: null,
  };
}
