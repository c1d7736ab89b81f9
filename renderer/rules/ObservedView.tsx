/**
 * What the floor really does: the from → to matrix of the status changes the journal holds.
 * Green cells the rules allow, amber ones they allow for some roles only, red ones they do not;
 * a red outline marks cells with events the journal flagged. A cell opens its events.
 */
import { useStore } from 'zustand';
import type { ObservedMatrixRecord } from '../../shared/contract/rules';
import type { RulesStore } from './store';
import { JobProgress } from './JobProgress';
import { formatTime } from '../ui/format';
import { go } from '../app/router';
import { formatCount } from '../ui/format';

type Cell = ObservedMatrixRecord['cells'][number];

const NONE = '(no order)';

export function ObservedView({ store }: { store: RulesStore }) {
  const st = useStore(store);
  const m = st.observed.result;
  return (
    <section aria-label="Observed transitions">
      <h2>Observed transitions</h2>
      <p className="rules-muted">
        Every status change the journal holds, counted by the status it left and the status it set, judged by the rules
        in force. This is where the shortcuts people really take show up, before anyone enforces anything.
      </p>
      <div className="rules-row">
        <label>
          From{' '}
          <input
            type="date"
            value={st.observedRange.from}
            onChange={(e) => st.setObservedRange({ from: e.target.value })}
          />
        </label>
        <label>
          to{' '}
          <input
            type="date"
            value={st.observedRange.to}
            onChange={(e) => st.setObservedRange({ to: e.target.value })}
          />
        </label>
        <span className="rules-muted">(leave empty for all time)</span>
        <button className="rules-btn primary" disabled={st.observed.running} onClick={() => void st.runObserved()}>
          {m ? 'Count again' : 'Count the changes'}
        </button>
      </div>
      <JobProgress job={st.observed} what="events replayed" />
      {st.observed.error && <div className="rules-banner error">{st.observed.error}</div>}
      {m && <Matrix m={m} open={(c) => void st.openCell(c.from, c.to)} />}
      {st.cell && (
        <section aria-label="Events of the cell">
          <h3>
            {st.cell.from ?? NONE} → {st.cell.to}: events
          </h3>
          <button className="rules-btn" onClick={st.closeCell}>
            Close
          </button>
          <table className="rules-table" data-testid="rules-cell-events">
            <thead>
              <tr>
                <th className="num">Seq</th>
                <th>Order</th>
                <th>When</th>
                <th>Who</th>
                <th>Flags</th>
              </tr>
            </thead>
            <tbody>
              {st.cell.events.map((e) => (
                <tr key={e.seq}>
                  <td className="num">
                    <a
                      href={`#event-${e.seq}`}
                      onClick={(ev) => {
                        ev.preventDefault();
                        go('event', { seq: String(e.seq) });
                      }}
                    >
                      {e.seq}
                    </a>
                  </td>
                  <td>{e.orderId}</td>
                  <td>{formatTime(e.timestamp)}</td>
                  <td>
                    {e.initiatedBy.name ?? e.initiatedBy.id} ({e.initiatedBy.role})
                  </td>
                  <td>{e.anomalies.map((a) => a.message).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {st.cell.more > 0 && <p className="rules-muted">…and {st.cell.more} more in this cell.</p>}
        </section>
      )}
    </section>
  );
}

function Matrix({ m, open }: { m: ObservedMatrixRecord; open: (c: Cell) => void }) {
  const byKey = new Map(m.cells.map((c) => [`${c.from ?? ''}\u0000${c.to}`, c]));
  const rows: (string | null)[] = [...(m.cells.some((c) => c.from === null) ? [null] : []), ...m.statuses];
  const shortcuts = m.cells.filter((c) => c.allowance === 'no');
  return (
    <>
      <p>
        {formatCount(m.transitions)} status changes in {formatCount(m.events)} events
        {m.range.from || m.range.to
          ? ` (changes stamped ${m.range.from ?? '…'} to ${m.range.to ?? '…'})`
          : ' (all time)'}
        , judged by {m.ruleSet.key}.{' '}
        {shortcuts.length > 0 ? `${formatCount(shortcuts.length)} kinds of change the rules do not allow.` : ''}
        {m.cancelled ? ' Stopped before the end.' : ''}
      </p>
      <div className="rules-legend">
        <span className="l-allowed">allowed for anyone</span>
        <span className="l-some">allowed for some roles</span>
        <span className="l-no">not allowed</span>
        <span className="l-flagged">has events the journal flagged</span>
      </div>
      <table className="rules-matrix" data-testid="rules-matrix">
        <thead>
          <tr>
            <th>from ↓ to →</th>
            {m.statuses.map((s) => (
              <th key={s} className="to" scope="col">
                {s}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((from) => (
            <tr key={from ?? NONE}>
              <th scope="row">{from ?? NONE}</th>
              {m.statuses.map((to) => {
                const c = byKey.get(`${from ?? ''}\u0000${to}`);
                if (!c) return <td key={to} />;
                const cls = `${c.allowance === 'anyone' ? 'allowed' : c.allowance}${c.flagged > 0 ? ' flagged' : ''}`;
                const roles = Object.entries(c.byRole)
                  .map(([r, n]) => `${r} ${n}`)
                  .join(', ');
                const title = `${from ?? NONE} → ${to}: ${formatCount(c.count)} changes (${roles}); ${
                  c.allowance === 'no'
                    ? 'not allowed'
                    : c.allowance === 'some-roles'
                      ? 'allowed for some roles'
                      : 'allowed'
                }; ${formatCount(c.flagged)} flagged when recorded; ${formatCount(c.breaking)} against the rules in force`;
                return (
                  <td key={to} className={cls} data-cell={`${from ?? ''}→${to}`}>
                    <button title={title} aria-label={title} onClick={() => open(c)}>
                      {formatCount(c.count)}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
