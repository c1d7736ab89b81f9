/** Small builders for order events, so rule tests read like the handbook's tables. */
import type { OrderEvent } from '../../shared/events/envelope';
import { evaluate, type AnomalyFinding } from '../../shared/rules/evaluate';
import { compileRules, type RuleSet } from '../../shared/rules/ruleSet';
import { FLOOR_RULES } from '../../shared/rules/builtin';
import type { OrderState } from '../../shared/orders/orderState';

let counter = 0;
let clock = Date.parse('2026-11-26T08:00:00Z');

export function resetClock(): void {
  counter = 0;
  clock = Date.parse('2026-11-26T08:00:00Z');
}

export function ev(
  type: OrderEvent['type'],
  data: Record<string, unknown>,
  role: OrderEvent['initiatedBy']['role'] = 'System',
  overrides: Partial<OrderEvent> = {},
): OrderEvent {
  clock += 60_000;
  counter += 1;
  return {
    eventId: `e-${counter}`,
    type,
    orderId: '1',
    initiatedBy: { id: role.toLowerCase(), role },
    timestamp: new Date(clock).toISOString(),
    data,
    ...overrides,
  };
}

export const created = (lines = [{ sku: 'A', qty: 2 }]) => ev('OrderCreated', { customer: 'Hillside Dental', lines });
export const to = (status: string, role: OrderEvent['initiatedBy']['role'] = 'System') =>
  ev('StatusChanged', { status }, role);
export const pick = (itemSku: string, itemQty: number) => ev('ItemPicked', { itemSku, itemQty }, 'Picker');

/** Replay events; return the final state and the anomalies of the last event. */
export function replay(
  events: OrderEvent[],
  ruleSet: RuleSet = FLOOR_RULES,
): { state: OrderState | undefined; last: AnomalyFinding[]; all: AnomalyFinding[][] } {
  const rules = compileRules(ruleSet);
  let state: OrderState | undefined;
  const all: AnomalyFinding[][] = [];
  for (const e of events) {
    const r = evaluate(state, e, rules);
    state = r.next;
    all.push(r.anomalies);
  }
  return { state, last: all[all.length - 1] ?? [], all };
}

/** A legal way from Received to each status of the floor rules (v2). */
export const LEGAL_PATH: Record<string, string[]> = {
  Received: [],
  PendingPicking: ['PendingPicking'],
  Picking: ['PendingPicking', 'Picking'],
  Picked: ['PendingPicking', 'Picking', 'Picked'],
  Packed: ['PendingPicking', 'Picking', 'Picked', 'Packed'],
  Shipped: ['PendingPicking', 'Picking', 'Picked', 'Packed', 'Shipped'],
  Delivered: ['PendingPicking', 'Picking', 'Picked', 'Packed', 'Shipped', 'Delivered'],
};

/** Events that bring a fresh order to `status` without a single anomaly. */
export function reach(status: string, heldFrom = 'PendingPicking'): OrderEvent[] {
  if (status === 'OnHold') return [...reach(heldFrom), to('OnHold', 'TeamLead')];
  if (status === 'Cancelled') return [created(), to('Cancelled', 'System')];
  return [created(), ...(LEGAL_PATH[status] ?? []).map((s) => to(s, 'System'))];
}
