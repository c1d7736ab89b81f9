/**
 * The orders view: running status of every order, filtered, keyset-paged by order id, plus
 * the counts per status shown above the table.
 */
import { create } from 'zustand';
import type { LedgerApi } from '../../shared/contract/channels';
import type { OrderRecord } from '../../shared/contract/records';
import { createPagedStore, type PagedState } from '../ui/pagedStore';
import type { StoreApi } from 'zustand/vanilla';
import { messageOf } from '../app/ledger';
import { asOfSeq } from '../history/asOf';

export const ORDERS_PAGE_SIZE = 200;

export interface OrdersFilter {
  status?: string;
  withAnomalies?: boolean;
  search?: string;
}

type Api = Pick<LedgerApi, 'listOrders' | 'statusCounts'> & Partial<Pick<LedgerApi, 'ordersAsOf'>>;

export function ordersFetch(api: () => Api, filter: OrdersFilter, onTotal: (total: number) => void) {
  const request = {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.withAnomalies ? { withAnomalies: true } : {}),
    ...(filter.search?.trim() ? { search: filter.search.trim() } : {}),
  };
  return async (afterOrderId: string | undefined, limit: number) => {
    const paging = { ...request, limit, ...(afterOrderId !== undefined ? { afterOrderId } : {}) };
    // The list as it stood when the window looks at the past (see ../history).
    const past = asOfSeq();
    const { ordersAsOf } = api();
    const page =
      past === undefined || !ordersAsOf
        ? await api().listOrders(paging)
        : await ordersAsOf({ ...paging, asOfSeq: past });
    onTotal(page.total);
    // A short page is the last one; otherwise the next page starts after this page's last id.
    const last = page.rows[page.rows.length - 1];
    return { rows: page.rows, next: page.rows.length < limit || !last ? null : last.orderId };
  };
}

interface OrdersViewState {
  filter: OrdersFilter;
  total: number | null;
  /** Every order, with or without a status (an event for an unknown order makes one without). */
  allOrders: number | null;
  counts: Record<string, number>;
  countsError: string | null;
  listKey: number;
  paged: StoreApi<PagedState<OrderRecord, string>> | null;
  attach(api: () => Api): StoreApi<PagedState<OrderRecord, string>>;
  setFilter(change: Partial<OrdersFilter>): void;
  refresh(): void;
}

export function createOrdersView() {
  let api: () => Api = () => {
    throw new Error('The orders view is not attached.');
  };
  return create<OrdersViewState>((set, get) => {
    const onTotal = (total: number) => {
      const f = get().filter;
      const unfiltered = !f.status && !f.withAnomalies && !f.search?.trim();
      set(unfiltered ? { total, allOrders: total } : { total });
    };
    const loadCounts = () =>
      api()
        .statusCounts({})
        .then(
          (counts) => set({ counts, countsError: null }),
          (e: unknown) => set({ countsError: messageOf(e) }),
        );
    return {
      filter: {},
      total: null,
      allOrders: null,
      counts: {},
      countsError: null,
      listKey: 0,
      paged: null,
      attach: (ledgerApi) => {
        api = ledgerApi;
        void loadCounts();
        const existing = get().paged;
        if (existing) return existing;
        const paged = createPagedStore<OrderRecord, string>({
          pageSize: ORDERS_PAGE_SIZE,
          keepPages: 4,
          fetch: ordersFetch(() => api(), get().filter, onTotal),
          onError: messageOf,
        });
        set({ paged });
        return paged;
      },
      setFilter: (change) => {
        const filter = { ...get().filter, ...change };
        set({ filter, listKey: get().listKey + 1, total: null });
        get()
          .paged?.getState()
          .reset(ordersFetch(() => api(), filter, onTotal));
      },
      refresh: () => {
        void loadCounts();
        get().paged?.getState().reset();
      },
    };
  });
}

export const useOrdersView = createOrdersView();
