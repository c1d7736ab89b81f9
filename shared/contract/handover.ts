/**
 * The shift handover: what happened in the journal since a time, for the person taking over.
 * One shape for `digest --json`, the Handover page and the "since you last signed in" notice.
 */
import { z } from 'zod';
import { anomalyRecord, initiatorRecord } from './records';
import { correctionRequestRecord } from './requests';
import { OFFICE_EVENT_TYPES } from '../events/envelope';

const bySeverity = z.object({ error: z.number().int(), warning: z.number().int() });

/**
 * An office event: a correction, dismissal or rule activation, a correction request made or
 * declined, an operator disabled or a password reset. Who, what, why.
 */
export const officeActionRecord = z.object({
  seq: z.number().int(),
  type: z.enum(OFFICE_EVENT_TYPES),
  by: initiatorRecord,
  timestamp: z.string(),
  /**
   * For people: "set to Packed (corrects s-1345693-08)", "dismissed s-…", "floor-rules@3 in
   * force", "asked a Supervisor to set it to Packed", "disabled operator jdoe"; a correction or
   * dismissal that ended a Clerk's request says so.
   */
  what: z.string(),
  /** The order it concerns; null for an operator change (disabled, password reset). */
  orderId: z.string().nullable(),
  reason: z.string(),
});
export type OfficeActionRecord = z.infer<typeof officeActionRecord>;

export const importRecord = z.object({
  source: z.string(),
  events: z.number().int(),
  fromSeq: z.number().int(),
  toSeq: z.number().int(),
  lastRecordedAt: z.string(),
});

export const refusedFileRecord = z.object({
  file: z.string(),
  lines: z.number().int(),
  /** The first few, for a glance: line number and reason. */
  first: z.array(z.object({ line: z.number().int(), reason: z.string() })),
});

export const exportSummaryRecord = z.object({
  bundle: z.string(),
  fromSeq: z.number().int(),
  toSeq: z.number().int(),
  events: z.number().int(),
  at: z.string(),
});
export type ExportSummaryRecord = z.infer<typeof exportSummaryRecord>;

/** How far corporate's copy reaches: the newest export and what the journal holds beyond it. */
export const anchoringRecord = z.object({
  headSeq: z.number().int(),
  lastExport: exportSummaryRecord.nullable(),
  /** Events recorded after the last export (all of them before the first). */
  unanchored: z.number().int(),
});
export type AnchoringRecord = z.infer<typeof anchoringRecord>;

export const digestRecord = z.object({
  since: z.string(),
  /** The journal's position at `since` (everything after it is new) and now. */
  sinceSeq: z.number().int(),
  headSeq: z.number().int(),
  newAnomalies: z.object({ total: bySeverity, rows: z.array(anomalyRecord), truncated: z.boolean() }),
  /** Office events since, oldest first (corrections, dismissals, rules, requests, operator changes). */
  officeActions: z.array(officeActionRecord),
  /** Operators added since (who may now sign in), oldest first. */
  operatorsAdded: z.array(z.object({ id: z.string(), name: z.string(), role: z.string(), at: z.string() })),
  /** Clerks' correction requests still waiting for a Supervisor, newest first (whenever they were made). */
  requestsWaiting: z.array(correctionRequestRecord),
  imports: z.array(importRecord),
  refused: z.array(refusedFileRecord),
  exports: z.array(exportSummaryRecord),
  anchoring: anchoringRecord,
  /** Anomalies flagged before `since` and still open. */
  carriedOver: z.object({ total: bySeverity, rows: z.array(anomalyRecord), truncated: z.boolean() }),
});
export type DigestRecord = z.infer<typeof digestRecord>;
