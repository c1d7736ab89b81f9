/**
 * The corrections channels (handbook §6): `correct`, `dismiss` and `correctionsLog`.
 *
 * The author of an office event is always the operator signed in to this window: the requests
 * carry no operator field (the contract's schemas strip any), so nobody can correct in another's
 * name. Every other refusal (role, reason, status, event of another order, a stale form) is the
 * journal's, in one transaction with the write.
 */
import type {
  AppendedRecord,
  CorrectionRequest,
  JournalFilter,
  OperatorRecord,
} from '../../../shared/contract/records';
import type {
  CorrectionsLogRequest,
  CorrectionsLogResponse,
  CorrectionsLogRow,
} from '../../../shared/contract/corrections';
import { correctionsLogRequest, LOG_TYPES } from '../../../shared/contract/corrections';
import { OPERATORS_ORDER } from '../../../shared/handover/digest';
import { orderBefore, type HistoryItem } from '../../../shared/corrections';
import type { EventRecord } from '../../../shared/contract/records';
import { JournalRefusal, type JournalApi } from '../../journal/types';

/** What the handlers need of the window that called: its journal and who is signed in. */
export interface CorrectionsContext {
  journal: JournalApi;
  operator: OperatorRecord | null;
}

export interface DismissRequest {
  orderId: string;
  dismissesEventId: string;
  reason: string;
  expectedSeq: number;
}

function signedIn(ctx: CorrectionsContext, what: string): OperatorRecord {
  if (!ctx.operator) throw new JournalRefusal('not-allowed', `sign in as a Supervisor to ${what}`);
  return ctx.operator;
}

export function correct(ctx: CorrectionsContext, request: CorrectionRequest): AppendedRecord {
  const operator = signedIn(ctx, 'correct an order');
  const input: Parameters<JournalApi['correct']>[0] = {
    operatorId: operator.id,
    orderId: request.orderId,
    status: request.status,
    reason: request.reason,
    expectedSeq: request.expectedSeq,
  };
  if (request.correctsEventId !== undefined) input.correctsEventId = request.correctsEventId;
  return ctx.journal.correct(input);
}

export function dismiss(ctx: CorrectionsContext, request: DismissRequest): AppendedRecord {
  const operator = signedIn(ctx, 'dismiss an anomaly');
  return ctx.journal.dismiss({
    operatorId: operator.id,
    orderId: request.orderId,
    dismissesEventId: request.dismissesEventId,
    reason: request.reason,
    expectedSeq: request.expectedSeq,
  });
}

/**
 * Office events, newest first, with the status each found and left. The status before comes
 * from folding the order's history up to the event (histories are short; each order is read
 * once per page).
 */
export function correctionsLog(ctx: CorrectionsContext, request: CorrectionsLogRequest): CorrectionsLogResponse {
  signedIn(ctx, 'read the corrections log');
  return readCorrectionsLog(ctx.journal, request);
}

/** The log itself, for the handler and the command line (which has no session: it is the workstation's own). */
export function readCorrectionsLog(journal: JournalApi, request: CorrectionsLogRequest): CorrectionsLogResponse {
  const ctx = { journal };
  const req = correctionsLogRequest.parse(request);
  const filter: JournalFilter = { types: [...LOG_TYPES] };
  if (req.operatorId !== undefined) filter.initiatorId = req.operatorId;
  if (req.from !== undefined) filter.from = req.from;
  if (req.to !== undefined) filter.to = req.to;
  const events = ctx.journal.journalPage(filter, req.beforeSeq, req.limit);
  const rules = ctx.journal.activeRuleSet().ruleSet;
  const histories = new Map<string, HistoryItem[]>();
  const historyOf = (orderId: string) => {
    let h = histories.get(orderId);
    if (!h) histories.set(orderId, (h = ctx.journal.history(orderId)));
    return h;
  };
  // Corrections and dismissals that ended a Clerk's request say whose (asked once per page).
  const ended = new Map<number, string>();
  if (events.some((e) => e.type === 'StatusCorrected' || e.type === 'AnomalyDismissed')) {
    for (const r of ctx.journal.correctionRequests(false, 500)) {
      if (r.endedBy && r.state !== 'declined') ended.set(r.endedBy.seq, r.requestedBy.name);
    }
  }
  const rows = events.map((event) =>
    logRow(
      event,
      event.orderId === OPERATORS_ORDER ? null : orderBefore(historyOf(event.orderId), event.seq, rules).status,
      ended.get(event.seq) ?? null,
    ),
  );
  const last = rows[rows.length - 1];
  return { rows, nextBeforeSeq: rows.length === req.limit && last ? last.seq : null };
}

function logRow(event: EventRecord, fromStatus: string | null, endedRequestOf: string | null): CorrectionsLogRow {
  const data = event.data;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const type = event.type as CorrectionsLogRow['type'];
  const ending = endedRequestOf ? `, ending ${endedRequestOf}'s request` : '';
  let what: string;
  let toStatus: string | null = null;
  let names: string | null = null;
  switch (type) {
    case 'StatusCorrected':
      what = `Correction${ending}`;
      toStatus = text(data.status);
      names = text(data.correctsEventId);
      break;
    case 'AnomalyDismissed':
      what = `False alarm dismissed${ending}`;
      toStatus = fromStatus;
      names = text(data.dismissesEventId);
      break;
    case 'CorrectionRequested':
      what = `Correction requested (to ${text(data.status) ?? '?'})`;
      // Nothing changed yet: the status stays until a Supervisor corrects.
      toStatus = text(data.status);
      names = text(data.correctsEventId);
      break;
    case 'CorrectionDeclined':
      what = 'Request declined';
      toStatus = fromStatus;
      names = text(data.requestEventId);
      break;
    case 'OperatorDisabled':
      what = `Operator ${text(data.operatorId) ?? '?'} disabled`;
      break;
    case 'PasswordReset':
      what = `Password of ${text(data.operatorId) ?? '?'} reset`;
      break;
  }
  return {
    seq: event.seq,
    eventId: event.eventId,
    type,
    orderId: event.orderId === OPERATORS_ORDER ? null : event.orderId,
    what,
    operator: {
      id: event.initiatedBy.id,
      name: event.initiatedBy.name ?? event.initiatedBy.id,
      role: event.initiatedBy.role,
    },
    timestamp: event.timestamp,
    fromStatus,
    toStatus,
    reason: text(data.reason) ?? '',
    correctsEventId: names,
  };
}

/** The handlers by channel name, for the IPC table. */
export const correctionHandlers = { correct, dismiss, correctionsLog };
