/**
 * The journal: one SQLite file, append-only and hash-chained, with its projections kept in the
 * same transactions as the events they come from. Every write method is one transaction.
 */
import type { SearchResult } from '../../shared/contract/search';
import type Database from 'better-sqlite3';
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
import type { PersonRecord } from '../../shared/contract/people';
import type { OperatorRole } from '../../shared/events/envelope';
import type { RuleSet } from '../../shared/rules/ruleSet';
import type { ReplayEvent } from '../../shared/rules/replay';
import { EventWriter, type CommittedWrite } from './append';
import { ExportLog, type ExportEntry, type ExportInput } from './exports';
import { GENESIS_HASH } from './hash';
import { OfficeCommands, type RuleActivationInput } from './office';
import { RequestCommands, type DeclineInput, type RequestInput } from './requests';
import { OperatorCommands, type OperatorChangeInput } from './operatorChanges';
import { hashPasswordAsync, MIN_PASSWORD_LENGTH } from '../operators/passwords';
import type { CorrectionRequestRecord } from '../../shared/contract/requests';
import { inMemory, nativeBindingOf, openDatabase, WAL_CHECKPOINT_PAGES } from './open';
import { PastReader, type PastTurns } from './past';
import { PeopleReader, type ActivityQuery } from './people';
import { HandoverReader, type AnomalySide, type ImportSummary, type RefusedSummary } from './handover';
import { OperatorStore } from './operators';
import { SignInLog, type NewSignInAttempt, type SignInStanding } from './signIns';
import type { SignInAttemptRecord } from '../../shared/contract/signIn';
import { JournalReader } from './queries';
import { ProjectionRebuild } from './rebuild';
import { rebuildAtOnce, type RebuildAtOnceOptions, type RebuildThreads } from './rebuildInTwo';
import { readInTurns, REPLAY_CHUNK } from './replay';
import { RuleSetStore } from './ruleSets';
import { asStorageError } from './storage';
import {
  JournalRefusal,
  type ActiveRuleSet,
  type AnomaliesQuery,
  type OrdersFilterQuery,
  type AnomalyFilter,
  type AnomalyTotals,
  type BatchOutcome,
  type CorrectionInput,
  type DismissalInput,
  type IncomingEvent,
  type JournalApi,
  type JournalUpkeep,
  type OpenAnomalyCount,
  type JournalKind,
  type OpenOptions,
  type OrdersQuery,
  type RejectedLine,
} from './types';
import { JournalCheck } from './verify';
import { verifyAtOnce } from './verifyInTwo';
import { passwordReady } from '../../shared/corrections/operatorChanges';
import { mergeSearchIndexStep } from './search';

/** Pages of the search index merged after an office write has been answered. */
const OFFICE_MERGE_PAGES = 500;
/** Pages of the search index merged in each upkeep turn of an import (`deferUpkeep`). */
const IMPORT_MERGE_PAGES = 200;
/** Upkeep turns of an import between two WAL checkpoints. */
const IMPORT_CHECKPOINT_EVERY = 4;

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** How `Journal.rebuildInTurns` shares the worker. */
export interface RebuildTurns {
  /** Checked before every chunk and before the write: once aborted, nothing is written. */
  signal: AbortSignal;
  /** Called after every chunk read: other work runs until it resolves. */
  yieldTurn(): Promise<void>;
  /** After each chunk (`reading`), before the write transaction (`writing`) and after it (`written`). */
  onProgress?(done: number, total: number, phase: 'reading' | 'writing' | 'written'): void;
  /** Events per chunk (tests use small ones). */
  chunk?: number;
}

export interface RebuildOutcome {
  cancelled: boolean;
  /** The last seq read (and, unless cancelled, rebuilt from). */
  events: number;
}

export class Journal implements JournalApi {
  private readonly ruleSets: RuleSetStore;
  private readonly writer: EventWriter;
  private readonly reader: JournalReader;
  private readonly operators: OperatorStore;
  private readonly office: OfficeCommands;
  private readonly requests: RequestCommands;
  private readonly operatorCommands: OperatorCommands;
  private readonly markFixed: Database.Statement;
  private readonly exportLog: ExportLog;
  private readonly past: PastReader;
  private readonly peopleReader: PeopleReader;
  private readonly handover: HandoverReader;
  private readonly signIns: SignInLog;

  /** Open (and by default create) the journal at `path`. */
  static open(path: string, options: OpenOptions = {}): Journal {
    const { db, kind, readOnly, cleanup } = openDatabase(path, options);
    return new Journal(path, kind, db, readOnly ?? false, cleanup);
  }

  private constructor(
    readonly path: string,
    readonly kind: JournalKind,
    private readonly db: Database.Database,
    /** Opened for reading only, because its storage cannot be written: every write is refused, saying so. */
    readonly readOnly: boolean = false,
    private readonly cleanup?: () => void,
  ) {
    this.ruleSets = new RuleSetStore(db);
    this.writer = new EventWriter(db, this.ruleSets);
    this.reader = new JournalReader(db);
    this.operators = new OperatorStore(db);
    this.office = new OfficeCommands(db, kind, this.writer, this.operators, this.ruleSets);
    this.requests = new RequestCommands(db, kind, this.writer, this.operators);
    this.operatorCommands = new OperatorCommands(this.writer, this.operators);
    this.exportLog = new ExportLog(db);
    this.past = new PastReader(db, this.reader, this.ruleSets);
    this.peopleReader = new PeopleReader(db);
    this.handover = new HandoverReader(db);
    this.signIns = new SignInLog(db);
    this.markFixed = db.prepare(
      'UPDATE rejected_lines SET fixed_by_seq = ? WHERE id = ? AND EXISTS (SELECT 1 FROM events WHERE seq = ?)',
    );
  }

  close(): void {
    if (this.db.open) this.db.close();
    this.cleanup?.();
  }

  /**
   * Run `fn` as one write transaction, taking the write lock first so nothing moves underneath.
   * A failure of the storage (disk full, read-only) comes out as a JournalStorageError saying
   * that `what` was not recorded.
   */
  private write<T>(fn: () => T, what = 'this change'): T {
    let result: T;
    try {
      // Inside `writeTogether`: part of its transaction, with no savepoint of its own (a
      // savepoint copies every page it changes again, tens of MB for a batch of an import);
      // the outer write tells the listeners once the whole transaction has committed.
      if (this.together) return fn();
      result = this.db.transaction(fn).immediate();
    } catch (err) {
      // The failed transaction may have changed cached order states in place: drop them
      // (and what it would have told the listeners: none of it was recorded).
      this.writer.forget();
      throw asStorageError(err, what);
    }
    // Committed: tell who listens what was recorded.
    const written = this.writer.takeWritten();
    for (const w of written) for (const listener of this.committedListeners) listener(w);
    return result;
  }

  private readonly committedListeners = new Set<(write: CommittedWrite) => void>();

  /**
   * Hear of every write transaction of this connection that recorded events, once committed,
   * with what it recorded. Writes by another connection (the command line on the same file)
   * are not told: look at `lastSeq` for those. Returns how to stop listening.
   */
  onCommitted(listener: (write: CommittedWrite) => void): () => void {
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }

  // --- writing

  /** Make ahead what the next write would make first (the open key generation's filter): for the app, after opening. */
  prepareWrites(): void {
    if (!this.db.open || this.db.readonly) return;
    try {
      this.writer.prepare();
    } catch {
      // Only ahead of time: the first write makes it if this could not (the file busy, say).
    }
  }

  appendBatch(events: readonly IncomingEvent[], source: string, rejected: readonly RejectedLine[] = []): BatchOutcome {
    return this.write(() => this.writer.appendBatch(events, source, rejected), 'this batch of events');
  }

  /** Set while `writeTogether` runs: the writes inside it are parts of its one transaction. */
  private together = false;

  writeTogether<T>(fn: () => T, what = 'this batch of events'): T {
    if (this.together) return fn();
    return this.write(() => {
      this.together = true;
      try {
        return fn();
      } finally {
        this.together = false;
      }
    }, what);
  }

  correct(input: CorrectionInput): AppendedRecord {
    return this.officeWrite(() => this.office.correct(input), 'the correction');
  }

  dismiss(input: DismissalInput): AppendedRecord {
    return this.officeWrite(() => this.office.dismiss(input), 'the dismissal');
  }

  /** A Clerk hands a correction to a Supervisor (a CorrectionRequested on the order). */
  requestCorrection(input: RequestInput): AppendedRecord {
    return this.officeWrite(() => this.requests.request(input), 'the correction request');
  }

  /** A Supervisor turns a correction request down (a CorrectionDeclined with the reason). */
  declineRequest(input: DeclineInput): AppendedRecord {
    return this.officeWrite(() => this.requests.decline(input), 'the decline');
  }

  correctionRequests(open: boolean, limit: number): CorrectionRequestRecord[] {
    return this.requests.list(open, limit);
  }

  /** Put `ruleSet` in force from the next event on (Supervisor only), recorded as a RuleSetActivated event. */
  activateRuleSet(ruleSet: RuleSet, input: RuleActivationInput): AppendedRecord {
    return this.officeWrite(() => this.office.activateRuleSet(ruleSet, input), 'the rule set activation');
  }

  /**
   * An office event is what an operator waits for. SQLite would run a WAL checkpoint inside
   * whichever commit crosses its threshold, adding several fsyncs to that one correction; here
   * the checkpoint waits until the answer has gone back, and runs right after, with a bounded
   * step of the search index's merging (see `mergeSearchIndexStep`) for the same reason.
   */
  private officeWrite<T>(fn: () => T, what: string): T {
    this.db.pragma('wal_autocheckpoint = 0');
    try {
      return this.write(fn, what);
    } finally {
      this.restoreAutoCheckpoint();
      this.checkpointSoon();
    }
  }

  /** SQLite's own checkpointing back on, unless an import is taking upkeep in its own turns. */
  private restoreAutoCheckpoint(): void {
    this.db.pragma(`wal_autocheckpoint = ${this.upkeepDeferred > 0 ? 0 : WAL_CHECKPOINT_PAGES}`);
  }

  private checkpointPending = false;
  private checkpointSoon(): void {
    if (this.checkpointPending) return;
    this.checkpointPending = true;
    setImmediate(() => {
      this.checkpointPending = false;
      if (!this.db.open || this.readOnly) return;
      this.mergeStep(OFFICE_MERGE_PAGES);
      this.db.pragma('wal_checkpoint(PASSIVE)');
    });
  }

  /**
   * A bounded step of the search index's merging, in its own transaction. Upkeep only: the
   * index is whole without it. It does not wait for another connection's write lock (this
   * thread answers the windows); the next step tries again.
   */
  private mergeStep(pages: number): void {
    const timeout = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma('busy_timeout = 0');
    try {
      mergeSearchIndexStep(this.db, pages);
    } catch (err) {
      if (!isBusy(err)) throw err;
    } finally {
      this.db.pragma(`busy_timeout = ${timeout}`);
    }
  }

  /** How many `deferUpkeep` holds are open: while any is, no commit runs a WAL checkpoint. */
  private upkeepDeferred = 0;

  deferUpkeep(): JournalUpkeep {
    if (this.readOnly) return { step: () => {}, release: () => {} };
    if (this.upkeepDeferred++ === 0) this.db.pragma('wal_autocheckpoint = 0');
    let released = false;
    let steps = 0;
    return {
      step: () => {
        if (released || !this.db.open) return;
        // One thing a turn. A checkpoint copies every page the WAL holds and syncs the file: one
        // after every transaction made the import twice as slow; one every few keeps the WAL a
        // few MB. The merging in between keeps the index's levels short of FTS5's crisis merge.
        try {
          if (++steps % IMPORT_CHECKPOINT_EVERY === 0) this.db.pragma('wal_checkpoint(PASSIVE)');
          else if (steps % 2 === 1) this.mergeStep(IMPORT_MERGE_PAGES);
        } catch (err) {
          // Upkeep only: a full disk is the import's next transaction's to say, in its words.
          if (asStorageError(err, 'upkeep') === err) throw err;
        }
      },
      release: () => {
        if (released) return;
        released = true;
        this.upkeepDeferred--;
        if (!this.db.open) return;
        this.restoreAutoCheckpoint();
        this.checkpointSoon();
      },
    };
  }

  markRejectedFixed(rejectedId: number, seq: number): void {
    const changes = this.markFixed.run(seq, rejectedId, seq).changes;
    if (changes === 0) {
      throw new JournalRefusal('not-found', `no rejected line ${rejectedId}, or no event at seq ${seq}`);
    }
  }

  // --- reading

  lastSeq(): number {
    return this.reader.lastSeq();
  }

  eventCount(): number {
    return this.reader.eventCount();
  }

  event(ref: { seq: number } | { eventId: string }): EventRecord | undefined {
    return this.reader.event(ref);
  }

  history(orderId: string): EventRecord[] {
    return this.reader.history(orderId);
  }

  order(orderId: string): OrderRecord | undefined {
    return this.reader.order(orderId);
  }

  orders(query?: OrdersQuery): OrderRecord[] {
    return this.reader.orders(query);
  }

  countOrders(query?: OrdersFilterQuery): number {
    return this.reader.countOrders(query);
  }

  statusCountsOf(query: OrdersFilterQuery): Record<string, number> {
    return this.reader.statusCountsOf(query);
  }

  statusCounts(): Record<string, number> {
    return this.reader.statusCounts();
  }

  journalPage(filter: JournalFilter, beforeSeq: number | undefined, limit: number): EventRecord[] {
    return this.reader.journalPage(filter, beforeSeq, limit);
  }

  search(text: string, limit = 20): SearchResult {
    return this.reader.search(text, limit);
  }

  iterateEvents(afterSeq?: number, toSeq?: number): IterableIterator<EventRecord> {
    return this.reader.iterateEvents(afterSeq, toSeq);
  }

  replayEvents(afterSeq: number, toSeq: number, limit: number, part?: 0 | 1): ReplayEvent[] {
    return this.reader.replayEvents(afterSeq, toSeq, limit, part);
  }

  threadSource(): { path: string; nativeBinding: string | undefined } | undefined {
    const { db } = this;
    return inMemory(db) ? undefined : { path: db.name, nativeBinding: nativeBindingOf(db) };
  }

  anomalies(query?: AnomaliesQuery): AnomalyRecord[] {
    return this.reader.anomalies(query);
  }

  anomalyTotals(filter?: AnomalyFilter): AnomalyTotals {
    return this.reader.anomalyTotals(filter);
  }

  eventHours(fromHour: number, toHour: number): { hour: number; events: number }[] {
    return this.reader.eventHours(fromHour, toHour);
  }

  lastEventHour(): number | null {
    return this.reader.lastEventHour();
  }

  ordersChangedIn(fromSeq: number, toSeq: number): IterableIterator<OrderRecord> {
    return this.reader.ordersChangedIn(fromSeq, toSeq);
  }

  anomaliesTouchedIn(fromSeq: number, toSeq: number): AnomalyRecord[] {
    return this.reader.anomaliesTouchedIn(fromSeq, toSeq);
  }

  openAnomalyCounts(): OpenAnomalyCount[] {
    return this.reader.openAnomalyCounts();
  }

  rejectedLines(query?: { file?: string; includeFixed?: boolean; limit?: number }): RejectedLineRecord[] {
    return this.reader.rejectedLines(query);
  }

  chainHash(seq: number): string {
    if (seq === 0) return GENESIS_HASH;
    const hash = this.reader.chainHash(seq);
    if (hash === undefined)
      throw new JournalRefusal('not-found', `no event at seq ${seq} (the journal has ${this.lastSeq()})`);
    return hash;
  }

  chainHashes(fromSeq: number, toSeq: number): string[] {
    const hashes = this.reader.chainHashes(fromSeq, toSeq);
    if (hashes.length !== Math.max(0, toSeq - fromSeq + 1)) {
      throw new JournalRefusal(
        'not-found',
        `no events at every seq from ${fromSeq} to ${toSeq} (the journal has ${this.lastSeq()})`,
      );
    }
    return hashes;
  }

  // --- the journal as it stood at an earlier position (./past)

  seqAt(time: string): number {
    return this.past.seqAt(time);
  }

  historyAsOf(orderId: string, asOfSeq: number): EventRecord[] {
    return this.past.history(orderId, asOfSeq);
  }

  orderAsOf(orderId: string, asOfSeq: number): OrderRecord | undefined {
    return this.past.order(orderId, asOfSeq);
  }

  ordersAsOf(asOfSeq: number, onProgress?: (done: number, total: number) => void): OrderRecord[] {
    return this.past.orders(asOfSeq, onProgress);
  }

  /** `ordersAsOf` a chunk of orders at a time, with `turns.yieldTurn()` between (the worker); undefined when cancelled. */
  ordersAsOfInTurns(asOfSeq: number, turns: PastTurns): Promise<OrderRecord[] | undefined> {
    return this.past.ordersInTurns(asOfSeq, turns);
  }

  anomaliesAsOf(query: AnomaliesQuery, asOfSeq: number): AnomalyRecord[] {
    return this.past.anomalies(query, asOfSeq);
  }

  // --- who initiated what (./people)

  people(match?: string): PersonRecord[] {
    return this.peopleReader.people(match);
  }

  activity(query: ActivityQuery): EventRecord[] {
    return this.peopleReader.activity(query);
  }

  followUps(events: readonly EventRecord[]): EventRecord[] {
    return this.peopleReader.followUps(events);
  }

  officeEventsAfter(afterSeq: number): EventRecord[] {
    return this.peopleReader.officeEventsAfter(afterSeq);
  }

  // --- the shift handover (./handover)

  anomaliesBySide(side: AnomalySide, limit: number): AnomalyRecord[] {
    return this.handover.anomalies(side, limit);
  }

  countAnomaliesBySide(side: AnomalySide): { error: number; warning: number } {
    return this.handover.countAnomalies(side);
  }

  importsAfter(afterSeq: number): ImportSummary[] {
    return this.handover.importsAfter(afterSeq);
  }

  refusedSince(sinceIso: string): RefusedSummary[] {
    return this.handover.refusedSince(sinceIso);
  }

  // --- checking

  verify(onProgress?: (done: number, total: number) => void): VerifyReport {
    // One read transaction: the chain and the projections are compared as of one moment. In two
    // threads on a large journal (./verifyInTwo), with the same findings.
    return this.db.transaction(() => verifyAtOnce(this.db, this.ruleSets, onProgress ? { onProgress } : {}).report)();
  }

  /**
   * The same check in turns, for the worker: the chain is checked and replayed a chunk at a time
   * outside any transaction, with `yieldTurn()` after each chunk (the windows' requests run
   * there), then one read transaction checks what was recorded meanwhile and compares the
   * projections. A million events take seconds; the windows are answered all along.
   */
  async verifyInTurns(turns: {
    yieldTurn(): Promise<void>;
    onProgress?(done: number, total: number): void;
    chunk?: number;
  }): Promise<VerifyReport> {
    const check = new JournalCheck(this.db, this.ruleSets);
    await readInTurns(check, { ...turns, chunk: turns.chunk ?? REPLAY_CHUNK });
    return this.db.transaction(() => check.finish())();
  }

  /**
   * The whole rebuild at once, in one write transaction (the command line, the bench), in two
   * threads on a large journal (./rebuildInTwo). Says how many it used.
   */
  rebuild(
    onProgress?: (done: number, total: number) => void,
    options: Pick<RebuildAtOnceOptions, 'twoThreadsFrom'> = {},
  ): RebuildThreads {
    const threads = this.write(() =>
      rebuildAtOnce(this.db, this.ruleSets, { ...options, ...(onProgress ? { onProgress } : {}) }),
    );
    this.writer.forget();
    return threads;
  }

  /**
   * The same rebuild in turns, for the worker: the events are read and folded a chunk at a time
   * outside any transaction, with `turns.yieldTurn()` after each chunk (requests, imports and
   * corrections run there), then the events recorded meanwhile are read and every projection is
   * rewritten in one write transaction. Cancelled (`turns.signal`) before that transaction,
   * nothing is written and the projections stay as they were.
   */
  async rebuildInTurns(turns: RebuildTurns): Promise<RebuildOutcome> {
    const rebuild = new ProjectionRebuild(this.db, this.ruleSets);
    const read = await readInTurns(rebuild, {
      chunk: turns.chunk ?? REPLAY_CHUNK,
      signal: turns.signal,
      yieldTurn: () => turns.yieldTurn(),
      onProgress: (done, total) => turns.onProgress?.(done, total, 'reading'),
    });
    if (!read) return { cancelled: true, events: rebuild.done };
    turns.onProgress?.(rebuild.done, Math.max(rebuild.total, rebuild.done), 'writing');
    this.write(() => rebuild.finish());
    this.writer.forget();
    turns.onProgress?.(rebuild.done, rebuild.done, 'written');
    return { cancelled: false, events: rebuild.done };
  }

  // --- operators

  addOperator(input: { id: string; name: string; role: OperatorRole; password: string }): OperatorRecord {
    return this.operators.add(input);
  }

  addOperatorAsync(input: { id: string; name: string; role: OperatorRole; password: string }): Promise<OperatorRecord> {
    return this.operators.addAsync(input);
  }

  /** A Supervisor disables an operator (an OperatorDisabled): they can no longer sign in. */
  disableOperator(input: OperatorChangeInput): AppendedRecord {
    return this.officeWrite(() => this.operatorCommands.disable(input), 'disabling the operator');
  }

  /** A Supervisor sets a new password (a PasswordReset; the hash is made off this thread first). */
  async resetPassword(input: OperatorChangeInput & { password: string }): Promise<AppendedRecord> {
    if (!passwordReady(input.password)) {
      throw new JournalRefusal('invalid', `the new password must be at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    const hash = await hashPasswordAsync(input.password);
    return this.officeWrite(() => this.operatorCommands.resetPassword(input, hash), 'the password reset');
  }

  authenticate(operatorId: string, password: string): OperatorRecord | undefined {
    return this.operators.authenticate(operatorId, password);
  }

  /** The same check with scrypt off this thread: the worker answers other windows meanwhile. */
  authenticateAsync(operatorId: string, password: string): Promise<OperatorRecord | undefined> {
    return this.operators.authenticateAsync(operatorId, password);
  }

  // --- sign-in attempts (./signIns): the throttle's memory, shown to Supervisors
  recordSignIn(attempt: NewSignInAttempt): void {
    this.signIns.record(attempt);
  }

  signInStanding(operatorId: string): SignInStanding {
    return this.signIns.standingOf(operatorId);
  }

  signInAttempts(query: { limit?: number; beforeId?: number } = {}): SignInAttemptRecord[] {
    return this.signIns.list(query);
  }

  getOperator(operatorId: string): OperatorRecord | undefined {
    return this.operators.get(operatorId);
  }

  listOperators(): OperatorRecord[] {
    return this.operators.list();
  }

  operatorsAddedSince(sinceIso: string): { id: string; name: string; role: string; at: string }[] {
    return this.operators.addedSince(sinceIso);
  }

  previousSignIn(operatorId: string): string | null {
    return this.signIns.previousSignIn(operatorId);
  }

  // --- rule sets

  activeRuleSet(): ActiveRuleSet {
    return this.ruleSets.active();
  }

  ruleSetHistory(): ActiveRuleSet[] {
    return this.ruleSets.history();
  }

  // --- exports to corporate (./exports)

  exportCursor(): number {
    return this.exportLog.cursor();
  }

  recordExport(input: ExportInput): ExportEntry {
    if (this.kind === 'training') {
      throw new JournalRefusal('refused', 'a training journal is never exported');
    }
    return this.exportLog.record(input);
  }

  exportHistory(limit?: number): ExportEntry[] {
    return this.exportLog.history(limit);
  }

  exportCount(): number {
    return this.exportLog.count();
  }
}

/** Open (and by default create) the journal at `path`. */
export function openJournal(path: string, options: OpenOptions = {}): Journal {
  return Journal.open(path, options);
}
