/**
 * The corrections log: every office event with who, when, order, from → to and why;
 * filtered by operator and date; exported as CSV. A row opens the correction form on that office
 * event, since a wrong correction is put right by another.
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { createCorrectionsLog, type LogStore } from './logModel';
import { windowLedger } from './ledger';
import { downloadText, logToCsv } from './csv';
import { openCorrection } from './store';
import { isoWithOffset } from '../../shared/corrections';
import { shortTime } from './describe';

const defaultLog = createCorrectionsLog(windowLedger);

export function CorrectionsLogPage({ log = defaultLog }: { log?: LogStore }) {
  const st = useStore(log);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);

  useEffect(() => {
    void log.getState().refresh();
  }, [log]);

  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    try {
      const rows = await log.getState().allRows();
      downloadText(`corrections-log-${isoWithOffset(new Date()).slice(0, 10)}.csv`, logToCsv(rows));
    } catch (e) {
      setExportError(e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  }

  return (
    <div className="cx-log" data-testid="corrections-log">
      <h2 className="cx-mt0">Corrections log</h2>
      <p className="cx-muted">Every office event: status corrections and dismissed false alarms, newest first.</p>
      <form className="cx-log-filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Operator
          <br />
          <select
            value={st.filters.operatorId}
            onChange={(e) => st.setFilters({ operatorId: e.target.value })}
            data-testid="log-operator"
          >
            <option value="">Everyone</option>
            {st.operators.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.role})
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <br />
          <input
            type="date"
            value={st.filters.fromDate}
            onChange={(e) => st.setFilters({ fromDate: e.target.value })}
            data-testid="log-from"
          />
        </label>
        <label>
          To
          <br />
          <input
            type="date"
            value={st.filters.toDate}
            onChange={(e) => st.setFilters({ toDate: e.target.value })}
            data-testid="log-to"
          />
        </label>
        <button type="button" className="cx-button" onClick={() => void st.refresh()}>
          Refresh
        </button>
        <button
          type="button"
          className="cx-button is-primary"
          onClick={() => void exportCsv()}
          disabled={exporting}
          data-testid="log-export"
        >
          {exporting ? 'Exporting…' : 'Export CSV'}
        </button>
      </form>
      {(st.error ?? exportError) && (
        <div className="cx-banner cx-banner-error" role="alert">
          {st.error ?? exportError}
        </div>
      )}
      <table className="cx-table">
        <thead>
          <tr>
            <th className="cx-th">#</th>
            <th className="cx-th">When</th>
            <th className="cx-th">Who</th>
            <th className="cx-th">Order</th>
            <th className="cx-th">What</th>
            <th className="cx-th">From → to</th>
            <th className="cx-th">Why</th>
            <th className="cx-th" />
          </tr>
        </thead>
        <tbody>
          {st.rows.map((r) => (
            <tr key={r.seq} data-testid="log-row">
              <td className="cx-td">{r.seq}</td>
              <td className="cx-td cx-nowrap" title={r.timestamp}>
                {shortTime(r.timestamp)}
              </td>
              <td className="cx-td">
                {r.operator.name} <span className="cx-muted">({r.operator.role})</span>
              </td>
              <td className="cx-td">{r.orderId ?? <span className="cx-muted">operators</span>}</td>
              <td className="cx-td">
                {r.what}
                {r.correctsEventId && (
                  <div className="cx-muted cx-small">
                    {r.type === 'CorrectionDeclined' ? 'request' : 'event'} {r.correctsEventId}
                  </div>
                )}
              </td>
              <td className="cx-td">
                {r.orderId === null ? '' : `${r.fromStatus ?? '(none)'} → ${r.toStatus ?? '(none)'}`}
              </td>
              <td className="cx-td">{r.reason}</td>
              <td className="cx-td">
                {(r.type === 'StatusCorrected' || r.type === 'AnomalyDismissed') && r.orderId !== null && (
                  <button
                    type="button"
                    className="cx-chip cx-nowrap"
                    onClick={() => openCorrection({ orderId: r.orderId!, seq: r.seq })}
                    title="A wrong correction is put right by another: open the form on this one"
                  >
                    Correct this…
                  </button>
                )}
              </td>
            </tr>
          ))}
          {st.rows.length === 0 && !st.loading && (
            <tr>
              <td className="cx-td cx-muted" colSpan={8}>
                No office events match.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="cx-mt8">
        {st.loading ? (
          <span className="cx-muted">Loading…</span>
        ) : st.nextBeforeSeq !== null ? (
          <button type="button" className="cx-button" onClick={() => void st.more()}>
            Show older
          </button>
        ) : null}
      </div>
    </div>
  );
}
