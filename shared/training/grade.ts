/**
 * Grading a trainee's answer (handbook §7): right event? right status? a reason given? Pure, so
 * the app, the command line and the tests grade alike. The verdicts say what was expected in
 * the office's words; the explanation comes from the scenario.
 */
import { z } from 'zod';
import { validateReason } from '../corrections/reason';
import type { ExpectedAnswer, Scenario } from './scenario';

/** What the trainee did: a correction, a dismissal, or "no correction needed". */
export const traineeAnswerSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('correct'),
    /** The event corrected; absent when the order's status was corrected without naming one. */
    eventId: z.string().min(1).optional(),
    status: z.string().min(1),
    reason: z.string(),
  }),
  z.object({ action: z.literal('dismiss'), eventId: z.string().min(1), reason: z.string() }),
  z.object({ action: z.literal('none') }),
]);
export type TraineeAnswer = z.infer<typeof traineeAnswerSchema>;

export const CRITERIA = ['action', 'event', 'status', 'reason'] as const;
export type CriterionName = (typeof CRITERIA)[number];

export interface Verdict {
  criterion: CriterionName;
  ok: boolean;
  /** One sentence for the trainee: what was right, or what was expected instead. */
  message: string;
}

export interface Grade {
  scenarioId: string;
  /** 0–100: the share of the criteria met. */
  score: number;
  /** Every criterion met. */
  passed: boolean;
  verdicts: Verdict[];
  expected: ExpectedAnswer;
  explanation: string;
}

const ACTION_WORDS: Record<ExpectedAnswer['action'], string> = {
  correct: 'a correction',
  dismiss: 'a dismissal (the flag is a false alarm; the status stays)',
  none: 'no correction: nothing in this history is wrong',
};

/** Which criteria apply to an expected answer. */
export function criteriaFor(expected: ExpectedAnswer): CriterionName[] {
  if (expected.action === 'correct') return ['action', 'event', 'status', 'reason'];
  if (expected.action === 'dismiss') return ['action', 'event', 'reason'];
  return ['action'];
}

/** Grade an answer against the scenario. */
export function grade(
  scenario: Pick<Scenario, 'id' | 'expected' | 'explanation' | 'history'>,
  answer: TraineeAnswer,
): Grade {
  const expected = scenario.expected;
  const describeEvent = (eventId: string): string => {
    const i = scenario.history.findIndex((e) => e.eventId === eventId);
    const e = scenario.history[i];
    if (!e) return `event ${eventId}`;
    const what = e.type === 'StatusChanged' ? `StatusChanged to ${String(e.data['status'])}` : e.type;
    return `event ${i + 1} (${what}, ${eventId})`;
  };

  const verdicts: Verdict[] = criteriaFor(expected).map((criterion): Verdict => {
    switch (criterion) {
      case 'action': {
        const ok = answer.action === expected.action;
        return {
          criterion,
          ok,
          message: ok
            ? `Right: ${ACTION_WORDS[expected.action]}.`
            : `Expected ${ACTION_WORDS[expected.action]}; you chose ${ACTION_WORDS[answer.action].split(':')[0]}.`,
        };
      }
      case 'event': {
        // Only reachable when the expected answer names an event.
        const want = expected.action === 'none' ? '' : expected.eventId;
        const given = answer.action === 'none' ? undefined : answer.eventId;
        const ok = given === want;
        return {
          criterion,
          ok,
          message: ok
            ? `Right event: ${describeEvent(want)}.`
            : given === undefined
              ? `The mistake is ${describeEvent(want)}; you picked no event.`
              : `The mistake is ${describeEvent(want)}, not ${describeEvent(given)}.`,
        };
      }
      case 'status': {
        const want = expected.action === 'correct' ? expected.status : '';
        const given = answer.action === 'correct' ? answer.status : undefined;
        const ok = given === want;
        return {
          criterion,
          ok,
          message: ok
            ? `Right status: ${want}.`
            : given === undefined
              ? `The order should be corrected to ${want}; you set no status.`
              : `The order should be corrected to ${want}, not ${given}.`,
        };
      }
      case 'reason': {
        if (answer.action === 'none') {
          // "No correction needed" has no reason to give: say what was missing, not that a reason was bad.
          const what = expected.action === 'dismiss' ? 'a dismissal' : 'a correction';
          return { criterion, ok: false, message: `No reason: the answer was no correction, and ${what} needs one.` };
        }
        const reason = answer.reason;
        const check = validateReason(reason);
        const finished = check.ok && !reason.includes('…');
        return {
          criterion,
          ok: finished,
          message: finished
            ? 'A reason is given.'
            : check.ok
              ? 'The reason still has its "…" to fill in: say what you found.'
              : `${check.message} The office must be able to see why the record was changed.`,
        };
      }
    }
  });
  const met = verdicts.filter((v) => v.ok).length;
  return {
    scenarioId: scenario.id,
    score: Math.round((100 * met) / verdicts.length),
    passed: met === verdicts.length,
    verdicts,
    expected,
    explanation: scenario.explanation,
  };
}
