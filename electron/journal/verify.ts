/**
 * Checking a journal: the whole hash chain (seq contiguity, every link, every hash) and the
 * stored projections against a replay of the events. Reports the first thing wrong, by seq.
 */
import type Database from 'better-sqlite3';
import { createHash, type Hash } from 'node:crypto';
import type { VerifyReport } from '../../shared/contract/records';
import { instantOf } from '../../shared/events/envelope';
import { chainHash, GENESIS_HASH, RowJson } from './hash';
import { eventKey, generationOf, GENERATION_SIZE } from './eventKey';
import { FilterBuilder, KeyFilter, PartFilters } from './keyFilter';
import { startFileCheck, type FileCheck } from './fileCheck';
import { HOUR_MS, type OpenKey } from './projections';
import { collectPastHeadroom } from '../memory/heap';
import { headHash, partSeqLookup, seqLookup } from './rebuild';
import { filterWords, PART_OF_ORDER, type OrdersPart } from './rebuildParts';
import { readAll, Replay, REPLAY_CHUNK, type ChunkedRead, type ReplayedAnomaly, type ReplayRow } from './replay';
import { EVENT_COLUMNS, ORDER_COLUMNS } from './rows';
import type { ReplayedOrders, SettledOrders } from './replayOrders';
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

export class Problem {
  constructor(
    readonly seq: number | null,
    readonly problem: string,
  ) {}
}

/** What one part of a verify in two (./verifyInTwo) found: a problem, or what the parts are checked together by. */
export type PartVerdict = { problem: string } | PartChecked;

/** A part whose own rows and projections passed: what is left to check with the other part's. */
export interface PartChecked {
  /** The hash of the event of the last seq read to, as this part's connection has it. */
  head: string | null;
  /** The links of the chain into and out of this part's runs of seqs (`PartLinks`). */
  heads: string;
  tails: string;
  hours: [number, number][];
  statusCounts: [string, number][];
  flaggedCounts: [string, number][];
  open: { key: OpenKey; count: number }[];
  /** The key filters of the generations it touched (`KeyFilter.words()`), and those it saw end. */
  filters: [number, Uint32Array][];
  finished: number[];
}

/** How a read's rows take their places in the chain: the whole chain's, or one part's. */
interface Links {
  /** The seq of the last row passed. */
  readonly done: number;
  /** Row `seq` with its stored previous hash, before its other checks: throws a Problem. */
  check(seq: number, prevHash: string): void;
  /** Row `seq` passed every check: its stored hash is the chain's there. */
  passed(seq: number, hash: string): void;
}

/** The whole chain: every seq from 1, each row's previous hash the hash of the row before. */
class WholeChain implements Links {
  private prev = GENESIS_HASH;
  private expected = 1;

  get done(): number {
    return this.expected - 1;
  }

  check(seq: number, prevHash: string): void {
    if (seq !== this.expected) {
      throw new Problem(this.expected, `seq ${this.expected} is missing: the next recorded event is seq ${seq}`);
    }
    if (prevHash !== this.prev) {
      throw new Problem(seq, `its stored previous hash does not match the hash of seq ${seq - 1}: the chain is broken`);
    }
  }

  passed(seq: number, hash: string): void {
    this.prev = hash;
    this.expected = seq + 1;
  }
}

/**
 * One part's links (a verify in two): a part reads runs of consecutive seqs, with the other
 * part's runs in between. A link inside a run is checked as the whole chain checks it. A link
 * across (into a run: its first row's previous hash; out of a run: the hash of its last row,
 * for the seq after it) is written down, in seq order, into one of two sha256 digests: `heads`
 * and `tails`. Every link holds, and no seq is missing, exactly when each part's heads are the
 * other's tails (the same entries, in the same order); the digests compare them without keeping
 * one hash per seq (tens of MB at 3M events).
 */
class PartLinks implements Links {
  private last = 0;
  private lastHash = GENESIS_HASH;
  private readonly heads: Hash = createHash('sha256');
  private readonly tails: Hash = createHash('sha256');

  get done(): number {
    return this.last;
  }

  check(seq: number, prevHash: string): void {
    // Seq 1 links to the genesis value, in the part that holds it.
    if (seq === this.last + 1) {
      if (prevHash !== this.lastHash) {
        throw new Problem(
          seq,
          `its stored previous hash does not match the hash of seq ${seq - 1}: the chain is broken`,
        );
      }
      return;
    }
    this.heads.update(linkEntry(seq, prevHash));
    if (this.last > 0) this.tails.update(linkEntry(this.last + 1, this.lastHash));
  }

  passed(seq: number, hash: string): void {
    this.last = seq;
    this.lastHash = hash;
  }

  /** The digests, once the part is read to `toSeq`. */
  finish(toSeq: number): { heads: string; tails: string } {
    if (this.last > 0 && this.last < toSeq) this.tails.update(linkEntry(this.last + 1, this.lastHash));
    return { heads: this.heads.digest('hex'), tails: this.tails.digest('hex') };
  }
}

/**
 * One link across, as the digests take it: the seq, then the hash with its length first. A stored
 * previous hash is whatever the file holds (only the hashes of rows that passed are known to be
 * 64 hex digits), and with its length the entries of a digest can be read back only one way: one
 * crafted entry cannot stand for two of the other part's.
 */
function linkEntry(seq: number, hash: string): string {
  return `${seq} ${hash.length} ${hash}\n`;
}

/** What the keys of the rows read go into: the whole read's filter check, or one part's filters. */
interface Keys {
  add(seq: number, key: number): void;
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
  return withVerifyCache(db, () => {
    // Settling trusts the stored rows to hold still: only inside the caller's transaction.
    const check = new JournalCheck(db, ruleSets, { between: collectPastHeadroom, rowsHoldStill: db.inTransaction });
    readAll(check, onProgress);
    return check.finish();
  });
}

/**
 * `fn` with a small page cache: a verify at once reads each page of the events once, so a large
 * cache holds nothing it reads again. Not so in turns, where the windows' reads in between share
 * this connection's cache.
 */
export function withVerifyCache<T>(db: Database.Database, fn: () => T): T {
  const cache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${VERIFY_CACHE_KB}`);
  try {
    return fn();
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
  private problem: Problem | null = null;
  /** quick_check, started with the check (beside it, in a thread, on a large file). */
  private readonly file: FileCheck | undefined;
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
  private readonly links: Links;
  private readonly keys: Keys;
  /** One part of a verify in two: its links and key filters, checked with the other part's. */
  private readonly parted: { part: OrdersPart; links: PartLinks; filters: PartFilters } | undefined;
  private readonly instants = new InstantCheck();

  private readonly between: () => void;

  /**
   * Options of a verify at once (in one read transaction, nothing waiting on it): `between` runs
   * after each 10,000 orders compared at the end (it collects the garbage there), and
   * `rowsHoldStill` lets the replay settle orders against their stored rows as it goes
   * (./replayOrders). In turns, appends move the rows between two chunks: neither. `part`:
   * check only one part's orders (./verifyInTwo), with `finishPart`; `checkFile: false` leaves
   * quick_check to the other part.
   */
  constructor(
    private readonly db: Database.Database,
    ruleSets: RuleSetStore,
    options: { between?: () => void; rowsHoldStill?: boolean; part?: OrdersPart; checkFile?: boolean } = {},
  ) {
    const { part } = options;
    this.total = part
      ? part.toSeq
      : (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM events').get() as { n: number }).n;
    this.between = options.between ?? (() => undefined);
    this.replay = new Replay(
      ruleSets,
      part ? partSeqLookup(db, part.part) : seqLookup(db),
      options.rowsHoldStill ? storedOrders(db) : undefined,
    );
    // Rows as arrays, made into rows of one fixed shape: better-sqlite3's objects with named keys
    // cost more than everything else verify does with them.
    const columns = `SELECT ${EVENT_COLUMNS}, hash, prev_hash, event_key FROM events`;
    this.chunk = db
      .prepare(
        part
          ? `${columns} WHERE seq > ? AND seq <= ${part.toSeq} AND ${PART_OF_ORDER} = ${part.part} ORDER BY seq LIMIT ?`
          : `${columns} WHERE seq > ? ORDER BY seq LIMIT ?`,
      )
      .raw();
    this.file = options.checkFile === false ? undefined : startFileCheck(db);
    if (part) {
      this.parted = { part, links: new PartLinks(), filters: new PartFilters() };
      this.links = this.parted.links;
      this.keys = this.parted.filters;
    } else {
      this.parted = undefined;
      this.links = new WholeChain();
      this.keys = new FilterCheck(db);
    }
  }

  /** The last seq checked. */
  get done(): number {
    return this.links.done;
  }

  /** Check the next (at most) `size` events; returns how many there were (0 once a problem is found). */
  readChunk(size: number = REPLAY_CHUNK): number {
    if (this.problem) return 0;
    try {
      // Row by row, not the chunk's rows all at once: each row is garbage by the next, which the
      // young generation takes back, where 10,000 rows held together outlive it and pile up in
      // the old generation (most of verify's peak RSS).
      return this.checkRows(this.chunk.iterate(this.done, size) as IterableIterator<unknown[]>);
    } catch (err) {
      const problem = err instanceof Problem ? err : damage(err);
      if (!problem) throw err;
      this.problem = problem;
      return 0;
    }
  }

  /** Check the rest and the projections: inside one read transaction, so they hold still. */
  finish(): VerifyReport {
    try {
      while (this.readChunk() === REPLAY_CHUNK);
      // The file itself first: a damaged page of an index or a table verify does not read
      // (the eventId index, say) would pass every check below and fail the next import.
      if (this.file) checkFile(this.file);
      if (this.problem) throw this.problem;
      if (this.keys instanceof FilterCheck) this.keys.finish(this.done);
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

  /**
   * One part's check (constructed with `part`): the rest of its rows, then the projections of its
   * orders (their rows, their anomalies but for the anomalies' ids), and what is left to check
   * with the other part (./verifyInTwo).
   */
  finishPart(): PartVerdict {
    const { parted, replay, db } = this;
    if (!parted) throw new Error('finishPart is the check of one part: construct it with a part');
    try {
      while (this.readChunk() === REPLAY_CHUNK);
      if (this.file) checkFile(this.file);
      if (this.problem) throw this.problem;
      checkOrders(db, replay.orders, this.between, parted.part.part);
      checkAnomalies(db, replay.anomalies, parted.part.part);
      return {
        head: headHash(db, parted.part.toSeq),
        ...parted.links.finish(parted.part.toSeq),
        hours: [...replay.hours],
        statusCounts: [...replay.statusCounts()],
        flaggedCounts: [...replay.flaggedCounts()],
        open: replay.openCounts(),
        filters: filterWords(parted.filters.filters),
        finished: [...parted.filters.finished],
      };
    } catch (err) {
      const problem = err instanceof Problem ? err : damage(err);
      if (!problem) throw err;
      return { problem: problem.seq === null ? problem.problem : `seq ${problem.seq}: ${problem.problem}` };
    }
  }

  private checkRows(rows: Iterable<unknown[]>): number {
    const { replay, row, rowJson, instants, links, keys } = this;
    let n = 0;
    for (const raw of rows) {
      const seq = raw[SEQ] as number;
      const hash = raw[HASH] as string;
      const prevHash = raw[PREV_HASH] as string;
      links.check(seq, prevHash);
      const dataJson = raw[DATA] as string;
      let data: Record<string, unknown>;
      try {
        data = JSON.parse(dataJson) as Record<string, unknown>;
      } catch {
        throw new Problem(seq, 'its data is not valid JSON: the event was changed after it was recorded');
      }
      // The data is stored as the canonical JSON the hash was taken of: hash those very characters
      // (a change to them, even one that parses the same, is a change to the event). The previous
      // hash is the stored one, which `links` holds to the chain.
      if (chainHash(prevHash + rowJson.of(raw)) !== hash) {
        throw new Problem(seq, 'its hash does not match its content: the event was changed after it was recorded');
      }
      const key = raw[EVENT_KEY] as number;
      if (key !== eventKey(raw[EVENT_ID] as string)) {
        throw new Problem(
          seq,
          'its stored key does not match its eventId: the same event imported again would not be found',
        );
      }
      keys.add(seq, key);
      const timestamp = raw[TIMESTAMP] as string;
      const instant = raw[INSTANT] as number;
      if (instants.of(timestamp) !== instant) {
        throw new Problem(seq, `its stored instant ${instant} does not match its timestamp ${timestamp}`);
      }
      row.seq = seq;
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
      links.passed(seq, hash);
      n += 1;
    }
    return n;
  }
}

/**
 * The key filters kept in the journal (`key_filters`, ./keyFilter), each made again from the
 * keys as they are read and compared once its generation is read: a filter that does not hold
 * a key of its generation would let that event be recorded again. A finished generation may
 * have none kept (the next import makes it).
 */
export class FilterCheck implements Keys {
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

  /** A generation's filter made from every key of it read: the kept one, if any, must be the same. */
  compare(generation: number, made: KeyFilter): void {
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
  checkOrders(db, replay.orders, between);
  checkAnomalies(db, replay.anomalies);
  checkCounts(db, {
    statusCounts: replay.statusCounts(),
    flaggedCounts: replay.flaggedCounts(),
    hours: replay.hours,
    open: replay.openCounts(),
  });
}

/** `WHERE` of the rows of one part's orders (none: every row). */
function ofPart(part: 0 | 1 | undefined): string {
  return part === undefined ? '' : ` WHERE ${PART_OF_ORDER} = ${part}`;
}

/** The stored orders (of `part`'s orders only, if given) against the replayed ones. */
function checkOrders(db: Database.Database, orders: ReplayedOrders, between: () => void, part?: 0 | 1): void {
  let stored = 0;
  // Rows as arrays (in ORDER_COLUMNS order, as rowValues gives them): no object per row.
  const orderRows = db
    .prepare(`SELECT ${ORDER_COLUMNS} FROM orders${ofPart(part)}`)
    .raw()
    .iterate() as IterableIterator<unknown[]>;
  for (const have of orderRows) {
    stored += 1;
    if (stored % 10_000 === 0) between();
    const orderId = have[ORDER_ID_AT] as string;
    // Settled: compared with this very row when it was put away, and no event touched it since.
    if (orders.isSettled(orderId)) continue;
    const want = orders.values(orderId);
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
  if (stored !== orders.size) {
    const storedIds = new Set(
      db
        .prepare(`SELECT order_id FROM orders${ofPart(part)}`)
        .pluck()
        .all() as string[],
    );
    for (const id of orders.ids()) {
      if (!storedIds.has(id)) {
        throw new Problem(orders.lastSeq(id)!, `order ${id} has events but no row in the orders projection`);
      }
    }
  }
}

/**
 * The stored anomalies (of `part`'s orders only, if given) against the replayed ones, in id
 * order. One part's are compared but for their ids: anomaly ids count through both parts'
 * (`checkAnomalyIds`).
 */
function checkAnomalies(db: Database.Database, anomalies: readonly ReplayedAnomaly[], part?: 0 | 1): void {
  let id = 0;
  const anomalyRows = db
    .prepare(
      `SELECT id, seq, order_id, kind, severity, message, resolved_by_seq FROM anomalies${ofPart(part)} ORDER BY id`,
    )
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
    const want = anomalies[id];
    id += 1;
    if (!want) throw new Problem(row.seq, `anomaly ${row.id} (${row.kind}) is stored, but a replay does not flag it`);
    if (
      (part === undefined && row.id !== id) ||
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
  const missing = anomalies[id];
  if (missing)
    throw new Problem(
      missing.seq,
      `a replay flags ${missing.kind} at seq ${missing.seq}, but no such anomaly is stored`,
    );
}

/** What the replay counts, against the stored counts. */
export interface ReplayedCounts {
  statusCounts: ReadonlyMap<string, number>;
  flaggedCounts: ReadonlyMap<string, number>;
  hours: ReadonlyMap<number, number>;
  open: readonly { key: OpenKey; count: number }[];
}

/** The stored status, flagged, hourly and open-anomaly counts against the replay's. */
export function checkCounts(db: Database.Database, replayed: ReplayedCounts): void {
  const counts = replayed.statusCounts;
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

  const flagged = replayed.flaggedCounts;
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
  const badHour = storedHours.find((r) => replayed.hours.get(r.hour) !== r.events);
  const storedHourSet = new Set(storedHours.map((r) => r.hour));
  const missingHour = [...replayed.hours.keys()].find((h) => !storedHourSet.has(h));
  if (badHour || missingHour !== undefined || storedHours.length !== replayed.hours.size) {
    const hour = badHour?.hour ?? missingHour ?? 0;
    throw new Problem(
      null,
      `the hourly event counts disagree with the events: the hour from ${new Date(hour * HOUR_MS).toISOString()} is counted ${badHour?.events ?? 0}, a replay gives ${replayed.hours.get(hour) ?? 0}`,
    );
  }

  const openKey = (k: OpenKey) => `${k.kind}/${k.severity}/${k.initiatorId}/${k.initiatorName}`;
  const wantOpen = new Map(replayed.open.map((o) => [openKey(o.key), o.count]));
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

/**
 * A verify in two (./verifyInTwo), where each part compared its anomalies but for their ids: the
 * stored ones numbered 1, 2, … with no anomaly of a later event before one of an earlier event,
 * as one replay of both parts numbers them (an event's anomalies are all of its order's part).
 */
export function checkAnomalyIds(db: Database.Database): void {
  const ids = db
    .prepare('SELECT count(*) AS n, coalesce(min(id), 1) AS low, coalesce(max(id), 0) AS high FROM anomalies')
    .get() as {
    n: number;
    low: number;
    high: number;
  };
  if (ids.n !== ids.high || ids.low !== 1) {
    throw new Problem(
      null,
      `the anomalies are not numbered 1 to ${ids.n}: their ids run from ${ids.low} to ${ids.high}`,
    );
  }
  const back = db
    .prepare('SELECT b.id FROM anomalies a JOIN anomalies b ON b.id = a.id + 1 WHERE b.seq < a.seq LIMIT 1')
    .pluck()
    .get() as number | undefined;
  if (back !== undefined) {
    throw new Problem(
      null,
      `anomaly ${back} is of an earlier event than anomaly ${back - 1}: a replay numbers them in seq order`,
    );
  }
}
