/**
 * Writes the handbook's training cases (handbook §7) as JSON files beside this script, and the
 * catalog that imports them (shared/training/catalog.ts). The JSON files are the product; this
 * script only keeps 28 histories consistent (fixed timestamps, one clock per order).
 *
 *   npx tsx training/scenarios/generate.ts && npx prettier --write training/scenarios shared/training/catalog.ts
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Role = 'Picker' | 'Packer' | 'Shipper' | 'TeamLead' | 'Supervisor' | 'System';
interface Person {
  id: string;
  name: string;
  role: Role;
}
const OMS: Person = { id: 'oms', name: 'Order webhook', role: 'System' };
const ANA: Person = { id: 'aruiz', name: 'Ana Ruiz', role: 'Picker' };
const TOM: Person = { id: 'tnguyen', name: 'Tom Nguyen', role: 'Packer' };
const DEV: Person = { id: 'dpatel', name: 'Dev Patel', role: 'Shipper' };
const WALTER: Person = { id: 'wchin', name: 'Walter Chin', role: 'TeamLead' };
const SETH: Person = { id: 'sbrooks', name: 'Seth Brooks', role: 'TeamLead' };
const MARA: Person = { id: 'mquinn', name: 'Mara Quinn', role: 'Supervisor' };

type Expected =
  { action: 'correct'; eventId: string; status: string } | { action: 'dismiss'; eventId: string } | { action: 'none' };

/** One order's history on its own clock: every step is some minutes after the previous one. */
class Order {
  readonly events: Record<string, unknown>[] = [];
  private clock: number;
  constructor(
    readonly orderId: string,
    private readonly customer: string,
    private readonly lines: { sku: string; qty: number }[],
    start = '2026-11-26T09:00:00-05:00',
  ) {
    this.clock = Date.parse(start);
  }
  /** The id the next event will get. */
  get nextId(): string {
    return `${this.orderId}-${String(this.events.length + 1).padStart(2, '0')}`;
  }
  get lastId(): string {
    return String(this.events[this.events.length - 1]?.['eventId']);
  }
  private push(type: string, by: Person, data: Record<string, unknown>, minutes: number): this {
    this.clock += minutes * 60_000;
    this.events.push({
      eventId: this.nextId,
      type,
      orderId: this.orderId,
      initiatedBy: { id: by.id, name: by.name, role: by.role },
      timestamp: local(this.clock),
      data,
    });
    return this;
  }
  created(by: Person = OMS, minutes = 0): this {
    return this.push('OrderCreated', by, { customer: this.customer, lines: this.lines }, minutes);
  }
  to(status: string, by: Person, minutes = 7): this {
    return this.push('StatusChanged', by, { status }, minutes);
  }
  pick(sku: string, qty: number, by: Person = ANA, minutes = 3): this {
    return this.push('ItemPicked', by, { itemSku: sku, itemQty: qty }, minutes);
  }
  /** An event whose time lies before what the order has already seen (a handheld with a slow clock). */
  pickAt(sku: string, qty: number, minutesBack: number, by: Person = ANA): this {
    this.clock -= minutesBack * 60_000;
    this.push('ItemPicked', by, { itemSku: sku, itemQty: qty }, 0);
    this.clock += minutesBack * 60_000;
    return this;
  }
  notified(channel = 'email', by: Person = OMS, minutes = 1): this {
    return this.push('CustomerNotified', by, { channel }, minutes);
  }
  /** Created and walked the ordinary way up to `status`, every line picked in full. */
  upTo(status: 'Received' | 'PendingPicking' | 'Picking' | 'Picked' | 'Packed' | 'Shipped'): this {
    const path = ['Received', 'PendingPicking', 'Picking', 'Picked', 'Packed', 'Shipped'];
    this.created();
    const steps = path.slice(1, path.indexOf(status) + 1);
    for (const s of steps) {
      if (s === 'PendingPicking') this.to(s, OMS, 3);
      if (s === 'Picking') {
        this.to(s, ANA, 40);
        for (const l of this.lines) this.pick(l.sku, l.qty);
      }
      if (s === 'Picked') this.to(s, ANA, 2);
      if (s === 'Packed') this.to(s, TOM, 25);
      if (s === 'Shipped') this.to(s, DEV, 90);
    }
    return this;
  }
}

/** ISO time at -05:00, the warehouse's offset, as the main system writes it. */
function local(ms: number): string {
  const d = new Date(ms - 5 * 3600_000);
  return `${d.toISOString().slice(0, 19)}-05:00`;
}

interface Case {
  id: string;
  title: string;
  question: string;
  order: Order;
  expected: Expected;
  explanation: string;
}

const WHAT = 'What correction is right, if any?';
const cases: Case[] = [];
const add = (c: Omit<Case, 'expected'>, expected: (o: Order) => Expected) =>
  cases.push({ ...c, expected: expected(c.order) });

// --- The three orders of the night of the missing package, exactly as in the handbook's sample
// file (samples/missing-package.ndjson), so the scenario is the night the office remembers.
const SAMPLE = `
{"eventId": "s-1345693-01", "type": "OrderCreated", "orderId": "1345693", "initiatedBy": {"id": "oms", "name": "Order webhook", "role": "System"}, "timestamp": "2026-11-26T09:02:10-05:00", "data": {"customer": "Hillside Dental", "lines": [{"sku": "GLV-200", "qty": 3}, {"sku": "MSK-50", "qty": 1}]}, "traceId": "t-1345693"}
{"eventId": "s-1345693-02", "type": "StatusChanged", "orderId": "1345693", "initiatedBy": {"id": "oms", "name": "Order webhook", "role": "System"}, "timestamp": "2026-11-26T09:05:00-05:00", "data": {"status": "PendingPicking"}, "traceId": "t-1345693"}
{"eventId": "s-1345693-03", "type": "StatusChanged", "orderId": "1345693", "initiatedBy": {"id": "aruiz", "name": "Ana Ruiz", "role": "Picker"}, "timestamp": "2026-11-26T13:10:42-05:00", "data": {"status": "Picking"}}
{"eventId": "s-1345693-04", "type": "ItemPicked", "orderId": "1345693", "initiatedBy": {"id": "aruiz", "name": "Ana Ruiz", "role": "Picker"}, "timestamp": "2026-11-26T13:14:05-05:00", "data": {"itemSku": "GLV-200", "itemQty": 3}}
{"eventId": "s-1345693-05", "type": "ItemPicked", "orderId": "1345693", "initiatedBy": {"id": "aruiz", "name": "Ana Ruiz", "role": "Picker"}, "timestamp": "2026-11-26T13:16:30-05:00", "data": {"itemSku": "MSK-50", "itemQty": 1}}
{"eventId": "s-1345693-06", "type": "StatusChanged", "orderId": "1345693", "initiatedBy": {"id": "aruiz", "name": "Ana Ruiz", "role": "Picker"}, "timestamp": "2026-11-26T13:17:02-05:00", "data": {"status": "Picked"}}
{"eventId": "s-1345693-07", "type": "StatusChanged", "orderId": "1345693", "initiatedBy": {"id": "tnguyen", "name": "Tom Nguyen", "role": "Packer"}, "timestamp": "2026-11-26T15:22:18-05:00", "data": {"status": "Packed"}}
{"eventId": "s-1345693-08", "type": "StatusChanged", "orderId": "1345693", "initiatedBy": {"id": "wchin", "name": "Walter Chin", "role": "TeamLead"}, "timestamp": "2026-11-26T20:34:11-05:00", "data": {"status": "PendingPicking"}}
{"eventId": "s-1345701-01", "type": "OrderCreated", "orderId": "1345701", "initiatedBy": {"id": "oms", "name": "Order webhook", "role": "System"}, "timestamp": "2026-11-26T09:40:00-05:00", "data": {"customer": "Bay Street Vet", "lines": [{"sku": "SYR-10", "qty": 20}]}, "traceId": "t-1345701"}
{"eventId": "s-1345701-02", "type": "StatusChanged", "orderId": "1345701", "initiatedBy": {"id": "oms", "name": "Order webhook", "role": "System"}, "timestamp": "2026-11-26T09:41:00-05:00", "data": {"status": "PendingPicking"}, "traceId": "t-1345701"}
{"eventId": "s-1345701-03", "type": "StatusChanged", "orderId": "1345701", "initiatedBy": {"id": "aruiz", "name": "Ana Ruiz", "role": "Picker"}, "timestamp": "2026-11-26T11:02:00-05:00", "data": {"status": "Picking"}}
{"eventId": "s-1345701-04", "type": "ItemPicked", "orderId": "1345701", "initiatedBy": {"id": "aruiz", "name": "Ana Ruiz", "role": "Picker"}, "timestamp": "2026-11-26T11:05:00-05:00", "data": {"itemSku": "SYR-10", "itemQty": 20}}
{"eventId": "s-1345701-05", "type": "StatusChanged", "orderId": "1345701", "initiatedBy": {"id": "aruiz", "name": "Ana Ruiz", "role": "Picker"}, "timestamp": "2026-11-26T11:06:00-05:00", "data": {"status": "Shipped"}}
{"eventId": "s-1345702-01", "type": "OrderCreated", "orderId": "1345702", "initiatedBy": {"id": "oms", "name": "Order webhook", "role": "System"}, "timestamp": "2026-11-26T10:00:00-05:00", "data": {"customer": "Northgate Clinic", "lines": [{"sku": "GLV-200", "qty": 1}]}, "traceId": "t-1345702"}
{"eventId": "s-1345702-02", "type": "StatusChanged", "orderId": "1345702", "initiatedBy": {"id": "oms", "name": "Order webhook", "role": "System"}, "timestamp": "2026-11-26T10:01:00-05:00", "data": {"status": "PendingPicking"}, "traceId": "t-1345702"}
{"eventId": "s-1345702-03", "type": "StatusChanged", "orderId": "1345702", "initiatedBy": {"id": "sbrooks", "name": "Seth Brooks", "role": "TeamLead"}, "timestamp": "2026-11-26T10:30:00-05:00", "data": {"status": "OnHold"}}
{"eventId": "s-1345702-04", "type": "StatusChanged", "orderId": "1345702", "initiatedBy": {"id": "sbrooks", "name": "Seth Brooks", "role": "TeamLead"}, "timestamp": "2026-11-26T12:00:00-05:00", "data": {"status": "PendingPicking"}}
{"eventId": "s-1345702-05", "type": "StatusChanged", "orderId": "1345702", "initiatedBy": {"id": "aruiz", "name": "Ana Ruiz", "role": "Picker"}, "timestamp": "2026-11-26T12:20:00-05:00", "data": {"status": "Picking"}}
{"eventId": "s-1345702-06", "type": "ItemPicked", "orderId": "1345702", "initiatedBy": {"id": "aruiz", "name": "Ana Ruiz", "role": "Picker"}, "timestamp": "2026-11-26T12:21:00-05:00", "data": {"itemSku": "GLV-200", "itemQty": 1}}
{"eventId": "s-1345702-07", "type": "StatusChanged", "orderId": "1345702", "initiatedBy": {"id": "aruiz", "name": "Ana Ruiz", "role": "Picker"}, "timestamp": "2026-11-26T12:22:00-05:00", "data": {"status": "Picked"}}
{"eventId": "s-1345702-08", "type": "StatusChanged", "orderId": "1345702", "initiatedBy": {"id": "tnguyen", "name": "Tom Nguyen", "role": "Packer"}, "timestamp": "2026-11-26T12:40:00-05:00", "data": {"status": "Packed"}}
{"eventId": "s-1345702-09", "type": "StatusChanged", "orderId": "1345702", "initiatedBy": {"id": "oms", "name": "Order webhook", "role": "System"}, "timestamp": "2026-11-26T16:00:00-05:00", "data": {"status": "Shipped"}}
{"eventId": "s-1345702-10", "type": "CustomerNotified", "orderId": "1345702", "initiatedBy": {"id": "oms", "name": "Order webhook", "role": "System"}, "timestamp": "2026-11-26T16:00:05-05:00", "data": {"channel": "email"}}
`
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Record<string, unknown>);
const sampleOrder = (orderId: string, customer: string): Order => {
  const o = new Order(orderId, customer, []);
  o.events.push(...SAMPLE.filter((e) => e['orderId'] === orderId));
  return o;
};
{
  const o = sampleOrder('1345693', 'Hillside Dental');
  add(
    {
      id: 'missing-package',
      title: 'The missing package',
      question: `Order ${o.orderId} was picked and packed, then set back that evening and the package went missing. ${WHAT}`,
      order: o,
      explanation:
        'Packed → PendingPicking is not an allowed change (handbook §4: it is the order that went missing): the goods were already picked and packed, and sending the order back to the picking queue lost the package. Correct the flagged StatusChanged back to the status the order had just before it, Packed, and say why in the reason.',
    },
    (x) => ({ action: 'correct', eventId: x.lastId, status: 'Packed' }),
  );
}
{
  const o = sampleOrder('1345701', 'Bay Street Vet');
  add(
    {
      id: 'shipped-never-picked',
      title: 'Shipped straight from Picking',
      question: `Order ${o.orderId} went from Picking to Shipped. ${WHAT}`,
      order: o,
      explanation:
        'Picking → Shipped is not an allowed change: it ships what was never picked (and never packed). The order was still being picked, so the right correction is back to Picking, the status it had just before the flagged event.',
    },
    (x) => ({ action: 'correct', eventId: x.lastId, status: 'Picking' }),
  );
}
{
  const o = sampleOrder('1345702', 'Northgate Clinic');
  add(
    {
      id: 'held-and-released',
      title: 'Held and released by the team lead',
      question: `Order ${o.orderId} was put on hold and released the same day, then shipped. ${WHAT}`,
      order: o,
      explanation:
        'Nothing is wrong: a TeamLead may put an order on hold from PendingPicking, and the release goes back to the status it had when it was put on hold ($beforeHold, here PendingPicking). Every step after it is allowed. No correction is needed; a correction here would itself be the mistake.',
    },
    () => ({ action: 'none' }),
  );
}

// --- Illegal changes (handbook §4, "everything else is illegal").
{
  const o = new Order('1346004', 'Lakeview Pharmacy', [{ sku: 'BND-12', qty: 4 }]).upTo('Shipped');
  o.to('Packed', TOM, 15);
  add(
    {
      id: 'shipped-back-to-packed',
      title: 'Shipped, then Packed again',
      question: `Order ${o.orderId} left the dock, then a packer set it to Packed. ${WHAT}`,
      order: o,
      explanation:
        'Shipped → Packed is not an allowed change: once the carrier has the order it cannot be packed again. Correct the flagged event back to Shipped, the status just before it.',
    },
    (x) => ({ action: 'correct', eventId: x.lastId, status: 'Shipped' }),
  );
}
{
  const o = new Order('1346005', 'Eastside Optics', [{ sku: 'LNS-3', qty: 2 }]).upTo('Picking');
  o.to('OnHold', WALTER, 10).to('Packed', WALTER, 60);
  add(
    {
      id: 'released-to-wrong-status',
      title: 'Released from hold to the wrong status',
      question: `Order ${o.orderId} was put on hold while it was being picked and released an hour later. ${WHAT}`,
      order: o,
      explanation:
        'A release from hold goes back to the status the order had when it was put on hold ($beforeHold). This order was held from Picking, so OnHold → Packed is illegal: nothing was packed. Correct it back to OnHold, the status just before the flagged event; the team lead then releases it to Picking.',
    },
    (x) => ({ action: 'correct', eventId: x.lastId, status: 'OnHold' }),
  );
}
{
  const o = new Order('1346006', 'Harbor Lab Supply', [{ sku: 'PIP-100', qty: 5 }]).upTo('Picked');
  o.to('Shipped', DEV, 30);
  add(
    {
      id: 'shipped-without-packing',
      title: 'Shipped without being packed',
      question: `Order ${o.orderId} went from Picked to Shipped. ${WHAT}`,
      order: o,
      explanation:
        'Picked → Shipped is not an allowed change: every order is packed before it ships. Correct the flagged event back to Picked, the status it had just before, so the order goes to the packing bench.',
    },
    (x) => ({ action: 'correct', eventId: x.lastId, status: 'Picked' }),
  );
}

// --- Allowed changes made by the wrong role (not-permitted).
{
  const o = new Order('1346007', 'Maple Street Clinic', [{ sku: 'GAU-8', qty: 6 }]).upTo('Picked');
  o.to('OnHold', ANA, 4);
  add(
    {
      id: 'picker-puts-order-on-hold',
      title: 'A picker puts an order on hold',
      question: `A picker put order ${o.orderId} on hold after picking it. ${WHAT}`,
      order: o,
      explanation:
        'Picked → OnHold is allowed only for a TeamLead, Supervisor or the System, not for a Picker (not-permitted). Correct it back to Picked, the status just before; if the order really must wait, a team lead puts it on hold.',
    },
    (x) => ({ action: 'correct', eventId: x.lastId, status: 'Picked' }),
  );
}
{
  const o = new Order('1346008', 'Riverside Dental', [{ sku: 'FLS-30', qty: 10 }]).upTo('Picking');
  o.to('PendingPicking', ANA, 6);
  add(
    {
      id: 'picker-releases-back',
      title: 'A picker releases an order back to the queue',
      question: `A picker sent order ${o.orderId} back to the picking queue. ${WHAT}`,
      order: o,
      explanation:
        'Picking → PendingPicking (released back) is allowed only for a TeamLead or Supervisor, not for a Picker (not-permitted). Correct it back to Picking, the status just before the flagged event.',
    },
    (x) => ({ action: 'correct', eventId: x.lastId, status: 'Picking' }),
  );
}
{
  const o = new Order('1346009', 'Summit Care Home', [{ sku: 'TWL-5', qty: 2 }]).upTo('PendingPicking');
  o.to('Cancelled', TOM, 20);
  add(
    {
      id: 'packer-cancels-order',
      title: 'A packer cancels an order',
      question: `A packer cancelled order ${o.orderId} while it waited to be picked. ${WHAT}`,
      order: o,
      explanation:
        'PendingPicking → Cancelled is allowed only for a TeamLead, Supervisor or the System, not for a Packer (not-permitted). Correct it back to PendingPicking, the status just before the flagged event.',
    },
    (x) => ({ action: 'correct', eventId: x.lastId, status: 'PendingPicking' }),
  );
}
{
  const o = new Order('1346010', 'Pine Hill Vet', [{ sku: 'SYR-10', qty: 4 }]).upTo('Picked');
  o.to('Cancelled', DEV, 12);
  add(
    {
      id: 'shipper-cancels-picked-order',
      title: 'A shipper cancels a picked order',
      question: `A shipper cancelled order ${o.orderId} after it was picked. ${WHAT}`,
      order: o,
      explanation:
        'Picked → Cancelled is allowed only for a TeamLead, Supervisor or the System, not for a Shipper (not-permitted). Correct it back to Picked, the status just before the flagged event.',
    },
    (x) => ({ action: 'correct', eventId: x.lastId, status: 'Picked' }),
  );
}
{
  const o = new Order('1346011', 'Westgate Pharmacy', [{ sku: 'BND-12', qty: 1 }]).upTo('Picking');
  o.to('OnHold', SETH, 5).to('Picking', ANA, 25);
  add(
    {
      id: 'picker-releases-hold',
      title: 'A picker releases an order from hold',
      question: `Order ${o.orderId} was put on hold by a team lead; a picker took it off hold. ${WHAT}`,
      order: o,
      explanation:
        'OnHold → the status it had before the hold (here Picking) is allowed only for a TeamLead, Supervisor or the System, not for a Picker (not-permitted). Correct it back to OnHold, the status just before the flagged event, until a team lead releases it.',
    },
    (x) => ({ action: 'correct', eventId: x.lastId, status: 'OnHold' }),
  );
}

// --- Events after a final status.
{
  const o = new Order('1346012', 'Cedar Family Practice', [{ sku: 'MSK-50', qty: 2 }]).upTo('Shipped');
  o.to('Delivered', OMS, 600).to('Picking', ANA, 30);
  add(
    {
      id: 'delivered-then-picking',
      title: 'Picking an order that was delivered',
      question: `Order ${o.orderId} was delivered; later a picker set it to Picking. ${WHAT}`,
      order: o,
      explanation:
        'Delivered is a final status: nothing may follow it except a CustomerNotified and office events (after-final). The order was delivered, so correct the flagged event back to Delivered.',
    },
    (x) => ({ action: 'correct', eventId: x.lastId, status: 'Delivered' }),
  );
}
{
  const o = new Order('1346013', 'Oakwood Clinic', [{ sku: 'GLV-200', qty: 2 }]).upTo('PendingPicking');
  o.to('Cancelled', WALTER, 15).to('Picking', ANA, 40);
  add(
    {
      id: 'cancelled-then-picking',
      title: 'Picking a cancelled order',
      question: `Order ${o.orderId} was cancelled by a team lead; later a picker started picking it. ${WHAT}`,
      order: o,
      explanation:
        'Cancelled is a final status: no StatusChanged may follow it (after-final). The cancellation stands; correct the flagged event back to Cancelled, and the goods go back to the shelf.',
    },
    (x) => ({ action: 'correct', eventId: x.lastId, status: 'Cancelled' }),
  );
}

// --- Flags where the status is right: dismiss with a reason.
{
  const o = new Order('1346014', 'Brookside Dental', [
    { sku: 'GLV-200', qty: 2 },
    { sku: 'FLS-30', qty: 1 },
  ]).created();
  o.to('PendingPicking', OMS, 3)
    .to('Picking', ANA, 30)
    .pick('GLV-200', 2)
    .to('Picked', ANA, 1)
    .pick('FLS-30', 1, ANA, 1);
  add(
    {
      id: 'picked-before-last-item',
      title: 'An item picked after the order was marked Picked',
      question: `Order ${o.orderId} was marked Picked, then one more item was scanned. ${WHAT}`,
      order: o,
      explanation:
        'An ItemPicked while the order is Picked is flagged pick-in-wrong-status (picking happens in PendingPicking or Picking). The picker pressed Picked one scan early; with this pick every line is complete, so Picked is now right. An ItemPicked changes no status, so there is nothing to correct: dismiss the flag and say what you checked.',
    },
    (x) => ({ action: 'dismiss', eventId: x.lastId }),
  );
}
{
  const o = new Order('1346015', 'Elm Street Vet', [{ sku: 'SYR-10', qty: 8 }]).created().created(OMS, 2);
  add(
    {
      id: 'order-created-twice',
      title: 'The webhook sends the order twice',
      question: `Order ${o.orderId} arrived twice from the orders webhook. ${WHAT}`,
      order: o,
      explanation:
        'A second OrderCreated for the same order is flagged duplicate-creation, and it changes nothing but its flag: the order stays Received with its lines. The status is right, so do not correct it; dismiss the flag (the webhook re-sent the order).',
    },
    (x) => ({ action: 'dismiss', eventId: x.lastId }),
  );
}
{
  const o = new Order('1346016', 'Greenfield Care', [{ sku: 'TWL-5', qty: 3 }]);
  o.notified('email', OMS, 0).created(OMS, 1).to('PendingPicking', OMS, 3);
  add(
    {
      id: 'notified-before-created',
      title: 'A notification before the order exists',
      question: `The confirmation e-mail of order ${o.orderId} reached the ledger before the order did. ${WHAT}`,
      order: o,
      explanation:
        'An event for an order with no OrderCreated yet is flagged unknown-order (a warning). The order arrived a minute later and everything since is in order; a CustomerNotified changes no status. Dismiss the flag on the notification.',
    },
    () => ({ action: 'dismiss', eventId: '1346016-01' }),
  );
}
{
  const o = new Order('1346017', 'Northside Clinic', [{ sku: 'GAU-8', qty: 4 }]).upTo('PendingPicking');
  o.to('Picking', ANA, 20).pick('GAU-8', 4).pick('GAU-9', 1, ANA, 2);
  add(
    {
      id: 'wrong-item-picked',
      title: 'An item that is not on the order',
      question: `While picking order ${o.orderId}, a picker scanned an item the order does not have. The floor has put it back. ${WHAT}`,
      order: o,
      explanation:
        'ItemPicked of a SKU that is not on the order is flagged unexpected-item (a warning). An ItemPicked changes no status, so a correction has nothing to put right; once the floor has put the item back, dismiss the flag with a reason that says so.',
    },
    (x) => ({ action: 'dismiss', eventId: x.lastId }),
  );
}
{
  const o = new Order('1346018', 'Hilltop Pharmacy', [{ sku: 'BND-12', qty: 2 }]).upTo('PendingPicking');
  o.to('Picking', ANA, 20).pick('BND-12', 2).pick('BND-12', 1, ANA, 1);
  add(
    {
      id: 'one-too-many-picked',
      title: 'One more picked than ordered',
      question: `Order ${o.orderId} has 2 of BND-12; the picker scanned 3. The extra one went back to the shelf. ${WHAT}`,
      order: o,
      explanation:
        'Picking more of a SKU than the order has is flagged over-pick (a warning). The status, Picking, is right, and an ItemPicked changes no status: dismiss the flag with a reason saying the extra item went back.',
    },
    (x) => ({ action: 'dismiss', eventId: x.lastId }),
  );
}
{
  const o = new Order('1346019', 'Valley Dental', [{ sku: 'FLS-30', qty: 2 }]).upTo('Packed');
  o.to('Packed', TOM, 1);
  add(
    {
      id: 'packed-twice',
      title: 'The scanner sends Packed twice',
      question: `Order ${o.orderId} was set to Packed twice within a minute. ${WHAT}`,
      order: o,
      explanation:
        'A StatusChanged to the status the order already has is flagged no-change (a warning): the scanner sent Packed twice. The order is Packed, which is right, so nothing needs correcting: dismiss the flag.',
    },
    (x) => ({ action: 'dismiss', eventId: x.lastId }),
  );
}
{
  const o = new Order('1346020', 'Bayside Vet', [{ sku: 'SYR-10', qty: 2 }]).upTo('PendingPicking');
  o.to('Picking', ANA, 20).pickAt('SYR-10', 2, 5);
  const late = o.lastId;
  o.to('Picked', ANA, 3);
  add(
    {
      id: 'handheld-clock-behind',
      title: "A handheld's clock runs behind",
      question: `A pick on order ${o.orderId} carries a time before the order was set to Picking. ${WHAT}`,
      order: o,
      explanation:
        'An event whose time is earlier than the latest time already seen for the order is flagged out-of-order (a warning). The pick itself is right, and the handheld clock was five minutes slow; no status is wrong, so dismiss the flag.',
    },
    () => ({ action: 'dismiss', eventId: late }),
  );
}

// --- No correction needed: the allowed changes only some roles may make.
{
  const o = new Order('1346021', 'Fairview Clinic', [{ sku: 'GAU-8', qty: 1 }]).upTo('Picking');
  o.to('PendingPicking', WALTER, 10).to('Picking', ANA, 30).to('Picked', ANA, 1);
  add(
    {
      id: 'released-back-by-team-lead',
      title: 'A team lead releases an order back to the queue',
      question: `A team lead sent order ${o.orderId} back to the picking queue; it was picked later. ${WHAT}`,
      order: o,
      explanation:
        'Picking → PendingPicking (released back) is allowed for a TeamLead or Supervisor, and here a TeamLead did it. Every other step is allowed too: no correction is needed.',
    },
    () => ({ action: 'none' }),
  );
}
{
  const o = new Order('1346022', 'Southpoint Care', [{ sku: 'TWL-5', qty: 2 }]).created();
  o.to('OnHold', OMS, 1).to('Received', OMS, 45).to('PendingPicking', OMS, 2);
  add(
    {
      id: 'held-on-arrival',
      title: 'Held on arrival for a payment check',
      question: `The main system held order ${o.orderId} as soon as it arrived, then released it. ${WHAT}`,
      order: o,
      explanation:
        'Received → OnHold is allowed for the System, and the release went back to Received, the status the order had when it was put on hold ($beforeHold). Nothing is wrong: no correction is needed.',
    },
    () => ({ action: 'none' }),
  );
}
{
  const o = new Order('1346023', 'Ridgeway Dental', [{ sku: 'MSK-50', qty: 3 }]).upTo('Picking');
  o.to('OnHold', MARA, 5).to('Picking', MARA, 35).to('Picked', ANA, 5);
  add(
    {
      id: 'held-while-picking',
      title: 'Held while being picked',
      question: `A Supervisor held order ${o.orderId} during picking and released it. ${WHAT}`,
      order: o,
      explanation:
        'Picking → OnHold is allowed for a Supervisor, and the release went back to Picking, the status the order had when it was put on hold ($beforeHold). Then Picked. No correction is needed.',
    },
    () => ({ action: 'none' }),
  );
}
{
  const o = new Order('1346024', 'Lakeside Vet', [{ sku: 'BND-12', qty: 1 }]).upTo('Packed');
  o.to('OnHold', WALTER, 10).to('Packed', WALTER, 50).to('Shipped', DEV, 30);
  add(
    {
      id: 'held-after-packing',
      title: 'Held after packing to check the address',
      question: `Order ${o.orderId} was held after packing while the address was checked, then shipped. ${WHAT}`,
      order: o,
      explanation:
        'Packed → OnHold is allowed for a TeamLead, and the release went back to Packed, the status it had when it was put on hold ($beforeHold). Packed → Shipped follows. No correction is needed.',
    },
    () => ({ action: 'none' }),
  );
}
{
  const o = new Order('1346025', 'Meadow Clinic', [{ sku: 'GLV-200', qty: 5 }]).created();
  o.to('Cancelled', OMS, 20).notified('email', OMS, 1);
  add(
    {
      id: 'cancelled-on-arrival',
      title: 'Cancelled by the customer on arrival',
      question: `The main system cancelled order ${o.orderId} and e-mailed the customer. ${WHAT}`,
      order: o,
      explanation:
        'Received → Cancelled is allowed for the System, and a CustomerNotified may follow a final status. No correction is needed.',
    },
    () => ({ action: 'none' }),
  );
}
{
  const o = new Order('1346026', 'Parkside Pharmacy', [{ sku: 'PIP-100', qty: 2 }]).upTo('Picking');
  o.to('Cancelled', SETH, 8).notified('phone', OMS, 2);
  add(
    {
      id: 'cancelled-while-picking',
      title: 'Cancelled while being picked',
      question: `A team lead cancelled order ${o.orderId} in the middle of picking. ${WHAT}`,
      order: o,
      explanation:
        'Picking → Cancelled is allowed for a TeamLead, and the customer may be notified after it. No correction is needed (the picked items go back to the shelf on the floor, not in the ledger).',
    },
    () => ({ action: 'none' }),
  );
}
{
  const o = new Order('1346027', 'Orchard Care Home', [{ sku: 'GAU-8', qty: 2 }]).upTo('Packed');
  o.to('Cancelled', MARA, 20);
  add(
    {
      id: 'cancelled-after-packing',
      title: 'Cancelled after packing',
      question: `A Supervisor cancelled order ${o.orderId} after it was packed. ${WHAT}`,
      order: o,
      explanation:
        'Packed → Cancelled is allowed for a Supervisor (any of Received…Packed may be cancelled by a TeamLead, Supervisor or the System). No correction is needed.',
    },
    () => ({ action: 'none' }),
  );
}
{
  const o = new Order('1346028', 'Hollow Road Vet', [{ sku: 'SYR-10', qty: 1 }]).upTo('PendingPicking');
  o.to('OnHold', WALTER, 15).to('Cancelled', WALTER, 120);
  add(
    {
      id: 'cancelled-while-on-hold',
      title: 'Cancelled while on hold',
      question: `Order ${o.orderId} was put on hold and cancelled two hours later. ${WHAT}`,
      order: o,
      explanation:
        'PendingPicking → OnHold and OnHold → Cancelled are both allowed for a TeamLead. No correction is needed.',
    },
    () => ({ action: 'none' }),
  );
}

// --- Write the files and the catalog.
const here = dirname(fileURLToPath(import.meta.url));
mkdirSync(here, { recursive: true });
for (const f of readdirSync(here)) if (f.endsWith('.json')) rmSync(join(here, f));
for (const c of cases) {
  const file = {
    id: c.id,
    title: c.title,
    question: c.question,
    history: c.order.events,
    expected: c.expected,
    explanation: c.explanation,
  };
  writeFileSync(join(here, `${c.id}.json`), `${JSON.stringify(file, null, 2)}\n`);
}
const ident = (id: string) => id.replace(/-([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
const catalog = `/**
 * The handbook's training cases (handbook §7), bundled: the app, the command line and the tests
 * read the same files. Written by training/scenarios/generate.ts; a test checks it lists every
 * JSON file of training/scenarios/.
 */
${cases.map((c) => `import ${ident(c.id)} from '../../training/scenarios/${c.id}.json';`).join('\n')}

/** Each file as decoded JSON, by file name; validated by \`loadScenario\` where it is used. */
export const HANDBOOK_SCENARIO_FILES: readonly { file: string; json: unknown }[] = [
${cases.map((c) => `  { file: '${c.id}.json', json: ${ident(c.id)} },`).join('\n')}
];
`;
writeFileSync(join(here, '../../shared/training/catalog.ts'), catalog);
console.log(`${cases.length} scenarios written`);
