/**
 * Checking a journal: the whole hash chain (seq contiguity, every link, every hash) and the
 * stored projections against a replay of the events. Reports the first thing wrong, by seq.
 */
import type Database from 'better-sqlite3';
import type { VerifyReport } from '../../shared/contract/records';
import { instantOf } from '../../shared/events/envelope';
import { chainHash, GENESIS_HASH, RowJson } from './hash';
import { eventKey, generationOf, GENERATION_SIZE } from './eventKey';
import { FilterBuilder, KeyFilter } from './keyFilter';
import { startFileCheck, type FileCheck } from './fileCheck';
import { HOUR_MS, type OpenKey } from './projections';
import { collectPastHeadroom } from '../memory/heap';
import { seqLookup } from './rebuild';
import { readAll, Replay, REPLAY_CHUNK, type ChunkedRead, type ReplayRow } from './replay';
import { EVENT_COLUMNS, ORDER_COLUMNS } from './rows';
import type { SettledOrders } from './replayOrders';
import type { RuleSetStore } from './ruleSets';

/** Where each column stands in a raw chain row: the `EVENT_COLUMNS`, then `hash`, `prev_hash`, `event_key`. */
const COLUMN = Object.fromEntries(EVENT_COLUMNS.split(', ').map((c, i) => [c, i])) as Record<string, number>;
const SEQ = COLUMN.seq!;
const EVENT_ID = COLUMN.event_id!;
const TYPE = COLUMN.type!;
const ORDER_ID = COLUMN.order_id!;
const INITIATOR_ID = COLUMN.initiator_id!;
const INITIATOR_NAME = COLUMN.initiator_name!;
const INITIATOR_ROLE = COLUMN.initiator_role!;
const TIMESTAMP = COLUMN.timestamp!;
const INSTANT = COLUMN.instant!;
const DATA = COLUMN.data!;
const RULE_SET = COLUMN.rule_set!;
const HASH = EVENT_COLUMNS.split(', ').length;
const PREV_HASH = HASH + 1;
const EVENT_KEY = HASH + 2;

class Problem {
  constructor(
    readonly seq: number | null,
    readonly problem: string,
  ) {}
}

/**
 * Verify at once, in the caller's read transaction: the stored rows hold still until it ends,
 * so the replay settles orders against them as it reads (./replayOrders).
 */
export function verifyJournal(
  db: Database.Database,
  ruleSets: RuleSetStore,
  onProgress?: (done: number, total: number) => void,
): VerifyReport {
  // A verify at once reads each page of the events once, so a large page cache holds nothing
  // it reads again: a small one for the while. Not so in turns, where the windows' reads in
  // between share this connection's cache.
  const cache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${VERIFY_CACHE_KB}`);
  try {
    // Settling trusts the stored rows to hold still: only inside the caller's transaction.
    const check = new JournalCheck(db, ruleSets, { between: collectPastHeadroom, rowsHoldStill: db.inTransaction });
    readAll(check, onProgress);
    return check.finish();
  } finally {
    db.pragma(`cache_size = ${cache}`);
  }
}

/** The page cache of a verify at once (KiB as SQLite gives it: negative), where the journal keeps 32 MB. */
const VERIFY_CACHE_KB = -4096;

/**
 * A verify in parts, so that it can also run in turns (`Journal.verifyInTurns`): the chain is
 * checked and replayed a chunk at a time, and `finish` (in one read transaction the caller
 * opens) checks what was recorded since and compares the projections with the replay. Events
 * are only ever appended, so a chunk checked stays checked; the projections move with every
 * append, so they are compared at one moment, at the end.
 */
export class JournalCheck implements ChunkedRead {
  /** The last seq of the journal when the check began (what progress counts towards). */
  readonly total: number;
  private readonly replay: Replay;
  private readonly chunk: Database.Statement;
  private prev = GENESIS_HASH;
  private expected = 1;
  private problem: Problem | null = null;
  /** quick_check, started with the check (beside it, in a thread, on a large file). */
  private readonly file: FileCheck;
  /** Rows as arrays, copied into one reused ReplayRow (as rebuild does): no object per row. */
  private readonly row: ReplayRow = {
    seq: 0,
    type: '',
    order_id: '',
    initiator_id: '',
    initiator_name: null,
    initiator_role: '',
    timestamp: '',
    instant: 0,
    rule_set: '',
  };
  private readonly rowJson = new RowJson();
  private readonly filters: FilterCheck;
  private readonly instants = new InstantCheck();

  private readonly between: () => void;

  /**
   * Options of a verify at once (in one read transaction, nothing waiting on it): `between` runs
   * after each 10,000 orders compared at the end (it collects the garbage there), and
   * `rowsHoldStill` lets the replay settle orders against their stored rows as it goes
   * (./replayOrders). In turns, appends move the rows between two chunks: neither.
   */
  constructor(
    private readonly db: Database.Database,
    ruleSets: RuleSetStore,
    options: { between?: () => void; rowsHoldStill?: boolean } = {},
  ) {
    this.total = (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM events').get() as { n: number }).n;
    this.between = options.between ?? (() => undefined);
    this.replay = new Replay(ruleSets, seqLookup(db), options.rowsHoldStill ? storedOrders(db) : undefined);
    // Rows as arrays, made into rows of one fixed shape: better-sqlite3's objects with named keys
    // cost more than everything else verify does with them.
    this.chunk = db
      .prepare(`SELECT ${EVENT_COLUMNS}, hash, prev_hash, event_key FROM events WHERE seq > ? ORDER BY seq LIMIT ?`)
      .raw();
    this.file = startFileCheck(db);
    this.filters = new FilterCheck(db);
  }

  /** The last seq checked. */
  get done(): number {
    return this.expected - 1;
  }

  /** Check the next (at most) `size` events; returns how many there were (0 once a problem is found). */
  readChunk(size: number = REPLAY_CHUNK): number {
    if (this.problem) return 0;
    const before = this.expected;
    try {
      // Row by row, not the chunk's rows all at once: each row is garbage by the next, which the
      // young generation takes back, where 10,000 rows held together outlive it and pile up in
      // the old generation (most of verify's peak RSS).
      this.checkRows(this.chunk.iterate(this.expected - 1, size) as IterableIterator<unknown[]>);
    } catch (err) {
      const problem = err instanceof Problem ? err : damage(err);
      if (!problem) throw err;
      this.problem = problem;
      return 0;
    }
    return this.expected - before;
  }

  /** Check the rest and the projections: inside one read transaction, so they hold still. */
  finish(): VerifyReport {
    try {
      while (this.readChunk() === REPLAY_CHUNK);
      // The file itself first: a damaged page of an index or a table verify does not read
      // (the eventId index, say) would pass every check below and fail the next import.
      checkFile(this.file);
      if (this.problem) throw this.problem;
      this.filters.finish(this.done);
      checkProjections(this.db, this.replay, this.between);
      return { ok: true, events: this.done, firstBadSeq: null, problem: null };
    } catch (err) {
      const problem = err instanceof Problem ? err : damage(err);
      if (!problem) throw err;
      return {
        ok: false,
        events: Math.max(this.total, this.done),
        firstBadSeq: problem.seq,
        problem: problem.problem,
      };
    }
  }

  private checkRows(rows: Iterable<unknown[]>): void {
    const { replay, row, rowJson, instants } = this;
    let { prev, expected } = this;
    for (const raw of rows) {
      const seq = expected;
      const rowSeq = raw[SEQ] as number;
      const hash = raw[HASH] as string;
      if (rowSeq !== seq) throw new Problem(seq, `seq ${seq} is missing: the next recorded event is seq ${rowSeq}`);
      if (raw[PREV_HASH] !== prev) {
        throw new Problem(
          seq,
          `its stored previous hash does not match the hash of seq ${seq - 1}: the chain is broken`,
        );
      }
      const dataJson = raw[DATA] as string;
      let data: Record<string, unknown>;
      try {
        data = JSON.parse(dataJson) as Record<string, unknown>;
      } catch {
        throw new Problem(seq, 'its data is not valid JSON: the event was changed after it was recorded');
      }
      // The data is stored as the canonical JSON the hash was taken of: hash those very characters
      // (a change to them, even one that parses the same, is a change to the event).
      if (chainHash(prev + rowJson.of(raw)) !== hash) {
        throw new Problem(seq, 'its hash does not match its content: the event was changed after it was recorded');
      }
      const key = raw[EVENT_KEY] as number;
      if (key !== eventKey(raw[EVENT_ID] as string)) {
        throw new Problem(
          seq,
          'its stored key does not match its eventId: the same event imported again would not be found',
        );
      }
      this.filters.add(seq, key);
      const timestamp = raw[TIMESTAMP] as string;
      const instant = raw[INSTANT] as number;
      if (instants.of(timestamp) !== instant) {
        throw new Problem(seq, `its stored instant ${instant} does not match its timestamp ${timestamp}`);
      }
      row.seq = rowSeq;
      row.type = raw[TYPE] as string;
      row.order_id = raw[ORDER_ID] as string;
      row.initiator_id = raw[INITIATOR_ID] as string;
      row.initiator_name = raw[INITIATOR_NAME] as string | null;
      row.initiator_role = raw[INITIATOR_ROLE] as string;
      row.timestamp = timestamp;
      row.instant = instant;
      row.rule_set = raw[RULE_SET] as string;
      try {
        replay.feed(row, data);
      } catch (err) {
        throw new Problem(seq, `replaying it failed: ${(err as Error).message}`);
      }
      prev = hash;
      expected += 1;
    }
    this.prev = prev;
    this.expected = expected;
  }
}

/**
 * The key filters kept in the journal (`key_filters`, ./keyFilter), each made again from the
 * keys as they are read and compared once its generation is read: a filter that does not hold
 * a key of its generation would let that event be recorded again. A finished generation may
 * have none kept (the next import makes it).
 */
class FilterCheck {
  private readonly stored: Map<number, Buffer>;
  private readonly builder = new FilterBuilder((generation, made) => this.compare(generation, made));

  constructor(db: Database.Database) {
    const rows = db.prepare('SELECT generation, bits FROM key_filters').raw().all() as [number, Buffer][];
    this.stored = new Map(rows);
  }

  add(seq: number, key: number): void {
    this.builder.add(seq, key);
  }

  /** After the last event (`lastSeq`): a kept filter of a generation not finished was not made by the ledger. */
  finish(lastSeq: number): void {
    for (const generation of this.stored.keys()) {
      if (generation >= generationOf(lastSeq)) {
        throw new Problem(
          null,
          `the journal keeps a key filter for generation ${generation} of its events, which is not finished: run rebuild to make the filters again`,
        );
      }
    }
  }

  private compare(generation: number, made: KeyFilter): void {
    const bits = this.stored.get(generation);
    if (bits === undefined) return;
    const kept = KeyFilter.from(bits);
    if (kept === undefined || !kept.equals(made)) {
      throw new Problem(
        null,
        `the key filter of events ${Math.max(1, generation * GENERATION_SIZE)}–${(generation + 1) * GENERATION_SIZE - 1} does not match their keys (an event among them imported again would not be found): run rebuild to make the filters again`,
      );
    }
  }
}

/**
 * `instantOf`, quicker for a run of timestamps that differ only in their minutes and seconds
 * (`…THH:MM:SS` followed by the same fraction and offset), as a journal's mostly do: the instant
 * of the hour is worked out once (`instantOf` of `…THH:00:00` with that tail, which checks the
 * date, the hour and the offset), and each timestamp adds its minutes and seconds to it. Any
 * other shape is `instantOf`'s own.
 */
export class InstantCheck {
  private last = '';
  private hourInstant = NaN;

  of(t: string): number {
    if (
      t.length < 20 ||
      t.charCodeAt(13) !== COLON ||
      t.charCodeAt(16) !== COLON ||
      !isDigit(t.charCodeAt(14)) ||
      !isDigit(t.charCodeAt(15)) ||
      !isDigit(t.charCodeAt(17)) ||
      !isDigit(t.charCodeAt(18))
    ) {
      return instantOf(t);
    }
    if (!this.sameHour(t)) {
      this.last = t;
      this.hourInstant = instantOf(`${t.slice(0, 13)}:00:00${t.slice(19)}`);
    }
    const minutes = (t.charCodeAt(14) - ZERO) * 10 + t.charCodeAt(15) - ZERO;
    const seconds = (t.charCodeAt(17) - ZERO) * 10 + t.charCodeAt(18) - ZERO;
    if (Number.isNaN(this.hourInstant) || minutes > 59 || seconds > 59) return instantOf(t);
    return this.hourInstant + minutes * 60_000 + seconds * 1000;
  }

  /** Whether `t` has the last timestamp's characters but for its minutes and seconds. */
  private sameHour(t: string): boolean {
    const last = this.last;
    if (t.length !== last.length) return false;
    for (let i = 0; i < 13; i++) if (t.charCodeAt(i) !== last.charCodeAt(i)) return false;
    for (let i = 19; i < t.length; i++) if (t.charCodeAt(i) !== last.charCodeAt(i)) return false;
    return true;
  }
}

const COLON = 58;
const ZERO = 48;
function isDigit(c: number): boolean {
  return c >= ZERO && c <= ZERO + 9;
}

/** SQLite's quick_check: every page of the file well-formed (not index contents; that is integrity_check's hour). */
function checkFile(file: FileCheck): void {
  const said = file.findings();
  if (said.length > 0) {
    throw new Problem(null, `the journal file is damaged (SQLite's quick_check: ${said.join('; ')})`);
  }
}

/** A read that SQLite refused because the file is damaged, as the problem verify reports. */
function damage(err: unknown): Problem | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (code !== 'SQLITE_CORRUPT' && code !== 'SQLITE_NOTADB' && code !== 'SQLITE_CORRUPT_INDEX') return undefined;
  return new Problem(null, `the journal file is damaged (SQLite: ${(err as Error).message})`);
}

const ORDER_COLUMN_NAMES = ORDER_COLUMNS.split(', ');
const ORDER_ID_AT = ORDER_COLUMN_NAMES.indexOf('order_id');
const LAST_SEQ_AT = ORDER_COLUMN_NAMES.indexOf('last_seq');

/** The stored orders rows, for the replay to settle orders against as it reads. */
function storedOrders(db: Database.Database): SettledOrders {
  const row = db.prepare(`SELECT ${ORDER_COLUMNS} FROM orders WHERE order_id = ?`).raw();
  const stored = (orderId: string) => row.get(orderId) as unknown[] | undefined;
  return {
    matches(orderId, values) {
      const have = stored(orderId);
      if (have === undefined || have.length !== values.length) return false;
      for (let i = 0; i < values.length; i++) if (values[i] !== have[i]) return false;
      return true;
    },
    stored: (orderId) => stored(orderId)!,
  };
}

function checkProjections(db: Database.Database, replay: Replay, between: () => void): void {
  let stored = 0;
  // Rows as arrays (in ORDER_COLUMNS order, as rowValues gives them): no object per row.
  const orderRows = db.prepare(`SELECT ${ORDER_COLUMNS} FROM orders`).raw().iterate() as IterableIterator<unknown[]>;
  for (const have of orderRows) {
    stored += 1;
    if (stored % 10_000 === 0) between();
    const orderId = have[ORDER_ID_AT] as string;
    // Settled: compared with this very row when it was put away, and no event touched it since.
    if (replay.orders.isSettled(orderId)) continue;
    const want = replay.orders.values(orderId);
    if (!want) {
      throw new Problem(have[LAST_SEQ_AT] as number, `order ${orderId} is in the orders projection but has no events`);
    }
    let i = 0;
    while (i < want.length && want[i] === have[i]) i += 1;
    if (i < want.length) {
      throw new Problem(
        want[LAST_SEQ_AT] as number,
        `the orders projection disagrees with the events for order ${orderId}: ${ORDER_COLUMN_NAMES[i]} is ${String(have[i])}, a replay gives ${String(want[i])}`,
      );
    }
  }
  if (stored !== replay.orders.size) {
    const storedIds = new Set(db.prepare('SELECT order_id FROM orders').pluck().all() as string[]);
    for (const id of replay.orders.ids()) {
      if (!storedIds.has(id)) {
        throw new Problem(replay.orders.lastSeq(id)!, `order ${id} has events but no row in the orders projection`);
      }
    }
  }

  let id = 0;
  const anomalyRows = db
    .prepare('SELECT id, seq, order_id, kind, severity, message, resolved_by_seq FROM anomalies ORDER BY id')
    .iterate() as IterableIterator<{
    id: number;
    seq: number;
    order_id: string;
    kind: string;
    severity: string;
    message: string;
    resolved_by_seq: number | null;
  }>;
  for (const row of anomalyRows) {
    const want = replay.anomalies[id];
    id += 1;
    if (!want) throw new Problem(row.seq, `anomaly ${row.id} (${row.kind}) is stored, but a replay does not flag it`);
    if (
      row.id !== id ||
      row.seq !== want.seq ||
      row.order_id !== want.orderId ||
      row.kind !== want.kind ||
      row.severity !== want.severity ||
      row.message !== want.message ||
      row.resolved_by_seq !== want.resolvedBySeq
    ) {
      throw new Problem(
        Math.min(row.seq, want.seq),
        `the anomalies disagree with a replay at anomaly ${id}: stored ${row.kind} of seq ${row.seq} (${row.resolved_by_seq === null ? 'open' : `resolved by seq ${row.resolved_by_seq}`}), replay gives ${want.kind} of seq ${want.seq} (${want.resolvedBySeq === null ? 'open' : `resolved by seq ${want.resolvedBySeq}`})`,
      );
    }
  }
  const missing = replay.anomalies[id];
  if (missing)
    throw new Problem(
      missing.seq,
      `a replay flags ${missing.kind} at seq ${missing.seq}, but no such anomaly is stored`,
    );

  const counts = replay.statusCounts();
  const storedCounts = db.prepare('SELECT status, count FROM status_counts').all() as {
    status: string;
    count: number;
  }[];
  const problem = storedCounts.find((r) => counts.get(r.status) !== r.count);
  if (problem || storedCounts.length !== counts.size) {
    const status = problem?.status ?? [...counts.keys()].find((s) => !storedCounts.some((r) => r.status === s));
    throw new Problem(
      null,
      `the status counts disagree with the orders: ${String(status)} is counted ${problem?.count ?? 0}, a replay gives ${counts.get(status ?? '') ?? 0}`,
    );
  }

  const flagged = replay.flaggedCounts();
  const storedFlagged = db.prepare('SELECT status, count FROM flagged_counts').all() as {
    status: string;
    count: number;
  }[];
  const badFlagged = storedFlagged.find((r) => flagged.get(r.status) !== r.count);
  if (badFlagged || storedFlagged.length !== flagged.size) {
    const status = badFlagged?.status ?? [...flagged.keys()].find((s) => !storedFlagged.some((r) => r.status === s));
    throw new Problem(
      null,
      `the counts of orders with open anomalies disagree with the orders: ${String(status)} is counted ${badFlagged?.count ?? 0}, a replay gives ${flagged.get(status ?? '') ?? 0}`,
    );
  }

  const storedHours = db.prepare('SELECT hour, events FROM event_hours').all() as { hour: number; events: number }[];
  const badHour = storedHours.find((r) => replay.hours.get(r.hour) !== r.events);
  const storedHourSet = new Set(storedHours.map((r) => r.hour));
  const missingHour = [...replay.hours.keys()].find((h) => !storedHourSet.has(h));
  if (badHour || missingHour !== undefined || storedHours.length !== replay.hours.size) {
    const hour = badHour?.hour ?? missingHour ?? 0;
    throw new Problem(
      null,
      `the hourly event counts disagree with the events: the hour from ${new Date(hour * HOUR_MS).toISOString()} is counted ${badHour?.events ?? 0}, a replay gives ${replay.hours.get(hour) ?? 0}`,
    );
  }

  const openKey = (k: OpenKey) => `${k.kind}/${k.severity}/${k.initiatorId}/${k.initiatorName}`;
  const wantOpen = new Map(replay.openCounts().map((o) => [openKey(o.key), o.count]));
  const storedOpen = (
    db.prepare('SELECT kind, severity, initiator_id, initiator_name, count FROM open_anomaly_counts').all() as {
      kind: string;
      severity: string;
      initiator_id: string;
      initiator_name: string;
      count: number;
    }[]
  ).map((r) => ({
    key: openKey({ kind: r.kind, severity: r.severity, initiatorId: r.initiator_id, initiatorName: r.initiator_name }),
    count: r.count,
  }));
  const badOpen =
    storedOpen.find((r) => wantOpen.get(r.key) !== r.count) ??
    (storedOpen.length !== wantOpen.size
      ? { key: [...wantOpen.keys()].find((k) => !storedOpen.some((r) => r.key === k)) ?? '(none)', count: 0 }
      : undefined);
  if (badOpen) {
    throw new Problem(
      null,
      `the open anomaly counts disagree with the anomalies: ${badOpen.key} is counted ${badOpen.count}, a replay gives ${wantOpen.get(badOpen.key) ?? 0}`,
    );
  }
}
