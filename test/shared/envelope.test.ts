/** The envelope of handbook §2: what is accepted, and a readable reason for what is not. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantOf, parseEnvelope } from '../../shared/events/envelope';
import { canonicalJson } from '../../shared/events/canonical';
import { FLOOR_RULES, HANDBOOK_1998 } from '../../shared/rules/builtin';

const options = { statuses: FLOOR_RULES.statuses };
const good = {
  eventId: '9f1c7a52-3b0e-4f7e-9d55-0c2b8e6f1a01',
  type: 'StatusChanged',
  orderId: '1345693',
  traceId: 't-20261126-0042',
  initiatedBy: { id: 'wchin', name: 'Walter Chin', role: 'TeamLead' },
  timestamp: '2026-11-26T20:34:11.000-05:00',
  data: { status: 'PendingPicking' },
};
const without = (field: keyof typeof good) => {
  const copy: Record<string, unknown> = { ...good };
  delete copy[field];
  return copy;
};
const reasonFor = (value: unknown, opts = options) => {
  const r = parseEnvelope(value, opts);
  if (r.ok) throw new Error('expected a rejection');
  return r.reason;
};

describe('parseEnvelope', () => {
  it('accepts the handbook example as it is', () => {
    const r = parseEnvelope(good, options);
    expect(r).toEqual({ ok: true, event: good });
  });

  it('drops empty optional strings and unknown top-level fields, keeps unknown data fields', () => {
    const r = parseEnvelope(
      {
        ...good,
        traceId: '',
        extra: 1,
        initiatedBy: { id: 'x', name: '', role: 'Picker' },
        data: { status: 'Picking', bin: 'B4' },
      },
      options,
    );
    expect(r.ok && r.event).toEqual({
      ...without('traceId'),
      initiatedBy: { id: 'x', role: 'Picker' },
      data: { status: 'Picking', bin: 'B4' },
    });
  });

  it.each(
    [
      [[1, 2, 3], 'not a JSON object (got an array)'],
      ['text', 'not a JSON object (got a string)'],
      [null, 'not a JSON object (got null)'],
      [without('eventId'), 'missing field "eventId"'],
      [without('orderId'), 'missing field "orderId"'],
      [without('initiatedBy'), 'missing field "initiatedBy"'],
      [without('timestamp'), 'missing field "timestamp"'],
      [{ ...good, type: 'TeleportOrder' }, 'unknown type "TeleportOrder"'],
      [{ ...good, initiatedBy: { id: 'x', role: 'Janitor' } }, 'unknown role "Janitor"'],
      [{ ...good, initiatedBy: { role: 'Picker' } }, 'missing field "initiatedBy.id"'],
      [{ ...good, data: { status: 'Teleported' } }, 'unknown status "Teleported"'],
      [{ ...good, data: {} }, 'missing field "data.status"'],
      [
        { ...good, timestamp: 'yesterday afternoon' },
        'timestamp "yesterday afternoon" is not ISO 8601 with a time-zone offset',
      ],
      [
        { ...good, timestamp: '2026-11-26T20:34:11' },
        'timestamp "2026-11-26T20:34:11" is not ISO 8601 with a time-zone offset',
      ],
      [
        { ...good, timestamp: '2026-02-30T10:00:00Z' },
        'timestamp "2026-02-30T10:00:00Z" is not ISO 8601 with a time-zone offset',
      ],
      [{ ...good, eventId: '' }, 'eventId must not be empty'],
      [{ ...good, eventId: 'x'.repeat(129) }, 'eventId is too long (at most 128 characters)'],
      [{ ...good, orderId: 'x'.repeat(65) }, 'orderId is too long (at most 64 characters)'],
      [{ ...good, traceId: 't'.repeat(129) }, 'traceId is too long (at most 128 characters)'],
      [
        { ...good, type: 'ItemPicked', data: { itemSku: 'A', itemQty: -2 } },
        'data.itemQty must be a positive whole number (got -2)',
      ],
      [
        { ...good, type: 'ItemPicked', data: { itemSku: 'A', itemQty: 1.5 } },
        'data.itemQty must be a positive whole number (got 1.5)',
      ],
      [{ ...good, type: 'OrderCreated', data: { lines: [] } }, 'data.lines must have at least one entry'],
      [
        { ...good, type: 'OrderCreated', data: { lines: [{ sku: 'A', qty: 0 }] } },
        'data.lines[0].qty must be a positive whole number (got 0)',
      ],
      [{ ...good, data: 'Packed' }, 'data must be an object (got a string)'],
    ].map(([value, reason]) => [reason, value] as const),
  )('rejects: %s', (reason, value) => {
    expect(reasonFor(value)).toBe(reason);
  });

  it('refuses office events in files from the main system', () => {
    const correction = {
      ...good,
      type: 'StatusCorrected',
      data: { status: 'Packed', reason: 'Found at the packing bench', order: { orderId: '1345693', lines: [] } },
    };
    expect(reasonFor(correction)).toMatch(/StatusCorrected is an office event/);
    expect(
      parseEnvelope(
        { ...correction, initiatedBy: { id: 'mk', role: 'Supervisor' } },
        { ...options, allowOfficeEvents: true },
      ).ok,
    ).toBe(true);
  });

  it('knows the statuses of the rule set it is given', () => {
    const postPicking = { ...good, data: { status: 'PostPicking' } };
    expect(reasonFor(postPicking)).toBe('unknown status "PostPicking"');
    expect(parseEnvelope(postPicking, { statuses: HANDBOOK_1998.statuses }).ok).toBe(true);
  });
});

describe('instantOf', () => {
  it('applies offsets', () => {
    expect(instantOf('2026-11-26T20:34:11.000-05:00')).toBe(Date.parse('2026-11-27T01:34:11Z'));
    expect(instantOf('2026-11-27T01:34:11Z')).toBe(instantOf('2026-11-27T02:34:11+01:00'));
    expect(instantOf('2026-11-27T01:34+0100')).toBe(Date.parse('2026-11-27T00:34:00Z'));
  });
  it('refuses local times and impossible dates', () => {
    for (const t of ['2026-11-27 01:34:11Z', '2026-13-01T00:00:00Z', '2026-11-27T24:00:00Z', '2026-11-27', '']) {
      expect(instantOf(t)).toBeNaN();
    }
    for (const t of ['2026-02-29T00:00Z', '1900-02-29T00:00Z', '2026-04-31T00:00Z', '2026-11-27T01:60Z']) {
      expect(instantOf(t)).toBeNaN();
    }
    expect(instantOf('2000-02-29T00:00Z')).toBe(Date.UTC(2000, 1, 29));
    expect(instantOf('2028-02-29T23:59:59.999+14:00')).toBe(Date.parse('2028-02-29T23:59:59.999+14:00'));
  });
  it('gives the instant Date.parse gives for every timestamp it accepts, the same one asked twice included', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const timestamp = fc
      .record({
        year: fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
        month: fc.integer({ min: 1, max: 12 }).map((n) => String(n).padStart(2, '0')),
        day: fc.integer({ min: 1, max: 31 }).map((n) => String(n).padStart(2, '0')),
        hour: two(23),
        minute: two(59),
        second: fc.option(two(59)),
        fraction: fc.option(fc.stringMatching(/^\d{1,9}$/)),
        offset: fc.oneof(
          fc.constant('Z'),
          fc.tuple(fc.constantFrom('+', '-'), two(23), fc.constantFrom(':', ''), two(59)).map((p) => p.join('')),
        ),
      })
      .map(({ year, month, day, hour, minute, second, fraction, offset }) => {
        const seconds = second === null ? '' : `:${second}${fraction === null ? '' : `.${fraction}`}`;
        return `${year}-${month}-${day}T${hour}:${minute}${seconds}${offset}`;
      });
    fc.assert(
      fc.property(timestamp, (t) => {
        const instant = instantOf(t);
        const parsed = Date.parse(t);
        // Date.parse rolls an impossible day over into the next month; instantOf refuses it.
        const rolled =
          !Number.isNaN(parsed) && new Date(Date.parse(t.slice(0, 10))).getUTCDate() !== Number(t.slice(8, 10));
        if (Number.isNaN(instant)) expect(rolled || Number.isNaN(parsed), t).toBe(true);
        else expect(instant, t).toBe(parsed);
        expect(Object.is(instantOf(t), instant), t).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves out undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: undefined }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[2,{"f":1}]},"b":1}',
    );
  });
  it('is the same for the same content in any key order', () => {
    expect(canonicalJson({ ...good })).toBe(canonicalJson(Object.fromEntries(Object.entries(good).reverse())));
  });
});
