/**
 * People: who initiated what. Every event a person initiated, with its anomalies, whether it
 * fell outside their role's working hours, and what the office did about it afterwards.
 */
import { z } from 'zod';
import { shiftSchema } from '../people/workingHours';
import { eventRecord, initiatorRecord } from './records';

/** Someone who initiated events: a floor worker, the main system, or an office operator. */
export const personRecord = z.object({
  id: z.string(),
  name: z.string().optional(),
  /** The role of their latest event. */
  role: z.string(),
  events: z.number().int(),
  /** Events of theirs that were flagged. */
  flagged: z.number().int(),
  firstSeq: z.number().int(),
  lastSeq: z.number().int(),
  /** The timestamp of their latest event, as written. */
  lastAt: z.string(),
});
export type PersonRecord = z.infer<typeof personRecord>;

/** An office event that put right or dismissed what an event did. */
export const followUpRecord = z.object({
  seq: z.number().int(),
  eventId: z.string(),
  type: z.enum(['StatusCorrected', 'AnomalyDismissed']),
  by: initiatorRecord,
  timestamp: z.string(),
  reason: z.string(),
  /** The status a correction set. */
  status: z.string().optional(),
});
export type FollowUpRecord = z.infer<typeof followUpRecord>;

export const activityEntry = z.object({
  event: eventRecord,
  /** Outside the working hours the rule set in force names for the event's role. */
  afterHours: z.boolean(),
  followUps: z.array(followUpRecord),
});
export type ActivityEntry = z.infer<typeof activityEntry>;

export const activityReport = z.object({
  person: personRecord.nullable(),
  /** The working hours the rule set in force names for the person's role (null: none named). */
  shift: shiftSchema.nullable(),
  /** Oldest first. */
  entries: z.array(activityEntry),
  afterHours: z.number().int(),
  flagged: z.number().int(),
  corrected: z.number().int(),
  /** Whether more events matched than were returned (the newest `limit` are). */
  truncated: z.boolean(),
});
export type ActivityReport = z.infer<typeof activityReport>;
