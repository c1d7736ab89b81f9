/**
 * Every anomaly kind of handbook §5, and how the checks combine, so that every
 * implementation flags the same events.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ANOMALY_KINDS, OPT_IN_KINDS, SEVERITY, type AnomalyKind } from '../../shared/rules/evaluate';
import { FLOOR_RULES } from '../../shared/rules/builtin';
import type { OrderEvent } from '../../shared/events/envelope';
import { created, ev, pick, reach, replay, resetClock, to } from './fixtures';

beforeEach(resetClock);

const kinds = (events: OrderEvent[]) => replay(events).last.map((a) => a.kind);

const CASES: { kind: AnomalyKind; name: string; events: () => OrderEvent[]; expected: AnomalyKind[] }[] = [
  {
    kind: 'illegal-transition',
    name: 'Packed → PendingPicking',
    events: () => [...reach('Packed'), to('PendingPicking', 'TeamLead')],
    expected: ['illegal-transition'],
  },
  {
    kind: 'not-permitted',
    name: 'a Picker releases Picking back to PendingPicking',
    events: () => [...reach('Picking'), to('PendingPicking', 'Picker')],
    expected: ['not-permitted'],
  },
  {
    kind: 'after-final',
    name: 'an item picked after delivery',
    events: () => [...reach('Delivered'), pick('A', 1)],
    expected: ['after-final'],
  },
  {
    kind: 'pick-in-wrong-status',
    name: 'an item picked while Packed',
    events: () => [...reach('Packed'), pick('A', 1)],
    expected: ['pick-in-wrong-status'],
  },
  {
    kind: 'duplicate-creation',
    name: 'a second OrderCreated',
    events: () => [created(), created([{ sku: 'B', qty: 9 }])],
    expected: ['duplicate-creation'],
  },
  {
    kind: 'unknown-order',
    name: 'a StatusChanged before any OrderCreated',
    events: () => [to('Picking', 'Picker')],
    expected: ['unknown-order'],
  },
  {
    kind: 'unexpected-item',
    name: 'a SKU that is not on the order',
    events: () => [...reach('Picking'), pick('Z', 1)],
    expected: ['unexpected-item'],
  },
  {
    kind: 'over-pick',
    name: 'more picked than ordered, over two picks',
    events: () => [...reach('Picking'), pick('A', 2), pick('A', 1)],
    expected: ['over-pick'],
  },
  {
    kind: 'no-change',
    name: 'StatusChanged to the status the order has',
    events: () => [...reach('Picking'), to('Picking', 'Picker')],
    expected: ['no-change'],
  },
  {
    kind: 'out-of-order',
    name: 'a timestamp earlier than one already seen',
    events: () => {
      const history = reach('PendingPicking');
      const late = to('Picking', 'Picker');
      late.timestamp = '2026-11-25T23:00:00Z';
      return [...history, late];
    },
    expected: ['out-of-order'],
  },
];

describe('handbook §5: each kind', () => {
  for (const c of CASES) {
    it(`${c.kind} (${SEVERITY[c.kind]}): ${c.name}`, () => {
      expect(kinds(c.events())).toEqual(c.expected);
    });
  }

  it('has a case for every kind, with the handbook severity', () => {
    // The kinds a rule set opts into have their cases below.
    expect(new Set(CASES.map((c) => c.kind))).toEqual(new Set(ANOMALY_KINDS.filter((k) => !OPT_IN_KINDS.has(k))));
    const errors = ['illegal-transition', 'not-permitted', 'after-final', 'pick-in-wrong-status', 'duplicate-creation'];
    for (const kind of ANOMALY_KINDS) expect(SEVERITY[kind]).toBe(errors.includes(kind) ? 'error' : 'warning');
  });
});

describe('handbook §5: how the checks combine', () => {
  it('an order with no OrderCreated gets only unknown-order, and its StatusChanged still sets the status', () => {
    const late = to('Packed', 'Picker');
    const { last, state } = replay([
      to('Shipped', 'Picker'),
      Object.assign(late, { timestamp: '2020-01-01T00:00:00Z' }),
    ]);
    expect(last.map((a) => a.kind)).toEqual(['unknown-order']);
    expect(state?.status).toBe('Packed');
  });

  it('after-final takes the place of every other check', () => {
    const early = pick('Z', 99);
    early.timestamp = '2020-01-01T00:00:00Z';
    expect(kinds([...reach('Cancelled'), early])).toEqual(['after-final']);
    expect(kinds([...reach('Delivered'), created()])).toEqual(['after-final']);
  });

  it('CustomerNotified and office events may follow a final status', () => {
    expect(kinds([...reach('Delivered'), ev('CustomerNotified', { channel: 'email' })])).toEqual([]);
    const correction = ev(
      'StatusCorrected',
      { status: 'Shipped', reason: 'Delivered by mistake, van still here', order: { orderId: '1', lines: [] } },
      'Supervisor',
    );
    expect(kinds([...reach('Delivered'), correction])).toEqual([]);
  });

  it('no-change takes the place of the transition checks', () => {
    // Packed → Packed by a Picker is neither illegal nor not-permitted: it is no-change.
    expect(kinds([...reach('Packed'), to('Packed', 'Picker')])).toEqual(['no-change']);
  });

  it('not-permitted only when the change is allowed for some role', () => {
    expect(kinds([...reach('Picked'), to('OnHold', 'Packer')])).toEqual(['not-permitted']);
    expect(kinds([...reach('Shipped'), to('OnHold', 'Packer')])).toEqual(['illegal-transition']);
  });

  it('a flagged StatusChanged still sets the status (the main system did set it)', () => {
    const { state } = replay([...reach('Packed'), to('PendingPicking', 'TeamLead')]);
    expect(state?.status).toBe('PendingPicking');
  });

  it('a duplicate OrderCreated changes nothing but its flag', () => {
    const { state } = replay([...reach('Picking'), created([{ sku: 'B', qty: 9 }])]);
    expect(state?.status).toBe('Picking');
    expect(state?.lines).toEqual([{ sku: 'A', qty: 2 }]);
  });

  it('out-of-order compares instants with offsets applied', () => {
    const history = reach('PendingPicking'); // last event at 08:02Z
    const sameInstantOtherZone = to('Picking', 'Picker');
    sameInstantOtherZone.timestamp = '2026-11-26T03:03:00-05:00'; // 08:03Z: later, not out of order
    expect(kinds([...history, sameInstantOtherZone])).toEqual([]);
    resetClock();
    const earlierInstant = to('Picking', 'Picker');
    earlierInstant.timestamp = '2026-11-26T09:01:00+02:00'; // 07:01Z: earlier
    expect(kinds([...reach('PendingPicking'), earlierInstant])).toEqual(['out-of-order']);
  });

  it('out-of-order: an equal instant is not earlier (same text or another zone); a millisecond earlier is', () => {
    /** The order walked to PendingPicking (its last event at 08:02Z), then `event` at `timestamp`. */
    const after = (timestamp: string, ...more: string[]) => {
      resetClock();
      const history = reach('PendingPicking');
      const next = [timestamp, ...more].map((t, i) => ({
        ...to(i === 0 ? 'Picking' : 'Picked', 'Picker'),
        timestamp: t,
      }));
      return [...history, ...next];
    };
    expect(after('2026-11-26T08:02:00Z').at(-2)!.timestamp).toBe('2026-11-26T08:02:00.000Z');
    expect(kinds(after('2026-11-26T08:02:00Z'))).toEqual([]);
    expect(kinds(after('2026-11-26T10:02:00.000+02:00'))).toEqual([]);
    // Two events at one instant after it: neither is out of order.
    expect(kinds(after('2026-11-26T09:00:00Z', '2026-11-26T04:00:00-05:00'))).toEqual([]);
    expect(kinds(after('2026-11-26T08:01:59.999Z'))).toEqual(['out-of-order']);
  });

  it('one event can carry several anomalies', () => {
    const late = pick('A', 5);
    late.timestamp = '2020-01-01T00:00:00Z';
    expect(kinds([...reach('Packed'), late])).toEqual(['pick-in-wrong-status', 'over-pick', 'out-of-order']);
  });

  it('$beforeHold is the status the order had when it last went on hold', () => {
    const history = [...reach('Picked'), to('OnHold', 'TeamLead'), to('Picked', 'TeamLead'), to('Packed', 'Packer')];
    const held = [...history, to('OnHold', 'System')];
    expect(kinds([...held, to('Packed', 'System')])).toEqual([]);
    resetClock();
    expect(kinds([...reach('Picking'), to('OnHold', 'TeamLead'), to('Packed', 'TeamLead')])).toEqual([
      'illegal-transition',
    ]);
  });

  it('the next event after a correction is checked from the corrected status', () => {
    const correction = ev(
      'StatusCorrected',
      { status: 'Packed', reason: 'Found physically at the packing bench', order: { orderId: '1', lines: [] } },
      'Supervisor',
    );
    const history = [...reach('Packed'), to('PendingPicking', 'TeamLead'), correction];
    expect(kinds([...history, to('Shipped', 'Shipper')])).toEqual([]);
  });
});

describe('after hours: flagged only when the rule set says so', () => {
  const hours = { TeamLead: { from: '06:00', to: '18:00' } };
  // The missing package's night: a team lead's change at 20:34 on the floor's clock.
  const night = () => {
    const history = reach('Packed');
    const late = to('Shipped', 'TeamLead');
    late.timestamp = '2026-11-26T20:34:11-05:00';
    return [...history, late];
  };

  it('is no anomaly with working hours alone: they only mark the event', () => {
    expect(kinds(night())).toEqual([]);
    expect(replay(night(), { ...FLOOR_RULES, workingHours: hours }).last).toEqual([]);
  });

  it("is an after-hours warning when the rule set flags it, read on the floor's clock", () => {
    const flagged = replay(night(), { ...FLOOR_RULES, workingHours: hours, flagAfterHours: true }).last;
    expect(flagged).toEqual([
      {
        kind: 'after-hours',
        severity: 'warning',
        message: "a TeamLead made it at 20:34 on the floor's clock, outside the TeamLead's working hours (06:00–18:00)",
      },
    ]);
    // The same instant written in UTC is 01:34 the next day: still outside; at 17:59 local, inside.
    const day = night();
    day.at(-1)!.timestamp = '2026-11-26T17:59:00-05:00';
    expect(replay(day, { ...FLOOR_RULES, workingHours: hours, flagAfterHours: true }).last).toEqual([]);
  });

  it('leaves roles without working hours alone', () => {
    const picker = [...reach('PendingPicking'), to('Picking', 'Picker')];
    picker.at(-1)!.timestamp = '2026-11-26T23:00:00-05:00';
    expect(replay(picker, { ...FLOOR_RULES, workingHours: hours, flagAfterHours: true }).last).toEqual([]);
  });
});
