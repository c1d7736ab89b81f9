/**
 * Which status a correction should set (handbook §6): the one offered by default is the status
 * the order had just before the flagged event (the missing package: back to `Packed`); every
 * other status of the rule set is listed too, each with a note on where the order can go next.
 */
import type { CompiledRules } from '../rules/ruleSet';
import { evolve, type OrderState } from '../orders/orderState';
import { describeNextMoves, nextMoves, type NextMove } from './nextMoves';
import { latestFlagged, openAnomalies, orderBefore, orderNow, type HistoryItem } from './history';

export interface StatusOption {
  status: string;
  /** The status offered by default (preselected in the form). */
  isDefault: boolean;
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

  const { defaultStatus, defaultWhy } = chooseDefault(flagged, before, now, rules);
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
    lastSeq,
    laterEvents,
    defaultStatus,
    defaultWhy,
    options,
  };
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
  before: OrderState,
  now: OrderState,
  rules: CompiledRules,
): { defaultStatus: string; defaultWhy: string } {
  if (flagged && before.status !== null) {
    const kinds = openAnomalies(flagged).map((a) => a.kind);
    return {
      defaultStatus: before.status,
      defaultWhy:
        `What the order was just before the flagged event #${flagged.seq}` +
        (kinds.length ? ` (${kinds.join(', ')}).` : '.'),
    };
  }
  if (now.status !== null) {
    return {
      defaultStatus: now.status,
      defaultWhy: flagged
        ? `The order had no status before event #${flagged.seq}; this is what it is now.`
        : 'What the order is now.',
    };
  }
  return { defaultStatus: rules.initial, defaultWhy: 'The order has no status yet; this is where every order starts.' };
}
