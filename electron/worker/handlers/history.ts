/**
 * Time and people: the journal as it stood, what one person did, the handover and the incident
 * report. The orders list of a past position is computed once and paged from memory: the past
 * never changes, so the snapshot of the last position asked for stays right.
 */
import type { PersonRecord } from '../../../shared/contract/people';
import type { OrderRecord } from '../../../shared/contract/records';
import { foldEvent } from '../../../shared/corrections/history';
import { countPastOrders, pageOrders } from '../../../shared/history/asOf';
import { emptyOrder } from '../../../shared/orders/orderState';
import { shiftDigest } from '../../handover/digest';
import { JobCancelled, yieldTurn } from '../ledgerJobs';
import type { HandlerContext } from './context';
import { LedgerError } from './errors';
import type { Journal } from '../../journal';
import { personActivity } from '../../people/activity';
import { incidentFactsOf } from '../../report/facts';
import { incidentPdf } from '../../report/incidentPdf';
import type { PartialHandlers } from './types';

/** Without a time and without an earlier sign-in, the handover covers this much. */
const DEFAULT_HANDOVER_MS = 12 * 60 * 60 * 1000;

/** The orders list of the last position asked for, or the job making it. */
interface Snapshot {
  seq: number;
  rows?: OrderRecord[];
  job?: Promise<OrderRecord[]>;
}
const snapshots = new WeakMap<Journal, Snapshot>();

/**
 * The orders list as of `seq`: from memory when it was made before, else made by a job (progress
 * as `jobProgress` pushes of kind `pastOrders`, a chunk of orders per turn) that every window
 * asking for the same position waits on.
 */
function pastOrders(ctx: HandlerContext, seq: number): Promise<OrderRecord[]> {
  const journal = ctx.journal;
  const had = snapshots.get(journal);
  if (had?.seq === seq) {
    if (had.rows) return Promise.resolve(had.rows);
    if (had.job) return had.job;
  }
  const entry: Snapshot = { seq };
  entry.job = new Promise<OrderRecord[]>((resolve, reject) => {
    const jobId = ctx.longJobs.start('pastOrders', async (job) => {
      const rows = await journal.ordersAsOfInTurns(seq, {
        yieldTurn: () => job.yieldTurn(),
        signal: job.signal,
        onProgress: (done, total) => job.progress(done, total, `The orders as they stood at #${seq}`),
      });
      if (!rows) throw new JobCancelled('The past orders list was cancelled.');
      entry.rows = rows;
      resolve(rows);
      return {};
    });
    void ctx.longJobs.whenFinished(jobId).then((end) => {
      if (end && !end.ok) reject(new LedgerError('refused', end.error ?? 'The past orders list was not made.'));
    });
  });
  entry.job.catch(() => {
    if (snapshots.get(journal) === entry) snapshots.delete(journal);
  });
  snapshots.set(journal, entry);
  return entry.job;
}

/**
 * Everyone who initiated an event, kept until the journal grows: reading them scans every event
 * (the initiator has no index of its own), so coming back to the People page should not.
 */
const peopleSeen = new WeakMap<Journal, { lastSeq: number; people: PersonRecord[] }>();

export const historyHandlers: PartialHandlers<
  | 'journalPosition'
  | 'orderAsOf'
  | 'ordersAsOf'
  | 'anomaliesAsOf'
  | 'people'
  | 'activity'
  | 'handover'
  | 'incidentReport'
> = {
  journalPosition(ctx, request) {
    const lastSeq = ctx.journal.lastSeq();
    const seq = 'seq' in request ? Math.min(request.seq, lastSeq) : ctx.journal.seqAt(request.time);
    return { seq, recordedAt: seq === 0 ? null : (ctx.journal.event({ seq })?.recordedAt ?? null), lastSeq };
  },

  orderAsOf(ctx, { orderId, asOfSeq }) {
    const rules = ctx.journal.activeRuleSet().ruleSet;
    let state = emptyOrder(orderId);
    const history = ctx.journal.historyAsOf(orderId, asOfSeq).map((event) => {
      state = foldEvent(state, event, rules);
      return { ...event, statusAfter: state.status };
    });
    return { order: ctx.journal.orderAsOf(orderId, asOfSeq) ?? null, history };
  },

  async ordersAsOf(ctx, { asOfSeq, status, withAnomalies, search, afterOrderId, limit }) {
    const last = ctx.journal.lastSeq();
    if (asOfSeq > last) {
      throw new LedgerError('refused', `as-of position ${asOfSeq} is not in the journal: give a seq from 0 to ${last}`);
    }
    const rows = await pastOrders(ctx, asOfSeq);
    const filter = { status, withAnomalies, search };
    return { rows: pageOrders(rows, { ...filter, afterOrderId, limit }), total: countPastOrders(rows, filter) };
  },

  anomaliesAsOf(ctx, { asOfSeq, open, kind, severity, beforeId, limit }) {
    const rows = ctx.journal.anomaliesAsOf({ open, kind, severity, beforeId, limit }, asOfSeq);
    const last = rows[rows.length - 1];
    return { rows, nextBeforeId: rows.length === limit && last ? last.id : null };
  },

  people(ctx) {
    const lastSeq = ctx.journal.lastSeq();
    const had = peopleSeen.get(ctx.journal);
    if (had?.lastSeq === lastSeq) return had.people;
    const people = ctx.journal.people();
    peopleSeen.set(ctx.journal, { lastSeq, people });
    return people;
  },

  activity(ctx, request) {
    return personActivity(ctx.journal, request);
  },

  handover(ctx, { since, onlySinceLastSignIn }) {
    const previous = ctx.operator ? ctx.journal.previousSignIn(ctx.operator.id) : null;
    if (onlySinceLastSignIn && previous === null) return null;
    const from = since ?? previous ?? new Date(Date.now() - DEFAULT_HANDOVER_MS).toISOString();
    return { ...shiftDigest(ctx.journal, from), sinceLastSignIn: since === undefined && previous !== null };
  },

  async incidentReport(ctx, { orderId }) {
    // The whole chain, checked in turns so the other windows are answered meanwhile.
    const verified = await ctx.journal.verifyInTurns({ yieldTurn });
    const who = ctx.operator ? `${ctx.operator.name} (${ctx.operator.id}, ${ctx.operator.role})` : 'unknown';
    const facts = incidentFactsOf(ctx.journal, orderId, { keyDir: ctx.keys.dir, verified, generatedBy: who });
    const pdf = await incidentPdf(facts);
    const day = facts.generatedAt.slice(0, 10);
    return {
      fileName: `incident-${orderId.replace(/[^A-Za-z0-9._-]/g, '_')}-${day}.pdf`,
      pdfBase64: pdf.toString('base64'),
      chainOk: facts.chain.ok,
      anchored: facts.anchor !== null,
    };
  },
};
