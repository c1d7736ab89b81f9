/**
 * What a correction or a dismissal would do, before anything is written ("Before
 * anything is written, a preview"). Pure: the form shows it, then sends the same request; the
 * journal applies the same fold, so the status shown here is the status the order will have.
 */
import type { AnomalyDismissedData, StatusCorrectedData } from '../events/envelope';
import type { EventAnomalyRecord } from '../contract/records';
import type { CompiledRules } from '../rules/ruleSet';
import { describeNextMoves, nextMoves, type NextMove } from './nextMoves';
import { openAnomalies, orderNow, type HistoryItem } from './history';
import { correctedState } from './suggest';
import { validateReason } from './reason';
import { isoWithOffset } from './time';

/** Who would write the office event: the signed-in operator, never someone typed in. */
export interface PreviewOperator {
  id: string;
  name?: string;
  role: string;
}

export interface CorrectionDraft {
  status: string;
  reason: string;
  correctsEventId?: string;
}

export interface DismissalDraft {
  dismissesEventId: string;
  reason: string;
}

export interface PreviewOptions {
  /** When the event would be written (the preview shows it; the journal stamps its own). */
  now?: Date;
  /** A training journal admits Trainees' corrections (handbook §6); the real one Supervisors' only. */
  training?: boolean;
}

/** An anomaly the office event would resolve, with the event it hangs on. */
export interface ResolvedAnomaly extends EventAnomalyRecord {
  seq: number;
  eventId: string;
}

/** The event exactly as it would be appended; the journal gives it its id and seq. */
export interface PendingOfficeEvent<T extends 'StatusCorrected' | 'AnomalyDismissed', D> {
  type: T;
  orderId: string;
  initiatedBy: PreviewOperator;
  timestamp: string;
  data: D;
}

interface PreviewBase {
  /** Nothing in `problems`: the journal would accept it (unless the order moves meanwhile). */
  ok: boolean;
  /** What stops it, one sentence each, in the order the form shows them. */
  problems: string[];
  statusBefore: string | null;
  statusAfter: string | null;
  resolves: ResolvedAnomaly[];
  /** The order's other open anomalies: the office event leaves them open (said before Confirm). */
  staysOpen: ResolvedAnomaly[];
  /** Where the next event may take the order afterwards. */
  next: NextMove[];
  nextNote: string;
  /** Who, when, what, why, in one sentence. */
  summary: string;
}

export interface CorrectionPreview extends PreviewBase {
  event: PendingOfficeEvent<'StatusCorrected', StatusCorrectedData>;
}

export interface DismissalPreview extends PreviewBase {
  event: PendingOfficeEvent<'AnomalyDismissed', AnomalyDismissedData>;
}

/** Roles that may write office events in this kind of journal. */
export function mayWriteOfficeEvents(role: string, training = false): boolean {
  return role === 'Supervisor' || (training && role === 'Trainee');
}

function operatorProblem(operator: PreviewOperator, training: boolean, action: string): string | null {
  if (mayWriteOfficeEvents(operator.role, training)) return null;
  if (operator.role === 'Trainee') return `A Trainee's ${action} go to the training journal only, never to this one.`;
  return `Only a Supervisor may write ${action}; you are signed in as ${article(operator.role)}.`;
}

function who(operator: PreviewOperator): string {
  return `${operator.name ?? operator.id} (${operator.role})`;
}

/** Preview a `StatusCorrected` of the order whose history is given. */
export function previewCorrection(
  history: readonly HistoryItem[],
  draft: CorrectionDraft,
  operator: PreviewOperator,
  rules: CompiledRules,
  options: PreviewOptions = {},
): CorrectionPreview {
  const orderId = history[0]?.orderId ?? '';
  const problems: string[] = [];
  if (history.length === 0) problems.push('The order has no events in this journal.');
  const byOperator = operatorProblem(operator, options.training ?? false, 'corrections');
  if (byOperator) problems.push(byOperator);
  if (!rules.statuses.has(draft.status)) {
    problems.push(`"${draft.status}" is not a status of the rule set ${rules.ruleSet.id} v${rules.ruleSet.version}.`);
  }
  const reason = validateReason(draft.reason);
  if (!reason.ok) problems.push(reason.message);

  let corrected: HistoryItem | undefined;
  if (draft.correctsEventId !== undefined) {
    corrected = history.find((item) => item.eventId === draft.correctsEventId);
    if (!corrected) problems.push(`Event ${draft.correctsEventId} is not an event of order ${orderId}.`);
  }

  const now = orderNow(history, rules, orderId);
  const after = correctedState(now, draft.status, rules);
  const next = nextMoves(after, rules);
  // Fields in the order the journal writes them, so the preview reads like the event will.
  const data = { status: draft.status, reason: reason.ok ? reason.reason : draft.reason.trim() } as StatusCorrectedData;
  if (draft.correctsEventId !== undefined) data.correctsEventId = draft.correctsEventId;
  const order = { orderId } as StatusCorrectedData['order'];
  if (now.customer !== undefined) order.customer = now.customer;
  order.lines = [...now.lines];
  data.order = order;
  const timestamp = isoWithOffset(options.now ?? new Date());
  const compensates = corrected ? ` (compensating event #${corrected.seq}, ${corrected.type})` : '';
  return {
    ok: problems.length === 0,
    problems,
    statusBefore: now.status,
    statusAfter: after.status,
    resolves: resolvedBy(corrected),
    staysOpen: leftOpen(history, corrected),
    next,
    nextNote: describeNextMoves(after.status, next, rules),
    summary:
      `${who(operator)} sets order ${orderId} from ${now.status ?? 'no status'} to ${draft.status}` +
      `${compensates} at ${timestamp}, because: ${data.reason}`,
    event: { type: 'StatusCorrected', orderId, initiatedBy: { ...operator }, timestamp, data },
  };
}

/** Preview an `AnomalyDismissed`: the flag was a false alarm, the status stays. */
export function previewDismissal(
  history: readonly HistoryItem[],
  draft: DismissalDraft,
  operator: PreviewOperator,
  rules: CompiledRules,
  options: PreviewOptions = {},
): DismissalPreview {
  const orderId = history[0]?.orderId ?? '';
  const problems: string[] = [];
  if (history.length === 0) problems.push('The order has no events in this journal.');
  const byOperator = operatorProblem(operator, options.training ?? false, 'dismissals');
  if (byOperator) problems.push(byOperator);
  const reason = validateReason(draft.reason);
  if (!reason.ok) problems.push(reason.message);
  const dismissed = history.find((item) => item.eventId === draft.dismissesEventId);
  if (!dismissed) problems.push(`Event ${draft.dismissesEventId} is not an event of order ${orderId}.`);
  else if (openAnomalies(dismissed).length === 0)
    problems.push(`Event #${dismissed.seq} has no open anomaly to dismiss.`);

  const now = orderNow(history, rules, orderId);
  const next = nextMoves(now, rules);
  const timestamp = isoWithOffset(options.now ?? new Date());
  const data: AnomalyDismissedData = {
    dismissesEventId: draft.dismissesEventId,
    reason: reason.ok ? reason.reason : draft.reason.trim(),
  };
  return {
    ok: problems.length === 0,
    problems,
    statusBefore: now.status,
    statusAfter: now.status,
    resolves: resolvedBy(dismissed),
    staysOpen: leftOpen(history, dismissed),
    next,
    nextNote: describeNextMoves(now.status, next, rules),
    summary:
      `${who(operator)} dismisses the flag on event #${dismissed?.seq ?? '?'} of order ${orderId} as a false alarm` +
      ` at ${timestamp}; the status stays ${now.status ?? 'unset'}, because: ${data.reason}`,
    event: { type: 'AnomalyDismissed', orderId, initiatedBy: { ...operator }, timestamp, data },
  };
}

/** A correction resolves the open anomalies of the event it corrects (handbook §6), and no others. */
function resolvedBy(item: HistoryItem | undefined): ResolvedAnomaly[] {
  if (!item) return [];
  return openAnomalies(item).map((a) => ({ ...a, seq: item.seq, eventId: item.eventId }));
}

/** Every open anomaly of the order except those on the event the office event names. */
function leftOpen(history: readonly HistoryItem[], named: HistoryItem | undefined): ResolvedAnomaly[] {
  return history
    .filter((item) => item.seq !== named?.seq)
    .flatMap((item) => openAnomalies(item).map((a) => ({ ...a, seq: item.seq, eventId: item.eventId })));
}

function article(role: string): string {
  return /^[AEIOU]/.test(role) ? `an ${role}` : `a ${role}`;
}
