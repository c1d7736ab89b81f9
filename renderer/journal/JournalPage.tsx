/**
 * Every event, newest first: one colour per event type (the stripe and the badge), flagged
 * events marked, filters above. A click or Enter opens an event.
 */
import { MIN_TERM, searchTerms } from '../../shared/search/terms';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { EventRecord } from '../../shared/contract/records';
import { EVENT_TYPES } from '../../shared/events/envelope';
import { ledger } from '../app/ledger';
import { useLive } from '../app/live';
import { go } from '../app/router';
import { FlagMark, TypeBadge } from '../ui/Badges';
import { EmptyState, ErrorNote } from '../ui/Dialog';
import { eventSummary, formatCount, formatTime, localInputToIso } from '../ui/format';
import { eventTypeClass } from '../ui/kinds';
import { hasMore, knownRows, rowAt } from '../ui/pagedWindow';
import { VirtualGrid, type Column } from '../ui/VirtualGrid';
import { cleanFilter, useJournalView } from './store';
import { useSession } from '../app/session';

export function JournalPage() {
  const view = useJournalView();
  const paged = useMemo(() => useJournalView.getState().attach(ledger), []);
  const { window: w, error, busy } = useStore(paged);
  const revision = useLive((s) => s.revision);
  const firstVisible = useRef(0);

  const onRange = useCallback(
    (first: number, last: number) => {
      firstVisible.current = first;
      paged.getState().ensure(first, last);
    },
    [paged],
  );
  useEffect(() => {
    if (revision > 0) useJournalView.getState().journalChanged(useLive.getState().lastSeq, firstVisible.current);
  }, [revision]);

  const count = knownRows(w) + (hasMore(w) ? 1 : 0);
  // With no filter the journal's own count is the list's length; with one, only what was paged so far is known.
  const total = useSession((s) => s.session?.events);
  const unfiltered = Object.keys(cleanFilter(view.filter)).length === 0;
  const columns = useMemo(() => journalColumns(), []);

  return (
    <div className="page fill">
      <header className="page-head">
        <h1>Journal</h1>
        <span className="muted small" aria-live="polite">
          {unfiltered && total !== undefined
            ? `${formatCount(total)} events`
            : w.started
              ? `${formatCount(knownRows(w))}${hasMore(w) ? '+' : ''} matching`
              : ''}
          {busy ? ' · loading…' : ''}
        </span>
      </header>
      <JournalFilters />
      {view.newerThanShown > 0 && (
        <button className="banner-button" onClick={() => view.showNewest()}>
          Newer events arrived — show the newest
        </button>
      )}
      <ErrorNote message={error} />
      <VirtualGrid<EventRecord>
        label="Journal events"
        columns={columns}
        count={w.started ? count : 0}
        totalRows={unfiltered ? total : undefined}
        getRow={(i) => rowAt(w, i)}
        rowKey={(row, i) => row?.seq ?? `p${i}`}
        onRange={onRange}
        onOpen={(row) => go('event', { seq: String(row.seq) })}
        rowClassName={(row) => `${eventTypeClass(row.type)}${row.anomalies.some((a) => a.open) ? ' flagged' : ''}`}
        resetKey={view.listKey}
        empty={
          w.started && !busy ? (
            <EmptyState title="No events match these filters.">
              <button className="btn" onClick={() => view.clearFilter()}>
                Clear filters
              </button>
            </EmptyState>
          ) : null
        }
      />
    </div>
  );
}

function journalColumns(): Column<EventRecord>[] {
  return [
    { key: 'flag', title: '', width: '28px', render: (e) => <FlagMark anomalies={e.anomalies} /> },
    { key: 'seq', title: 'Seq', width: '80px', align: 'right', render: (e) => e.seq },
    {
      key: 'time',
      title: 'Time',
      width: '196px',
      render: (e) => <span className="mono">{formatTime(e.timestamp)}</span>,
    },
    { key: 'type', title: 'Type', width: '110px', render: (e) => <TypeBadge type={e.type} /> },
    {
      key: 'order',
      title: 'Order',
      width: '100px',
      render: (e) => (
        <a
          href={`#order/${e.orderId}`}
          className="mono"
          onClick={(ev) => {
            ev.preventDefault();
            go('order', { orderId: e.orderId });
          }}
        >
          {e.orderId}
        </a>
      ),
    },
    {
      key: 'what',
      title: 'What happened',
      width: 'minmax(160px, 1fr)',
      render: (e) => {
        const open = e.anomalies.find((a) => a.open);
        return (
          <span className="ellipsis">
            {eventSummary(e.type, e.data)}
            {open && <span className="flag-text"> — {open.message}</span>}
          </span>
        );
      },
    },
    {
      key: 'who',
      title: 'Initiated by',
      width: 'minmax(120px, 220px)',
      render: (e) => (
        <span className="ellipsis" title={`${e.initiatedBy.id} (${e.initiatedBy.role})`}>
          {e.initiatedBy.name ?? e.initiatedBy.id} <span className="muted small">{e.initiatedBy.role}</span>
        </span>
      ),
    },
  ];
}

function JournalFilters() {
  const { filter, setFilter, clearFilter } = useJournalView();
  const [text, setText] = useState(() => ({
    text: filter.text ?? '',
    orderId: filter.orderId ?? '',
    initiatorId: filter.initiatorId ?? '',
    traceId: filter.traceId ?? '',
  }));
  const [range, setRange] = useState({ from: '', to: '' });
  const types = filter.types ?? [];

  // Typed filters apply after a short pause, so each keystroke does not restart the list.
  useEffect(() => {
    const t = setTimeout(() => {
      const f = useJournalView.getState().filter;
      if (
        (f.text ?? '') !== text.text ||
        (f.orderId ?? '') !== text.orderId ||
        (f.initiatorId ?? '') !== text.initiatorId ||
        (f.traceId ?? '') !== text.traceId
      )
        setFilter(text);
    }, 300);
    return () => clearTimeout(t);
  }, [text, setFilter]);

  const toggleType = (t: (typeof EVENT_TYPES)[number]) =>
    setFilter({ types: types.includes(t) ? types.filter((x) => x !== t) : [...types, t] });

  const active =
    types.length > 0 ||
    !!filter.flaggedOnly ||
    !!text.text ||
    !!text.orderId ||
    !!text.initiatorId ||
    !!text.traceId ||
    !!range.from ||
    !!range.to;

  return (
    <div className="filters" role="search" aria-label="Journal filters">
      <div className="chips" role="group" aria-label="Event types">
        {EVENT_TYPES.map((t) => (
          <button
            key={t}
            className={`chip ${eventTypeClass(t)}`}
            aria-pressed={types.includes(t)}
            onClick={() => toggleType(t)}
          >
            {t}
          </button>
        ))}
      </div>
      <div className="filter-row">
        <label className="inline">
          Search
          <input
            type="search"
            value={text.text}
            placeholder="A person, customer, SKU, reason, part of an order ID"
            onChange={(e) => setText({ ...text, text: e.target.value })}
            size={34}
            aria-describedby="journal-search-hint"
          />
        </label>
        {text.text.trim() !== '' && searchTerms(text.text).length === 0 && (
          <span id="journal-search-hint" className="muted small">
            Type at least {MIN_TERM} letters to search.
          </span>
        )}
        <label className="inline">
          Order
          <input value={text.orderId} onChange={(e) => setText({ ...text, orderId: e.target.value })} size={10} />
        </label>
        <label className="inline">
          Initiator
          <input
            value={text.initiatorId}
            onChange={(e) => setText({ ...text, initiatorId: e.target.value })}
            size={10}
          />
        </label>
        <label className="inline">
          Trace
          <input value={text.traceId} onChange={(e) => setText({ ...text, traceId: e.target.value })} size={10} />
        </label>
        <label className="inline">
          From
          <input
            type="datetime-local"
            value={range.from}
            onChange={(e) => {
              setRange({ ...range, from: e.target.value });
              setFilter({ from: localInputToIso(e.target.value) ?? '' });
            }}
          />
        </label>
        <label className="inline">
          To
          <input
            type="datetime-local"
            value={range.to}
            onChange={(e) => {
              setRange({ ...range, to: e.target.value });
              setFilter({ to: localInputToIso(e.target.value) ?? '' });
            }}
          />
        </label>
        <label className="inline check">
          <input
            type="checkbox"
            checked={!!filter.flaggedOnly}
            onChange={(e) => setFilter({ flaggedOnly: e.target.checked })}
          />
          Flagged only
        </label>
        {active && (
          <button
            className="btn ghost small"
            onClick={() => {
              setText({ text: '', orderId: '', initiatorId: '', traceId: '' });
              setRange({ from: '', to: '' });
              clearFilter();
            }}
          >
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}
