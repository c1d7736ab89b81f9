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
import {
  correctionData,
  decideCorrection,
  decideDismissal,
  dismissalData,
  type CorrectCommand,
  type Decision,
  type DismissCommand,
  type OfficeOperator,
  type OfficeState,
  type Refusal,
  type RefusalSubject,
} from './decide';
import { isoWithOffset } from './time';

/** Who would write the office event: the signed-in operator, never someone typed in. */
export type PreviewOperator = OfficeOperator;

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
  /** The same, as decide refused it (what each is about, the journal's words): `problems` are their `problem`s. */
  refusals: Refusal[];
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

/** The order of the form's sentences: what is wrong with the order first, then who, then what was typed. */
const FORM_ORDER: readonly RefusalSubject[] = ['order', 'operator', 'status', 'reason', 'event', 'stale', 'ruleSet'];

function inFormOrder(decision: Decision<unknown>): Refusal[] {
  if (decision.ok) return [];
  return [...decision.refusals].sort((x, y) => FORM_ORDER.indexOf(x.about) - FORM_ORDER.indexOf(y.about));
}

/** What decide knows of the order, from its history as the form loaded it. */
function stateOf(history: readonly HistoryItem[], rules: CompiledRules, options: PreviewOptions, named?: HistoryItem) {
  const orderId = history[0]?.orderId ?? '';
  const now = orderNow(history, rules, orderId);
  const state: OfficeState = {
    journal: options.training ? 'training' : 'real',
    rules,
    ruleKey: `${rules.ruleSet.id}@${rules.ruleSet.version}`,
  };
  if (history.length > 0) state.order = { state: now, lastSeq: history[history.length - 1]!.seq };
  if (named) {
    state.named = { eventId: named.eventId, seq: named.seq, orderId, openAnomalies: openAnomalies(named).length };
  }
  return { orderId, now, state };
}

function who(operator: PreviewOperator): string {
  return `${operator.name ?? operator.id} (${operator.role})`;
}

/** Preview a `StatusCorrected` of the order whose history is given: decide, then evolve. */
export function previewCorrection(
  history: readonly HistoryItem[],
  draft: CorrectionDraft,
  operator: PreviewOperator,
  rules: CompiledRules,
  options: PreviewOptions = {},
): CorrectionPreview {
  const corrected =
    draft.correctsEventId === undefined ? undefined : history.find((item) => item.eventId === draft.correctsEventId);
  const { orderId, now, state } = stateOf(history, rules, options, corrected);
  const command: CorrectCommand = { type: 'correct', orderId, status: draft.status, reason: draft.reason };
  if (draft.correctsEventId !== undefined) command.correctsEventId = draft.correctsEventId;
  const decision = decideCorrection(command, state, operator);
  const after = correctedState(now, draft.status, rules);
  const next = nextMoves(after, rules);
  // Refused, the event is still shown as it would read (the reason as typed, trimmed).
  const data = decision.ok ? decision.event.data : correctionData(command, draft.reason.trim(), now);
  const timestamp = isoWithOffset(options.now ?? new Date());
  const compensates = corrected ? ` (compensating event #${corrected.seq}, ${corrected.type})` : '';
  const refusals = inFormOrder(decision);
  return {
    ok: refusals.length === 0,
    problems: refusals.map((r) => r.problem),
    refusals,
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
  const dismissed = history.find((item) => item.eventId === draft.dismissesEventId);
  const { orderId, now, state } = stateOf(history, rules, options, dismissed);
  const command: DismissCommand = {
    type: 'dismiss',
    orderId,
    dismissesEventId: draft.dismissesEventId,
    reason: draft.reason,
  };
  const decision = decideDismissal(command, state, operator);
  const next = nextMoves(now, rules);
  const timestamp = isoWithOffset(options.now ?? new Date());
  const data = decision.ok ? decision.event.data : dismissalData(command, draft.reason.trim());
  const refusals = inFormOrder(decision);
  return {
    ok: refusals.length === 0,
    problems: refusals.map((r) => r.problem),
    refusals,
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
