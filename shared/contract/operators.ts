/**
 * A Supervisor's changes to the operators: disable one (they can no longer sign in, and their
 * windows are signed out) and reset a password. Both are office events with a reason.
 * Spread into `channels` (./channels).
 */
import { z } from 'zod';
import { channel, type ChannelDef } from './channel';
import { appendedRecord } from './records';

export const operatorChannels = {
  disableOperator: channel(
    'supervisor',
    z.object({ operatorId: z.string().min(1).max(64), reason: z.string().max(2000) }),
    appendedRecord,
    'Disable an operator (an OperatorDisabled): refused for yourself and for the last Supervisor.',
  ),
  resetPassword: channel(
    'supervisor',
    z.object({
      operatorId: z.string().min(1).max(64),
      password: z.string().max(1024),
      reason: z.string().max(2000),
    }),
    appendedRecord,
    "Set an operator's new password (a PasswordReset, which records who and why, never the password).",
  ),
} satisfies Record<string, ChannelDef>;
