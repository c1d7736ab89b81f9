/**
 * Correction requests: `requestCorrection` (a Clerk hands a draft to a Supervisor),
 * `declineRequest` and `correctionRequests`. As with corrections, the author is the operator
 * signed in to the window, never a field of the request; the journal refuses a Trainee.
 */
import { JournalRefusal } from '../../journal/types';
import type { PartialHandlers } from './types';

export const requestHandlers: PartialHandlers<'requestCorrection' | 'declineRequest' | 'correctionRequests'> = {
  requestCorrection(ctx, request) {
    if (!ctx.operator) throw new JournalRefusal('not-allowed', 'sign in to send a correction to a Supervisor');
    const input: Parameters<typeof ctx.journal.requestCorrection>[0] = {
      operatorId: ctx.operator.id,
      orderId: request.orderId,
      correctsEventId: request.correctsEventId,
      status: request.status,
      reason: request.reason,
      expectedSeq: request.expectedSeq,
    };
    if (request.note !== undefined) input.note = request.note;
    return ctx.journal.requestCorrection(input);
  },
  declineRequest(ctx, request) {
    if (!ctx.operator) throw new JournalRefusal('not-allowed', 'sign in as a Supervisor to decline a request');
    return ctx.journal.declineRequest({
      operatorId: ctx.operator.id,
      requestEventId: request.requestEventId,
      reason: request.reason,
    });
  },
  correctionRequests(ctx, request) {
    return { rows: ctx.journal.correctionRequests(request.open, request.limit) };
  },
};
