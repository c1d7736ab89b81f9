/**
 * What the correction form needs to open, assembled once from what the journal holds: the
 * order, its history, the flagged event named (the one the form was opened from, the flag
 * chosen, or by default the latest open error), the suggestion, the rules in force, and what
 * decide lets the operator do. The `correctionContext` handler answers with it in one call.
 */
import type { CorrectionContext, CorrectionContextRequest } from '../contract/corrections';
import type { EventRecord, OperatorRecord, OrderRecord } from '../contract/records';
import { compileRules, type RuleSet } from '../rules/ruleSet';
import { mayWriteOfficeEvents } from './decide';
import { openAnomalies, type HistoryItem } from './history';
import { mayHandToSupervisor } from './requests';
import { suggestCorrection } from './suggest';

export interface CorrectionContextSources {
  operator: OperatorRecord | null;
  training: boolean;
  practising: boolean;
  answered: boolean;
  order: OrderRecord | null;
  /** The order's events in journal order, each with the status after it. */
  history: HistoryItem[];
  /** One event with its neighbours, by seq (of any order: the caller checks it is this one's). */
  detailOf: (seq: number) => CorrectionContext['detail'];
  ruleSet: RuleSet;
}

/** The flag a correction opened on the order names by default: the latest open error, else the latest open flag. */
export function defaultFlag(choices: readonly HistoryItem[]): number | null {
  for (let i = choices.length - 1; i >= 0; i--) {
    if (openAnomalies(choices[i]).some((a) => a.severity === 'error')) return choices[i]!.seq;
  }
  return choices[choices.length - 1]?.seq ?? null;
}

/** Whether whoever is signed in may confirm here: decide's role rule, or anyone who practises (their answer). */
export function mayConfirmHere(role: string | undefined, training: boolean, practising: boolean): boolean {
  if (role === undefined) return false;
  return practising || mayWriteOfficeEvents(role, training);
}

export function correctionContextOf(
  request: CorrectionContextRequest,
  from: CorrectionContextSources,
): CorrectionContext {
  const { history, practising } = from;
  const rules = compileRules(from.ruleSet);
  const opened = request.seq !== undefined ? from.detailOf(request.seq) : null;
  let named = opened;
  let flagChoices: HistoryItem[] = [];
  if (request.seq === undefined && !practising) {
    flagChoices = history.filter((item) => openAnomalies(item).length > 0);
    // A flag named before (kept across a reload or the write that resolved it), else the default.
    const keep = request.flag;
    const seq =
      keep !== undefined && (keep === null || history.some((i) => i.seq === keep)) ? keep : defaultFlag(flagChoices);
    named = seq === null ? null : from.detailOf(seq);
  }
  const opens = from.order !== null && (!opened || opened.event.orderId === request.orderId);
  // Opened on the order with no flag named: the suggestion is for no event (what the order is now).
  const suggestion = !opens
    ? null
    : named || request.seq !== undefined || flagChoices.length === 0
      ? suggestCorrection(history, named?.event.seq, rules)
      : suggestCorrection(history.map(unflagged), undefined, rules);
  const role = from.operator?.role;
  return {
    operator: from.operator,
    training: from.training,
    practising,
    answered: from.answered,
    order: from.order,
    history,
    detail: named,
    flagChoices: flagChoices.map((item) => item.seq),
    ruleSet: from.ruleSet,
    suggestion,
    possible: {
      confirm: mayConfirmHere(role, from.training, practising),
      sendToSupervisor: mayHandToSupervisor(role, from.training, practising),
    },
  };
}

/** A history item with its flags left out: for a suggestion that names no event. */
function unflagged(item: HistoryItem): HistoryItem {
  return { ...item, anomalies: item.anomalies.filter((a) => !a.open) } as HistoryItem & EventRecord;
}
