/**
 * Which status a correction should set (handbook §6): the one offered by default is the status
 * the order would have now had the flagged event never happened (the missing package: back to
 * `Packed`). Where that is the status it has already, no correction is needed and the dismissal
 * is the answer. Every other status of the rule set is listed too, each with a note on where the
 * order can go next.
 *
 * Not "the status just before the flagged event": for an order that has moved on since (a
 * duplicate creation on an order shipped since), that would send it back, the very mistake of
 * the missing package.
 */
import type { CompiledRules } from '../rules/ruleSet';
import { evolve, type OrderState } from '../orders/orderState';
import { anomalyName } from '../rules/anomalyNames';
import { describeNextMoves, nextMoves, type NextMove } from './nextMoves';
import {
  latestFlagged,
  openAnomalies,
  orderBefore,
  orderNow,
  orderWithout,
  type FoldRules,
  type HistoryItem,
} from './history';

export interface StatusOption {
  status: string;
  /** The status offered by default (preselected in the form). */
  isDefault: boolean;
  /** The status suggested (handbook §6); none is when no correction is needed. */
  isSuggested: boolean;
  /** The status the order has now: correcting to it changes nothing but resolves the flag. */
  isCurrent: boolean;
  final: boolean;
  /** Where the next event may take the order once it has this status. */
  next: NextMove[];
  /** One plain sentence for the form. */
  note: string;
}

export interface CorrectionSuggestion {
  orderId: string;
  /** The event the correction compensates, when there is one. */
  flagged: HistoryItem | null;
  /** Status just before the flagged event (null when the order had none yet). */
  statusBefore: string | null;
  /** The order's status now. */
  current: string | null;
  /** What the order would be now had the flagged event never happened (null: no flagged event, or no status). */
  statusWithout: string | null;
  /**
   * The status a correction should set, or null when none is to be suggested: nothing is
   * flagged, or the replay without the flagged event gives what the order is already.
   */
  suggestedStatus: string | null;
  /** A flagged event whose replay without it changes nothing: dismiss the flag instead of correcting. */
  noCorrectionNeeded: boolean;
  /** The order's last seq: the form sends it as `expectedSeq`. */
  lastSeq: number;
  /** Events recorded after the flagged one: the default may no longer be what the floor did last. */
  laterEvents: number;
  defaultStatus: string;
  /** Why the default is the default, in a sentence. */
  defaultWhy: string;
  /** Every status of the rule set, the default first, then in the rule set's order. */
  options: StatusOption[];
}

/**
 * Suggest a correction for the order whose history is given. `flaggedSeq` names the flagged
 * event; without it, the latest event that still has an open anomaly is taken.
 */
export function suggestCorrection(
  history: readonly HistoryItem[],
  flaggedSeq: number | undefined,
  rules: CompiledRules,
): CorrectionSuggestion {
  const orderId = history[0]?.orderId ?? '';
  const flagged = flaggedSeq === undefined ? latestFlagged(history) : history.find((item) => item.seq === flaggedSeq);
  if (flaggedSeq !== undefined && !flagged) {
    throw new Error(`event #${flaggedSeq} is not in the history of order ${orderId || '(empty)'}`);
  }
  const now = orderNow(history, rules, orderId);
  const before = flagged ? orderBefore(history, flagged.seq, rules, orderId) : now;
  const lastSeq = history[history.length - 1]?.seq ?? 0;
  const laterEvents = flagged ? history.filter((item) => item.seq > flagged.seq).length : 0;

  const without = flagged ? orderWithout(history, flagged.seq, rules, orderId) : null;
  const { defaultStatus, defaultWhy, suggestedStatus, noCorrectionNeeded } = chooseDefault(
    flagged,
    without,
    now,
    rules,
  );
  const statuses = [defaultStatus, ...rules.ruleSet.statuses.filter((s) => s !== defaultStatus)];
  const options = statuses.map((status): StatusOption => {
    const after = correctedState(now, status, rules);
    const next = nextMoves(after, rules);
    const isDefault = status === defaultStatus;
    const isCurrent = status === now.status;
    const lead = isDefault ? `${defaultWhy} ` : isCurrent ? 'What the order is now. ' : '';
    return {
      status,
      isDefault,
      isSuggested: status === suggestedStatus,
      isCurrent,
      final: rules.final.has(status),
      next,
      note: lead + describeNextMoves(status, next, rules),
    };
  });
  return {
    orderId,
    flagged: flagged ?? null,
    statusBefore: flagged ? before.status : null,
    current: now.status,
    statusWithout: without?.status ?? null,
    suggestedStatus,
    noCorrectionNeeded,
    lastSeq,
    laterEvents,
    defaultStatus,
    defaultWhy,
    options,
  };
}

/**
 * The status a correction of the event at `seq` should set (handbook §6), or null when no
 * correction is needed: the replay without the event gives the status the order has now, or no
 * status at all. The one rule behind the form, the preview, the grading and the command line.
 */
export function suggestedStatusOf(history: readonly HistoryItem[], seq: number, rules: FoldRules): string | null {
  const without = orderWithout(history, seq, rules).status;
  return without !== null && without !== orderNow(history, rules).status ? without : null;
}

/** The order as it would be after a correction to `status`, through the journal's own fold. */
export function correctedState(state: OrderState, status: string, rules: CompiledRules): OrderState {
  return evolve(
    state,
    {
      eventId: '(preview)',
      type: 'StatusCorrected',
      orderId: state.orderId,
      initiatedBy: { id: '(preview)', role: 'Supervisor' },
      timestamp: '1970-01-01T00:00:00Z',
      data: { status },
    },
    0,
    rules,
  );
}

function chooseDefault(
  flagged: HistoryItem | undefined,
  without: OrderState | null,
  now: OrderState,
  rules: CompiledRules,
): { defaultStatus: string; defaultWhy: string; suggestedStatus: string | null; noCorrectionNeeded: boolean } {
  if (flagged && without) {
    const kinds = openAnomalies(flagged).map((a) => a.kind);
    const what = `event #${flagged.seq}` + (kinds.length ? ` (${kinds.map(anomalyName).join(', ')})` : '');
    if (without.status !== null && without.status !== now.status) {
      return {
        defaultStatus: without.status,
        defaultWhy: `What the order would be now had ${what} never happened.`,
        suggestedStatus: without.status,
        noCorrectionNeeded: false,
      };
    }
    const current = now.status ?? rules.initial;
    return {
      defaultStatus: current,
      defaultWhy:
        without.status === null
          ? `Without ${what} the order would have no status at all: there is nothing to correct it to, so no correction is needed. Dismiss the flag once the floor has checked.`
          : `Had ${what} never happened, the order would be ${without.status} now, which it already is: no correction is needed. Dismiss the flag once the floor has checked.`,
      suggestedStatus: null,
      noCorrectionNeeded: true,
    };
  }
  if (now.status !== null) {
    return {
      defaultStatus: now.status,
      defaultWhy: 'What the order is now.',
      suggestedStatus: null,
      noCorrectionNeeded: false,
    };
  }
  return {
    defaultStatus: rules.initial,
    defaultWhy: 'The order has no status yet; this is where every order starts.',
    suggestedStatus: null,
    noCorrectionNeeded: false,
  };
}
