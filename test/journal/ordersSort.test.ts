/** The orders list sorted by any column, paged by keyset, filtered by date; status counts under a filter. */
import { describe, expect, it } from 'vitest';
import { ORDER_SORTS } from '../../shared/contract/channels';
import { sortValueOf } from '../../electron/journal/queries';
import type { OrderRecord } from '../../shared/contract/records';
import { freshJournal, sampleEvents } from './helpers';
import { generateEvents } from '../../electron/seed';
import { instantOf } from '../../shared/events/envelope';

function seeded() {
  const j = freshJournal();
  const events = [...generateEvents({ events: 3000, seed: 7 })].map((event) => ({
    event,
    instant: instantOf(event.timestamp),
  }));
  j.appendBatch(events, 'seed.ndjson');
  return j;
}

/** Every page of a sort, following the keyset, at `size` rows a page. */
function allPages(j: ReturnType<typeof freshJournal>, sort: (typeof ORDER_SORTS)[number], descending: boolean) {
  const out: OrderRecord[] = [];
  let after: { key: string | number; orderId: string } | undefined;
  for (;;) {
    const page = j.orders({ sort, descending, limit: 37, ...(after ? { after } : {}) });
    out.push(...page);
    if (page.length < 37) return out;
    const last = page[page.length - 1]!;
    after = { key: sortValueOf(last, sort), orderId: last.orderId };
  }
}

describe('orders sorted by any column', () => {
  it('every sort, both ways, pages through every order once, in order', () => {
    const j = seeded();
    const every = j.orders({ limit: 10_000 });
    expect(every.length).toBeGreaterThan(100);
    for (const sort of ORDER_SORTS) {
      for (const descending of [false, true]) {
        const paged = allPages(j, sort, descending);
        expect(paged.map((o) => o.orderId).sort(), `${sort} ${descending}`).toEqual(every.map((o) => o.orderId).sort());
        const keys = paged.map((o) => [sortValueOf(o, sort), o.orderId] as const);
        const cmp = (a: readonly [string | number, string], b: readonly [string | number, string]) =>
          a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
        const sorted = [...keys].sort((a, b) => (descending ? -cmp(a, b) : cmp(a, b)));
        expect(keys, `${sort} ${descending}`).toEqual(sorted);
      }
    }
  });

  it('filters by the latest event time, and counts statuses under the filter', () => {
    const j = freshJournal();
    j.appendBatch(sampleEvents('missing-package.ndjson'), 'night.ndjson');
    const late = j.orders({ from: '2026-11-26T18:00:00-05:00' });
    expect(late.map((o) => o.orderId)).toEqual(['1345693']);
    expect(j.countOrders({ from: '2026-11-26T18:00:00-05:00' })).toBe(1);
    expect(j.statusCountsOf({ search: 'Walter' })).toEqual({ PendingPicking: 1 });
    expect(j.statusCountsOf({})).toEqual(j.statusCounts());
    expect(() => j.orders({ to: 'soon' })).toThrow(/"to": "soon" is not an ISO 8601 time/);
  });
});
