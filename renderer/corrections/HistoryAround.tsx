/**
 * The order's history around the flagged event: a few events either side (all of them when the
 * order is short), with the status after each and the chain of corrections.
 */
import { anomalyName } from '../../shared/rules/anomalyNames';
import { useMemo } from 'react';
import { correctionChains, type HistoryItem } from '../../shared/corrections';
import { CorrectionMarker } from './CorrectionMarker';
import { describeEvent, initiatorName, shortTime } from './describe';

const AROUND = 4;

export function HistoryAround({ history, focusSeq }: { history: readonly HistoryItem[]; focusSeq?: number }) {
  const chains = useMemo(() => correctionChains(history), [history]);
  const at = focusSeq === undefined ? history.length - 1 : history.findIndex((h) => h.seq === focusSeq);
  const from = Math.max(0, (at < 0 ? history.length - 1 : at) - AROUND);
  const to = Math.min(history.length, (at < 0 ? history.length : at + 1) + AROUND);
  const shown = history.slice(from, to);
  return (
    <section className="cx-section" aria-label="Order history" data-testid="order-history">
      <h3 className="cx-section-title">History around it</h3>
      {from > 0 && (
        <div className="cx-muted">
          … {from} earlier event{from === 1 ? '' : 's'}
        </div>
      )}
      <div className="cx-scroll-x">
        <table className="cx-table">
          <thead>
            <tr>
              <th className="cx-th">#</th>
              <th className="cx-th">When</th>
              <th className="cx-th">What</th>
              <th className="cx-th">Who</th>
              <th className="cx-th">Status after</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((h) => {
              const open = h.anomalies.filter((a) => a.open);
              return (
                <tr key={h.seq} className={h.seq === focusSeq ? 'cx-flagged-row' : undefined} data-seq={h.seq}>
                  <td className="cx-td">{h.seq}</td>
                  <td className="cx-td" title={h.timestamp}>
                    {shortTime(h.timestamp)}
                  </td>
                  <td className="cx-td">
                    {describeEvent(h)}
                    <CorrectionMarker eventId={h.eventId} chains={chains} />
                    {open.length > 0 && (
                      <div className="cx-danger">⚑ {open.map((a) => anomalyName(a.kind)).join(', ')}</div>
                    )}
                  </td>
                  <td className="cx-td">{initiatorName(h.initiatedBy)}</td>
                  <td className="cx-td">{h.statusAfter ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {to < history.length && (
        <div className="cx-muted">
          … {history.length - to} later event{history.length - to === 1 ? '' : 's'}
        </div>
      )}
    </section>
  );
}
