/**
 * Training's IPC channels (handbook §7): list the cases, load one into the trainee's own
 * training journal, submit an answer to be graded, see progress, and turn a real anomaly into a
 * case. Spread into `channels` in ./channels.
 *
 * Practice happens in the app's regular views: `startScenario` puts the calling window's session
 * in practice, and from then on the `PRACTICE_CHANNELS` (the browse channels, the correction
 * form's `correct` and `dismiss`) work on that operator's training journal instead of the real
 * one, until `leavePractice` or sign-out. A `correct` or `dismiss` in practice is the trainee's
 * answer: graded and recorded like `submitAnswer`.
 *
 * A Trainee is kept to training: the public channels and `TRAINING_CHANNELS` always, the
 * `PRACTICE_CHANNELS` only while in practice (on the training journal), nothing else. Whoever
 * practises (a Supervisor too) may call nothing beyond those until they leave practice.
 */
import { z } from 'zod';
import { expectedAnswerSchema, scenarioOriginSchema } from '../training/scenario';
import { CRITERIA, traineeAnswerSchema } from '../training/grade';
import { anomalyKindSchema, appendedRecord, eventRecord } from './records';
import { channel, type ChannelDef } from './channel';
import type { ChannelName } from './channels';

const none = z.object({}).strict();

/** A scenario as the list shows it: never the answer, so the list cannot give it away. */
export const scenarioSummaryRecord = z.object({
  id: z.string(),
  title: z.string(),
  question: z.string(),
  orderId: z.string(),
  origin: scenarioOriginSchema,
  events: z.number().int(),
  /** Rows of the rule set's table the history goes through (`from→to`), computed by replay. */
  rows: z.array(z.string()),
  /** Anomaly kinds the history raises, computed by replay. */
  kinds: z.array(anomalyKindSchema),
});
export type ScenarioSummaryRecord = z.infer<typeof scenarioSummaryRecord>;

export const historyItemRecord = eventRecord.extend({ statusAfter: z.string().nullable() });

/** A scenario loaded into a fresh training journal. */
export const startedScenarioRecord = z.object({
  scenarioId: z.string(),
  title: z.string(),
  question: z.string(),
  orderId: z.string(),
  /** The trainee's training journal file: never the real one. */
  journalPath: z.string(),
  history: z.array(historyItemRecord),
  statuses: z.array(z.string()),
  startedAt: z.string(),
});
export type StartedScenarioRecord = z.infer<typeof startedScenarioRecord>;

export const verdictRecord = z.object({ criterion: z.enum(CRITERIA), ok: z.boolean(), message: z.string() });

export const gradeRecord = z.object({
  scenarioId: z.string(),
  score: z.number().int().min(0).max(100),
  passed: z.boolean(),
  verdicts: z.array(verdictRecord),
  expected: expectedAnswerSchema,
  explanation: z.string(),
});
export type GradeRecord = z.infer<typeof gradeRecord>;

/** One graded attempt, as kept in the trainee's attempts file. */
export const attemptRecord = z.object({
  traineeId: z.string(),
  traineeName: z.string(),
  scenarioId: z.string(),
  scenarioTitle: z.string(),
  /** 1 for the first try at this scenario, 2 for the second, … */
  attempt: z.number().int().positive(),
  startedAt: z.string(),
  answeredAt: z.string(),
  seconds: z.number().nonnegative(),
  answer: traineeAnswerSchema,
  score: z.number().int().min(0).max(100),
  passed: z.boolean(),
  verdicts: z.array(z.object({ criterion: z.enum(CRITERIA), ok: z.boolean() })),
  /** What the scenario teaches, when the attempt missed: rule rows, the illegal change, anomaly kinds. */
  rulesWrong: z.array(z.string()),
});
export type AttemptRecord = z.infer<typeof attemptRecord>;

export const submitResultRecord = z.object({
  grade: gradeRecord,
  attempt: attemptRecord,
  /** The office event the answer wrote in the training journal (none for "no correction needed"). */
  applied: appendedRecord.nullable(),
  /** Why the training journal refused to write it (e.g. a reason that is too short); graded all the same. */
  refusal: z.string().nullable(),
  history: z.array(historyItemRecord),
});
export type SubmitResultRecord = z.infer<typeof submitResultRecord>;

/** The practice a window's session is in, as `session` reports it (null when it is not practising). */
export const practiceStateRecord = z.object({
  scenarioId: z.string(),
  title: z.string(),
  question: z.string(),
  /** The scenario's order, where the trainee starts looking. */
  orderId: z.string(),
  /** The training journal the regular views read while in practice: never the real one. */
  journalPath: z.string(),
  startedAt: z.string(),
  /** The graded answer, once the trainee has answered (through the correction form or "No correction needed"). */
  result: submitResultRecord.nullable(),
});
export type PracticeStateRecord = z.infer<typeof practiceStateRecord>;

export const scenarioProgressRecord = z.object({
  scenarioId: z.string(),
  title: z.string(),
  attempts: z.number().int(),
  firstScore: z.number().int(),
  bestScore: z.number().int(),
  passed: z.boolean(),
  seconds: z.number(),
});

export const progressRecord = z.object({
  traineeId: z.string(),
  traineeName: z.string(),
  scenariosTotal: z.number().int(),
  /** Scenarios attempted at least once. */
  scenariosDone: z.number().int(),
  /** Scenarios answered right at some attempt. */
  scenariosPassed: z.number().int(),
  /** Mean score of the first attempts, 0–100; null before any attempt. */
  firstTryScore: z.number().nullable(),
  firstTryPassed: z.number().int(),
  /** Time spent on every attempt, in seconds. */
  secondsTotal: z.number(),
  /** The rules the trainee got wrong, most often first. */
  rulesWrong: z.array(z.object({ rule: z.string(), times: z.number().int() })),
  scenarios: z.array(scenarioProgressRecord),
});
export type ProgressRecord = z.infer<typeof progressRecord>;

export const coverageRecord = z.object({
  ruleSet: z.string(),
  ok: z.boolean(),
  rows: z.array(z.object({ row: z.string(), scenarios: z.array(z.string()) })),
  kinds: z.array(z.object({ kind: anomalyKindSchema, scenarios: z.array(z.string()) })),
  missingRows: z.array(z.string()),
  missingKinds: z.array(anomalyKindSchema),
});

export const trainingChannels = {
  listScenarios: channel('operator', none, z.array(scenarioSummaryRecord), 'Every training scenario, without answers.'),
  startScenario: channel(
    'operator',
    z.object({ scenarioId: z.string().min(1).max(128) }),
    startedScenarioRecord,
    "Load a scenario into a fresh training journal of the signed-in operator's own (never the real journal) and put this window in practice: the regular views then read that journal.",
  ),
  leavePractice: channel(
    'operator',
    none,
    z.object({ ok: z.literal(true) }),
    'Leave practice: this window reads the real journal again (a Trainee is back to the training page).',
  ),
  submitAnswer: channel(
    'operator',
    z.object({ scenarioId: z.string().min(1).max(128), answer: traineeAnswerSchema }),
    submitResultRecord,
    'Write the answer in the training journal, grade it, explain it and record the attempt.',
  ),
  trainingProgress: channel(
    'operator',
    z.object({ traineeId: z.string().min(1).optional() }),
    z.array(progressRecord),
    "Progress per trainee: a Supervisor sees everyone's, anyone else their own.",
  ),
  trainingCoverage: channel(
    'operator',
    none,
    coverageRecord,
    'Which rows of the rule set in force and which anomaly kinds have a scenario.',
  ),
  scenarioFromAnomaly: channel(
    'supervisor',
    z.object({
      eventId: z.string().min(1),
      title: z.string().trim().min(1).max(120).optional(),
      explanation: z.string().trim().min(20).optional(),
    }),
    scenarioSummaryRecord,
    "Practise on a real mistake: copy a flagged event's order history, with people's names replaced, into a new scenario.",
  ),
} satisfies Record<string, ChannelDef>;

/** The channels a Trainee may call besides the public ones, in practice or not. */
export const TRAINING_CHANNELS: ReadonlySet<string> = new Set<keyof typeof trainingChannels>([
  'listScenarios',
  'startScenario',
  'leavePractice',
  'submitAnswer',
  'trainingProgress',
  'trainingCoverage',
]);

/**
 * The channels that, for a window in practice, work on its training journal: what the regular
 * views read, and the correction form's two writes (which are then the trainee's answer, open to
 * whoever practises). Every other channel keeps the real journal, and is refused while practising
 * unless it is a training channel. Typed by the channel names: a renamed channel fails the typecheck.
 */
export const PRACTICE_CHANNELS: ReadonlySet<string> = new Set<ChannelName>([
  'session',
  'listOrders',
  'statusCounts',
  'getOrder',
  'orderHistory',
  'journalPage',
  'search',
  'eventDetail',
  'correctionContext',
  'listAnomalies',
  'anomalyTotals',
  'dashboard',
  'verify',
  'correctionsLog',
  'ruleSets',
  'correct',
  'dismiss',
]);

/** Whether a window whose session `practising` works on its training journal when calling `channelName`. */
export function readsTrainingJournal(channelName: string, practising: boolean): boolean {
  return practising && PRACTICE_CHANNELS.has(channelName);
}

/**
 * Whether an operator of `role` may call `channel` (of `access`): a Trainee is kept to training
 * (the regular views only while practising, and then on the training journal), and whoever
 * practises is kept to practice and the training channels.
 */
export function traineeMayCall(
  role: string,
  channelName: string,
  access: ChannelDef['access'],
  practising = false,
): boolean {
  if (access === 'public' || (practising && PRACTICE_CHANNELS.has(channelName))) return true;
  if (role === 'Trainee') return TRAINING_CHANNELS.has(channelName);
  return !practising || channelName in trainingChannels;
}
