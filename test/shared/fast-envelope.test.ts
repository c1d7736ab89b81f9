/**
 * The hand-written fast path of parseEnvelope may only accept what the zod schemas accept, and
 * must build the very same event: otherwise the same line could be recorded differently
 * depending on which path read it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastEnvelope, parseEnvelopeBySchema, FLOOR_ROLES } from '../../shared/events/envelope';
import { FLOOR_RULES } from '../../shared/rules/builtin';

const options = { statuses: FLOOR_RULES.statuses };

const oneOf = (...values: unknown[]) => fc.constantFrom(...values);
/** Mostly a good value, now and then something else: the interesting cases are near the edge. */
const mostly = <T, U>(good: fc.Arbitrary<T>, other: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: other, weight: 1 });
const odd = fc.oneof(
  fc.string({ maxLength: 4 }),
  oneOf('', ' ', 'x'.repeat(65), 'x'.repeat(129), 'x'.repeat(257)),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const text = mostly(oneOf('A', 'GLV-200', '東京', 'x'.repeat(64), "'; DROP TABLE events; --", ' padded '), odd);
const qty = mostly(fc.integer({ min: 1, max: 50 }), oneOf(0, -2, 1.5, 2 ** 53, Number.NaN, '3'));
const line = mostly(fc.record({ sku: text, qty }), fc.record({ sku: text, qty, bin: text }));
const dataFor: Record<string, fc.Arbitrary<unknown>> = {
  StatusChanged: fc.record({ status: mostly(oneOf(...FLOOR_RULES.statuses), oneOf('Teleported', 'PostPicking', 3)) }),
  ItemPicked: fc.record({ itemSku: text, itemQty: qty }, { requiredKeys: [] }),
  CustomerNotified: fc.record({ channel: mostly(oneOf('email', ''), odd) }, { requiredKeys: [] }),
  OrderCreated: fc.record(
    { customer: mostly(oneOf('Hillside Dental', ''), odd), lines: mostly(fc.array(line, { maxLength: 3 }), odd) },
    { requiredKeys: ['lines'] },
  ),
};
const envelope = mostly(
  oneOf('OrderCreated', 'ItemPicked', 'StatusChanged', 'CustomerNotified'),
  oneOf('StatusCorrected', 'Nope'),
).chain((type) =>
  fc.record(
    {
      eventId: text,
      type: mostly(fc.constant(type), odd),
      orderId: text,
      traceId: mostly(oneOf('t-1', ''), odd),
      initiatedBy: mostly(
        fc.record(
          {
            id: text,
            name: mostly(oneOf('Ana Ruiz', ''), odd),
            role: mostly(oneOf(...FLOOR_ROLES), oneOf('Janitor', 'Clerk')),
          },
          { requiredKeys: ['id', 'role'] },
        ),
        odd,
      ),
      timestamp: mostly(
        oneOf('2026-11-26T20:34:11.000-05:00', '2026-11-26T20:34:11Z'),
        oneOf('2026-02-30T10:00:00Z', 'yesterday', '2026-11-26T20:34'),
      ),
      data: mostly(dataFor[type as string] ?? dataFor.StatusChanged!, odd),
    },
    { requiredKeys: ['eventId', 'type', 'orderId', 'initiatedBy', 'timestamp', 'data'] },
  ),
);

describe('fastEnvelope', () => {
  it('accepts only what the schemas accept, and builds the same event', () => {
    let accepted = 0;
    fc.assert(
      fc.property(envelope, (value) => {
        const fast = fastEnvelope(value as Record<string, unknown>, options);
        if (!fast) return;
        accepted += 1;
        const bySchema = parseEnvelopeBySchema(value, options);
        expect(bySchema).toEqual({ ok: true, event: fast });
      }),
      { numRuns: 5000 },
    );
    // The generator must actually reach the fast path, or this test proves nothing.
    expect(accepted).toBeGreaterThan(50);
  });

  it('takes every well-formed main-system event of the samples', () => {
    const ok = {
      eventId: 's-1',
      type: 'OrderCreated',
      orderId: '1345693',
      initiatedBy: { id: 'oms', name: 'Order webhook', role: 'System' },
      timestamp: '2026-11-26T09:02:10-05:00',
      data: { customer: 'Hillside Dental', lines: [{ sku: 'GLV-200', qty: 3 }] },
    };
    expect(fastEnvelope(ok, options)).toEqual(ok);
  });
});
