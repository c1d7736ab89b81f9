/**
 * A zustand store over a PagedWindow: fetches the pages the table needs, at most one request
 * per page at a time, drops far pages, and ignores answers that arrive after the filter
 * changed (a generation number, so a slow old page never lands in a new list).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { emptyWindow, evictFar, pagesNeeded, withPage, type PagedWindow } from './pagedWindow';

export interface PageFetch<Row, Cursor> {
  (cursor: Cursor | undefined, limit: number): Promise<{ rows: Row[]; next: Cursor | null }>;
}

export interface PagedState<Row, Cursor> {
  window: PagedWindow<Row, Cursor>;
  error: string | null;
  /** Whether any page is being fetched (for a quiet spinner). */
  busy: boolean;
  generation: number;
  /** Show rows [first, last]: fetch what is missing, forget what is far. */
  ensure(first: number, last: number): void;
  /** Start over (a filter changed, or the journal changed under the first page). */
  reset(fetch?: PageFetch<Row, Cursor>): void;
}

export interface PagedOptions<Row, Cursor> {
  pageSize: number;
  /** Pages kept on either side of the visible range. */
  keepPages: number;
  fetch: PageFetch<Row, Cursor>;
  onError?: (e: unknown) => string;
  /** The first page when it is in hand already (read early): the list starts with it, not with a request. */
  first?: { rows: Row[]; next: Cursor | null };
}

export function createPagedStore<Row, Cursor>(opts: PagedOptions<Row, Cursor>): StoreApi<PagedState<Row, Cursor>> {
  let fetchPage = opts.fetch;
  const inFlight = new Set<number>();
  let lastRange: [number, number] = [0, 0];

  return createStore<PagedState<Row, Cursor>>((set, get) => {
    const load = (page: number, cursor: Cursor | undefined) => {
      if (inFlight.has(page)) return;
      inFlight.add(page);
      const generation = get().generation;
      set({ busy: true });
      fetchPage(cursor, opts.pageSize).then(
        ({ rows, next }) => {
          if (get().generation !== generation) return;
          inFlight.delete(page);
          const w = evictFar(withPage(get().window, page, rows, next), lastRange[0], lastRange[1], opts.keepPages);
          set({ window: w, busy: inFlight.size > 0, error: null });
          // The page may have revealed that more is needed (a short first screen, a fast scroll).
          get().ensure(lastRange[0], lastRange[1]);
        },
        (e: unknown) => {
          if (get().generation !== generation) return;
          inFlight.delete(page);
          set({ busy: inFlight.size > 0, error: opts.onError ? opts.onError(e) : String(e) });
        },
      );
    };

    return {
      window: opts.first
        ? withPage(emptyWindow<Row, Cursor>(opts.pageSize), 0, opts.first.rows, opts.first.next)
        : emptyWindow<Row, Cursor>(opts.pageSize),
      error: null,
      busy: false,
      generation: 0,
      ensure: (first, last) => {
        lastRange = [first, last];
        if (get().error) return;
        const w = get().window;
        // Keyset paging reaches page n only through page n-1: fetch the next unseen page once
        // the ones before it are known, never several "next" pages at once.
        for (const { page, cursor } of pagesNeeded(w, first, last)) {
          if (page >= w.pages.length && inFlight.size > 0 && [...inFlight].some((p) => p >= w.pages.length)) continue;
          load(page, cursor);
        }
        const evicted = evictFar(w, first, last, opts.keepPages);
        if (evicted !== w) set({ window: evicted });
      },
      reset: (fetch) => {
        if (fetch) fetchPage = fetch;
        inFlight.clear();
        set({ window: emptyWindow(opts.pageSize), error: null, busy: false, generation: get().generation + 1 });
        get().ensure(lastRange[0], lastRange[1]);
      },
    };
  });
}
