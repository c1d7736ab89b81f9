/**
 * Turns "the journal grew" into pushes: `journalChanged` with the orders that received events,
 * and `newErrorAnomalies` when new errors were flagged. It looks at the journal itself (the seq
 * it last reported against the seq now), so every writer is covered — a request, an import
 * batch, the inbox, even the command line writing to the same file from another process.
 */
import type { JournalApi } from '../journal/types';
import type { Push } from '../ipc/context';

/** The push carries at most this many order ids; more and the windows simply reload. */
const MAX_ORDER_IDS = 1000;
const MAX_EXAMPLES = 5;

export class ChangeWatcher {
  private reportedSeq: number;

  constructor(
    private readonly journal: JournalApi,
    private readonly push: Push,
  ) {
    this.reportedSeq = journal.lastSeq();
  }

  /** Push what is new since the last check; cheap when nothing is (one indexed read). */
  check(): void {
    const lastSeq = this.journal.lastSeq();
    if (lastSeq <= this.reportedSeq) return;
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
