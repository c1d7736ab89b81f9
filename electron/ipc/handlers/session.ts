/**
 * Signing in and operators. The session belongs to the window (or browser page) that called;
 * the access check of the dispatcher has already run, so these only do the work.
 */
import type { PartialHandlers } from './types';
import type { HandlerContext } from '../context';
import { LedgerError } from '../errors';
import { practiceState } from './training';
import { AttemptQueue, waitAfter, waitMessage, clockTime } from '../../operators/throttle';

/** Per journal file and operator id: see AttemptQueue. */
const attempts = new AttemptQueue();

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

  signIn(ctx, { operatorId, password }) {
    const { journal, session } = ctx;
    return attempts.run(`${journal.path}\n${operatorId}`, async () => {
      const now = ctx.clock();
      const standing = journal.signInStanding(operatorId);
      const wait = waitAfter(standing.failures, standing.lastFailureAt?.getTime() ?? null);
      const at = new Date(now);
      if (wait && now < wait.until) {
        // Refused without checking the password: a guess made while waiting tells nothing.
        journal.recordSignIn({ operatorId, at, session: session.id, outcome: wait.locked ? 'locked' : 'too-soon' });
        throw new LedgerError('refused', waitMessage(operatorId, wait, now));
      }
      const operator = await journal.authenticateAsync(operatorId, password);
      if (!operator) {
        const next = waitAfter(standing.failures + 1, now);
        const lockedUntil = next?.locked ? new Date(next.until) : null;
        journal.recordSignIn({ operatorId, at, session: session.id, outcome: 'wrong-password', lockedUntil });
        // One message for both cases: a stranger learns nothing about which operator ids exist.
        const then = next?.locked
          ? ` ${operatorId} is now locked: try again at ${clockTime(next.until)}.`
          : next
            ? ` Wait ${Math.round((next.until - now) / 1000)} s before the next try.`
            : '';
        throw new LedgerError('not-allowed', `That operator id and password do not match.${then}`);
      }
      journal.recordSignIn({ operatorId, at, session: session.id, outcome: 'ok' });
      leavePractice(ctx);
      session.operatorId = operator.id;
      session.lastActive = now;
      session.idleEnded = null;
      return operator;
    });
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
    if (ctx.journal.getOperator(request.id)) {
      throw new LedgerError('refused', `There is already an operator with the id "${request.id}".`);
    }
    return ctx.journal.addOperatorAsync(request);
  },
};

/** Whoever signs in or out here starts on the real journal; the training journal they practised in is closed. */
function leavePractice(ctx: HandlerContext): void {
  if (ctx.operator && ctx.session.practice) ctx.desk.closePractice(ctx.operator.id);
  ctx.session.practice = null;
}
