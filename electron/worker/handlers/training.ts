/**
 * The training channels. Requests arrive already checked against the contract
 * (shared/contract/training.ts); the trainee is the operator signed in to the calling window.
 * Every write goes to that operator's own training journal through the training desk; the real
 * journal (`ctx.journal`: the training channels always get the real one) is only read, to list
 * trainees and to copy a real mistake.
 *
 * `startScenario` puts the window's session in practice; the dispatcher then hands the practice
 * channels the training journal, and `correct` / `dismiss` run as `practiceHandlers` below: the
 * trainee's answer, through the desk, graded and recorded exactly like `submitAnswer`.
 *
 * A Trainee is kept to training by the dispatcher: `traineeMayCall` (shared/contract/training).
 */
import type { z } from 'zod';
import type { AppendedRecord, OperatorRecord } from '../../../shared/contract/records';
import type { PracticeStateRecord, trainingChannels } from '../../../shared/contract/training';
import type { TraineeAnswer } from '../../../shared/training/grade';
import type { TrainingDesk } from '../../training/desk';
import { JournalRefusal, type JournalApi } from '../../journal/types';
import type { Practice, Session } from './context';
import type { PartialHandlers } from './types';
import { isSupervisor } from '../../../shared/corrections/decide';

type Channels = typeof trainingChannels;
type Req<K extends keyof Channels> = z.output<Channels[K]['request']>;
type Res<K extends keyof Channels> = z.input<Channels[K]['response']>;

/** What the handlers need of the window that called: the real journal, who is signed in, their session, and the desk. */
export interface TrainingContext {
  journal: JournalApi;
  operator: OperatorRecord | null;
  session: Session;
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
    const started = ctx.desk.start(operator, scenarioId);
    ctx.session.practice = { scenarioId, startedAt: started.startedAt, result: null };
    return started;
  },

  leavePractice(ctx) {
    if (ctx.operator && ctx.session.practice) ctx.desk.closePractice(ctx.operator.id);
    ctx.session.practice = null;
    return { ok: true as const };
  },

  submitAnswer(ctx, { scenarioId, answer }) {
    const operator = signedIn(ctx, 'practise');
    const result = ctx.desk.submit(operator, scenarioId, answer);
    if (ctx.session.practice?.scenarioId === scenarioId) ctx.session.practice.result = result;
    return result;
  },

  trainingProgress(ctx, { traineeId }) {
    const operator = signedIn(ctx, 'see training progress');
    const trainees = ctx.journal.listOperators().filter((o) => o.role === 'Trainee');
    if (!isSupervisor(operator.role)) {
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
    if (!isSupervisor(operator.role)) {
      throw new JournalRefusal('not-allowed', 'only a Supervisor turns a real mistake into a scenario');
    }
    const input: { eventId: string; title?: string; explanation?: string } = { eventId: request.eventId };
    if (request.title !== undefined) input.title = request.title;
    if (request.explanation !== undefined) input.explanation = request.explanation;
    return ctx.desk.scenarioFromAnomaly(ctx.journal, operator, input);
  },
};

/**
 * `correct` and `dismiss` for a window in practice: the correction form's write is the trainee's
 * answer. It goes through the desk (written in the training journal, graded, recorded as an
 * attempt), answers like the regular channel (the office event written), and leaves the grade in
 * the session for `session` to report. When the training journal refuses the write, the answer
 * is graded all the same and the refusal comes back as the channel's error.
 */
export const practiceHandlers: PartialHandlers<'correct' | 'dismiss'> = {
  correct(ctx, request) {
    const answer: TraineeAnswer = {
      action: 'correct',
      status: request.status,
      reason: request.reason,
      ...(request.correctsEventId !== undefined ? { eventId: request.correctsEventId } : {}),
    };
    return answerInPractice(ctx, answer, request.expectedSeq);
  },

  dismiss(ctx, request) {
    return answerInPractice(
      ctx,
      { action: 'dismiss', eventId: request.dismissesEventId, reason: request.reason },
      request.expectedSeq,
    );
  },
};

function answerInPractice(ctx: TrainingContext, answer: TraineeAnswer, expectedSeq: number): AppendedRecord {
  const operator = signedIn(ctx, 'practise');
  const practice = ctx.session.practice;
  if (!practice) throw new JournalRefusal('refused', 'this window is not practising: start a scenario first');
  const result = ctx.desk.submit(operator, practice.scenarioId, answer, expectedSeq);
  practice.result = result;
  if (!result.applied) {
    throw new JournalRefusal(
      'refused',
      `the practice journal did not record it (${result.refusal ?? 'refused'}); your answer is graded all the same`,
    );
  }
  return result.applied;
}

/** The practice a session is in, as `session` reports it. */
export function practiceState(desk: TrainingDesk, journal: JournalApi, practice: Practice): PracticeStateRecord {
  const scenario = desk.scenario(practice.scenarioId);
  return {
    scenarioId: scenario.id,
    title: scenario.title,
    question: scenario.question,
    orderId: scenario.orderId,
    journalPath: journal.path,
    startedAt: practice.startedAt,
    result: practice.result,
  };
}
