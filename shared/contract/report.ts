/**
 * The incident report of one order: what a PDF for corporate says, gathered once and written by
 * one generator for the command line and the app.
 */
import { z } from 'zod';
import { exportSummaryRecord } from './handover';
import { followUpRecord } from './people';
import { eventRecord, orderRecord } from './records';

export const reportEventRecord = z.object({
  event: eventRecord,
  /** The order's status after the event. */
  statusAfter: z.string().nullable(),
  hash: z.string(),
  prevHash: z.string(),
  /** Whether the stored hash is the hash of the event's content and the previous event's hash. */
  hashOk: z.boolean(),
  followUps: z.array(followUpRecord),
});
export type ReportEventRecord = z.infer<typeof reportEventRecord>;

export const incidentFacts = z.object({
  orderId: z.string(),
  order: orderRecord,
  events: z.array(reportEventRecord),
  chain: z.object({
    /** `journal`: every hash of the journal recomputed; `order`: the order's events against their neighbours. */
    scope: z.enum(['journal', 'order']),
    ok: z.boolean(),
    events: z.number().int(),
    firstBadSeq: z.number().int().nullable(),
    problem: z.string().nullable(),
  }),
  /** The export whose bundle carries the order's latest event, if it has been exported. */
  anchor: exportSummaryRecord.nullable(),
  headSeq: z.number().int(),
  /** sha256 of the workstation's public key (what corporate checks bundles with); null before the first export key. */
  keyFingerprint: z.string().nullable(),
  journalPath: z.string(),
  generatedAt: z.string(),
  generatedBy: z.string(),
});
export type IncidentFacts = z.infer<typeof incidentFacts>;
