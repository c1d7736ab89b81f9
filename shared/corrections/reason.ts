/**
 * The reason of an office event: the journal refuses anything shorter than the handbook's ten
 * characters, so the form says so before the operator presses Confirm.
 */
import { MIN_REASON_LENGTH, reasonRule } from './decide';

/** The handbook's minimum (§3: "non-blank, at least 10 characters"); the rule is `reasonRule` in decide. */
export { MIN_REASON_LENGTH };

export type ReasonCheck = { ok: true; reason: string } | { ok: false; message: string };

/**
 * Check a reason as typed, in the form's words (the rule itself is decide's `reasonRule`).
 * Surrounding blanks do not count and are dropped from what is written.
 */
export function validateReason(reason: string): ReasonCheck {
  const rule = reasonRule(reason);
  return rule.ok ? rule : { ok: false, message: rule.refusal.problem };
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
