/** The envelope's bounds on data: depth and size, measured without recursion, refused with a reason. */
import { describe, expect, it } from 'vitest';
import { dataOutOfBounds, MAX_DATA_CHARS, MAX_DATA_DEPTH, nestedDeeperThan } from '../../shared/events/bounds';
import { parseEnvelope } from '../../shared/events/envelope';
import { FLOOR_RULES } from '../../shared/rules/builtin';

/** `levels` objects and arrays inside each other. */
const nested = (levels: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

const envelope = (data: unknown) => ({
  eventId: 'e-1',
  type: 'CustomerNotified',
  orderId: 'o-1',
  initiatedBy: { id: 'oms', role: 'System' },
  timestamp: '2026-11-26T08:00:00Z',
  data,
});

describe('dataOutOfBounds', () => {
  it('takes data up to the depth bound and refuses one level more', () => {
    expect(dataOutOfBounds({ channel: 'x', deep: nested(MAX_DATA_DEPTH - 1) })).toBeUndefined();
    expect(dataOutOfBounds({ channel: 'x', deep: nested(MAX_DATA_DEPTH) })).toMatch(/nested more than 32 levels/);
  });

  it('measures a million levels without overflowing the stack', () => {
    expect(dataOutOfBounds(nested(1_000_000))).toMatch(/nested more than/);
    expect(nestedDeeperThan(nested(1_000_000), 256)).toBe(true);
    expect(nestedDeeperThan(nested(256), 256)).toBe(false);
  });

  it('refuses data larger than the size bound, wide or in one long string', () => {
    expect(dataOutOfBounds({ channel: 'x'.repeat(MAX_DATA_CHARS) })).toMatch(/too large \(more than 256 KiB/);
    expect(dataOutOfBounds({ many: Array.from({ length: MAX_DATA_CHARS / 4 }, () => 1234) })).toMatch(/too large/);
    const order = { lines: Array.from({ length: 3000 }, (_, i) => ({ sku: `SKU-${i}`, qty: 1 })) };
    expect(dataOutOfBounds(order)).toBeUndefined();
  });

  it('parseEnvelope refuses the line with that reason, on the fast path and the schema path alike', () => {
    const statuses = FLOOR_RULES.statuses;
    const deep = parseEnvelope(envelope({ channel: 'x', deep: nested(5000) }), { statuses });
    expect(deep).toEqual({ ok: false, reason: expect.stringMatching(/^data is nested more than 32 levels/) });
    // Unknown type: the schema path would answer, but the bound is checked first.
    const slow = parseEnvelope({ ...envelope(nested(5000)), type: 'Teleported' }, { statuses });
    expect(slow).toEqual({ ok: false, reason: expect.stringMatching(/^data is nested/) });
  });
});
