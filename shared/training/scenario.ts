/**
 * A training scenario as data (handbook §7): a short order history with one mistake in it (or
 * none), the question, the expected answer and the explanation in the handbook's words.
 *
 * Scenario files are written by people (and by "practise on a real mistake"), so a bad file is
 * refused with every problem named by its place: `history[3]: unknown role "Janitor"`.
 */
import { z } from 'zod';
import { HANDBOOK_STATUSES, parseEnvelope, type OrderEvent } from '../events/envelope';

/** What the trainee is expected to do about the scenario's order. */
export const expectedAnswerSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('correct'), eventId: z.string().min(1), status: z.string().min(1) }).strict(),
  z.object({ action: z.literal('dismiss'), eventId: z.string().min(1) }).strict(),
  z.object({ action: z.literal('none') }).strict(),
]);
export type ExpectedAnswer = z.infer<typeof expectedAnswerSchema>;
export type TrainingAction = ExpectedAnswer['action'];

/** Where a scenario came from: the handbook's cases, or a real anomaly a Supervisor turned into one. */
export const scenarioOriginSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('handbook') }).strict(),
  z
    .object({
      kind: z.literal('real'),
      /** The anomaly kinds the real event carried, for the list. */
      kinds: z.array(z.string()),
      createdBy: z.string().min(1),
      createdAt: z.string().min(1),
    })
    .strict(),
]);
export type ScenarioOrigin = z.infer<typeof scenarioOriginSchema>;

export const SCENARIO_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The file format. `history` is checked event by event with the envelope parser. */
export const scenarioFileSchema = z
  .object({
    id: z.string().regex(SCENARIO_ID, 'must be lower-case words joined by hyphens (e.g. "missing-package")'),
    title: z.string().trim().min(1).max(120),
    question: z.string().trim().min(1),
    history: z.array(z.unknown()).min(1, 'must have at least one event'),
    expected: expectedAnswerSchema,
    explanation: z.string().trim().min(20, 'must explain the answer in a sentence or two'),
    origin: scenarioOriginSchema.default({ kind: 'handbook' }),
  })
  .strict();

export interface Scenario {
  id: string;
  title: string;
  question: string;
  /** The order every event of the history belongs to. */
  orderId: string;
  history: OrderEvent[];
  expected: ExpectedAnswer;
  explanation: string;
  origin: ScenarioOrigin;
}

export type ScenarioParse = { ok: true; scenario: Scenario } | { ok: false; problems: string[] };

export interface ScenarioParseOptions {
  /** The statuses the history and the expected answer may name. Default: the handbook's. */
  statuses?: readonly string[];
}

/** Validate a decoded scenario file; every problem is reported, each with where it is. */
export function parseScenario(value: unknown, options: ScenarioParseOptions = {}): ScenarioParse {
  const statuses = options.statuses ?? HANDBOOK_STATUSES;
  const head = scenarioFileSchema.safeParse(value);
  if (!head.success) {
    return {
      ok: false,
      problems: head.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(scenario)'}: ${i.message}`),
    };
  }
  const file = head.data;
  const problems: string[] = [];
  const history: OrderEvent[] = [];
  // Histories come from the main system: office events are the trainee's to write, not the case's.
  file.history.forEach((raw, i) => {
    const r = parseEnvelope(raw, { statuses });
    if (r.ok) history.push(r.event);
    else problems.push(`history[${i}]: ${r.reason}`);
  });
  if (problems.length) return { ok: false, problems };

  const orderId = history[0]!.orderId;
  const seen = new Set<string>();
  history.forEach((e, i) => {
    if (e.orderId !== orderId) {
      problems.push(`history[${i}]: belongs to order ${e.orderId}, but a scenario is about one order (${orderId})`);
    }
    if (seen.has(e.eventId)) problems.push(`history[${i}]: eventId "${e.eventId}" appears twice`);
    seen.add(e.eventId);
  });
  const expected = file.expected;
  if (expected.action !== 'none' && !seen.has(expected.eventId)) {
    problems.push(`expected.eventId: "${expected.eventId}" is not an event of the history`);
  }
  if (expected.action === 'correct' && !statuses.includes(expected.status)) {
    problems.push(`expected.status: unknown status "${expected.status}"`);
  }
  if (problems.length) return { ok: false, problems };

  return {
    ok: true,
    scenario: {
      id: file.id,
      title: file.title,
      question: file.question,
      orderId,
      history,
      expected,
      explanation: file.explanation,
      origin: file.origin,
    },
  };
}

/** Parse a scenario that must be valid (the shipped ones): throws naming the scenario and its problems. */
export function loadScenario(value: unknown, name: string, options?: ScenarioParseOptions): Scenario {
  const r = parseScenario(value, options);
  if (!r.ok) throw new Error(`scenario ${name} is not valid:\n  ${r.problems.join('\n  ')}`);
  return r.scenario;
}

/** The scenario as a file again (what `parseScenario` reads), e.g. to save a new one. */
export function scenarioToFile(s: Scenario): z.input<typeof scenarioFileSchema> {
  return {
    id: s.id,
    title: s.title,
    question: s.question,
    history: s.history,
    expected: s.expected,
    explanation: s.explanation,
    origin: s.origin,
  };
}
