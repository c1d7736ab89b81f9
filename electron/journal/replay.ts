/**
 * Replaying the journal from its events alone: what `rebuild` writes and what `verify`
 * compares the stored projections with. Each event is folded with the rule set it was
 * recorded with, and office events resolve what they resolved when they were appended.
 */
import type { OrderEvent } from '../../shared/events/envelope';
import type { AnomalyKind, Severity } from '../../shared/rules/evaluate';
import { foldEvent, hourOf, isOrderEvent, type OpenKey } from './projections';
import { ReplayedOrders, type SettledOrders } from './replayOrders';
import { collectPastHeadroom } from '../memory/heap';
import type { EventRow } from './rows';

/**
 * What a replay reads of an event (the initiator's id and name only for a flagged event, whose
 * anomalies keep them: rebuild looks those two up then).
 */
export type ReplayRow = Pick<
  EventRow,
  | 'seq'
  | 'type'
  | 'order_id'
  | 'initiator_id'
  | 'initiator_name'
  | 'initiator_role'
  | 'timestamp'
  | 'instant'
  | 'rule_set'
>;

import type { RuleSetStore } from './ruleSets';

export interface ReplayedAnomaly {
  seq: number;
  orderId: string;
  kind: AnomalyKind;
  severity: Severity;
  message: string;
  resolvedBySeq: number | null;
  /** The initiator of its event (the open counts are kept per initiator). */
  initiatorId: string;
  initiatorName: string | null;
}

/** At most this many distinct texts are shared by a replay (beyond them, each keeps its own). */
const MAX_INTERNED = 100_000;

/** Events per chunk read by rebuild and verify. */
export const REPLAY_CHUNK = 10_000;

/** What rebuild and verify read the journal with: the events in seq order, a chunk at a time. */
export interface ChunkedRead {
  /** The last seq read so far. */
  readonly done: number;
  /** The last seq of the journal when the reading began (what progress counts towards). */
  readonly total: number;
  /** Read the next (at most) `size` events; fewer than `size` means none are left. */
  readChunk(size: number): number;
}

/**
 * Read every event at once (inside the caller's transaction), reporting progress after each
 * chunk. Nothing waits between two chunks, so the heap is collected there once it holds much
 * garbage (../memory/heap).
 */
export function readAll(read: ChunkedRead, onProgress?: (done: number, total: number) => void): void {
  for (;;) {
    const n = read.readChunk(REPLAY_CHUNK);
    collectPastHeadroom();
    if (n > 0) onProgress?.(read.done, read.total);
    if (n < REPLAY_CHUNK) return;
  }
}

/**
 * Read every event in turns (outside any transaction): after each chunk, progress and a turn for
 * other work. Returns false when `signal` was aborted, before a chunk or during a turn.
 */
export async function readInTurns(
  read: ChunkedRead,
  turns: {
    chunk: number;
    yieldTurn(): Promise<void>;
    onProgress?(done: number, total: number): void;
    signal?: AbortSignal;
  },
): Promise<boolean> {
  for (;;) {
    if (turns.signal?.aborted) return false;
    const n = read.readChunk(turns.chunk);
    turns.onProgress?.(read.done, Math.max(read.total, read.done));
    await turns.yieldTurn();
    if (turns.signal?.aborted) return false;
    if (n < turns.chunk) return true;
  }
}

export class Replay {
  /** Every order's state at the end of what was read (long-untouched ones kept compactly). */
  readonly orders: ReplayedOrders;
  /** In id order: anomaly `i` has id `i + 1`, as appending in seq order numbers them. */
  readonly anomalies: ReplayedAnomaly[] = [];
  /** Events that still have open anomalies, by seq: the only ones an office event can resolve. */
  private readonly open = new Map<number, number[]>();
  /** Events per hour of event time (every event, office ones too), as `event_hours` keeps them. */
  readonly hours = new Map<number, number>();

  /**
   * `seqOf` finds the seq of an event by its id; only office events ask, so the replay need not
   * read (or keep) every event's id. `settled`: the stored rows, where they hold still while the
   * replay reads (./replayOrders).
   */
  constructor(
    private readonly ruleSets: RuleSetStore,
    private readonly seqOf: (eventId: string) => number | undefined,
    settled?: SettledOrders,
  ) {
    this.orders = new ReplayedOrders(settled);
  }

  feed(row: ReplayRow, data: Record<string, unknown>): void {
    const hour = hourOf(row.instant);
    this.hours.set(hour, (this.hours.get(hour) ?? 0) + 1);
    this.orders.folded(row.seq - 1);
    if (!isOrderEvent(row.type)) return;
    this.intern(row.type, data);
    // Only what the rules and the fold read: the id and the initiator's name do not matter to them.
    const event: OrderEvent = {
      eventId: '',
      type: row.type as OrderEvent['type'],
      orderId: row.order_id,
      initiatedBy: { id: '', role: row.initiator_role as OrderEvent['initiatedBy']['role'] },
      timestamp: row.timestamp,
      data,
    };
    const rules = this.ruleSets.compiledFor(row.rule_set);
    const known = this.orders.entry(row.order_id);
    const { entry, findings } = foldEvent(known, event, row.instant, row.seq, rules);
    // A known order's entry is folded in place: only a new one needs adding.
    if (entry !== known) this.orders.add(row.order_id, entry);
    if (findings.length > 0) {
      const indices: number[] = [];
      for (const f of findings) {
        indices.push(this.anomalies.length);
        this.anomalies.push({
          seq: row.seq,
          orderId: row.order_id,
          ...f,
          resolvedBySeq: null,
          initiatorId: row.initiator_id,
          initiatorName: row.initiator_name,
        });
      }
      this.open.set(row.seq, indices);
    }
    const resolves =
      row.type === 'StatusCorrected'
        ? data.correctsEventId
        : row.type === 'AnomalyDismissed'
          ? data.dismissesEventId
          : undefined;
    if (typeof resolves === 'string') {
      const seq = this.seqOf(resolves);
      const indices = seq === undefined ? undefined : this.open.get(seq);
      if (seq !== undefined && indices) {
        for (const i of indices) this.anomalies[i]!.resolvedBySeq = row.seq;
        entry.openAnomalies -= indices.length;
        this.open.delete(seq);
      }
    }
  }

  /**
   * The texts an order's state keeps (its status, customer and SKUs), made one string per
   * distinct value: each parsed event brings its own copy, and a replay holds every order's
   * state to the end (a third of its memory was these copies). Same values, so the fold and
   * its rows are unchanged.
   */
  private readonly texts = new Map<string, string>();

  private text(value: unknown): unknown {
    if (typeof value !== 'string') return value;
    const have = this.texts.get(value);
    if (have !== undefined) return have;
    if (this.texts.size < MAX_INTERNED) this.texts.set(value, value);
    return value;
  }

  private intern(type: string, data: Record<string, unknown>): void {
    if (type === 'OrderCreated') {
      if (data.customer !== undefined) data.customer = this.text(data.customer);
      const lines = data.lines;
      if (Array.isArray(lines)) {
        for (const line of lines as unknown[]) {
          if (typeof line === 'object' && line !== null && 'sku' in line) {
            const l = line as { sku: unknown };
            l.sku = this.text(l.sku);
          }
        }
      }
    } else if (data.status !== undefined) {
      data.status = this.text(data.status);
    }
  }

  /** The open anomalies counted as `open_anomaly_counts` keeps them. */
  openCounts(): { key: OpenKey; count: number }[] {
    return openCountsOf(this.anomalies);
  }

  /** The orders with open anomalies per status, as `flagged_counts` keeps them. */
  flaggedCounts(): Map<string, number> {
    return this.orders.flaggedCounts();
  }

  statusCounts(): Map<string, number> {
    return this.orders.statusCounts();
  }
}

/** The open anomalies among `anomalies`, counted as `open_anomaly_counts` keeps them. */
export function openCountsOf(anomalies: readonly ReplayedAnomaly[]): { key: OpenKey; count: number }[] {
  const counts = new Map<string, { key: OpenKey; count: number }>();
  for (const a of anomalies) {
    if (a.resolvedBySeq !== null) continue;
    const key: OpenKey = {
      kind: a.kind,
      severity: a.severity,
      initiatorId: a.initiatorId,
      initiatorName: a.initiatorName ?? '',
    };
    const k = `${key.kind}\u0000${key.severity}\u0000${key.initiatorId}\u0000${key.initiatorName}`;
    const have = counts.get(k);
    if (have) have.count += 1;
    else counts.set(k, { key, count: 1 });
  }
  return [...counts.values()];
}
