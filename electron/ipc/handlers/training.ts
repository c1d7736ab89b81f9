/**
 * The training channels (issue 6). Requests arrive already checked against the contract
 * (shared/contract/training.ts); the trainee is the operator signed in to the calling window.
 * Every write goes to that operator's own training journal through the training desk; the real
 * journal (`ctx.journal`) is only read, to list trainees and to copy a real mistake.
 *
 * A Trainee is kept to training by the dispatcher: `traineeMayCall` (shared/contract/training)
 * lets a Trainee call only the public channels and `TRAINING_CHANNELS`.
 */
import type { z } from 'zod';
import type { OperatorRecord } from '../../../shared/contract/records';
import type { trainingChannels } from '../../../shared/contract/training';
import type { TrainingDesk } from '../../training/desk';
import { JournalRefusal, type JournalApi } from '../../journal/types';

type Channels = typeof trainingChannels;
type Req<K extends keyof Channels> = z.output<Channels[K]['request']>;
type Res<K extends keyof Channels> = z.input<Channels[K]['response']>;

/** What the handlers need of the window that called: the real journal, who is signed in, and the desk. */
export interface TrainingContext {
  journal: JournalApi;
  operator: OperatorRecord | null;
  desk: TrainingDesk;
}

function signedIn(ctx: TrainingContext, what: string): OperatorRecord {
  if (!ctx.operator) throw new JournalRefusal('not-allowed', `sign in to ${what}`);
  return ctx.operator;
}

export const trainingHandlers: { [K in keyof Channels]: (ctx: TrainingContext, request: Req<K>) => Res<K> } = {
  listScenarios(ctx) {
    signedIn(ctx, 'see the training scenarios');
    return ctx.desk.listScenarios();
  },

  startScenario(ctx, { scenarioId }) {
    const operator = signedIn(ctx, 'practise');
    return ctx.desk.start(operator, scenarioId);
  },

  submitAnswer(ctx, { scenarioId, answer }) {
    const operator = signedIn(ctx, 'practise');
    return ctx.desk.submit(operator, scenarioId, answer);
  },

  trainingProgress(ctx, { traineeId }) {
    const operator = signedIn(ctx, 'see training progress');
    const trainees = ctx.journal.listOperators().filter((o) => o.role === 'Trainee');
    if (operator.role !== 'Supervisor') {
      // Anyone but a Supervisor sees their own progress only, whatever they ask for.
      if (traineeId !== undefined && traineeId !== operator.id) {
        throw new JournalRefusal('not-allowed', "only a Supervisor sees another trainee's progress");
      }
      return ctx.desk.progress(operator.id, [operator]);
    }
    return ctx.desk.progress(traineeId, trainees);
  },

  trainingCoverage(ctx) {
    signedIn(ctx, 'see training coverage');
    return ctx.desk.coverage(ctx.journal.activeRuleSet().ruleSet);
  },

  scenarioFromAnomaly(ctx, request) {
    const operator = signedIn(ctx, 'make a scenario from a real mistake');
    if (operator.role !== 'Supervisor') {
      throw new JournalRefusal('not-allowed', 'only a Supervisor turns a real mistake into a scenario');
    }
    const input: { eventId: string; title?: string; explanation?: string } = { eventId: request.eventId };
    if (request.title !== undefined) input.title = request.title;
    if (request.explanation !== undefined) input.explanation = request.explanation;
    return ctx.desk.scenarioFromAnomaly(ctx.journal, operator, input);
  },
};
