/**
 * The correction request's decisions (handbook §6), pure, beside the correction's: a Clerk hands
 * a wrong status to a Supervisor (`CorrectionRequested`), a Supervisor declines it
 * (`CorrectionDeclined`). The journal loads the state (the order, the flagged event, a request
 * still waiting) and appends what these return; the inbox and the form ask them what is possible.
 */
import type { RequestState as RequestEnd } from '../contract/requests';
import {
  isSupervisor,
  mayWriteOfficeEvents,
  orderRefusal,
  reasonRule,
  refusedWith,
  staleRefusal,
  type Decision,
  type NamedEvent,
  type OfficeJournalKind,
  type OfficeOperator,
  type OfficeState,
  type Refusal,
} from './decide';

export const MAX_NOTE_LENGTH = 2000;

export interface RequestCorrectionCommand {
  type: 'requestCorrection';
  orderId: string;
  correctsEventId: string;
  status: string;
  reason: string;
  note?: string;
  expectedSeq?: number;
}

/** What a request needs to know: the correction's state, and a request already waiting on the event. */
export interface RequestCorrectionState extends OfficeState {
  waiting?: { eventId: string; requestedBy: string };
}

export interface PendingRequest {
  type: 'CorrectionRequested';
  orderId: string;
  data: { correctsEventId: string; status: string; reason: string; note?: string };
}

/** Who may hand a correction to a Supervisor: anyone on the real journal but a Trainee. */
export function mayRequestCorrection(role: string, journal: OfficeJournalKind): boolean {
  return journal === 'real' && role !== 'Trainee';
}

/**
 * A `CorrectionRequested`: a status of the rules in force for a flagged event of the order that
 * still has an open flag and no request waiting, with a reason (and a note, if any, not too long).
 */
export function decideRequest(
  command: RequestCorrectionCommand,
  state: RequestCorrectionState,
  operator: OfficeOperator,
): Decision<PendingRequest> {
  if (!mayRequestCorrection(operator.role, state.journal)) {
    return refusedWith(
      'not-allowed',
      'operator',
      `${operator.id} is a ${operator.role}: a Trainee practises corrections in training and hands nothing to a Supervisor`,
      "A Trainee's corrections stay in training: nothing goes to a Supervisor.",
    );
  }
  const reason = reasonRule(command.reason);
  if (!reason.ok) return { ok: false, refusals: [reason.refusal] };
  const note = command.note?.trim() ?? '';
  if (note.length > MAX_NOTE_LENGTH) {
    return refusedWith(
      'invalid',
      'reason',
      `the note is too long (${note.length} characters): keep it under ${MAX_NOTE_LENGTH}`,
      `The note is too long: keep it under ${MAX_NOTE_LENGTH} characters.`,
    );
  }
  const { rules } = state;
  if (!rules.statuses.has(command.status)) {
    return refusedWith(
      'invalid',
      'status',
      `unknown status ${JSON.stringify(command.status)}: the rule set in force (${state.ruleKey}) knows ${[...rules.statuses].join(', ')}`,
      `"${command.status}" is not a status of the rule set ${rules.ruleSet.id} v${rules.ruleSet.version}.`,
    );
  }
  const order = orderRefusal(command.orderId, state);
  if (order) return { ok: false, refusals: [order] };
  const flagged = flaggedRefusal(command, state.named);
  if (flagged) return { ok: false, refusals: [flagged] };
  if (state.waiting) {
    return refusedWith(
      'refused',
      'event',
      `${state.waiting.requestedBy} already asked a Supervisor to correct event ${command.correctsEventId} (request ${state.waiting.eventId}); it is still waiting`,
    );
  }
  const stale = staleRefusal(command, state);
  if (stale) return { ok: false, refusals: [stale] };
  const data: PendingRequest['data'] = {
    correctsEventId: command.correctsEventId,
    status: command.status,
    reason: reason.reason,
  };
  if (note.length > 0) data.note = note;
  return { ok: true, event: { type: 'CorrectionRequested', orderId: command.orderId, data } };
}

function flaggedRefusal(command: RequestCorrectionCommand, named: NamedEvent | undefined): Refusal | null {
  if (!named || named.eventId !== command.correctsEventId || named.orderId !== command.orderId) {
    const message = `event ${JSON.stringify(command.correctsEventId)} is not an event of order ${JSON.stringify(command.orderId)}`;
    return {
      code: 'invalid',
      about: 'event',
      message,
      problem: `Event ${command.correctsEventId} is not an event of order ${command.orderId}.`,
    };
  }
  if (named.openAnomalies > 0) return null;
  const message = `event ${command.correctsEventId} has no open flag any more: there is nothing to hand to a Supervisor`;
  return { code: 'refused', about: 'event', message, problem: message };
}

export interface DeclineRequestCommand {
  type: 'declineRequest';
  requestEventId: string;
  reason: string;
}

/** The request as the journal reads it back (whether it still waits is read from the events after it). */
export interface DeclineState {
  request?: { eventId: string; orderId: string; state: RequestEnd };
}

export interface PendingDecline {
  type: 'CorrectionDeclined';
  orderId: string;
  data: { requestEventId: string; reason: string };
}

/** Who may decline a request (and so whether the inbox shows Decline): a Supervisor. */
export function mayDeclineRequest(role: string | undefined): boolean {
  return isSupervisor(role);
}

/** A `CorrectionDeclined`: a Supervisor turns down a request still waiting, with a reason; the flag stays open. */
export function decideDecline(
  command: DeclineRequestCommand,
  state: DeclineState,
  operator: OfficeOperator,
): Decision<PendingDecline> {
  if (!mayDeclineRequest(operator.role)) {
    return refusedWith(
      'not-allowed',
      'operator',
      `${operator.id} is a ${operator.role}: only a Supervisor may decline a request`,
      'Only a Supervisor may decline a request.',
    );
  }
  const reason = reasonRule(command.reason);
  if (!reason.ok) return { ok: false, refusals: [reason.refusal] };
  const { request } = state;
  if (!request || request.eventId !== command.requestEventId) {
    return refusedWith('not-found', 'event', `no correction request ${JSON.stringify(command.requestEventId)}`);
  }
  if (request.state !== 'open') {
    return refusedWith('refused', 'event', `request ${request.eventId} has already ended: it was ${request.state}`);
  }
  return {
    ok: true,
    event: {
      type: 'CorrectionDeclined',
      orderId: request.orderId,
      data: { requestEventId: request.eventId, reason: reason.reason },
    },
  };
}

/**
 * Whether the correction form offers "Send to a Supervisor" in place of Confirm: the operator may
 * hand a correction on but not write it (a Clerk on the real journal); never in practice.
 */
export function mayHandToSupervisor(role: string | undefined, training: boolean, practising: boolean): boolean {
  if (role === undefined || practising) return false;
  return mayRequestCorrection(role, training ? 'training' : 'real') && !mayWriteOfficeEvents(role, training);
}
