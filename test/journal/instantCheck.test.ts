/** verify's quicker instantOf for runs of timestamps within one hour agrees with instantOf on every string. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InstantCheck } from '../../electron/journal/verify';
import { instantOf } from '../../shared/events/envelope';

const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
const tail = fc.constantFrom(
  'Z',
  '-05:00',
  '+01:00',
  '+0530',
  '.123Z',
  '.5-05:00',
  '.123456789Z',
  '',
  'z',
  '+25:00',
  'Zx',
);
const timestamp = fc
  .record({
    year: fc.constantFrom('2024', '2026', '2100'),
    month: two(13),
    day: two(32),
    hour: two(25),
    minute: two(61),
    second: two(61),
    tail,
  })
  .map(
    ({ year, month, day, hour, minute, second, tail: t }) => `${year}-${month}-${day}T${hour}:${minute}:${second}${t}`,
  );
// Runs within one hour (what the quick path is for), mixed with anything at all.
const hourRun = fc
  .tuple(timestamp, fc.array(fc.tuple(two(61), two(61)), { maxLength: 6 }))
  .map(([t, rest]) => [t, ...rest.map(([m, s]) => `${t.slice(0, 14)}${m}:${s}${t.slice(19)}`)]);
const anything = fc.string({ maxLength: 30 }).map((s) => [s]);

describe('InstantCheck', () => {
  it('gives instantOf of every timestamp, in any sequence', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(hourRun, hourRun, anything), { maxLength: 8 }), (runs) => {
        const check = new InstantCheck();
        for (const t of runs.flat()) expect(check.of(t)).toBe(instantOf(t));
      }),
      { numRuns: 500 },
    );
  });

  it('is quick only where it is right: a valid run gives real instants', () => {
    const check = new InstantCheck();
    expect(check.of('2026-02-12T08:01:38-05:00')).toBe(Date.parse('2026-02-12T13:01:38Z'));
    expect(check.of('2026-02-12T08:59:59-05:00')).toBe(Date.parse('2026-02-12T13:59:59Z'));
    expect(check.of('2026-02-12T08:60:00-05:00')).toBeNaN();
    expect(check.of('2026-02-30T08:00:00Z')).toBeNaN();
  });
});
