/** Open anomalies, newest first, by severity and kind; each one a step from its correction. */
import { useCallback, useEffect, useState } from 'react';
import type { AnomalyRecord } from '../../shared/contract/records';
import { ANOMALY_KINDS, type AnomalyKind } from '../../shared/rules/evaluate';
import { openCorrection } from '../corrections';
import { ledger, messageOf } from '../app/ledger';
import { useLive } from '../app/live';
import { go } from '../app/router';
import { useSession } from '../app/session';
import { KindLabel, SeverityIcon, TypeBadge } from '../ui/Badges';
import { EmptyState, ErrorNote } from '../ui/Dialog';
import { formatTime, sentence } from '../ui/format';
import { ANOMALY_KIND_LABEL } from '../ui/kinds';
import { AsOfPicker, useAsOf } from '../history';

const PAGE = 200;

export function AnomalyInboxPage() {
  const [severity, setSeverity] = useState<'' | 'error' | 'warning'>('');
  const [kind, setKind] = useState<'' | AnomalyKind>('');
  const [rows, setRows] = useState<AnomalyRecord[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const revision = useLive((s) => s.revision);
  // In practice the form's Confirm is open to whoever practises (the answer goes to the training journal).
  const mayConfirm = useSession((s) => s.session?.operator?.role === 'Supervisor' || !!s.session?.practice);
  // The inbox as it stood at a past position: read-only.
  const asOf = useAsOf((s) => s.position?.seq);

  const load = useCallback(
    async (beforeId?: number) => {
      setLoading(true);
      try {
        const request = {
          open: true,
          limit: PAGE,
          ...(severity ? { severity } : {}),
          ...(kind ? { kind } : {}),
          ...(beforeId ? { beforeId } : {}),
        };
        const page =
          asOf === undefined
            ? await ledger().listAnomalies(request)
            : await ledger().anomaliesAsOf({ ...request, asOfSeq: asOf });
        setRows((old) => (beforeId ? [...old, ...page.rows] : page.rows));
        setNext(page.nextBeforeId);
        setError(null);
      } catch (e) {
        setError(messageOf(e));
      } finally {
        setLoading(false);
      }
    },
    [severity, kind, asOf],
  );
  useEffect(() => {
    void load();
  }, [load, revision]);

  const errors = rows.filter((r) => r.severity === 'error');
  const warnings = rows.filter((r) => r.severity === 'warning');

  return (
    <div className="page">
      <header className="page-head">
        <h1>Anomalies</h1>
        <span className="muted small">
          {rows.length}
          {next ? '+' : ''} open
        </span>
        <span className="spacer" />
        <AsOfPicker />
      </header>
      <div className="filters filter-row">
        <label className="inline">
          Severity
          <select value={severity} onChange={(e) => setSeverity(e.target.value as typeof severity)}>
            <option value="">All</option>
            <option value="error">Errors</option>
            <option value="warning">Warnings</option>
          </select>
        </label>
        <label className="inline">
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="">All kinds</option>
            {ANOMALY_KINDS.map((k) => (
              <option key={k} value={k}>
                {ANOMALY_KIND_LABEL[k] ?? k}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNote message={error} />
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
              {title as string} <span className="muted">{(list as AnomalyRecord[]).length}</span>
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
