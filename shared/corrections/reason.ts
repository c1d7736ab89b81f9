/**
 * The reason of an office event: the journal refuses anything shorter than the handbook's ten
 * characters, so the form says so before the operator presses Confirm.
 */
import { reasonSchema } from '../events/envelope';

/** The handbook's minimum (§3: "non-blank, at least 10 characters"). */
export const MIN_REASON_LENGTH = 10;

export type ReasonCheck = { ok: true; reason: string } | { ok: false; message: string };

/**
 * Check a reason as typed. Surrounding blanks do not count and are dropped from what is written,
 * so "   ok       " is refused and "Found on shelf B4 " is written as "Found on shelf B4".
 */
export function validateReason(reason: string): ReasonCheck {
  const trimmed = reason.trim();
  if (trimmed.length === 0) return { ok: false, message: 'A reason is required: say why the status is wrong.' };
  if (!reasonSchema.safeParse(trimmed).success || trimmed.length < MIN_REASON_LENGTH) {
    const missing = MIN_REASON_LENGTH - trimmed.length;
    return {
      ok: false,
      message: `The reason is too short: at least ${MIN_REASON_LENGTH} characters (${missing} more).`,
    };
  }
  return { ok: true, reason: trimmed };
}

/**
 * Reasons the office gives most often, to pick and then complete: the "…" marks what the
 * operator still has to fill in, and a reason still holding it is not finished.
 */
export const COMMON_CORRECTION_REASONS: readonly string[] = [
  'Found physically at …',
  'Entered in error by …',
  'Scanner sent the wrong status at …',
  'Confirmed with the team lead (…) that the order is …',
  'Customer service confirmed …',
];

export const COMMON_DISMISSAL_REASONS: readonly string[] = [
  'Checked on the floor: nothing is wrong, …',
  'The main system re-sent an event already handled: …',
  'Agreed practice on the floor: …',
];

/** Whether a picked reason still has its "…" to fill in. */
export function hasPlaceholder(reason: string): boolean {
  return reason.includes('…');
}
