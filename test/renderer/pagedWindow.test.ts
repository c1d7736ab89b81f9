import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  emptyWindow,
  evictFar,
  hasMore,
  knownRows,
  loadedPages,
  pagesNeeded,
  rowAt,
  withPage,
  type PagedWindow,
} from '../../renderer/ui/pagedWindow';

/** A journal of `n` events, newest first, paged by seq like journalPage. */
function journal(n: number) {
  return (beforeSeq: number | undefined, limit: number) => {
    const top = beforeSeq === undefined ? n : beforeSeq - 1;
    const rows: number[] = [];
    for (let s = top; s >= 1 && rows.length < limit; s--) rows.push(s);
    const last = rows[rows.length - 1];
    return { rows, next: rows.length === limit && last !== undefined && last > 1 ? last : null };
  };
}

/** Fetch synchronously what the window asks for [first, last], like the store does. */
function show(w: PagedWindow<number, number>, fetch: ReturnType<typeof journal>, first: number, last: number) {
  for (let guard = 0; guard < 10_000; guard++) {
    const need = pagesNeeded(w, first, last);
    if (need.length === 0) return w;
    const { page, cursor } = need[0]!;
    const r = fetch(cursor, w.pageSize);
    w = withPage(w, page, r.rows, r.next);
  }
  throw new Error('did not settle');
}

describe('the paged window of a long list', () => {
  it('asks for the first page before anything else', () => {
    const w = emptyWindow<number, number>(10);
    expect(pagesNeeded(w, 0, 5)).toEqual([{ page: 0, cursor: undefined }]);
    expect(hasMore(w)).toBe(true);
    expect(knownRows(w)).toBe(0);
  });

  it('shows every row at its index, newest first, however the operator scrolls and pages are evicted', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.tuple(fc.nat(600), fc.nat(60)), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 3 }),
        (n, pageSize, scrolls, keep) => {
          const fetch = journal(n);
          let w = emptyWindow<number, number>(pageSize);
          for (const [start, height] of scrolls) {
            const first = Math.min(start, Math.max(0, knownRows(w)));
            const last = first + height;
            w = show(w, fetch, first, last);
            // Every row on screen is there and is the right event.
            for (let i = first; i <= Math.min(last, knownRows(w) - 1); i++) expect(rowAt(w, i)).toBe(n - i);
            w = evictFar(w, first, last, keep);
            // Memory stays bounded: only pages near the screen keep their rows.
            const screenPages = Math.floor(last / pageSize) - Math.floor(first / pageSize) + 1;
            expect(loadedPages(w)).toBeLessThanOrEqual(screenPages + 2 * keep);
          }
          // Scrolling to the end reaches every event exactly once.
          w = show(w, fetch, 0, n + 1);
          expect(knownRows(w)).toBe(n);
          expect(hasMore(w)).toBe(false);
          for (let i = 0; i < n; i++) expect(rowAt(w, i)).toBe(n - i);
        },
      ),
    );
  });

  it('never asks twice for the next unseen page once the end is known', () => {
    const fetch = journal(25);
    const w = show(emptyWindow<number, number>(10), fetch, 0, 100);
    expect(knownRows(w)).toBe(25);
    expect(pagesNeeded(w, 0, 100)).toEqual([]);
  });

  it('refetches an evicted page by the cursor it was first fetched with', () => {
    const fetch = journal(100);
    let w = show(emptyWindow<number, number>(10), fetch, 0, 60);
    w = evictFar(w, 50, 60, 0);
    expect(rowAt(w, 0)).toBeUndefined();
    const need = pagesNeeded(w, 0, 5);
    expect(need).toEqual([{ page: 0, cursor: undefined }]);
    const need2 = pagesNeeded(w, 12, 14);
    expect(need2).toEqual([{ page: 1, cursor: 91 }]);
  });
});
