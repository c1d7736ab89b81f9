/**
 * Order histories for the correction tests, built the way the journal builds them: each event
 * checked with `evaluate`, numbered, with its anomalies open and the status after it.
 */
import type { OrderEvent } from '../../shared/events/envelope';
import type { HistoryItem } from '../../shared/corrections';
import { evaluate } from '../../shared/rules/evaluate';
import { compileRules, type CompiledRules } from '../../shared/rules/ruleSet';
import { FLOOR_RULES } from '../../shared/rules/builtin';
import type { OrderState } from '../../shared/orders/orderState';

export const RULES: CompiledRules = compileRules(FLOOR_RULES);

type Role = OrderEvent['initiatedBy']['role'];

/** A little order history in the handbook's words; every event a minute after the previous. */
export class OrderBook {
  private n = 0;
  private clock = Date.parse('2026-11-26T14:00:00Z');
  readonly events: OrderEvent[] = [];
  constructor(readonly orderId = '1345693') {}

  private push(type: OrderEvent['type'], data: Record<string, unknown>, role: Role, id = role.toLowerCase()) {
    this.clock += 60_000;
    this.n += 1;
    this.events.push({
      eventId: `${this.orderId}-${String(this.n).padStart(2, '0')}`,
      type,
      orderId: this.orderId,
      initiatedBy: { id, role },
      timestamp: new Date(this.clock).toISOString(),
      data,
    });
    return this;
  }
  created(lines = [{ sku: 'GLV-200', qty: 3 }], customer = 'Hillside Dental') {
    return this.push('OrderCreated', { customer, lines }, 'System');
  }
  to(status: string, role: Role = 'System') {
    return this.push('StatusChanged', { status }, role);
  }
  pick(itemSku: string, itemQty: number) {
    return this.push('ItemPicked', { itemSku, itemQty }, 'Picker');
  }
  notified() {
    return this.push('CustomerNotified', { channel: 'email' }, 'System');
  }
  corrected(status: string, reason: string, correctsEventId?: string) {
    const data: Record<string, unknown> = { status, reason, order: { orderId: this.orderId, lines: [] } };
    if (correctsEventId) data.correctsEventId = correctsEventId;
    return this.push('StatusCorrected', data, 'Supervisor', 'mlee');
  }
  dismissed(dismissesEventId: string, reason: string) {
    return this.push('AnomalyDismissed', { dismissesEventId, reason }, 'Supervisor', 'mlee');
  }

  /** The history as `orderHistory` returns it (office events resolve what they name). */
  history(rules: CompiledRules = RULES): HistoryItem[] {
    return journalOf(this.events, rules);
  }
}

export function journalOf(events: readonly OrderEvent[], rules: CompiledRules = RULES, firstSeq = 1): HistoryItem[] {
  let state: OrderState | undefined;
  const items: HistoryItem[] = [];
  events.forEach((event, i) => {
    const { anomalies, next } = evaluate(state, event, rules);
    state = next;
    const seq = firstSeq + i;
    const target =
      event.type === 'StatusCorrected'
        ? event.data.correctsEventId
        : event.type === 'AnomalyDismissed'
          ? event.data.dismissesEventId
          : undefined;
    for (const earlier of items) {
      if (earlier.eventId !== target) continue;
      earlier.anomalies = earlier.anomalies.map((a) => (a.open ? { ...a, open: false, resolvedBySeq: seq } : a));
    }
    const item: HistoryItem = {
      seq,
      eventId: event.eventId,
      type: event.type,
      orderId: event.orderId,
      initiatedBy: event.initiatedBy,
      timestamp: event.timestamp,
      data: event.data,
      recordedAt: event.timestamp,
      source: 'test',
      ruleSetId: `${rules.ruleSet.id}@${rules.ruleSet.version}`,
      anomalies: anomalies.map((a) => ({ ...a, open: true, resolvedBySeq: null })),
      statusAfter: next.status,
    };
    if (event.traceId !== undefined) item.traceId = event.traceId;
    items.push(item);
  });
  return items;
}

/** The night of the missing package (handbook samples): Packed, then set back to PendingPicking. */
export function missingPackage(): OrderBook {
  return new OrderBook('1345693')
    .created(
      [
        { sku: 'GLV-200', qty: 3 },
        { sku: 'MSK-50', qty: 1 },
      ],
      'Hillside Dental',
    )
    .to('PendingPicking')
    .to('Picking', 'Picker')
    .pick('GLV-200', 3)
    .pick('MSK-50', 1)
    .to('Picked', 'Picker')
    .to('Packed', 'Packer')
    .to('PendingPicking', 'TeamLead');
}

export const SUPERVISOR = { id: 'mlee', name: 'Mark Lee', role: 'Supervisor' };
export const CLERK = { id: 'jdoe', name: 'Judy Doe', role: 'Clerk' };
export const TRAINEE = { id: 'tkim', name: 'Tina Kim', role: 'Trainee' };
