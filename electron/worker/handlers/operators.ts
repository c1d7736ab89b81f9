/**
 * `disableOperator` and `resetPassword`: the Supervisor is the one signed in to the window; the
 * journal refuses disabling yourself or the last Supervisor.
 */
import { JournalRefusal } from '../../journal/types';
import type { PartialHandlers } from './types';

export const operatorHandlers: PartialHandlers<'disableOperator' | 'resetPassword'> = {
  disableOperator(ctx, request) {
    if (!ctx.operator) throw new JournalRefusal('not-allowed', 'sign in as a Supervisor to disable an operator');
    return ctx.journal.disableOperator({
      operatorId: ctx.operator.id,
      targetId: request.operatorId,
      reason: request.reason,
    });
  },
  resetPassword(ctx, request) {
    if (!ctx.operator) throw new JournalRefusal('not-allowed', 'sign in as a Supervisor to reset a password');
    return ctx.journal.resetPassword({
      operatorId: ctx.operator.id,
      targetId: request.operatorId,
      password: request.password,
      reason: request.reason,
    });
  },
};
