/**
 * Random histories for the property tests (fast-check): steps of events, batch ends,
 * corrections, dismissals and rule changes, played into a journal through its public API.
 */
import fc from 'fast-check';
import { HANDBOOK_1998, FLOOR_RULES } from '../../shared/rules/builtin';
import { instantOf, type OrderEvent } from '../../shared/events/envelope';
import { Journal, JournalRefusal, type IncomingEvent } from '../../electron/journal';

export const ORDERS = ['1', '2', '3'];
const STATUSES = [...FLOOR_RULES.statuses, 'PostPicking'];
const ROLES = ['Picker', 'Packer', 'Shipper', 'TeamLead', 'Supervisor', 'System'] as const;
const BASE = Date.parse('2026-11-26T08:00:00Z');

export type Step =
  | {
      kind: 'event';
      orderId: string;
      type: OrderEvent['type'];
      value: number;
      role: (typeof ROLES)[number];
      jitter: number;
    }
  | { kind: 'batchEnd' }
  | { kind: 'correct'; orderId: string; status: string; pick: number; withEvent: boolean }
  | { kind: 'dismiss'; pick: number }
  | { kind: 'rules'; which: 0 | 1 };

export const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('event' as const),
      orderId: fc.constantFrom(...ORDERS),
      type: fc.constantFrom('OrderCreated', 'StatusChanged', 'StatusChanged', 'ItemPicked', 'CustomerNotified'),
      value: fc.nat(20),
      role: fc.constantFrom(...ROLES),
      jitter: fc.integer({ min: -3, max: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'batchEnd' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('correct' as const),
      orderId: fc.constantFrom(...ORDERS),
      status: fc.constantFrom(...FLOOR_RULES.statuses),
      pick: fc.nat(),
      withEvent: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dismiss' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('rules' as const), which: fc.constantFrom(0 as const, 1 as const) }),
  },
);

function eventOf(s: Extract<Step, { kind: 'event' }>, n: number): IncomingEvent {
  const data: Record<string, unknown> =
    s.type === 'OrderCreated'
      ? {
          customer: `Customer ${s.orderId}`,
          lines: [
            { sku: 'A', qty: 1 + (s.value % 3) },
            { sku: 'B', qty: 1 },
          ],
        }
      : s.type === 'StatusChanged'
        ? { status: STATUSES[s.value % STATUSES.length] }
        : s.type === 'ItemPicked'
          ? { itemSku: ['A', 'B', 'C'][s.value % 3], itemQty: 1 + (s.value % 2) }
          : { channel: 'email' };
  const timestamp = new Date(BASE + (n + s.jitter) * 60_000).toISOString();
  const event: OrderEvent = {
    eventId: `e-${n}`,
    type: s.type,
    orderId: s.orderId,
    // Now and then with a name (the open-anomaly counts are kept per id and name).
    initiatedBy:
      s.value % 5 === 1
        ? { id: s.role.toLowerCase(), name: `${s.role} One`, role: s.role }
        : { id: s.role.toLowerCase(), role: s.role },
    timestamp,
    data,
  };
  if (n % 4 === 0) event.traceId = `t-${Math.floor(n / 8)}`;
  return { event, instant: instantOf(timestamp), line: n };
}

/**
 * Play the steps into the journal through its public API; refusals are part of the game.
 * Events are numbered on from `counted` (to play a history in parts); returns the last number.
 */
export function play(journal: Journal, steps: Step[], counted = 0): number {
  let pending: IncomingEvent[] = [];
  let n = counted;
  const flush = () => {
    if (pending.length > 0) journal.appendBatch(pending, 'random');
    pending = [];
  };
  for (const s of steps) {
    if (s.kind === 'event') {
      n += 1;
      pending.push(eventOf(s, n));
      // Now and then the main system sends the same event again.
      if (s.value === 7) pending.push(eventOf(s, n));
      continue;
    }
    flush();
    try {
      if (s.kind === 'correct') {
        const history = journal.history(s.orderId);
        const target = history.length > 0 ? history[s.pick % history.length] : undefined;
        journal.correct({
          operatorId: 'sup',
          orderId: s.orderId,
          status: s.status,
          reason: 'Checked on the floor today',
          correctsEventId: s.withEvent ? target?.eventId : undefined,
        });
      } else if (s.kind === 'dismiss') {
        const open = journal.anomalies({ open: true, limit: 1000 });
        const a = open[s.pick % Math.max(open.length, 1)];
        if (a) {
          journal.dismiss({
            operatorId: 'sup',
            orderId: a.orderId,
            dismissesEventId: a.eventId,
            reason: 'A false alarm, checked',
          });
        }
      } else if (s.kind === 'rules') {
        journal.activateRuleSet(s.which === 0 ? FLOOR_RULES : HANDBOOK_1998, {
          operatorId: 'sup',
          reason: 'Trying the other rules',
        });
      }
    } catch (err) {
      if (!(err instanceof JournalRefusal)) throw err;
    }
  }
  flush();
  return n;
}

export function snapshot(journal: Journal) {
  return {
    orders: journal.orders({ limit: 10_000 }),
    anomalies: journal.anomalies({ limit: 10_000 }),
    counts: journal.statusCounts(),
    history: ORDERS.map((o) => journal.history(o)),
  };
}

export function journalWithSupervisor(file: string): Journal {
  const journal = Journal.open(file);
  journal.addOperator({ id: 'sup', name: 'Sue', role: 'Supervisor', password: 'supervisor-pw' });
  return journal;
}
