/**
 * What an incident report states about one order, read from the journal: its timeline with each
 * event's hash checked against its content and its predecessor, the flags and what the office
 * did about them, how far the chain was verified, the export that anchors the order and the
 * fingerprint of the key corporate checks that export with.
 */
import type { IncidentFacts, ReportEventRecord } from '../../shared/contract/report';
import type { EventRecord, VerifyReport } from '../../shared/contract/records';
import { foldEvent } from '../../shared/corrections/history';
import { isoWithOffset } from '../../shared/corrections/time';
import { emptyOrder } from '../../shared/orders/orderState';
import { activityEntries } from '../../shared/people/activity';
import { currentPublicKey } from '../export/keys';
import { exportCovering } from '../handover/anchoring';
import { eventHash, JournalRefusal, type JournalApi } from '../journal';

export interface FactsOptions {
  /** The folder of the workstation's export key (default: the journal's folder, as export uses). */
  keyDir: string;
  /** The whole chain's verification, when the caller ran it; otherwise the order's events are checked. */
  verified?: VerifyReport;
  /** Who asked for the report (an operator, or the command line's user). */
  generatedBy: string;
  now?: Date;
}

export function incidentFactsOf(journal: JournalApi, orderId: string, options: FactsOptions): IncidentFacts {
  const order = journal.order(orderId);
  const history = journal.history(orderId);
  if (!order || history.length === 0) {
    throw new JournalRefusal('not-found', `order ${JSON.stringify(orderId)} is not in the journal`);
  }
  const rules = journal.activeRuleSet().ruleSet;
  const entries = activityEntries(history, journal.followUps(history), undefined);
  let state = emptyOrder(orderId);
  const events: ReportEventRecord[] = entries.map(({ event, followUps }) => {
    state = foldEvent(state, event, rules);
    const hash = journal.chainHash(event.seq);
    const prevHash = journal.chainHash(event.seq - 1);
    return { event, statusAfter: state.status, hash, prevHash, hashOk: hashOf(event, prevHash) === hash, followUps };
  });
  const bad = events.find((e) => !e.hashOk);
  const chain = options.verified
    ? { scope: 'journal' as const, ...options.verified }
    : {
        scope: 'order' as const,
        ok: bad === undefined,
        events: events.length,
        firstBadSeq: bad?.event.seq ?? null,
        problem: bad ? `the hash stored with seq ${bad.event.seq} is not the hash of its content` : null,
      };
  return {
    orderId,
    order,
    events,
    chain,
    anchor: exportCovering(journal, order.lastSeq),
    headSeq: journal.lastSeq(),
    keyFingerprint: currentPublicKey(options.keyDir)?.fingerprint ?? null,
    journalPath: journal.path,
    generatedAt: isoWithOffset(options.now ?? new Date()),
    generatedBy: options.generatedBy,
  };
}

/** The hash the chain gives an event: its content and its predecessor's hash. */
function hashOf(e: EventRecord, prevHash: string): string {
  return eventHash(prevHash, {
    seq: e.seq,
    eventId: e.eventId,
    type: e.type,
    orderId: e.orderId,
    traceId: e.traceId,
    initiatedBy: e.initiatedBy,
    timestamp: e.timestamp,
    data: e.data,
    recordedAt: e.recordedAt,
    source: e.source,
    ruleSet: e.ruleSetId,
  });
}
