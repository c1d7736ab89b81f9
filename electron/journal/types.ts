/**
 * The journal's public face: what import, the command line, the IPC handlers, export, training
 * and the rule tools may ask of it. The journal is the only code that speaks SQL; everything
 * else goes through this interface. Synchronous, like better-sqlite3: the caller decides which
 * thread it runs on (the app runs it in a worker).
 */
import type { RebuildAtOnceOptions, RebuildThreads } from './rebuildInTwo';
import type { ORDER_SORTS } from '../../shared/contract/channels';
import type { SearchResult } from '../../shared/contract/search';
import type { OrderEvent } from '../../shared/events/envelope';
import type { RuleSet } from '../../shared/rules/ruleSet';
import type { ReplayEvent } from '../../shared/rules/replay';
import type {
  AnomalyRecord,
  AppendedRecord,
  EventRecord,
  JournalFilter,
  OperatorRecord,
  OrderRecord,
  RejectedLineRecord,
  VerifyReport,
} from '../../shared/contract/records';
import type { AnomalyKind } from '../../shared/rules/evaluate';
import type { OperatorRole } from '../../shared/events/envelope';
import type { ExportEntry, ExportInput } from './exports';
export type { CommittedWrite } from './append';
import type { CommittedWrite } from './append';
import type { NewSignInAttempt, SignInStanding } from './signIns';
import type { SignInAttemptRecord } from '../../shared/contract/signIn';
import type { PersonRecord } from '../../shared/contract/people';
import type { ActivityQuery } from './people';
import type { AnomalySide, ImportSummary, RefusedSummary } from './handover';
import type { DeclineInput, RequestInput } from './requests';
import type { OperatorChangeInput } from './operatorChanges';
import type { CorrectionRequestRecord } from '../../shared/contract/requests';

/** What kind of journal a file holds. A training journal is never exported and admits Trainees' corrections. */
export type JournalKind = 'real' | 'training';

export interface OpenOptions {
  /** Create the file (and its schema) if it does not exist. Default true. */
  create?: boolean;
  /** Only used when the file is created. Default 'real'. */
  kind?: JournalKind;
  /** better-sqlite3's `nativeBinding`: the Electron-ABI build when running inside Electron. */
  nativeBinding?: string;
  readonly?: boolean;
}

/** An event from a file, validated, with where it came from. */
export interface IncomingEvent {
  event: OrderEvent;
  /** The timestamp as ms since the epoch (parsed once by the importer). */
  instant: number;
  /** Line number in the source file, for conflict reports. */
  line?: number;
}

/** A line the importer refused, to be kept where the office can see and fix it. */
export interface RejectedLine {
  file: string;
  line: number;
  reason: string;
  raw: string;
}

/** What one `appendBatch` did. Everything in it committed in one transaction. */
export interface BatchOutcome {
  accepted: number;
  duplicates: number;
  /** Same eventId, different content: rejected, and also recorded as rejected lines. */
  conflicts: { line: number; eventId: string; reason: string }[];
  /** Number of anomalies flagged on the accepted events. */
  anomalies: number;
  /** Up to 20 of the new error anomalies, for notifications. */
  newErrors: AnomalyRecord[];
  newErrorCount: number;
  /** Orders that received events (capped at 1000; `touchedTruncated` says when more did). */
  touchedOrders: string[];
  touchedTruncated: boolean;
  lastSeq: number;
}

/** The columns the orders list sorts by (the order id breaks ties). */
export type OrderSort = (typeof ORDER_SORTS)[number];

export interface OrdersFilterQuery {
  status?: string;
  withAnomalies?: boolean;
  /** The one search (words of 3+ characters through the index), else an order id prefix or a piece of the customer. */
  search?: string;
  /** The order's latest main-system event at or after / before this ISO time with offset. */
  from?: string;
  to?: string;
}

export interface OrdersQuery extends OrdersFilterQuery {
  /** Default: by order id, ascending. */
  sort?: OrderSort;
  descending?: boolean;
  /** Keyset by order id (sort by order id only). */
  afterOrderId?: string;
  /** Keyset for any sort: the last row's sort value and order id. */
  after?: { key: string | number; orderId: string };
  limit?: number;
}

export interface AnomaliesQuery extends AnomalyFilter {
  kind?: AnomalyKind;
  severity?: 'error' | 'warning';
  beforeId?: number;
  limit?: number;
}

/** What the inbox narrows its anomalies to (the totals are counted under the same filter). */
export interface AnomalyFilter {
  open?: boolean;
  orderId?: string;
  /** The person who made the flagged event: their id, or the start of a word of their name. */
  person?: string;
  /** A piece of the order's customer name. */
  customer?: string;
  /** ISO times with offset, inclusive: the flagged event's time. */
  from?: string;
  to?: string;
}

/** Exact counts of anomalies per severity and per kind. */
export interface AnomalyTotals {
  total: number;
  bySeverity: Record<string, number>;
  byKind: Record<string, number>;
}

/** An office event's author: always a signed-in operator, never typed in. */
export interface OfficeAuthor {
  operatorId: string;
}

export interface CorrectionInput extends OfficeAuthor {
  orderId: string;
  status: string;
  reason: string;
  correctsEventId?: string;
  /** The order's last seq as the operator saw it; `undefined` only from the command line. */
  expectedSeq?: number;
}

export interface DismissalInput extends OfficeAuthor {
  orderId: string;
  dismissesEventId: string;
  reason: string;
  expectedSeq?: number;
}

/** Why the journal refused an office action; `message` is for people. */
export type RefusalCode = 'not-found' | 'not-allowed' | 'refused' | 'stale' | 'invalid';

export class JournalRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'JournalRefusal';
  }
}

export interface ActiveRuleSet {
  /** `${id}@${version}` */
  key: string;
  hash: string;
  ruleSet: RuleSet;
  /** The seq of the RuleSetActivated event, or null for the journal's initial rule set. */
  activatedAtSeq: number | null;
}

/**
 * Everything the rest of the main process may ask of a journal (implemented by `Journal` in
 * ./journal). Reads return plain records of shared/contract/records.
 */
/** Open anomalies of one kind and severity whose events one initiator (by id and name) recorded. */
export interface OpenAnomalyCount {
  kind: string;
  severity: string;
  initiatorId: string;
  initiatorName: string | null;
  count: number;
}

/** See `JournalApi.deferUpkeep`. */
export interface JournalUpkeep {
  /** A bounded step: some merging of the search index (its own transaction), then a PASSIVE WAL checkpoint. */
  step(): void;
  /** Commits checkpoint as before (once every hold is released). */
  release(): void;
}

export interface JournalApi {
  readonly path: string;
  readonly kind: JournalKind;
  close(): void;

  // --- writing (each call is one transaction)
  /** Record events in arrival order, with the rejected lines of the same stretch of file. */
  appendBatch(events: readonly IncomingEvent[], source: string, rejected?: readonly RejectedLine[]): BatchOutcome;
  /**
   * Run `fn` as one write transaction: the `appendBatch` calls in it commit together, or, if
   * anything in it fails, none of them (a failed call is not undone alone: let its error end
   * `fn`). `fn` must not wait for anything.
   */
  writeTogether<T>(fn: () => T, what?: string): T;
  /**
   * Take the journal's upkeep out of the commits until `release`: no commit runs a WAL
   * checkpoint (SQLite would run one inside whichever commit crosses its threshold), and the
   * search index's merging is left to `step`, which the caller runs as a turn of its own
   * between its transactions (the app's import: a window's request then never waits for it).
   */
  deferUpkeep(): JournalUpkeep;
  correct(input: CorrectionInput): AppendedRecord;
  dismiss(input: DismissalInput): AppendedRecord;
  requestCorrection(input: RequestInput): AppendedRecord;
  disableOperator(input: OperatorChangeInput): AppendedRecord;
  resetPassword(input: OperatorChangeInput & { password: string }): Promise<AppendedRecord>;
  declineRequest(input: DeclineInput): AppendedRecord;
  /** Mark a rejected line as put right by the event now recorded at `seq`. */
  markRejectedFixed(rejectedId: number, seq: number): void;

  /**
   * Hear of each committed write of this connection that recorded events, with what it
   * recorded (not of writes by another process). Returns how to stop listening.
   */
  onCommitted(listener: (write: CommittedWrite) => void): () => void;

  // --- reading
  lastSeq(): number;
  /** Correction requests, newest first; `open` keeps those still waiting for a Supervisor. */
  correctionRequests(open: boolean, limit: number): CorrectionRequestRecord[];
  eventCount(): number;
  event(ref: { seq: number } | { eventId: string }): EventRecord | undefined;
  history(orderId: string): EventRecord[];
  order(orderId: string): OrderRecord | undefined;
  orders(query?: OrdersQuery): OrderRecord[];
  countOrders(query?: OrdersFilterQuery): number;
  /** Orders per status under a filter (the status chips follow the search). */
  statusCountsOf(query: OrdersFilterQuery): Record<string, number>;
  statusCounts(): Record<string, number>;
  /** Newest first; `beforeSeq` is the keyset (exclusive). */
  journalPage(filter: JournalFilter, beforeSeq: number | undefined, limit: number): EventRecord[];
  /** The search box (full-text): matching events newest first, and their orders. */
  search(text: string, limit?: number): SearchResult;
  /** Events in seq order from `afterSeq` (exclusive), streamed: for export, preview and scans. */
  iterateEvents(afterSeq?: number, toSeq?: number): IterableIterator<EventRecord>;
  /**
   * Up to `limit` events after `afterSeq` up to `toSeq`, lean, as a replay of the rules reads
   * them; `part`: of one part of the orders only (./rebuildParts).
   */
  replayEvents(afterSeq: number, toSeq: number, limit: number, part?: 0 | 1): ReplayEvent[];
  /**
   * What a thread of its own reads this journal by (its file, and the driver binding this
   * journal was opened with); undefined for a journal in memory.
   */
  threadSource(): { path: string; nativeBinding: string | undefined } | undefined;
  anomalies(query?: AnomaliesQuery): AnomalyRecord[];
  /** Exact totals of the anomalies under a filter, per severity and per kind. */
  anomalyTotals(filter?: AnomalyFilter): AnomalyTotals;
  /** Events per hour of event time (whole hours since the epoch), `fromHour` to `toHour` inclusive; hours without events are left out. */
  eventHours(fromHour: number, toHour: number): { hour: number; events: number }[];
  /** The latest hour of event time with an event (null: none yet). */
  lastEventHour(): number | null;
  /** The orders with an event in seq `fromSeq`–`toSeq` (as they stand now), by order id, streamed. */
  ordersChangedIn(fromSeq: number, toSeq: number): IterableIterator<OrderRecord>;
  /** The anomalies flagged or resolved in seq `fromSeq`–`toSeq` (as they stand now), newest first. */
  anomaliesTouchedIn(fromSeq: number, toSeq: number): AnomalyRecord[];
  /** Every open anomaly, counted by kind, severity and initiator (kept as a projection). */
  openAnomalyCounts(): OpenAnomalyCount[];
  rejectedLines(query?: { file?: string; includeFixed?: boolean; limit?: number }): RejectedLineRecord[];
  /** The hash stored with an event (and the chain's genesis value for seq 0). */
  chainHash(seq: number): string;
  /** The hashes of the events from `fromSeq` to `toSeq` (each must exist), in seq order. */
  chainHashes(fromSeq: number, toSeq: number): string[];

  // --- the journal as it stood at an earlier position (`asOfSeq`: 0 to lastSeq)
  /** The last seq recorded at or before an ISO time with offset (0 when nothing was). */
  seqAt(time: string): number;
  /** The order's events up to `asOfSeq`, their anomalies open unless resolved by then. */
  historyAsOf(orderId: string, asOfSeq: number): EventRecord[];
  orderAsOf(orderId: string, asOfSeq: number): OrderRecord | undefined;
  /** Every order as it stood, sorted by order id. */
  ordersAsOf(asOfSeq: number, onProgress?: (done: number, total: number) => void): OrderRecord[];
  /** The anomalies flagged by `asOfSeq`, newest first, open unless resolved by then. */
  anomaliesAsOf(query: AnomaliesQuery, asOfSeq: number): AnomalyRecord[];

  // --- who initiated what
  /** Everyone who initiated an event; `match`: only the one with that id, or with that name ignoring case. */
  people(match?: string): PersonRecord[];
  /** One person's events, newest first, with their anomalies. */
  activity(query: ActivityQuery): EventRecord[];
  /** The corrections and dismissals that followed up the given events, oldest first. */
  followUps(events: readonly EventRecord[]): EventRecord[];
  /** Corrections, dismissals and rule activations after `afterSeq`, oldest first. */
  officeEventsAfter(afterSeq: number): EventRecord[];

  // --- the shift handover
  /** Anomalies flagged after a seq (`after`), or flagged by a seq and open now (`openFrom`); newest first. */
  anomaliesBySide(side: AnomalySide, limit: number): AnomalyRecord[];
  countAnomaliesBySide(side: AnomalySide): { error: number; warning: number };
  /** Events from files recorded after `afterSeq`, per source. */
  importsAfter(afterSeq: number): ImportSummary[];
  /** Lines refused at or after an ISO time (UTC), per file. */
  refusedSince(sinceIso: string): RefusedSummary[];

  // --- checking
  verify(onProgress?: (done: number, total: number) => void): VerifyReport;
  /** Every projection made again from the events, at once; says whether it took one thread or two (and why one). */
  rebuild(
    onProgress?: (done: number, total: number) => void,
    options?: Pick<RebuildAtOnceOptions, 'twoThreadsFrom'>,
  ): RebuildThreads;

  // --- operators
  addOperator(input: { id: string; name: string; role: OperatorRole; password: string }): OperatorRecord;
  /** `addOperator` with the hashing off this thread. */
  addOperatorAsync(input: { id: string; name: string; role: OperatorRole; password: string }): Promise<OperatorRecord>;
  authenticate(operatorId: string, password: string): OperatorRecord | undefined;
  /** `authenticate` with the hashing off this thread. */
  authenticateAsync(operatorId: string, password: string): Promise<OperatorRecord | undefined>;
  getOperator(operatorId: string): OperatorRecord | undefined;

  // --- sign-in attempts (./signIns)
  recordSignIn(attempt: NewSignInAttempt): void;
  /** Wrong passwords in a row since the last sign-in that worked. */
  signInStanding(operatorId: string): SignInStanding;
  /** Newest first. */
  signInAttempts(query?: { limit?: number; beforeId?: number }): SignInAttemptRecord[];
  listOperators(): OperatorRecord[];
  /** Operators added after a UTC time (an ISO string from toISOString), oldest first: the handover lists them. */
  operatorsAddedSince(sinceIso: string): { id: string; name: string; role: string; at: string }[];

  /** When the operator signed in before their latest sign-in (ISO; null if never). */
  previousSignIn(operatorId: string): string | null;

  // --- rule sets
  activeRuleSet(): ActiveRuleSet;
  /** Every rule set ever in force, oldest first. */
  ruleSetHistory(): ActiveRuleSet[];

  // --- exports to corporate (./exports): the cursor moves only once a bundle is whole
  /** The last seq already exported (0 before the first export). */
  exportCursor(): number;
  /** Advance the cursor; refused unless `fromSeq` is the cursor + 1, and for a training journal. */
  recordExport(input: ExportInput): ExportEntry;
  /** Newest first. */
  exportHistory(limit?: number): ExportEntry[];
  /** How many exports were ever recorded (each one an anchor of the chain). */
  exportCount(): number;
}
