/**
 * Signing in and operators. The session belongs to the window (or browser page) that called;
 * the access check of the dispatcher has already run, so these only do the work.
 */
import type { PartialHandlers } from './types';
import type { HandlerContext } from '../context';
import { LedgerError } from '../errors';
import { practiceState } from './training';

export const sessionHandlers: PartialHandlers<
  'session' | 'signIn' | 'signOut' | 'createFirstSupervisor' | 'listOperators' | 'addOperator'
> = {
  session(ctx) {
    return {
      journalPath: ctx.journal.path,
      hasOperators: ctx.journal.listOperators().length > 0,
      operator: ctx.operator,
      training: ctx.journal.kind === 'training',
      events: ctx.journal.eventCount(),
      // The dispatcher handed this call the training journal when the window practises.
      practice:
        ctx.operator && ctx.session.practice ? practiceState(ctx.desk, ctx.journal, ctx.session.practice) : null,
    };
  },

  signIn(ctx, { operatorId, password }) {
    const operator = ctx.journal.authenticate(operatorId, password);
    // One message for both cases: a stranger learns nothing about which operator ids exist.
    if (!operator) throw new LedgerError('not-allowed', 'That operator id and password do not match.');
    leavePractice(ctx);
    ctx.session.operatorId = operator.id;
    // For the handover's "since you last signed in".
    ctx.journal.recordSignIn(operator.id, new Date().toISOString());
    return operator;
  },

  signOut(ctx) {
    leavePractice(ctx);
    ctx.session.operatorId = null;
    return { ok: true as const };
  },

  createFirstSupervisor(ctx, { id, name, password }) {
    // The worker handles one request at a time, so nobody can slip in between this check and the write.
    if (ctx.journal.listOperators().length > 0) {
      throw new LedgerError('refused', 'This journal already has operators: sign in, or ask a Supervisor to add you.');
    }
    const operator = ctx.journal.addOperator({ id, name, role: 'Supervisor', password });
    ctx.session.operatorId = operator.id;
    return operator;
  },

  listOperators(ctx) {
    return ctx.journal.listOperators();
  },

  addOperator(ctx, request) {
    if (ctx.journal.getOperator(request.id)) {
      throw new LedgerError('refused', `There is already an operator with the id "${request.id}".`);
    }
    return ctx.journal.addOperator(request);
  },
};

/** Whoever signs in or out here starts on the real journal; the training journal they practised in is closed. */
function leavePractice(ctx: HandlerContext): void {
  if (ctx.operator && ctx.session.practice) ctx.desk.closePractice(ctx.operator.id);
  ctx.session.practice = null;
}
