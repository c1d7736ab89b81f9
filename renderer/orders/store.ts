/**
 * The orders view: running status of every order, filtered, keyset-paged by order id, plus
 * the counts per status shown above the table.
 */
import { create } from 'zustand';
import type { LedgerApi, RequestOf } from '../../shared/contract/channels';
import type { OrderRecord } from '../../shared/contract/records';
import { createPagedStore, type PagedState } from '../ui/pagedStore';
import type { StoreApi } from 'zustand/vanilla';
import { messageOf } from '../app/ledger';
import { asOfSeq } from '../history/asOf';

export const ORDERS_PAGE_SIZE = 200;

export type OrderSort = NonNullable<RequestOf<'listOrders'>['sort']>;

export interface OrdersFilter {
  status?: string;
  withAnomalies?: boolean;
  search?: string;
  /** Days (YYYY-MM-DD, the workstation's zone) the order's latest event falls within. */
  fromDay?: string;
  toDay?: string;
  sort?: OrderSort;
  descending?: boolean;
}

/** The page's keyset: the last row's sort value and order id. */
export type OrdersCursor = { key: string | number; orderId: string };

/** The value a row has in the sorted column (what the next page starts after). */
export function sortValue(o: OrderRecord, sort: OrderSort = 'orderId'): string | number {
  switch (sort) {
    case 'orderId':
      return o.orderId;
    case 'status':
      return o.status ?? '';
    case 'customer':
      return o.customer ?? '';
    case 'lines':
      return o.lines.length;
    case 'events':
      return o.eventCount;
    case 'openAnomalies':
      return o.openAnomalies;
    case 'lastEvent':
      return o.lastSeq;
  }
}

const dayInstant = (day: string | undefined, end: boolean) => {
  if (!day) return undefined;
  const t = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
};

/** The filter as the channels take it, the status aside (its chips count under the rest). */
export function ordersRequest(filter: OrdersFilter) {
  const from = dayInstant(filter.fromDay, false);
  const to = dayInstant(filter.toDay, true);
  return {
    ...(filter.withAnomalies ? { withAnomalies: true } : {}),
    ...(filter.search?.trim() ? { search: filter.search.trim() } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

type Api = Pick<LedgerApi, 'listOrders' | 'statusCounts'> & Partial<Pick<LedgerApi, 'ordersAsOf'>>;

export function ordersFetch(api: () => Api, filter: OrdersFilter, onTotal: (total: number) => void) {
  const request = {
    ...ordersRequest(filter),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.sort && filter.sort !== 'orderId' ? { sort: filter.sort } : {}),
    ...(filter.descending ? { descending: true } : {}),
  };
  return async (after: OrdersCursor | undefined, limit: number) => {
    // The list as it stood when the window looks at the past (see ../history): in order-id order,
    // filtered by status, anomalies and search.
    const past = asOfSeq();
    const { ordersAsOf } = api();
    const page =
      past === undefined || !ordersAsOf
        ? await api().listOrders({ ...request, limit, ...(after !== undefined ? { after } : {}) })
        : await ordersAsOf({
            ...(filter.status ? { status: filter.status } : {}),
            ...(filter.withAnomalies ? { withAnomalies: true } : {}),
            ...(filter.search?.trim() ? { search: filter.search.trim() } : {}),
            limit,
            asOfSeq: past,
            ...(after !== undefined ? { afterOrderId: after.orderId } : {}),
          });
    onTotal(page.total);
    // A short page is the last one; otherwise the next page starts after this page's last row.
    const last = page.rows[page.rows.length - 1];
    return {
      rows: page.rows,
      next: page.rows.length < limit || !last ? null : { key: sortValue(last, filter.sort), orderId: last.orderId },
    };
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
  paged: StoreApi<PagedState<OrderRecord, OrdersCursor>> | null;
  attach(api: () => Api): StoreApi<PagedState<OrderRecord, OrdersCursor>>;
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
      const unfiltered = !f.status && Object.keys(ordersRequest(f)).length === 0;
      set(unfiltered ? { total, allOrders: total } : { total });
    };
    // The chips count the orders under the search and the other filters (not the status itself).
    const loadCounts = () =>
      api()
        .statusCounts(ordersRequest(get().filter))
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
        const paged = createPagedStore<OrderRecord, OrdersCursor>({
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
        const before = JSON.stringify(ordersRequest(get().filter));
        set({ filter, listKey: get().listKey + 1, total: null });
        if (JSON.stringify(ordersRequest(filter)) !== before) void loadCounts();
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
