/**
 * Sign-in that resists guessing: the attempts kept per operator, and what a Supervisor sees of
 * them. The throttle itself (electron/operators/throttle) runs in the journal worker.
 */
import { z } from 'zod';

/** ok: signed in; wrong-password; too-soon: refused while the operator must wait; locked: refused while locked. */
export const SIGN_IN_OUTCOMES = ['ok', 'wrong-password', 'too-soon', 'locked'] as const;
export const signInOutcome = z.enum(SIGN_IN_OUTCOMES);
export type SignInOutcome = z.infer<typeof signInOutcome>;

export const signInAttemptRecord = z.object({
  id: z.number().int(),
  /** As typed: attempts at ids that do not exist are kept too. */
  operatorId: z.string(),
  at: z.string(),
  /** The window (Electron) or browser page it came from. */
  session: z.string(),
  outcome: signInOutcome,
  /** Set on the wrong password that locked the operator: until when. */
  lockedUntil: z.string().nullable(),
});
export type SignInAttemptRecord = z.infer<typeof signInAttemptRecord>;
