/**
 * Time and people: the journal as it stood at an earlier position, what one person did, the
 * shift handover and the incident report. Spread into `channels` (./channels).
 */
import { z } from 'zod';
import { channel, type ChannelDef } from './channel';
import { digestRecord } from './handover';
import { activityReport, personRecord } from './people';
import { anomalyFilterRequest, anomalyKindSchema, anomalyRecord, eventRecord, orderRecord } from './records';

/** A journal position: 0 (before the first event) up to the journal's last seq. */
export const asOfSeq = z.number().int().nonnegative();

export const journalPositionRecord = z.object({
  seq: z.number().int(),
  /** When the event at `seq` was recorded (null for seq 0). */
  recordedAt: z.string().nullable(),
  lastSeq: z.number().int(),
});
export type JournalPositionRecord = z.infer<typeof journalPositionRecord>;

export const orderAsOfRecord = z.object({
  order: orderRecord.nullable(),
  history: z.array(eventRecord.extend({ statusAfter: z.string().nullable() })),
});

export const incidentReportFile = z.object({
  fileName: z.string(),
  /** The PDF, base64: produced in the worker and handed to the window whole, to be saved where the person says. */
  pdfBase64: z.string(),
  chainOk: z.boolean(),
  anchored: z.boolean(),
});
export type IncidentReportFile = z.infer<typeof incidentReportFile>;

export const handoverRecord = digestRecord.extend({
  /** Whether `since` is the operator's previous sign-in (else the default window, or the time asked). */
  sinceLastSignIn: z.boolean(),
});
export type HandoverRecord = z.infer<typeof handoverRecord>;

const pageLimit = z.number().int().min(1).max(1000).default(200);

export const historyChannels = {
  journalPosition: channel(
    'operator',
    z.union([z.object({ seq: asOfSeq }), z.object({ time: z.string().min(1).max(64) })]),
    journalPositionRecord,
    'A journal position by seq or by recorded time (the last seq recorded at or before it), with its time.',
  ),
  orderAsOf: channel(
    'operator',
    z.object({ orderId: z.string().min(1), asOfSeq }),
    orderAsOfRecord,
    'One order and its history as the journal stood at a position: later events left out, later resolutions undone.',
  ),
  ordersAsOf: channel(
    'operator',
    z.object({
      asOfSeq,
      status: z.string().optional(),
      withAnomalies: z.boolean().optional(),
      search: z.string().max(128).optional(),
      afterOrderId: z.string().optional(),
      limit: pageLimit,
    }),
    z.object({ rows: z.array(orderRecord), total: z.number().int() }),
    'The orders list as it stood at a position, filtered, in order-id order.',
  ),
  anomaliesAsOf: channel(
    'operator',
    anomalyFilterRequest.extend({
      asOfSeq,
      kind: anomalyKindSchema.optional(),
      severity: z.enum(['error', 'warning']).optional(),
      beforeId: z.number().int().positive().optional(),
      limit: pageLimit,
    }),
    z.object({ rows: z.array(anomalyRecord), nextBeforeId: z.number().int().nullable() }),
    'The anomaly inbox as it stood at a position, newest first.',
  ),
  people: channel(
    'operator',
    z.object({}).strict(),
    z.array(personRecord),
    'Everyone who initiated an event, with how many and how many were flagged.',
  ),
  activity: channel(
    'operator',
    z.object({
      initiator: z.string().min(1).max(128),
      from: z.string().max(64).optional(),
      to: z.string().max(64).optional(),
      limit: z.number().int().min(1).max(5000).default(2000),
    }),
    activityReport,
    'Every event one person initiated (the newest `limit`), with anomalies, after-hours marks and follow-ups.',
  ),
  handover: channel(
    'operator',
    z.object({
      since: z.string().max(64).optional(),
      /**
       * Only when the operator has signed in before (the sign-in notice): otherwise null, without
       * reading the journal, so a first sign-in does not keep the worker busy for a notice never shown.
       */
      onlySinceLastSignIn: z.boolean().optional(),
    }),
    handoverRecord.nullable(),
    'The shift handover since a time; without one, since the operator last signed in (else the last 12 hours).',
  ),
  incidentReport: channel(
    'operator',
    z.object({ orderId: z.string().min(1) }),
    incidentReportFile,
    "One order's incident report as a PDF, with the whole chain verified (in turns).",
  ),
} satisfies Record<string, ChannelDef>;
