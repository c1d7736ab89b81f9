/**
 * What the journal hands out: the rows of its views, as zod schemas so the IPC contract can
 * check responses and the command line's `--json` output has one definition.
 */
import { z } from 'zod';
import { ANOMALY_KINDS } from '../rules/evaluate';
import { EVENT_TYPES, OPERATOR_ROLES } from '../events/envelope';

export const anomalyKindSchema = z.enum(ANOMALY_KINDS);
export const severitySchema = z.enum(['error', 'warning']);
export const eventTypeSchema = z.enum(EVENT_TYPES);
export const operatorRoleSchema = z.enum(OPERATOR_ROLES);

export const initiatorRecord = z.object({ id: z.string(), name: z.string().optional(), role: z.string() });

/** One anomaly as it hangs on its event. */
export const eventAnomalyRecord = z.object({
  kind: anomalyKindSchema,
  severity: severitySchema,
  open: z.boolean(),
  message: z.string(),
  /** The office event (a correction or a dismissal) that resolved it. */
  resolvedBySeq: z.number().int().nullable(),
});
export type EventAnomalyRecord = z.infer<typeof eventAnomalyRecord>;

/** An event as the journal holds it: the envelope plus what the journal added. */
export const eventRecord = z.object({
  seq: z.number().int().positive(),
  eventId: z.string(),
  type: eventTypeSchema,
  orderId: z.string(),
  traceId: z.string().optional(),
  initiatedBy: initiatorRecord,
  timestamp: z.string(),
  data: z.record(z.string(), z.unknown()),
  recordedAt: z.string(),
  source: z.string(),
  /** The rule set this event was checked with. */
  ruleSetId: z.string(),
  anomalies: z.array(eventAnomalyRecord),
});
export type EventRecord = z.infer<typeof eventRecord>;

/** The running status of one order (the `orders` projection). */
export const orderRecord = z.object({
  orderId: z.string(),
  status: z.string().nullable(),
  lastSeq: z.number().int(),
  lastEventAt: z.string(),
  eventCount: z.number().int(),
  openAnomalies: z.number().int(),
  customer: z.string().optional(),
  lines: z.array(z.object({ sku: z.string(), qty: z.number() })),
  picked: z.record(z.string(), z.number()),
  created: z.boolean(),
  beforeHold: z.string().nullable(),
});
export type OrderRecord = z.infer<typeof orderRecord>;

/** One anomaly in the inbox. */
export const anomalyRecord = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  eventId: z.string(),
  orderId: z.string(),
  type: eventTypeSchema,
  timestamp: z.string(),
  initiatedBy: initiatorRecord,
  kind: anomalyKindSchema,
  severity: severitySchema,
  open: z.boolean(),
  message: z.string(),
  resolvedBySeq: z.number().int().nullable(),
});
export type AnomalyRecord = z.infer<typeof anomalyRecord>;

export const rejectedLineRecord = z.object({
  id: z.number().int(),
  file: z.string(),
  line: z.number().int(),
  reason: z.string(),
  raw: z.string(),
  rejectedAt: z.string(),
});
export type RejectedLineRecord = z.infer<typeof rejectedLineRecord>;

/** What one import did (handbook §2 and the CLI's `import --json`). */
export const importReport = z.object({
  file: z.string(),
  accepted: z.number().int(),
  duplicates: z.number().int(),
  blank: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  /** Anomalies flagged on the accepted events. */
  anomalies: z.number().int(),
  /** Whether the import was cancelled before the end of the file (what was committed stays). */
  cancelled: z.boolean(),
  /**
   * Why the file as a whole was refused or stopped ("the file is not there"), in words; the
   * import goes on with the next file. Absent when the file was read to its end.
   */
  error: z.string().optional(),
});
export type ImportReport = z.infer<typeof importReport>;

export const verifyReport = z.object({
  ok: z.boolean(),
  events: z.number().int(),
  firstBadSeq: z.number().int().nullable(),
  problem: z.string().nullable(),
  /**
   * What the journal was held to besides its own chain: its export log's anchors, and the signed
   * bundles in the folders consulted (`verify --against`, the export destination when reachable).
   */
  anchors: z
    .object({
      exports: z.number().int(),
      bundles: z.number().int(),
      folders: z.array(z.string()),
      unreachable: z.array(z.string()),
    })
    .optional(),
});
export type VerifyReport = z.infer<typeof verifyReport>;

export const operatorRecord = z.object({
  id: z.string(),
  name: z.string(),
  role: operatorRoleSchema,
  /** Set when a Supervisor disabled the operator: listed, but may no longer sign in. */
  disabled: z.literal(true).optional(),
});
export type OperatorRecord = z.infer<typeof operatorRecord>;

export const correctionRequest = z.object({
  orderId: z.string().min(1),
  status: z.string().min(1),
  reason: z.string(),
  correctsEventId: z.string().optional(),
  /** The order's last seq as the operator saw it: anything newer refuses the correction. */
  expectedSeq: z.number().int().nonnegative(),
});
export type CorrectionRequest = z.infer<typeof correctionRequest>;

export const appendedRecord = z.object({ seq: z.number().int(), eventId: z.string(), status: z.string().optional() });
export type AppendedRecord = z.infer<typeof appendedRecord>;

/** Filters of the journal view; every one optional. Paging is by seq (keyset), newest first. */
export const journalFilter = z.object({
  types: z.array(eventTypeSchema).optional(),
  initiatorId: z.string().optional(),
  orderId: z.string().optional(),
  traceId: z.string().optional(),
  /** ISO times, inclusive, compared as instants. */
  from: z.string().optional(),
  to: z.string().optional(),
  flaggedOnly: z.boolean().optional(),
  /** Words from the search box (shared/search/terms): every word of three letters or more must match. */
  text: z.string().max(200).optional(),
});
export type JournalFilter = z.infer<typeof journalFilter>;

export const statusCountsRecord = z.record(z.string(), z.number().int());

/** The anomaly inbox's filter (listAnomalies, anomalyTotals, and the inbox as it stood). */
export const anomalyFilterRequest = z.object({
  open: z.boolean().optional(),
  orderId: z.string().max(128).optional(),
  /** Who made the flagged event: an operator id, or the start of a word of a name. */
  person: z.string().max(128).optional(),
  /** A piece of the customer's name. */
  customer: z.string().max(128).optional(),
  /** ISO times with an offset, inclusive. */
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
});

export const eventDetail = z.object({
  event: eventRecord,
  previous: eventRecord.nullable(),
  next: eventRecord.nullable(),
  /** The other events of the same trace, in seq order (this one left out). */
  trace: z.array(eventRecord),
  /** The order's status just before and just after this event (for the detail and correction forms). */
  statusBefore: z.string().nullable(),
  statusAfter: z.string().nullable(),
});
