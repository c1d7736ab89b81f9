/**
 * Turns "the journal grew" into pushes: `journalChanged` with the orders that received events,
 * and `newErrorAnomalies` when new errors were flagged.
 *
 * The worker's own writes (a request, an import batch, the inbox) are told by the journal as
 * they commit, with what they recorded (`Journal.onCommitted`): the push is made from that,
 * without reading back the rows just written. The push goes out on the next turn, so the
 * commits of one turn (a request that wrote twice) make one push, and nothing waits longer.
 * Writes the journal cannot tell — another process on the same file, the command line — are
 * found by comparing the seq last reported with the seq now (`check`, on the worker's timer and
 * after every call), and only those are read back.
 */
import type { CommittedWrite, JournalApi } from '../journal/types';
import type { Push } from './handlers/context';
import type { AnomalyRecord } from '../../shared/contract/records';

/** The push carries at most this many order ids; more and the windows simply reload. */
const MAX_ORDER_IDS = 1000;
const MAX_EXAMPLES = 5;

interface Pending {
  lastSeq: number;
  orderIds: Set<string>;
  truncated: boolean;
  errorCount: number;
  errors: AnomalyRecord[];
}

export class ChangeWatcher {
  /** The seq the windows have been told of (or will be, by the pending push). */
  private reportedSeq: number;
  private pending: Pending | null = null;
  private scheduled: NodeJS.Immediate | null = null;
  private readonly stopListening: () => void;

  constructor(
    private readonly journal: Pick<JournalApi, 'lastSeq' | 'iterateEvents' | 'anomalies' | 'onCommitted'>,
    private readonly push: Push,
  ) {
    this.reportedSeq = journal.lastSeq();
    this.stopListening = journal.onCommitted((w) => this.committed(w));
  }

  /** Stop hearing of this journal's writes (it is being closed or replaced). */
  stop(): void {
    this.stopListening();
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
  }

  /**
   * Push what is pending now, and look for writes made outside this connection: cheap when
   * there are none (one indexed read).
   */
  check(): void {
    this.flush();
    const lastSeq = this.journal.lastSeq();
    if (lastSeq > this.reportedSeq) this.readBack(lastSeq);
  }

  private committed(w: CommittedWrite): void {
    if (w.fromSeq !== this.reportedSeq) {
      // Someone else wrote since the last report (or we missed a write): read that stretch
      // back first, so the windows hear of every event in order.
      this.flush();
      if (w.fromSeq > this.reportedSeq) this.readBack(w.fromSeq);
    }
    const p = (this.pending ??= {
      lastSeq: w.lastSeq,
      orderIds: new Set(),
      truncated: false,
      errorCount: 0,
      errors: [],
    });
    p.lastSeq = Math.max(p.lastSeq, w.lastSeq);
    p.truncated ||= w.truncated;
    for (const id of w.orderIds) {
      if (p.orderIds.size < MAX_ORDER_IDS) p.orderIds.add(id);
      else if (!p.orderIds.has(id)) p.truncated = true;
    }
    p.errorCount += w.errorCount;
    for (const e of w.errors) if (p.errors.length < MAX_EXAMPLES) p.errors.push(e);
    this.reportedSeq = Math.max(this.reportedSeq, w.lastSeq);
    this.scheduled ??= setImmediate(() => {
      this.scheduled = null;
      this.flush();
    });
  }

  private flush(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    this.push('journalChanged', { lastSeq: p.lastSeq, orderIds: [...p.orderIds], truncated: p.truncated });
    if (p.errorCount > 0) this.push('newErrorAnomalies', { count: p.errorCount, examples: p.errors });
  }

  /** Writes this connection was not told of, up to `lastSeq`: read back from the journal. */
  private readBack(lastSeq: number): void {
    const from = this.reportedSeq;
    this.reportedSeq = lastSeq;
    const orderIds = new Set<string>();
    let truncated = false;
    let errors = 0;
    for (const event of this.journal.iterateEvents(from, lastSeq)) {
      if (!orderIds.has(event.orderId)) {
        if (orderIds.size < MAX_ORDER_IDS) orderIds.add(event.orderId);
        else truncated = true;
      }
      for (const a of event.anomalies) if (a.severity === 'error' && a.open) errors++;
    }
    this.push('journalChanged', { lastSeq, orderIds: [...orderIds], truncated });
    if (errors > 0) {
      const examples = this.journal
        .anomalies({ severity: 'error', open: true, limit: MAX_EXAMPLES })
        .filter((a) => a.seq > from);
      this.push('newErrorAnomalies', { count: errors, examples });
    }
  }
}
