/**
 * The corrections channels (handbook §6): a correction, a dismissal, and the corrections log
 * (every office event with who, when, order, from → to and why). Spread into `channels`
 * (./channels) like every capability's channels.
 */
import { z } from 'zod';
import { channel, type ChannelDef } from './channel';
import { ruleSetSchema } from '../rules/ruleSet';
import { appendedRecord, correctionRequest, eventDetail, eventRecord, operatorRecord, orderRecord } from './records';

/**
 * What the corrections log lists: corrections and dismissals, and beside them the office's other
 * daily work on them (correction requests made and declined) and the changes to who may sign in.
 */
export const LOG_TYPES = [
  'StatusCorrected',
  'AnomalyDismissed',
  'CorrectionRequested',
  'CorrectionDeclined',
  'OperatorDisabled',
  'PasswordReset',
] as const;

/** One office event as the log shows it. */
export const correctionsLogRow = z.object({
  seq: z.number().int().positive(),
  eventId: z.string(),
  type: z.enum(LOG_TYPES),
  /** The order; null for a change to the operators. */
  orderId: z.string().nullable(),
  /**
   * In words: "Correction", "False alarm dismissed", "Correction requested (to Packed)",
   * "Request declined", "Operator jdoe disabled", "Password of jdoe reset"; a correction or
   * dismissal that ended a Clerk's request says whose.
   */
  what: z.string(),
  /** The operator who wrote it, as recorded in the event (a name kept even if the operator left). */
  operator: z.object({ id: z.string(), name: z.string(), role: z.string() }),
  timestamp: z.string(),
  /** The order's status just before the office event. */
  fromStatus: z.string().nullable(),
  /** The status it set (a request: the one it asks for); a dismissal leaves it as it was. */
  toStatus: z.string().nullable(),
  reason: z.string(),
  /** The event corrected, dismissed or asked to be corrected (a decline: the request), when one is named. */
  correctsEventId: z.string().nullable(),
});
export type CorrectionsLogRow = z.infer<typeof correctionsLogRow>;

export const correctionsLogRequest = z.object({
  operatorId: z.string().min(1).max(128).optional(),
  /** ISO times, inclusive, compared as instants. */
  from: z.string().optional(),
  to: z.string().optional(),
  limit: z.number().int().min(1).max(1000).default(200),
  /** Keyset: the last seq of the previous page (newest first). */
  beforeSeq: z.number().int().positive().optional(),
});
export type CorrectionsLogRequest = z.input<typeof correctionsLogRequest>;

export const correctionsLogResponse = z.object({
  rows: z.array(correctionsLogRow),
  nextBeforeSeq: z.number().int().nullable(),
});
export type CorrectionsLogResponse = z.infer<typeof correctionsLogResponse>;

/** An event of the order with the status after it, as the form's history shows it. */
const historyItem = eventRecord.extend({ statusAfter: z.string().nullable().optional() });

export const correctionContextRequest = z.object({
  orderId: z.string().min(1),
  /** The event the form was opened from (its flag is the one corrected or dismissed). */
  seq: z.number().int().positive().optional(),
  /** Opened on the order: the flag chosen (null: none), absent for the default (the latest open error). */
  flag: z.number().int().positive().nullable().optional(),
});
export type CorrectionContextRequest = z.input<typeof correctionContextRequest>;

const statusOption = z.object({
  status: z.string(),
  isDefault: z.boolean(),
  isSuggested: z.boolean(),
  isCurrent: z.boolean(),
  final: z.boolean(),
  next: z.array(z.object({ to: z.string(), roles: z.array(z.string()).readonly().nullable() })),
  note: z.string(),
});

/** shared/corrections/suggest's `CorrectionSuggestion`, as it crosses the channel. */
export const correctionSuggestion = z.object({
  orderId: z.string(),
  flagged: historyItem.nullable(),
  statusBefore: z.string().nullable(),
  current: z.string().nullable(),
  statusWithout: z.string().nullable(),
  suggestedStatus: z.string().nullable(),
  noCorrectionNeeded: z.boolean(),
  lastSeq: z.number().int(),
  laterEvents: z.number().int(),
  defaultStatus: z.string(),
  defaultWhy: z.string(),
  options: z.array(statusOption),
});

/** Everything the correction form needs to open, in one answer (shared/corrections/context). */
export const correctionContextResponse = z.object({
  operator: operatorRecord.nullable(),
  training: z.boolean(),
  /** The window practises a scenario: the write is the answer, on the training journal. */
  practising: z.boolean(),
  /** In practice: the scenario is answered already. */
  answered: z.boolean(),
  /** Null: the order is not in this journal. */
  order: orderRecord.nullable(),
  history: z.array(historyItem),
  /** The flagged event the form names, with its neighbours: the one it was opened from, or the flag chosen. */
  detail: eventDetail.nullable(),
  /** Opened on the order: the seqs of its events with an open flag, which the correction may resolve. */
  flagChoices: z.array(z.number().int()),
  /** The rule set in force, which the form previews with. */
  ruleSet: ruleSetSchema,
  /** Null when the form cannot open (no such order, or the event is of another order). */
  suggestion: correctionSuggestion.nullable(),
  /** What decide lets this operator do here: confirm (a correction or a dismissal), or hand it to a Supervisor. */
  possible: z.object({ confirm: z.boolean(), sendToSupervisor: z.boolean() }),
});
export type CorrectionContext = z.infer<typeof correctionContextResponse>;

export const correctionChannels = {
  correctionContext: channel(
    'operator',
    correctionContextRequest,
    correctionContextResponse,
    'What the correction form needs to open: the order, its history, the flag named, the suggestion, the rules in force, what the operator may do.',
  ),
  correct: channel(
    'supervisor',
    correctionRequest,
    appendedRecord,
    'Append a StatusCorrected by the signed-in Supervisor, if the order has not moved since expectedSeq.',
  ),
  dismiss: channel(
    'supervisor',
    z.object({
      orderId: z.string().min(1),
      dismissesEventId: z.string().min(1),
      reason: z.string(),
      expectedSeq: z.number().int().nonnegative(),
    }),
    appendedRecord,
    'Append an AnomalyDismissed: the flag was a false alarm; the status stays as it is.',
  ),
  correctionsLog: channel(
    'operator',
    correctionsLogRequest,
    correctionsLogResponse,
    'Every office event (corrections and dismissals), newest first, with from → to and why.',
  ),
} satisfies Record<string, ChannelDef>;
