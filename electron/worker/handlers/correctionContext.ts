/**
 * `correctionContext`: what the correction form needs to open, in one call (the order, its
 * history, the flag named, the suggestion, the rules in force, what the operator may do). In
 * practice the dispatcher hands it the training journal, like the browse channels it replaces.
 */
import { correctionContextOf } from '../../../shared/corrections/context';
import type { PartialHandlers } from './types';
import { eventDetailOf, historyWithStatus } from './browse';
import { practiceState } from './training';

export const correctionContextHandlers: PartialHandlers<'correctionContext'> = {
  correctionContext(ctx, request) {
    const practice = ctx.operator && ctx.session.practice ? ctx.session.practice : null;
    return correctionContextOf(request, {
      operator: ctx.operator,
      training: ctx.journal.kind === 'training',
      practising: practice !== null,
      answered: practice !== null && practiceState(ctx.desk, ctx.journal, practice).result !== null,
      order: ctx.journal.order(request.orderId) ?? null,
      history: historyWithStatus(ctx, request.orderId),
      detailOf: (seq) => eventDetailOf(ctx, { seq }),
      ruleSet: ctx.journal.activeRuleSet().ruleSet,
    });
  },
};
