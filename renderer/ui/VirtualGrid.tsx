/**
 * The dense table every list of the app uses: virtualized (only the rows on screen exist in the
 * page), keyboard-first (arrows, Page Up/Down, Home/End move the highlighted row, Enter opens
 * it; so does a single click), and an ARIA grid so a screen reader and the end-to-end tests see rows and cells.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface Column<Row> {
  key: string;
  title: string;
  /** A CSS grid track: '90px', 'minmax(120px, 1fr)', … */
  width: string;
  render(row: Row): ReactNode;
  align?: 'left' | 'right';
}

export interface VirtualGridProps<Row> {
  label: string;
  columns: Column<Row>[];
  count: number;
  /** Rows not in memory yet render as a quiet placeholder. */
  getRow(index: number): Row | undefined;
  rowKey(row: Row | undefined, index: number): string | number;
  onRange?(first: number, last: number): void;
  onOpen?(row: Row, index: number): void;
  rowClassName?(row: Row): string;
  /** Changing it scrolls back to the top (a new filter is a new list). */
  resetKey?: unknown;
  rowHeight?: number;
  /** Total rows, when the journal knows it (for aria-rowcount). */
  totalRows?: number;
  empty?: ReactNode;
  /** Sortable columns: each header is a button; a click sorts by it, again reverses. */
  sort?: { key: string; descending: boolean; onSort(key: string): void };
}

export function VirtualGrid<Row>(props: VirtualGridProps<Row>) {
  const { columns, count, getRow, onRange, onOpen, rowHeight = 30 } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const id = useId();
  const template = columns.map((c) => c.width).join(' ');
  // Rows are memoized; the page's onOpen is often a new arrow each render, so rows get a stable one.
  const openRef = useRef(onOpen);
  openRef.current = onOpen;
  const openRow = useCallback((row: Row, index: number) => openRef.current?.(row, index), []);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    // Until the list is measured (its first render) it is taken to be the window's size: that
    // render then has the rows on screen, where a size of zero would show none until another
    // render after the measurement (a frame later, on a page's first showing).
    ...(typeof window === 'undefined' ? {} : { initialRect: { width: window.innerWidth, height: window.innerHeight } }),
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    onRange?.(first, last);
  }, [first, last, count, onRange]);

  useEffect(() => {
    setActive(0);
    virtualizer.scrollToOffset(0);
    // Only a new list scrolls to the top; the virtualizer itself is stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.resetKey]);

  const move = (to: number) => {
    const next = Math.max(0, Math.min(count - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / rowHeight) - 1);
    const handled: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + page),
      PageUp: () => move(active - page),
      Home: () => move(0),
      End: () => move(count - 1),
      Enter: () => {
        const row = getRow(active);
        if (row !== undefined) onOpen?.(row, active);
      },
    };
    const action = handled[e.key];
    if (action && count > 0) {
      e.preventDefault();
      action();
    }
  };

  return (
    <div
      className="grid"
      role="grid"
      aria-label={props.label}
      aria-rowcount={(props.totalRows ?? count) + 1}
      aria-activedescendant={count > 0 ? `${id}-r${active}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      {/* Inline here and below: the column template, the list's height and each row's offset are
          computed by the virtualizer (the looks themselves are app.css's grid-* classes). */}
      <div className="grid-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
        {columns.map((c) => {
          const sort = props.sort;
          const sorted = sort?.key === c.key;
          return (
            <div
              key={c.key}
              role="columnheader"
              className={c.align === 'right' ? 'num' : undefined}
              aria-sort={sorted ? (sort!.descending ? 'descending' : 'ascending') : undefined}
            >
              {sort && c.title ? (
                <button type="button" className="sort-button" onClick={() => sort.onSort(c.key)}>
                  {c.title}
                  <span aria-hidden="true">{sorted ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                </button>
              ) : (
                c.title
              )}
            </div>
          );
        })}
      </div>
      <div className="grid-body" ref={scrollRef}>
        {count === 0 && props.empty}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = getRow(item.index);
            return (
              <GridRow<Row>
                key={props.rowKey(row, item.index)}
                id={`${id}-r${item.index}`}
                index={item.index}
                start={item.start}
                row={row}
                active={item.index === active}
                template={template}
                height={rowHeight}
                columns={columns}
                extraClass={row !== undefined && props.rowClassName ? props.rowClassName(row) : ''}
                onSelect={setActive}
                onOpen={openRow}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface GridRowProps<Row> {
  id: string;
  index: number;
  start: number;
  row: Row | undefined;
  active: boolean;
  template: string;
  height: number;
  columns: Column<Row>[];
  extraClass: string;
  onSelect(index: number): void;
  onOpen?: ((row: Row, index: number) => void) | undefined;
}

/**
 * One row, memoized: while scrolling, rows already on screen keep their props (same row
 * object, same offset) and are not rendered again; only the rows coming into view are.
 */
const GridRow = memo(function GridRow<Row>(p: GridRowProps<Row>) {
  const classes = ['grid-row'];
  if (p.active) classes.push('active');
  if (p.row === undefined) classes.push('placeholder');
  else if (p.extraClass) classes.push(p.extraClass);
  const row = p.row;
  return (
    <div
      id={p.id}
      role="row"
      aria-rowindex={p.index + 2}
      aria-selected={p.active}
      className={classes.join(' ')}
      style={{ gridTemplateColumns: p.template, height: p.height, transform: `translateY(${p.start}px)` }}
      onClick={(e) => {
        p.onSelect(p.index);
        // One click opens the row, as Enter does; a link or button inside it does its own thing,
        // and selecting text to copy it opens nothing.
        const inner = (e.target as HTMLElement).closest('a, button, input, select, textarea');
        const selecting = (window.getSelection?.()?.toString() ?? '') !== '';
        if (row !== undefined && !inner && !selecting) p.onOpen?.(row, p.index);
      }}
    >
      {row === undefined ? (
        <div role="gridcell" className="muted">
          Loading…
        </div>
      ) : (
        p.columns.map((c) => (
          <div key={c.key} role="gridcell" className={c.align === 'right' ? 'num' : undefined}>
            {c.render(row)}
          </div>
        ))
      )}
    </div>
  );
}) as <Row>(p: GridRowProps<Row>) => ReactNode;
