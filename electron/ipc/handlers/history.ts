/**
 * Time and people: the journal as it stood, what one person did, the handover and the incident
 * report. The orders list of a past position is computed once and paged from memory: the past
 * never changes, so the snapshot of the last position asked for stays right.
 */
import type { OrderRecord } from '../../../shared/contract/records';
import { foldEvent } from '../../../shared/corrections/history';
import { countPastOrders, pageOrders } from '../../../shared/history/asOf';
import { emptyOrder } from '../../../shared/orders/orderState';
import { shiftDigest } from '../../handover/digest';
import { yieldTurn } from '../../jobs/ledgerJobs';
import type { Journal } from '../../journal';
import { personActivity } from '../../people/activity';
import { incidentFactsOf } from '../../report/facts';
import { incidentPdf } from '../../report/incidentPdf';
import type { PartialHandlers } from './types';

/** Without a time and without an earlier sign-in, the handover covers this much. */
const DEFAULT_HANDOVER_MS = 12 * 60 * 60 * 1000;

const snapshots = new WeakMap<Journal, { seq: number; rows: OrderRecord[] }>();

function pastOrders(journal: Journal, seq: number): OrderRecord[] {
  const had = snapshots.get(journal);
  if (had?.seq === seq) return had.rows;
  const rows = journal.ordersAsOf(seq);
  snapshots.set(journal, { seq, rows });
  return rows;
}

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

  ordersAsOf(ctx, { asOfSeq, status, withAnomalies, search, afterOrderId, limit }) {
    const rows = pastOrders(ctx.journal, asOfSeq);
    const filter = { status, withAnomalies, search };
    return { rows: pageOrders(rows, { ...filter, afterOrderId, limit }), total: countPastOrders(rows, filter) };
  },

  anomaliesAsOf(ctx, { asOfSeq, open, kind, severity, beforeId, limit }) {
    const rows = ctx.journal.anomaliesAsOf({ open, kind, severity, beforeId, limit }, asOfSeq);
    const last = rows[rows.length - 1];
    return { rows, nextBeforeId: rows.length === limit && last ? last.id : null };
  },

  people(ctx) {
    return ctx.journal.people();
  },

  activity(ctx, request) {
    return personActivity(ctx.journal, request);
  },

  handover(ctx, { since }) {
    const previous = ctx.operator ? ctx.journal.previousSignIn(ctx.operator.id) : null;
    const from = since ?? previous ?? new Date(Date.now() - DEFAULT_HANDOVER_MS).toISOString();
    return { ...shiftDigest(ctx.journal, from), sinceLastSignIn: since === undefined && previous !== null };
  },

  async incidentReport(ctx, { orderId }) {
    // The whole chain, checked in turns so the other windows are answered meanwhile.
    const verified = await ctx.journal.verifyInTurns({ yieldTurn });
    const who = ctx.operator ? `${ctx.operator.name} (${ctx.operator.id}, ${ctx.operator.role})` : 'unknown';
    const facts = incidentFactsOf(ctx.journal, orderId, { verified, generatedBy: who });
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
