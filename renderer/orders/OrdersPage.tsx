/** The running status of every order, counts per status above, filters and search. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { OrderRecord } from '../../shared/contract/records';
import { ledger } from '../app/ledger';
import { useLive } from '../app/live';
import { go } from '../app/router';
import { StatusBadge } from '../ui/Badges';
import { EmptyState, ErrorNote } from '../ui/Dialog';
import { formatCount, formatTime } from '../ui/format';
import { statusClass } from '../ui/kinds';
import { hasMore, knownRows, rowAt } from '../ui/pagedWindow';
import { VirtualGrid, type Column } from '../ui/VirtualGrid';
import { AsOfPicker, useAsOf } from '../history';
import { ordersRequest, useOrdersView, type OrderSort } from './store';

/** Columns whose first click sorts the largest (the most events, the latest) first. */
const SORT_DOWN_FIRST = new Set(['events', 'openAnomalies', 'lastEvent', 'lines']);

export function OrdersPage() {
  const view = useOrdersView();
  const paged = useMemo(() => useOrdersView.getState().attach(ledger), []);
  const { window: w, error, busy } = useStore(paged);
  const revision = useLive((s) => s.revision);
  const firstVisible = useRef(0);
  const [search, setSearch] = useState(view.filter.search ?? '');

  const onRange = useCallback(
    (first: number, last: number) => {
      firstVisible.current = first;
      paged.getState().ensure(first, last);
    },
    [paged],
  );
  // Orders change status in place; refresh what is shown (the counts always, the list when at its top).
  useEffect(() => {
    if (revision === 0) return;
    if (firstVisible.current < 5) useOrdersView.getState().refresh();
  }, [revision]);
  useEffect(() => {
    const t = setTimeout(() => {
      if ((useOrdersView.getState().filter.search ?? '') !== search) useOrdersView.getState().setFilter({ search });
    }, 250);
    return () => clearTimeout(t);
  }, [search]);

  const statuses = Object.entries(view.counts).sort((a, b) => b[1] - a[1]);
  const filtered = Object.keys(ordersRequest(view.filter)).length > 0;
  // Under a search the chips count what it found: "All" is their sum (orders without a status aside).
  const all = (filtered ? null : view.allOrders) ?? statuses.reduce((n, [, c]) => n + c, 0);
  const columns = useMemo(() => orderColumns(), []);
  const past = useAsOf((s) => s.position !== null);
  const sort = view.filter.sort ?? 'orderId';
  const onSort = (key: string) =>
    view.setFilter({
      sort: key as OrderSort,
      descending: key === sort ? !view.filter.descending : SORT_DOWN_FIRST.has(key),
    });

  return (
    <div className="page fill">
      <header className="page-head">
        <h1>Orders</h1>
        <span className="muted small">
          {view.total !== null ? `${formatCount(view.total)} matching` : ''}
          {busy ? ' · loading…' : ''}
        </span>
        <span className="spacer" />
        <AsOfPicker onChange={() => useOrdersView.getState().refresh()} />
      </header>
      <div className="counts" role="group" aria-label="Orders per status" hidden={past}>
        <button className="count" aria-pressed={!view.filter.status} onClick={() => view.setFilter({ status: '' })}>
          <span className="count-n">{formatCount(all)}</span>
          <span className="count-label">All</span>
        </button>
        {statuses.map(([status, n]) => (
          <button
            key={status}
            className={`count ${statusClass(status)}`}
            aria-pressed={view.filter.status === status}
            onClick={() => view.setFilter({ status: view.filter.status === status ? '' : status })}
          >
            <span className="count-n">{formatCount(n)}</span>
            <span className="count-label">{status}</span>
          </button>
        ))}
      </div>
      <ErrorNote message={view.countsError} />
      <div className="filters filter-row">
        <label className="inline">
          Search
          <input
            type="search"
            value={search}
            placeholder="Order ID, customer, person, SKU, reason"
            onChange={(e) => setSearch(e.target.value)}
            size={28}
          />
        </label>
        <label className="inline">
          Last event from
          <input
            type="date"
            value={view.filter.fromDay ?? ''}
            onChange={(e) => view.setFilter({ fromDay: e.target.value })}
          />
        </label>
        <label className="inline">
          to
          <input
            type="date"
            value={view.filter.toDay ?? ''}
            onChange={(e) => view.setFilter({ toDay: e.target.value })}
          />
        </label>
        <label className="inline check">
          <input
            type="checkbox"
            checked={!!view.filter.withAnomalies}
            onChange={(e) => view.setFilter({ withAnomalies: e.target.checked })}
          />
          Has open anomalies
        </label>
      </div>
      <ErrorNote message={error} />
      <VirtualGrid<OrderRecord>
        label="Orders"
        columns={columns}
        count={w.started ? knownRows(w) + (hasMore(w) ? 1 : 0) : 0}
        totalRows={view.total ?? undefined}
        getRow={(i) => rowAt(w, i)}
        rowKey={(row, i) => row?.orderId ?? `p${i}`}
        onRange={onRange}
        onOpen={(row) => go('order', { orderId: row.orderId })}
        // The list as it stood is read in order-id order: no sorting while looking at the past.
        {...(past ? {} : { sort: { key: sort, descending: !!view.filter.descending, onSort } })}
        rowClassName={(o) => (o.openAnomalies > 0 ? 'flagged' : '')}
        resetKey={view.listKey}
        empty={w.started && !busy ? <EmptyState title="No orders match." /> : null}
      />
    </div>
  );
}

function orderColumns(): Column<OrderRecord>[] {
  return [
    {
      key: 'orderId',
      title: 'Order',
      width: '110px',
      // A link, so the keyboard and a screen reader reach the order from the list too.
      render: (o) => (
        <a
          href={`#order/${o.orderId}`}
          className="mono"
          onClick={(ev) => {
            ev.preventDefault();
            go('order', { orderId: o.orderId });
          }}
        >
          {o.orderId}
        </a>
      ),
    },
    { key: 'status', title: 'Status', width: '130px', render: (o) => <StatusBadge status={o.status} /> },
    {
      key: 'customer',
      title: 'Customer',
      width: 'minmax(140px, 1fr)',
      render: (o) => <span className="ellipsis">{o.customer ?? '—'}</span>,
    },
    {
      key: 'lines',
      title: 'Lines',
      width: '70px',
      align: 'right',
      render: (o) => o.lines.length,
    },
    { key: 'events', title: 'Events', width: '70px', align: 'right', render: (o) => o.eventCount },
    {
      key: 'openAnomalies',
      title: 'Open anomalies',
      width: '120px',
      align: 'right',
      render: (o) =>
        o.openAnomalies > 0 ? <strong className="danger">{o.openAnomalies}</strong> : <span className="muted">0</span>,
    },
    {
      key: 'lastEvent',
      title: 'Last event',
      width: '196px',
      render: (o) => <span className="mono">{formatTime(o.lastEventAt)}</span>,
    },
  ];
}
