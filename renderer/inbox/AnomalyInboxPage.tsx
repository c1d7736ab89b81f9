/**
 * Open anomalies, newest first, by severity and kind, with exact totals; filtered by order,
 * customer, person and day; each one a step from its correction.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResponseOf } from '../../shared/contract/channels';
import type { AnomalyRecord } from '../../shared/contract/records';
import { ANOMALY_KINDS, type AnomalyKind } from '../../shared/rules/evaluate';
import { openCorrection } from '../corrections';
import { RequestsSection } from './RequestsSection';
import { ledger, messageOf } from '../app/ledger';
import { useLive } from '../app/live';
import { go, useRouter, type RouteParams } from '../app/router';
import { useSession } from '../app/session';
import { KindLabel, SeverityIcon, TypeBadge } from '../ui/Badges';
import { EmptyState, ErrorNote } from '../ui/Dialog';
import { formatCount, formatTime, sentence } from '../ui/format';
import { ANOMALY_KIND_LABEL } from '../ui/kinds';
import { AsOfPicker, useAsOf } from '../history';
import { isSupervisor } from '../../shared/corrections/decide';

const PAGE = 200;
/** After a correction the list is read again as long as it was, so the office keeps its place. */
const MOST = 1000;

type Severity = '' | 'error' | 'warning';
type Totals = ResponseOf<'anomalyTotals'>;

/** The inbox's filter; the dashboard opens the inbox with some of it (route params). */
export interface InboxFilter {
  severity: Severity;
  kind: '' | AnomalyKind;
  orderId: string;
  customer: string;
  person: string;
  /** Days as a date input gives them (YYYY-MM-DD), in the workstation's zone. */
  fromDay: string;
  toDay: string;
}

export function filterFromParams(params: RouteParams): InboxFilter {
  const kind = (ANOMALY_KINDS as readonly string[]).includes(params.kind ?? '') ? (params.kind as AnomalyKind) : '';
  const severity = params.severity === 'error' || params.severity === 'warning' ? params.severity : '';
  return {
    severity,
    kind,
    orderId: params.orderId ?? '',
    customer: params.customer ?? '',
    person: params.person ?? '',
    fromDay: '',
    toDay: '',
  };
}

/** The request's filter part: only what is set, days as instants of the workstation's day. */
export function inboxRequest(f: InboxFilter) {
  const day = (d: string, end: boolean) => {
    const t = new Date(`${d}T${end ? '23:59:59.999' : '00:00:00'}`);
    return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
  };
  const from = f.fromDay ? day(f.fromDay, false) : undefined;
  const to = f.toDay ? day(f.toDay, true) : undefined;
  return {
    open: true,
    ...(f.orderId.trim() ? { orderId: f.orderId.trim() } : {}),
    ...(f.customer.trim() ? { customer: f.customer.trim() } : {}),
    ...(f.person.trim() ? { person: f.person.trim() } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

export function AnomalyInboxPage() {
  const params = useRouter((s) => s.params);
  const [filter, setFilterState] = useState<InboxFilter>(() => filterFromParams(params));
  // Typed filters wait for a pause, so each keystroke does not reload the list.
  const [typed, setTyped] = useState(filter);
  useEffect(() => setFilterState(filterFromParams(params)), [params]);
  useEffect(() => setTyped(filter), [filter]);
  useEffect(() => {
    const t = setTimeout(() => setFilterState((f) => (sameFilter(f, typed) ? f : typed)), 300);
    return () => clearTimeout(t);
  }, [typed]);
  const { severity, kind } = filter;
  const [rows, setRows] = useState<AnomalyRecord[]>([]);
  const [totals, setTotals] = useState<Totals | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const revision = useLive((s) => s.revision);
  // In practice the form's Confirm is open to whoever practises (the answer goes to the training journal).
  const mayConfirm = useSession((s) => isSupervisor(s.session?.operator?.role) || !!s.session?.practice);
  const role = useSession((s) => s.session?.operator?.role);
  // Requests belong to the real journal: a window in practice has none to show.
  const practising = useSession((s) => !!s.session?.practice);
  // The inbox as it stood at a past position: read-only.
  const asOf = useAsOf((s) => s.position?.seq);
  const shown = useRef(PAGE);

  const load = useCallback(
    async (beforeId?: number, limit = PAGE) => {
      setLoading(true);
      try {
        const base = inboxRequest(filter);
        const request = {
          ...base,
          limit,
          ...(severity ? { severity } : {}),
          ...(kind ? { kind } : {}),
          ...(beforeId ? { beforeId } : {}),
        };
        // Today's totals would mislead in a past view: none are shown there.
        const [page, counted] =
          asOf === undefined
            ? await Promise.all([ledger().listAnomalies(request), ledger().anomalyTotals(base)])
            : [await ledger().anomaliesAsOf({ ...request, asOfSeq: asOf }), null];
        setRows((old) => {
          const all = beforeId ? [...old, ...page.rows] : page.rows;
          shown.current = Math.max(PAGE, all.length);
          return all;
        });
        setTotals(counted);
        setNext(page.nextBeforeId);
        setError(null);
      } catch (e) {
        setError(messageOf(e));
      } finally {
        setLoading(false);
      }
    },
    [filter, severity, kind, asOf],
  );
  // A new filter starts from the top; a change in the journal (a correction just written) reads
  // the list again as far as it was shown, so the office stays where it was.
  useEffect(() => {
    shown.current = PAGE;
    void load();
  }, [load]);
  useEffect(() => {
    if (revision > 0) void load(undefined, Math.min(MOST, shown.current));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new revision reloads here
  }, [revision]);

  const errors = rows.filter((r) => r.severity === 'error');
  const warnings = rows.filter((r) => r.severity === 'warning');
  const listed = severity ? (totals?.bySeverity[severity] ?? 0) : (totals?.total ?? 0);
  const count = (sev: 'error' | 'warning') =>
    kind ? (sev === severity || !severity ? (totals?.byKind[kind] ?? 0) : 0) : (totals?.bySeverity[sev] ?? 0);
  const set = (change: Partial<InboxFilter>) => setFilterState((f) => ({ ...f, ...change }));

  return (
    <div className="page">
      <header className="page-head">
        <h1>Anomalies</h1>
        <span className="muted small" data-testid="inbox-total">
          {totals ? `${formatCount(kind ? (totals.byKind[kind] ?? 0) : listed)} open` : ''}
        </span>
        <span className="spacer" />
        <AsOfPicker />
      </header>
      <div className="filters filter-row">
        <label className="inline">
          Severity
          <select value={severity} onChange={(e) => set({ severity: e.target.value as Severity })}>
            <option value="">All{totals ? ` (${formatCount(totals.total)})` : ''}</option>
            <option value="error">Errors{totals ? ` (${formatCount(totals.bySeverity.error ?? 0)})` : ''}</option>
            <option value="warning">Warnings{totals ? ` (${formatCount(totals.bySeverity.warning ?? 0)})` : ''}</option>
          </select>
        </label>
        <label className="inline">
          Kind
          <select value={kind} onChange={(e) => set({ kind: e.target.value as InboxFilter['kind'] })}>
            <option value="">All kinds</option>
            {ANOMALY_KINDS.map((k) => (
              <option key={k} value={k}>
                {ANOMALY_KIND_LABEL[k] ?? k}
                {totals ? ` (${formatCount(totals.byKind[k] ?? 0)})` : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          Order
          <input value={typed.orderId} onChange={(e) => setTyped({ ...typed, orderId: e.target.value })} size={10} />
        </label>
        <label className="inline">
          Customer
          <input value={typed.customer} onChange={(e) => setTyped({ ...typed, customer: e.target.value })} size={14} />
        </label>
        <label className="inline">
          Person
          <input value={typed.person} onChange={(e) => setTyped({ ...typed, person: e.target.value })} size={12} />
        </label>
        <label className="inline">
          From
          <input type="date" value={filter.fromDay} onChange={(e) => set({ fromDay: e.target.value })} />
        </label>
        <label className="inline">
          To
          <input type="date" value={filter.toDay} onChange={(e) => set({ toDay: e.target.value })} />
        </label>
      </div>
      <ErrorNote message={error} />
      {asOf === undefined && !practising && <RequestsSection role={role} />}
      {!loading && rows.length === 0 && !error && (
        <EmptyState title="No open anomalies.">
          <p className="muted small">Every flagged event has been corrected or dismissed.</p>
        </EmptyState>
      )}
      {[
        ['Errors', errors],
        ['Warnings', warnings],
      ].map(([title, list]) =>
        (list as AnomalyRecord[]).length === 0 ? null : (
          <section key={title as string} aria-labelledby={`inbox-${title as string}`}>
            <h2 id={`inbox-${title as string}`} className="section-title">
              {title as string}{' '}
              <span className="muted">{formatCount(count(title === 'Errors' ? 'error' : 'warning'))}</span>
            </h2>
            <ul className="inbox">
              {(list as AnomalyRecord[]).map((a) => (
                <li key={a.id} className={`inbox-item is-${a.severity}`}>
                  <SeverityIcon severity={a.severity} />
                  <div className="inbox-main">
                    <a
                      href={`#event/${a.seq}`}
                      onClick={(e) => {
                        e.preventDefault();
                        go('event', { seq: String(a.seq) });
                      }}
                    >
                      {sentence(a.message)}
                    </a>
                    <div className="small muted">
                      <KindLabel kind={a.kind} /> · order{' '}
                      <a
                        href={`#order/${a.orderId}`}
                        onClick={(e) => {
                          e.preventDefault();
                          go('order', { orderId: a.orderId });
                        }}
                      >
                        {a.orderId}
                      </a>{' '}
                      · <TypeBadge type={a.type} /> · {a.initiatedBy.name ?? a.initiatedBy.id} ·{' '}
                      <span className="mono">{formatTime(a.timestamp)}</span>
                    </div>
                  </div>
                  {asOf === undefined && (
                    <>
                      <button
                        className="btn small"
                        title={mayConfirm ? undefined : 'Opens the form; only a Supervisor may confirm a correction.'}
                        onClick={() => openCorrection({ orderId: a.orderId, seq: a.seq, mode: 'correct' })}
                      >
                        Correct…
                      </button>
                      <button
                        className="btn small ghost"
                        title={
                          mayConfirm
                            ? 'A false alarm: the status stays as it is.'
                            : 'Opens the form; only a Supervisor may confirm a dismissal.'
                        }
                        onClick={() => openCorrection({ orderId: a.orderId, seq: a.seq, mode: 'dismiss' })}
                      >
                        Dismiss…
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ),
      )}
      {next && (
        <button className="btn" disabled={loading} onClick={() => void load(next)}>
          Show older anomalies
        </button>
      )}
    </div>
  );
}

function sameFilter(a: InboxFilter, b: InboxFilter): boolean {
  return (Object.keys(a) as (keyof InboxFilter)[]).every((k) => a[k] === b[k]);
}
