/**
 * The journal view's state: the filter and the paged window of events, newest first. Paging is
 * by seq (keyset), so a million events cost the same as a thousand to open.
 */
import { create } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { EventRecord, JournalFilter } from '../../shared/contract/records';
import type { LedgerApi } from '../../shared/contract/channels';
import { createPagedStore, type PagedState } from '../ui/pagedStore';
import { messageOf } from '../app/ledger';
import { useLive } from '../app/live';
import { searchTerms } from '../../shared/search/terms';

export const JOURNAL_PAGE_SIZE = 200;
/** Pages kept on each side of the screen: about 2,000 events in memory at most. */
export const JOURNAL_KEEP_PAGES = 4;

export type JournalPaged = StoreApi<PagedState<EventRecord, number>>;

/** Drop empty fields so the request says only what the operator asked for. */
export function cleanFilter(f: JournalFilter): JournalFilter {
  const out: JournalFilter = {};
  if (f.types && f.types.length > 0) out.types = f.types;
  for (const k of ['initiatorId', 'orderId', 'traceId', 'from', 'to'] as const) {
    const v = f[k]?.trim();
    if (v) out[k] = v;
  }
  if (f.flaggedOnly) out.flaggedOnly = true;
  // Only what the index can look up (words of three characters or more) is sent.
  if (f.text !== undefined && searchTerms(f.text).length > 0) out.text = f.text.trim();
  return out;
}

export function journalFetch(api: () => Pick<LedgerApi, 'journalPage'>, filter: JournalFilter) {
  const clean = cleanFilter(filter);
  return async (beforeSeq: number | undefined, limit: number) => {
    const page = await api().journalPage({ filter: clean, limit, ...(beforeSeq ? { beforeSeq } : {}) });
    return { rows: page.rows, next: page.nextBeforeSeq };
  };
}

interface JournalViewState {
  filter: JournalFilter;
  /** Bumped whenever the list starts over, so the table scrolls back to the top. */
  listKey: number;
  /** Newest seq the journal has told us about that the list does not show yet. */
  newerThanShown: number;
  paged: JournalPaged | null;
  /** Build the paged list against a ledger (once, when the page first mounts). */
  attach(api: () => Pick<LedgerApi, 'journalPage'>): JournalPaged;
  /**
   * Ask for the newest page now, before the view is on screen (at start-up, beside the session
   * check), so its rows are on their way while the shell renders. The answer serves only the
   * list's first request, and only if that is the unfiltered newest page and the journal has not
   * changed since (no push, no filter set in between): otherwise it is dropped and read afresh.
   * Resolves (never rejects) once the answer has come, or the request failed.
   */
  readFirstPageEarly(api: () => Pick<LedgerApi, 'journalPage'>): Promise<void>;
  setFilter(change: Partial<JournalFilter>): void;
  clearFilter(): void;
  /** The journal changed: refresh in place when the newest rows are on screen, else note it. */
  journalChanged(lastSeq: number, firstVisible: number): void;
  showNewest(): void;
}

export function createJournalView() {
  let api: () => Pick<LedgerApi, 'journalPage'> = () => {
    throw new Error('The journal view is not attached.');
  };
  type Page = Awaited<ReturnType<ReturnType<typeof journalFetch>>>;
  /** The newest page asked for early, the live revision it was read at, and its answer once it came. */
  let early: { revision: number; page: Promise<Page>; answer?: Page } | null = null;
  /** Whether the early read is the list's first page still: unfiltered, and the journal unchanged since. */
  const stillFirst = (taken: NonNullable<typeof early>, filter: JournalFilter) =>
    Object.keys(cleanFilter(filter)).length === 0 && taken.revision === useLive.getState().revision;
  /** The list's fetch: its first request takes the early answer when that is still the same read. */
  const listFetch = (filter: JournalFilter) => {
    const fresh = journalFetch(() => api(), filter);
    return (beforeSeq: number | undefined, limit: number): Promise<Page> => {
      const taken = early;
      early = null;
      const same =
        taken !== null && beforeSeq === undefined && limit === JOURNAL_PAGE_SIZE && stillFirst(taken, filter);
      // Refused early (not signed in yet, say): the list asks again now, as it would have.
      return same ? taken.page.catch(() => fresh(beforeSeq, limit)) : fresh(beforeSeq, limit);
    };
  };
  return create<JournalViewState>((set, get) => ({
    filter: {},
    listKey: 0,
    newerThanShown: 0,
    paged: null,
    attach: (ledgerApi) => {
      api = ledgerApi;
      const existing = get().paged;
      if (existing) return existing;
      // The early answer in hand already: the view's first render shows its rows (one render, not two).
      const taken = early;
      const first = taken?.answer && stillFirst(taken, get().filter) ? taken.answer : undefined;
      if (first) early = null;
      const paged = createPagedStore<EventRecord, number>({
        pageSize: JOURNAL_PAGE_SIZE,
        keepPages: JOURNAL_KEEP_PAGES,
        fetch: listFetch(get().filter),
        onError: messageOf,
        ...(first ? { first } : {}),
      });
      set({ paged });
      return paged;
    },
    readFirstPageEarly: (ledgerApi) => {
      const page = journalFetch(ledgerApi, {})(undefined, JOURNAL_PAGE_SIZE);
      const read: NonNullable<typeof early> = { revision: useLive.getState().revision, page };
      early = read;
      return page.then(
        (answer) => {
          read.answer = answer;
        },
        () => {
          if (early === read) early = null;
        },
      );
    },
    setFilter: (change) => {
      early = null;
      const filter = { ...get().filter, ...change };
      set({ filter, listKey: get().listKey + 1, newerThanShown: 0 });
      get().paged?.getState().reset(listFetch(filter));
    },
    clearFilter: () =>
      get().setFilter({
        types: [],
        initiatorId: '',
        orderId: '',
        traceId: '',
        from: '',
        to: '',
        flaggedOnly: false,
        text: '',
      }),
    journalChanged: (lastSeq, firstVisible) => {
      const paged = get().paged;
      if (!paged) return;
      const top = paged.getState().window.pages[0]?.rows?.[0]?.seq ?? 0;
      if (lastSeq <= top) return;
      if (firstVisible < 5) {
        // The operator is looking at the newest events: show the new ones where they are.
        set({ newerThanShown: 0 });
        paged.getState().reset();
      } else {
        // Reading further down: do not move the rows under their eyes; offer to jump.
        set({ newerThanShown: lastSeq });
      }
    },
    showNewest: () => {
      set({ newerThanShown: 0, listKey: get().listKey + 1 });
      get().paged?.getState().reset();
    },
  }));
}

export const useJournalView = createJournalView();
