/**
 * A long keyset-paged list (a million events, 150,000 orders) shown through a virtualized
 * table. Every page fetched is remembered only by its cursor and length; the rows themselves
 * are kept for a bounded number of pages around what is on screen. A page scrolled far away
 * is dropped and fetched again by its cursor when it comes back into view, so memory stays
 * flat however far the operator scrolls, and no row index ever moves (no scroll jumps).
 *
 * Pure data: the stores drive it, the tests check it.
 */
export interface PageSlot<Row, Cursor> {
  /** What was asked to get this page (undefined for the first page). */
  cursor: Cursor | undefined;
  length: number;
  /** null once evicted. */
  rows: Row[] | null;
}

export interface PagedWindow<Row, Cursor> {
  pageSize: number;
  pages: PageSlot<Row, Cursor>[];
  /** Cursor of the page after the last one, or null at the end of the list. */
  nextCursor: Cursor | null;
  /** Whether the first page was fetched at all. */
  started: boolean;
}

export function emptyWindow<Row, Cursor>(pageSize: number): PagedWindow<Row, Cursor> {
  return { pageSize, pages: [], nextCursor: null, started: false };
}

/** Rows known to exist (loaded or evicted). */
export function knownRows(w: PagedWindow<unknown, unknown>): number {
  let n = 0;
  for (const p of w.pages) n += p.length;
  return n;
}

export function hasMore(w: PagedWindow<unknown, unknown>): boolean {
  return !w.started || w.nextCursor !== null;
}

/** The row at an index, or undefined when its page is not in memory (or not fetched yet). */
export function rowAt<Row>(w: PagedWindow<Row, unknown>, index: number): Row | undefined {
  const page = w.pages[Math.floor(index / w.pageSize)];
  return page?.rows?.[index % w.pageSize];
}

export type PageRequest<Cursor> = { page: number; cursor: Cursor | undefined };

/**
 * Which pages must be fetched to show rows [first, last]: evicted pages in range, and the next
 * unseen page when the range reaches the end of what is known.
 */
export function pagesNeeded<Cursor>(
  w: PagedWindow<unknown, Cursor>,
  first: number,
  last: number,
): PageRequest<Cursor>[] {
  const out: PageRequest<Cursor>[] = [];
  if (!w.started) return [{ page: 0, cursor: undefined }];
  const known = knownRows(w);
  const lo = Math.max(0, Math.floor(first / w.pageSize));
  const hi = Math.floor(Math.max(first, last) / w.pageSize);
  for (let p = lo; p <= hi && p < w.pages.length; p++) {
    const slot = w.pages[p]!;
    if (slot.rows === null) out.push({ page: p, cursor: slot.cursor });
  }
  if (last >= known && w.nextCursor !== null) out.push({ page: w.pages.length, cursor: w.nextCursor });
  return out;
}

/**
 * Put a fetched page in its slot. A page past the end is appended (it must be the very next
 * one: keyset paging cannot skip); a page fetched again replaces its rows. `next` is the
 * cursor after this page, or null when it is the last.
 */
export function withPage<Row, Cursor>(
  w: PagedWindow<Row, Cursor>,
  page: number,
  rows: Row[],
  next: Cursor | null,
): PagedWindow<Row, Cursor> {
  if (page === 0 && !w.started) {
    return { ...w, started: true, pages: [{ cursor: undefined, length: rows.length, rows }], nextCursor: next };
  }
  if (page === w.pages.length) {
    if (w.nextCursor === null) return w;
    const slot: PageSlot<Row, Cursor> = { cursor: w.nextCursor, length: rows.length, rows };
    return { ...w, pages: [...w.pages, slot], nextCursor: rows.length === 0 ? null : next };
  }
  const old = w.pages[page];
  if (!old) return w;
  // Refetched pages keep their known length: rows only ever get appended to the journal at the
  // far end, so a page fetched by the same cursor has the same rows (a refresh resets instead).
  const pages = w.pages.slice();
  pages[page] = { ...old, rows: rows.slice(0, old.length) };
  return { ...w, pages };
}

/** Drop the rows of pages further than `keep` pages from the visible range. */
export function evictFar<Row, Cursor>(
  w: PagedWindow<Row, Cursor>,
  first: number,
  last: number,
  keep: number,
): PagedWindow<Row, Cursor> {
  const lo = Math.floor(first / w.pageSize) - keep;
  const hi = Math.floor(last / w.pageSize) + keep;
  let changed = false;
  const pages = w.pages.map((p, i) => {
    if (p.rows !== null && (i < lo || i > hi)) {
      changed = true;
      return { ...p, rows: null };
    }
    return p;
  });
  return changed ? { ...w, pages } : w;
}

export function loadedPages(w: PagedWindow<unknown, unknown>): number {
  return w.pages.filter((p) => p.rows !== null).length;
}
