/**
 * Checking one event against the floor rules (handbook §5): the single pure function the
 * journal, rebuild, the rule preview and the training grader all call.
 *
 *   (order state, event, rules) → { anomalies, next state }
 */
import { isOfficeEventType, type ItemPickedData, type OrderEvent, type StatusData } from '../events/envelope';
import { emptyOrder, evolve, type OrderState } from '../orders/orderState';
import type { CompiledRules } from './ruleSet';
import { describeShift, isAfterHours } from '../people/workingHours';

export const ANOMALY_KINDS = [
  'illegal-transition',
  'not-permitted',
  'after-final',
  'pick-in-wrong-status',
  'duplicate-creation',
  'unknown-order',
  'unexpected-item',
  'over-pick',
  'no-change',
  'out-of-order',
  'after-hours',
] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];
export type Severity = 'error' | 'warning';

export const SEVERITY: Readonly<Record<AnomalyKind, Severity>> = {
  'illegal-transition': 'error',
  'not-permitted': 'error',
  'after-final': 'error',
  'pick-in-wrong-status': 'error',
  'duplicate-creation': 'error',
  'unknown-order': 'warning',
  'unexpected-item': 'warning',
  'over-pick': 'warning',
  'no-change': 'warning',
  'out-of-order': 'warning',
  'after-hours': 'warning',
};

/** Kinds flagged only when the rule set in force asks for them (`flagAfterHours`). */
export const OPT_IN_KINDS: ReadonlySet<AnomalyKind> = new Set(['after-hours']);

/** One thing wrong with one event, with a sentence that says it in the office's words. */
export interface AnomalyFinding {
  kind: AnomalyKind;
  severity: Severity;
  message: string;
}

export interface Evaluation {
  anomalies: AnomalyFinding[];
  next: OrderState;
}

const finding = (kind: AnomalyKind, message: string): AnomalyFinding => ({ kind, severity: SEVERITY[kind], message });

/**
 * Check `event` against the order as it stands and the rules in force, and fold it in.
 * `instant` is the event's timestamp in ms since the epoch (the caller parsed it once already).
 */
export function evaluate(
  state: OrderState | undefined,
  event: OrderEvent,
  rules: CompiledRules,
  instant: number = Date.parse(event.timestamp),
): Evaluation {
  const before = state ?? emptyOrder(event.orderId);
  const next = evolve(before, event, instant, rules);
  return { anomalies: check(before, event, rules, instant), next };
}

/** The anomalies of an event, combined as handbook §5 prescribes. */
export function check(state: OrderState, event: OrderEvent, rules: CompiledRules, instant: number): AnomalyFinding[] {
  // Office events are the way out of a wrong state: exempt from every rule.
  if (isOfficeEventType(event.type)) return [];

  if (!state.created && event.type !== 'OrderCreated') {
    return [finding('unknown-order', `order ${event.orderId} has no OrderCreated yet`)];
  }
  if (state.status !== null && rules.final.has(state.status) && event.type !== 'CustomerNotified') {
    return [
      finding(
        'after-final',
        `the order was already ${state.status}, a final status: nothing may follow it (${describe(event)})`,
      ),
    ];
  }

  const found: AnomalyFinding[] = [];
  switch (event.type) {
    case 'OrderCreated':
      if (state.created) found.push(finding('duplicate-creation', `order ${event.orderId} was already created`));
      break;
    case 'StatusChanged':
      checkTransition(state, event, rules, found);
      break;
    case 'ItemPicked':
      checkPick(state, event.data as unknown as ItemPickedData, rules, found);
      break;
    default:
      break;
  }
  if (state.latestInstant !== null && instant < state.latestInstant) {
    found.push(
      finding(
        'out-of-order',
        `its time ${event.timestamp} is earlier than ${state.latestTimestamp ?? 'a time'} already seen for this order`,
      ),
    );
  }
  const { role } = event.initiatedBy;
  const shift = rules.flagAfterHours ? rules.workingHours?.[role] : undefined;
  if (shift && isAfterHours(event.timestamp, role, rules.workingHours)) {
    found.push(
      finding(
        'after-hours',
        `${article(role)} made it at ${event.timestamp.slice(11, 16)} on the floor's clock, outside the ${role}'s working hours (${describeShift(shift)})`,
      ),
    );
  }
  return found;
}

function checkTransition(state: OrderState, event: OrderEvent, rules: CompiledRules, found: AnomalyFinding[]): void {
  const to = (event.data as unknown as StatusData).status;
  const from = state.status;
  if (from === to) {
    found.push(finding('no-change', `the order is already ${to}`));
    return;
  }
  if (from === null) return; // only reachable for a created order, which always has a status
  const who = rules.whoMay(from, to, from === rules.hold ? state.beforeHold : null);
  if (who === undefined) {
    const why =
      from === rules.hold && state.beforeHold !== null ? ` (it was put on hold from ${state.beforeHold})` : '';
    found.push(finding('illegal-transition', `${from} → ${to} is not an allowed change${why}`));
  } else if (who !== null && !who.has(event.initiatedBy.role)) {
    found.push(
      finding(
        'not-permitted',
        `${from} → ${to} is allowed only for ${[...who].join(' or ')}, not for ${article(event.initiatedBy.role)}`,
      ),
    );
  }
}

function checkPick(state: OrderState, data: ItemPickedData, rules: CompiledRules, found: AnomalyFinding[]): void {
  if (state.status === null || !rules.pickableIn.has(state.status)) {
    found.push(
      finding(
        'pick-in-wrong-status',
        `an item was picked while the order was ${state.status ?? 'without a status'} (picking happens in ${[...rules.pickableIn].join(' or ')})`,
      ),
    );
  }
  const line = state.lines.find((l) => l.sku === data.itemSku);
  if (!line) {
    found.push(finding('unexpected-item', `SKU ${data.itemSku} is not on the order`));
  } else {
    const total = (state.picked[data.itemSku] ?? 0) + data.itemQty;
    if (total > line.qty) {
      found.push(finding('over-pick', `${total} of SKU ${data.itemSku} picked, but the order has ${line.qty}`));
    }
  }
}

function describe(event: OrderEvent): string {
  if (event.type === 'StatusChanged') return `set to ${(event.data as unknown as StatusData).status}`;
  return event.type;
}

function article(role: string): string {
  return /^[AEIOU]/.test(role) ? `an ${role}` : `a ${role}`;
}
