/**
 * The warehouse at a glance: events per hour over a date range (the journal's last day unless
 * one is chosen), open anomalies by kind and by initiator, orders by status. Every figure is a
 * count the journal keeps, so a range of a year costs what a day does.
 */
import { useState } from 'react';
import type { ResponseOf } from '../../shared/contract/channels';
import { messageOf } from '../app/ledger';
import { useLedgerQuery } from '../app/queries';
import { go } from '../app/router';
import { EmptyState, ErrorNote } from '../ui/Dialog';
import { formatCount, formatTime } from '../ui/format';
import { ANOMALY_KIND_LABEL, statusClass } from '../ui/kinds';
import { columnBars, shares } from './chartMath';
import { dayBound } from '../corrections/logModel';
import { SEVERITY } from '../../shared/rules/evaluate';

type Dashboard = ResponseOf<'dashboard'>;
type Totals = ResponseOf<'anomalyTotals'>;

export function DashboardPage() {
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const from = fromDay ? dayBound(fromDay, false) : undefined;
  const to = toDay ? dayBound(toDay, true) : undefined;
  // Another range shows the last one's figures until its own arrive.
  const read = useLedgerQuery(
    'dashboard',
    { ...(from ? { from } : {}), ...(to ? { to } : {}) },
    { keepPrevious: true },
  );
  // The headline: exact open totals (the bars below show the largest kinds and people).
  const totals = useLedgerQuery('anomalyTotals', { open: true });
  const data: Dashboard | undefined = read.data;
  const error = read.error ? messageOf(read.error) : null;
  const open: Totals | null = totals.isError ? null : (totals.data ?? null);

  if (!data && error) return <ErrorNote message={error} />;
  if (!data) return <div className="page muted">Loading the dashboard…</div>;

  const statuses = Object.entries(data.statusCounts).sort((a, b) => b[1] - a[1]);
  return (
    <div className="page">
      <header className="page-head">
        <h1>Dashboard</h1>
      </header>
      {open && (
        <div className="dash-headline" role="group" aria-label="Open anomalies" data-testid="dash-headline">
          <button type="button" className="count sev-count-error" onClick={() => go('inbox', { severity: 'error' })}>
            <span className="count-n">{formatCount(open.bySeverity.error ?? 0)}</span>
            <span className="count-label">open errors</span>
          </button>
          <button
            type="button"
            className="count sev-count-warning"
            onClick={() => go('inbox', { severity: 'warning' })}
          >
            <span className="count-n">{formatCount(open.bySeverity.warning ?? 0)}</span>
            <span className="count-label">open warnings</span>
          </button>
        </div>
      )}
      <div className="dash-grid">
        <section className="card wide" aria-labelledby="d-hour">
          <h2 id="d-hour">{data.bucketHours === 24 ? 'Events per day' : 'Events per hour'}</h2>
          <div className="filters" role="group" aria-label="Date range">
            <label className="inline">
              From
              <input
                type="date"
                value={fromDay}
                max={toDay || undefined}
                onChange={(e) => setFromDay(e.target.value)}
              />
            </label>
            <label className="inline">
              To
              <input type="date" value={toDay} min={fromDay || undefined} onChange={(e) => setToDay(e.target.value)} />
            </label>
            {(fromDay || toDay) && (
              <button type="button" className="link-button" onClick={() => (setFromDay(''), setToDay(''))}>
                The journal&rsquo;s last day
              </button>
            )}
            {data.range && (
              <span className="muted small" data-testid="dash-range">
                {formatTime(data.range.from)} – {formatTime(data.range.to)}
              </span>
            )}
          </div>
          <ErrorNote message={error} />
          <HourChart points={data.eventsPerHour} />
        </section>
        <section className="card" aria-labelledby="d-kind">
          <h2 id="d-kind">Open anomalies by kind (now)</h2>
          <HBars
            rows={data.openByKind.map((k) => ({
              key: k.kind,
              label: ANOMALY_KIND_LABEL[k.kind] ?? k.kind,
              value: k.count,
              // Warnings are not errors: drawn in the warning colour, not red.
              className: SEVERITY[k.kind] === 'warning' ? 'fill-warn' : 'fill-danger',
            }))}
            empty="No open anomalies."
            tone="danger"
            onPick={(kind) => go('inbox', { kind })}
            pickHint="Open the anomalies of this kind"
          />
        </section>
        <section className="card" aria-labelledby="d-init">
          <h2 id="d-init">Open anomalies by initiator (now)</h2>
          <HBars
            rows={data.openByInitiator.map((i) => ({
              key: i.initiatorId,
              label: i.name ?? i.initiatorId,
              value: i.count,
            }))}
            empty="No open anomalies."
            tone="warn"
            onPick={(person) => go('inbox', { person })}
            pickHint="Open this person's anomalies"
          />
        </section>
        <section className="card" aria-labelledby="d-status">
          <h2 id="d-status">Orders by status</h2>
          <HBars
            rows={statuses.map(([s, n]) => ({ key: s, label: s, value: n, className: statusClass(s) }))}
            empty="No orders yet."
            tone="accent"
            onPick={() => go('orders')}
            pickHint="Open the orders"
          />
        </section>
      </div>
    </div>
  );
}

const W = 720;
const H = 160;

function HourChart({ points }: { points: Dashboard['eventsPerHour'] }) {
  if (points.length === 0) return <EmptyState title="No events yet." />;
  const { bars, max } = columnBars(
    points.map((p) => p.events),
    W,
    H,
  );
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));
  return (
    <svg className="chart" viewBox={`0 -12 ${W + 40} ${H + 34}`} role="img" aria-label="Events per hour">
      <line x1={0} x2={W} y1={H} y2={H} className="axis" />
      <line x1={0} x2={W} y1={0} y2={0} className="grid-line" />
      <text x={W + 4} y={4} className="tick">
        {formatCount(max)}
      </text>
      <text x={W + 4} y={H} className="tick">
        0
      </text>
      {bars.map((b, i) => (
        <rect key={i} x={b.x} y={b.y} width={b.width} height={b.height} className="bar" rx={1}>
          <title>
            {points[i]!.hour}: {formatCount(b.value)} events
          </title>
        </rect>
      ))}
      {points.map((p, i) =>
        i % labelEvery === 0 ? (
          <text key={p.hour} x={bars[i]!.x} y={H + 16} className="tick">
            {shortHour(p.hour)}
          </text>
        ) : null,
      )}
    </svg>
  );
}

function shortHour(hour: string): string {
  // "2026-11-26T13" or a full ISO time: show "11-26 13h".
  const m = /(\d{2})-(\d{2})[T ](\d{2})/.exec(hour);
  return m ? `${m[1]}-${m[2]} ${m[3]}h` : hour;
}

interface HRow {
  key: string;
  label: string;
  value: number;
  className?: string;
}

function HBars({
  rows,
  empty,
  tone,
  onPick,
  pickHint,
}: {
  rows: HRow[];
  empty: string;
  tone: string;
  /** A bar opens the list it counts (the inbox with that filter): a button, so the keyboard reaches it. */
  onPick?: (key: string) => void;
  pickHint?: string;
}) {
  if (rows.length === 0) return <p className="muted small">{empty}</p>;
  const s = shares(rows.map((r) => r.value));
  return (
    <ul className={`hbars tone-${tone}`}>
      {rows.map((r, i) => (
        <li key={r.key} onClick={onPick && (() => onPick(r.key))} className={onPick ? 'pickable' : undefined}>
          {onPick ? (
            <button
              type="button"
              className="hbar-label ellipsis link-button"
              title={`${pickHint ?? 'Open'}: ${r.label}`}
              onClick={(e) => {
                e.stopPropagation();
                onPick(r.key);
              }}
            >
              {r.label}
            </button>
          ) : (
            <span className="hbar-label ellipsis" title={r.label}>
              {r.label}
            </span>
          )}
          <span className="hbar-track">
            {/* Inline: the bar's length is its share, computed. */}
            <span className={`hbar-fill ${r.className ?? ''}`} style={{ width: `${Math.max(2, s[i]! * 100)}%` }} />
          </span>
          <span className="hbar-value num">{formatCount(r.value)}</span>
        </li>
      ))}
    </ul>
  );
}
