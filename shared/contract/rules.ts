/**
 * The rule tools' IPC channels: see the rule sets, what the floor really does, what a
 * candidate rule set would flag, and put one in force. Spread into `channels` in ./channels.
 *
 * Long replays (preview, observed transitions) start a job and answer with its id; progress
 * comes as `jobProgress` pushes, `cancelJob` stops them like any job (the result then covers
 * what was replayed), and the result is fetched once the job is finished, so the
 * window never waits on a scan of the whole journal.
 */
import { z } from 'zod';
import { ruleSetSchema } from '../rules/ruleSet';
import { channel, type ChannelDef } from './channel';
import { eventRecord, initiatorRecord } from './records';
import { fileId } from './files';

const none = z.object({}).strict();
const jobId = z.string().min(1).max(64);
const counts = z.record(z.string(), z.number().int());

/** A rule set as the journal keeps it: its content, key `id@version` and SHA-256 of its canonical JSON. */
export const storedRuleSetRecord = z.object({
  key: z.string(),
  hash: z.string(),
  ruleSet: ruleSetSchema,
});
export type StoredRuleSetRecord = z.infer<typeof storedRuleSetRecord>;

/** One time a rule set was put in force. */
export const ruleActivationRecord = storedRuleSetRecord.extend({
  /** The RuleSetActivated event; `null` for the rule set the journal was created with. */
  activatedAtSeq: z.number().int().nullable(),
  activatedAt: z.string().nullable(),
  activatedBy: initiatorRecord.nullable(),
  reason: z.string().nullable(),
});
export type RuleActivationRecord = z.infer<typeof ruleActivationRecord>;

export const ruleSetRef = z.object({ id: z.string(), version: z.number().int(), name: z.string(), key: z.string() });

export const flagSummaryRecord = z.object({
  total: z.number().int(),
  flaggedEvents: z.number().int(),
  byKind: counts,
  byTransition: counts,
  byInitiator: counts,
});

export const previewExampleRecord = z.object({
  seq: z.number().int(),
  eventId: z.string(),
  orderId: z.string(),
  kind: z.string(),
  message: z.string(),
  transition: z.string().nullable(),
  initiator: z.string(),
  timestamp: z.string(),
});

export const previewResultRecord = z.object({
  ruleSet: ruleSetRef,
  events: z.number().int(),
  flagged: flagSummaryRecord,
  current: flagSummaryRecord.extend({ ruleSet: ruleSetRef }),
  onlyCandidate: flagSummaryRecord.extend({ examples: z.array(previewExampleRecord) }),
  onlyCurrent: flagSummaryRecord.extend({ examples: z.array(previewExampleRecord) }),
  unknownStatuses: z.array(z.string()),
  cancelled: z.boolean(),
});
export type PreviewResultRecord = z.infer<typeof previewResultRecord>;

export const observedCellRecord = z.object({
  from: z.string().nullable(),
  to: z.string(),
  count: z.number().int(),
  allowance: z.enum(['anyone', 'some-roles', 'no']),
  flagged: z.number().int(),
  breaking: z.number().int(),
  byRole: counts,
  seqs: z.array(z.number().int()),
});

export const observedMatrixRecord = z.object({
  ruleSet: z.object({ id: z.string(), version: z.number().int(), key: z.string() }),
  statuses: z.array(z.string()),
  cells: z.array(observedCellRecord),
  transitions: z.number().int(),
  events: z.number().int(),
  range: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  cancelled: z.boolean(),
});
export type ObservedMatrixRecord = z.infer<typeof observedMatrixRecord>;

/** Where a rule-tool job stands; `result` once it is done (also when cancelled: the part replayed). */
const jobState = <R extends z.ZodType>(result: R) =>
  z.object({
    state: z.enum(['running', 'done', 'failed']),
    done: z.number().int(),
    total: z.number().int().nullable(),
    error: z.string().nullable(),
    result: result.nullable(),
  });

const isoTime = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), { message: 'is not an ISO 8601 time' })
  .optional();

/**
 * A candidate rule set: its content (edited in the table, pasted, or read from a chosen file by
 * `loadRuleSetFile`). Never a path: the app reads only files the person chose.
 */
export const candidateRuleSet = z.object({ ruleSet: ruleSetSchema });
export type CandidateRuleSet = z.infer<typeof candidateRuleSet>;

export const rulesChannels = {
  ruleSets: channel(
    'operator',
    none,
    z.object({ active: ruleActivationRecord, bundled: z.array(storedRuleSetRecord) }),
    'The rule set in force and the rule sets the ledger ships with.',
  ),
  ruleSetHistory: channel(
    'operator',
    none,
    z.array(ruleActivationRecord),
    'Every rule set ever in force, oldest first, with who put it in force, when and why.',
  ),
  loadRuleSetFile: channel(
    'operator',
    z.object({ file: fileId }),
    storedRuleSetRecord,
    'Read a rule set from a chosen JSON file, with every problem named by its place in the file.',
  ),
  startObservedTransitions: channel(
    'operator',
    z.object({ from: isoTime, to: isoTime }),
    z.object({ jobId }),
    'Count the status changes the journal holds, from → to (optionally within a time range), in the background.',
  ),
  observedTransitionsResult: channel(
    'operator',
    z.object({ jobId }),
    jobState(observedMatrixRecord),
    'Progress or result of an observed-transitions job.',
  ),
  transitionEvents: channel(
    'operator',
    z.object({ seqs: z.array(z.number().int().positive()).max(500) }),
    z.array(eventRecord),
    'The events of one cell of the observed matrix.',
  ),
  startRulePreview: channel(
    'operator',
    candidateRuleSet,
    z.object({ jobId }),
    'Replay the whole history under a candidate rule set and under the rules in force, in the background.',
  ),
  previewResult: channel(
    'operator',
    z.object({ jobId }),
    jobState(previewResultRecord),
    'Progress or result of a rule preview job.',
  ),
  activateRuleSet: channel(
    'supervisor',
    z.object({ ruleSet: ruleSetSchema, reason: z.string() }),
    z.object({ seq: z.number().int(), eventId: z.string(), key: z.string(), hash: z.string() }),
    'Put a rule set in force from the next event on (a RuleSetActivated office event). A revert is activating the previous set again.',
  ),
} satisfies Record<string, ChannelDef>;
