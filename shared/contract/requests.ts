/**
 * Correction requests: a Clerk, who may not correct, hands a wrong status to a Supervisor.
 * The request and its decline are office events in the journal (`CorrectionRequested`,
 * `CorrectionDeclined`); a request ends when a Supervisor corrects or dismisses the flagged
 * event it names, or declines it. Spread into `channels` (./channels).
 */
import { z } from 'zod';
import { channel, type ChannelDef } from './channel';
import { appendedRecord } from './records';

const who = z.object({ id: z.string(), name: z.string(), role: z.string() });

export const REQUEST_STATES = ['open', 'corrected', 'dismissed', 'declined'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** One request as the Supervisor's inbox lists it. */
export const correctionRequestRecord = z.object({
  seq: z.number().int().positive(),
  eventId: z.string(),
  orderId: z.string(),
  /** The flagged event the Clerk would have corrected. */
  correctsEventId: z.string(),
  /** The status the Clerk proposes. */
  status: z.string(),
  reason: z.string(),
  note: z.string().nullable(),
  requestedBy: who,
  timestamp: z.string(),
  state: z.enum(REQUEST_STATES),
  /** The office event that ended it: the correction, the dismissal or the decline. */
  endedBy: z
    .object({
      seq: z.number().int(),
      eventId: z.string(),
      operator: who,
      reason: z.string(),
      status: z.string().nullable(),
    })
    .nullable(),
});
export type CorrectionRequestRecord = z.infer<typeof correctionRequestRecord>;

export const correctionRequestsRequest = z.object({
  /** Only the requests still waiting for a Supervisor (the default), or every one. */
  open: z.boolean().default(true),
  limit: z.number().int().min(1).max(500).default(100),
});
export type CorrectionRequestsRequest = z.input<typeof correctionRequestsRequest>;

export const correctionRequestsResponse = z.object({ rows: z.array(correctionRequestRecord) });
export type CorrectionRequestsResponse = z.infer<typeof correctionRequestsResponse>;

export const requestCorrectionRequest = z.object({
  orderId: z.string().min(1).max(64),
  correctsEventId: z.string().min(1).max(128),
  status: z.string().min(1).max(64),
  reason: z.string().max(2000),
  note: z.string().max(2000).optional(),
  /** The order's last seq as the Clerk saw it: anything newer refuses the request. */
  expectedSeq: z.number().int().nonnegative(),
});
export type RequestCorrectionRequest = z.infer<typeof requestCorrectionRequest>;

export const declineRequestRequest = z.object({
  requestEventId: z.string().min(1).max(128),
  reason: z.string().max(2000),
});
export type DeclineRequestRequest = z.infer<typeof declineRequestRequest>;

export const requestChannels = {
  requestCorrection: channel(
    // A Clerk's channel; the journal refuses a Trainee (and the dispatcher keeps Trainees to training).
    'operator',
    requestCorrectionRequest,
    appendedRecord,
    'Hand a correction to a Supervisor: a CorrectionRequested with the draft (flagged event, proposed status, reason) and a note.',
  ),
  declineRequest: channel(
    'supervisor',
    declineRequestRequest,
    appendedRecord,
    "Turn a correction request down: a CorrectionDeclined with the Supervisor's reason.",
  ),
  correctionRequests: channel(
    'operator',
    correctionRequestsRequest,
    correctionRequestsResponse,
    'Correction requests, newest first: who asked, what and why, and what ended them.',
  ),
} satisfies Record<string, ChannelDef>;
