/**
 * A small, seeded warehouse history for the rule tools' tests: orders walk the floor as people
 * really do (Picked → Packed, held and released by team leads), with a few of the handbook's
 * mistakes mixed in. Deterministic for a seed, so a failing case can be replayed.
 */
import type { OrderEvent } from '../../shared/events/envelope';
import type { ReplayEvent } from '../../shared/rules/replay';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Role = OrderEvent['initiatedBy']['role'];
const PEOPLE: Record<string, { id: string; name: string; role: Role }> = {
  System: { id: 'oms', name: 'Order webhook', role: 'System' },
  Picker: { id: 'aruiz', name: 'Ana Ruiz', role: 'Picker' },
  Packer: { id: 'tnguyen', name: 'Tom Nguyen', role: 'Packer' },
  Shipper: { id: 'jlee', name: 'Jo Lee', role: 'Shipper' },
  TeamLead: { id: 'wchin', name: 'Walter Chin', role: 'TeamLead' },
};

/** Events of `orders` orders, interleaved by time, as a main system would send them. */
export function floorHistory(orders: number, seed = 1): OrderEvent[] {
  const random = rng(seed);
  const pickOne = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const all: { at: number; event: OrderEvent }[] = [];
  const start = Date.parse('2026-11-26T08:00:00Z');
  for (let o = 0; o < orders; o++) {
    const orderId = String(2_000_000 + o);
    let at = start + Math.floor(random() * 8 * 3600_000);
    let k = 0;
    const emit = (type: OrderEvent['type'], data: Record<string, unknown>, who: keyof typeof PEOPLE) => {
      at += 60_000 + Math.floor(random() * 600_000);
      k += 1;
      all.push({
        at,
        event: {
          eventId: `h-${orderId}-${k}`,
          type,
          orderId,
          initiatedBy: { ...PEOPLE[who]! },
          timestamp: new Date(at).toISOString(),
          data,
        },
      });
    };
    const sku = pickOne(['GLV-200', 'MSK-50', 'SYR-10']);
    const status = (s: string, who: keyof typeof PEOPLE) => emit('StatusChanged', { status: s }, who);
    emit('OrderCreated', { customer: `Customer ${o}`, lines: [{ sku, qty: 2 }] }, 'System');
    status('PendingPicking', 'System');
    const fate = random();
    if (fate < 0.08) {
      status('Cancelled', 'System');
      continue;
    }
    if (fate < 0.18) {
      // Held by a team lead while waiting for stock, released back where it was.
      status('OnHold', 'TeamLead');
      status('PendingPicking', 'TeamLead');
    }
    status('Picking', 'Picker');
    emit('ItemPicked', { itemSku: sku, itemQty: 2 }, 'Picker');
    if (fate > 0.97) {
      status('Shipped', 'Picker'); // shipping what was never packed
      continue;
    }
    status('Picked', 'Picker');
    status('Packed', 'Packer');
    if (fate > 0.94) {
      status('PendingPicking', 'TeamLead'); // the missing package
      continue;
    }
    if (random() < 0.85) status('Shipped', 'Shipper');
    if (random() < 0.7) status('Delivered', 'System');
  }
  all.sort((a, b) => a.at - b.at);
  return all.map((x) => x.event);
}

/** Number the events 1, 2, 3, … as the journal would. */
export const withSeq = (events: readonly OrderEvent[]): (OrderEvent & ReplayEvent)[] =>
  events.map((e, i) => ({ ...e, seq: i + 1 }));
