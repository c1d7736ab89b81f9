/**
 * The order's history around the flagged event: a few events either side (all of them when the
 * order is short), with the status after each and the chain of corrections.
 */
import { anomalyName } from '../../shared/rules/anomalyNames';
import { useMemo } from 'react';
import { correctionChains, type HistoryItem } from '../../shared/corrections';
import { CorrectionMarker } from './CorrectionMarker';
import { describeEvent, initiatorName, shortTime } from './describe';
import { s } from './styles';

const AROUND = 4;

export function HistoryAround({ history, focusSeq }: { history: readonly HistoryItem[]; focusSeq?: number }) {
  const chains = useMemo(() => correctionChains(history), [history]);
  const at = focusSeq === undefined ? history.length - 1 : history.findIndex((h) => h.seq === focusSeq);
  const from = Math.max(0, (at < 0 ? history.length - 1 : at) - AROUND);
  const to = Math.min(history.length, (at < 0 ? history.length : at + 1) + AROUND);
  const shown = history.slice(from, to);
  return (
    <section style={s.section} aria-label="Order history" data-testid="order-history">
      <h3 style={s.sectionTitle}>History around it</h3>
      {from > 0 && (
        <div style={s.muted}>
          … {from} earlier event{from === 1 ? '' : 's'}
        </div>
      )}
      <div style={{ overflowX: 'auto' }}>
        <table style={s.table}>
          <thead>
            <tr>
              <th style={s.th}>#</th>
              <th style={s.th}>When</th>
              <th style={s.th}>What</th>
              <th style={s.th}>Who</th>
              <th style={s.th}>Status after</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((h) => {
              const open = h.anomalies.filter((a) => a.open);
              return (
                <tr key={h.seq} style={h.seq === focusSeq ? s.flaggedRow : undefined} data-seq={h.seq}>
                  <td style={s.td}>{h.seq}</td>
                  <td style={s.td} title={h.timestamp}>
                    {shortTime(h.timestamp)}
                  </td>
                  <td style={s.td}>
                    {describeEvent(h)}
                    <CorrectionMarker eventId={h.eventId} chains={chains} />
                    {open.length > 0 && <div style={s.danger}>⚑ {open.map((a) => anomalyName(a.kind)).join(', ')}</div>}
                  </td>
                  <td style={s.td}>{initiatorName(h.initiatedBy)}</td>
                  <td style={s.td}>{h.statusAfter ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {to < history.length && (
        <div style={s.muted}>
          … {history.length - to} later event{history.length - to === 1 ? '' : 's'}
        </div>
      )}
    </section>
  );
}
