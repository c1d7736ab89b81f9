/** The chain's hash input: the fast writer of the canonical form agrees with the general one. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/events/canonical';
import { hashedJson, type HashedEvent } from '../../electron/journal/hash';

const text = fc.string({ unit: 'binary', maxLength: 20 });
const json = fc.jsonValue({ maxDepth: 3 });

const hashed: fc.Arbitrary<HashedEvent> = fc
  .record({
    seq: fc.integer({ min: 1, max: 2 ** 40 }),
    eventId: text,
    type: text,
    orderId: text,
    traceId: fc.option(text, { nil: undefined }),
    id: text,
    name: fc.option(text, { nil: undefined }),
    role: text,
    timestamp: text,
    data: fc.dictionary(text, json),
    recordedAt: text,
    source: text,
    ruleSet: text,
  })
  .map(({ id, name, role, ...rest }) => ({ ...rest, initiatedBy: { id, name, role } }));

describe('hashedJson', () => {
  it('equals canonicalJson of the same event', () => {
    fc.assert(
      fc.property(hashed, (e) => {
        expect(hashedJson(e)).toBe(canonicalJson(e));
      }),
      { numRuns: 500 },
    );
  });
});
