/** The chain's hash input: the fast writer of the canonical form agrees with the general one. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/events/canonical';
import { AppendJson, hashedJson, RowJson, type HashedEvent } from '../../electron/journal/hash';
import { EVENT_COLUMNS } from '../../electron/journal/rows';

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

describe('RowJson (verify hashing straight from the columns)', () => {
  it('equals hashedJson of the same row, row after row (its quoting of repeated values is reused)', () => {
    const rowJson = new RowJson();
    // Rows that repeat some of the last row's values and change others, so reuse and change both happen.
    const rows = fc.array(
      fc.tuple(hashed, fc.boolean()).map(([e, dataAsText]) => ({ e, dataAsText })),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(rows, fc.integer({ min: 0, max: 7 }), (list, repeatFrom) => {
        let previous: HashedEvent | undefined;
        for (const { e: fresh } of list) {
          const e: HashedEvent =
            previous && repeatFrom > 3 ? { ...fresh, type: previous.type, source: previous.source } : fresh;
          previous = e;
          const data = canonicalJson(e.data);
          const columns: Record<string, unknown> = {
            seq: e.seq,
            event_id: e.eventId,
            type: e.type,
            order_id: e.orderId,
            trace_id: e.traceId ?? null,
            initiator_id: e.initiatedBy.id,
            initiator_name: e.initiatedBy.name ?? null,
            initiator_role: e.initiatedBy.role,
            timestamp: e.timestamp,
            instant: 0,
            data,
            recorded_at: e.recordedAt,
            source: e.source,
            rule_set: e.ruleSet,
          };
          const row = EVENT_COLUMNS.split(', ').map((c) => columns[c]);
          expect(rowJson.of(row)).toBe(hashedJson(e, data));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('AppendJson (the writer hashing each event it appends)', () => {
  it('equals hashedJson of the same event, event after event (its quoting of repeated values is reused)', () => {
    const appendJson = new AppendJson();
    const events = fc.array(hashed, { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(events, fc.integer({ min: 0, max: 7 }), (list, repeat) => {
        let previous: HashedEvent | undefined;
        for (const fresh of list) {
          // Some events repeat the last one's initiator, type, order or batch values, others do not.
          const e: HashedEvent =
            previous && repeat > 2
              ? {
                  ...fresh,
                  initiatedBy: repeat > 5 ? previous.initiatedBy : fresh.initiatedBy,
                  type: previous.type,
                  orderId: repeat % 2 === 0 ? previous.orderId : fresh.orderId,
                  recordedAt: previous.recordedAt,
                  source: previous.source,
                  ruleSet: previous.ruleSet,
                }
              : fresh;
          previous = e;
          const data = canonicalJson(e.data);
          expect(appendJson.of(e, e.seq, e.recordedAt, e.source, e.ruleSet, data)).toBe(hashedJson(e, data));
        }
      }),
      { numRuns: 300 },
    );
  });
});
