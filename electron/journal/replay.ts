/**
 * Replaying the journal from its events alone: what `rebuild` writes and what `verify`
 * compares the stored projections with. Each event is folded with the rule set it was
 * recorded with, and office events resolve what they resolved when they were appended.
 */
import type { OrderEvent } from '../../shared/events/envelope';
import type { AnomalyKind, Severity } from '../../shared/rules/evaluate';
import { foldEvent, isOrderEvent, type OrderEntry } from './projections';
import { initiatorOf, type EventRow } from './rows';
import type { RuleSetStore } from './ruleSets';

export interface ReplayedAnomaly {
  seq: number;
  orderId: string;
  kind: AnomalyKind;
  severity: Severity;
  message: string;
  resolvedBySeq: number | null;
}

/** Events per chunk read by rebuild and verify. */
export const REPLAY_CHUNK = 10_000;

export class Replay {
  readonly orders = new Map<string, OrderEntry>();
  /** In id order: anomaly `i` has id `i + 1`, as appending in seq order numbers them. */
  readonly anomalies: ReplayedAnomaly[] = [];
  /** Events that still have open anomalies, by eventId: the only ones an office event can resolve. */
  private readonly open = new Map<string, number[]>();

  constructor(private readonly ruleSets: RuleSetStore) {}

  feed(row: EventRow, data: Record<string, unknown>): void {
    if (!isOrderEvent(row.type)) return;
    const event: OrderEvent = {
      eventId: row.event_id,
      type: row.type as OrderEvent['type'],
      orderId: row.order_id,
      initiatedBy: initiatorOf(row) as OrderEvent['initiatedBy'],
      timestamp: row.timestamp,
      data,
    };
    const rules = this.ruleSets.compiledFor(row.rule_set);
    const { entry, findings } = foldEvent(this.orders.get(row.order_id), event, row.instant, row.seq, rules);
    this.orders.set(row.order_id, entry);
    if (findings.length > 0) {
      const indices: number[] = [];
      for (const f of findings) {
        indices.push(this.anomalies.length);
        this.anomalies.push({ seq: row.seq, orderId: row.order_id, ...f, resolvedBySeq: null });
      }
      this.open.set(row.event_id, indices);
    }
    const resolves =
      row.type === 'StatusCorrected'
        ? data.correctsEventId
        : row.type === 'AnomalyDismissed'
          ? data.dismissesEventId
          : undefined;
    if (typeof resolves === 'string') {
      const indices = this.open.get(resolves);
      if (indices) {
        for (const i of indices) this.anomalies[i]!.resolvedBySeq = row.seq;
        entry.openAnomalies -= indices.length;
        this.open.delete(resolves);
      }
    }
  }

  statusCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const entry of this.orders.values()) {
      const s = entry.state.status;
      if (s !== null) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    return counts;
  }
}
