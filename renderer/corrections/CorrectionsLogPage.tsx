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
import { s } from './styles';
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
    <div style={{ padding: 16 }} data-testid="corrections-log">
      <h2 style={{ marginTop: 0 }}>Corrections log</h2>
      <p style={s.muted}>Every office event: status corrections and dismissed false alarms, newest first.</p>
      <form
        style={{ display: 'flex', gap: 12, alignItems: 'flex-end', flexWrap: 'wrap', marginBottom: 12 }}
        onSubmit={(e) => e.preventDefault()}
      >
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
        <button type="button" style={s.button()} onClick={() => void st.refresh()}>
          Refresh
        </button>
        <button
          type="button"
          style={s.button(true)}
          onClick={() => void exportCsv()}
          disabled={exporting}
          data-testid="log-export"
        >
          {exporting ? 'Exporting…' : 'Export CSV'}
        </button>
      </form>
      {(st.error ?? exportError) && (
        <div style={s.banner('error')} role="alert">
          {st.error ?? exportError}
        </div>
      )}
      <table style={s.table}>
        <thead>
          <tr>
            <th style={s.th}>#</th>
            <th style={s.th}>When</th>
            <th style={s.th}>Who</th>
            <th style={s.th}>Order</th>
            <th style={s.th}>What</th>
            <th style={s.th}>From → to</th>
            <th style={s.th}>Why</th>
            <th style={s.th} />
          </tr>
        </thead>
        <tbody>
          {st.rows.map((r) => (
            <tr key={r.seq} data-testid="log-row">
              <td style={s.td}>{r.seq}</td>
              <td style={{ ...s.td, whiteSpace: 'nowrap' }} title={r.timestamp}>
                {shortTime(r.timestamp)}
              </td>
              <td style={s.td}>
                {r.operator.name} <span style={s.muted}>({r.operator.role})</span>
              </td>
              <td style={s.td}>{r.orderId ?? <span className="muted">operators</span>}</td>
              <td style={s.td}>
                {r.what}
                {r.correctsEventId && (
                  <div className="log-names muted">
                    {r.type === 'CorrectionDeclined' ? 'request' : 'event'} {r.correctsEventId}
                  </div>
                )}
              </td>
              <td style={s.td}>
                {r.orderId === null ? '' : `${r.fromStatus ?? '(none)'} → ${r.toStatus ?? '(none)'}`}
              </td>
              <td style={s.td}>{r.reason}</td>
              <td style={s.td}>
                {(r.type === 'StatusCorrected' || r.type === 'AnomalyDismissed') && r.orderId !== null && (
                  <button
                    type="button"
                    style={{ ...s.chip, whiteSpace: 'nowrap' }}
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
              <td style={{ ...s.td, ...s.muted }} colSpan={8}>
                No office events match.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div style={{ marginTop: 8 }}>
        {st.loading ? (
          <span style={s.muted}>Loading…</span>
        ) : st.nextBeforeSeq !== null ? (
          <button type="button" style={s.button()} onClick={() => void st.more()}>
            Show older
          </button>
        ) : null}
      </div>
    </div>
  );
}
