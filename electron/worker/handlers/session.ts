/**
 * Signing in and operators. The session belongs to the window (or browser page) that called;
 * the access check of the dispatcher has already run, so these only do the work.
 */
import type { PartialHandlers } from './types';
import type { HandlerContext } from './context';
import { LedgerError } from './errors';
import { practiceState } from './training';
import { checkPassword } from '../../operators/signIn';
import { decideAddOperator } from '../../../shared/corrections/operatorChanges';

export const sessionHandlers: PartialHandlers<
  | 'session'
  | 'signIn'
  | 'signOut'
  | 'stillHere'
  | 'createFirstSupervisor'
  | 'listOperators'
  | 'addOperator'
  | 'signInAttempts'
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
      idleEnded: ctx.operator ? null : (ctx.session.idleEnded ?? null),
    };
  },

  async signIn(ctx, { operatorId, password }) {
    const { session } = ctx;
    const operator = await checkPassword(ctx.journal, { operatorId, password, from: session.id, now: ctx.clock() });
    leavePractice(ctx);
    session.operatorId = operator.id;
    session.lastActive = ctx.clock();
    session.idleEnded = null;
    return operator;
  },

  signInAttempts(ctx, { limit, beforeId }) {
    return ctx.journal.signInAttempts({ limit, ...(beforeId !== undefined ? { beforeId } : {}) });
  },

  signOut(ctx) {
    leavePractice(ctx);
    ctx.session.operatorId = null;
    ctx.session.idleEnded = null;
    delete ctx.session.lastActive;
    // What the window chose goes with its operator (a spooled upload is deleted).
    ctx.files.endSession(ctx.session.id);
    return { ok: true as const };
  },

  stillHere(ctx) {
    if (!ctx.operator) throw new LedgerError('not-signed-in', 'Sign in first.');
    ctx.session.lastActive = ctx.clock();
    return { ok: true as const };
  },

  createFirstSupervisor(ctx, { id, name, password }) {
    // The worker handles one request at a time, so nobody can slip in between this check and the write.
    if (ctx.journal.listOperators().length > 0) {
      throw new LedgerError('refused', 'This journal already has operators: sign in, or ask a Supervisor to add you.');
    }
    const operator = ctx.journal.addOperator({ id, name, role: 'Supervisor', password });
    ctx.session.operatorId = operator.id;
    ctx.session.lastActive = ctx.clock();
    ctx.session.idleEnded = null;
    return operator;
  },

  listOperators(ctx) {
    return ctx.journal.listOperators();
  },

  addOperator(ctx, request) {
    const decision = decideAddOperator(
      { type: 'addOperator', id: request.id, role: request.role },
      { operators: ctx.journal.listOperators().length, taken: ctx.journal.getOperator(request.id) !== undefined },
      ctx.operator ?? undefined,
    );
    if (!decision.ok) throw new LedgerError(decision.code, decision.message);
    return ctx.journal.addOperatorAsync(request);
  },
};

/** Whoever signs in or out here starts on the real journal; the training journal they practised in is closed. */
function leavePractice(ctx: HandlerContext): void {
  if (ctx.operator && ctx.session.practice) ctx.desk.closePractice(ctx.operator.id);
  ctx.session.practice = null;
}
