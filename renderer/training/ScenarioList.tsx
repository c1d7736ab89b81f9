/** The scenarios to practise, with what each covers (computed from its history by replay). */
import type { ScenarioSummaryRecord } from '../../shared/contract/training';
import { t } from './styles';

export function ScenarioList(props: {
  scenarios: readonly ScenarioSummaryRecord[];
  busy: boolean;
  onStart: (id: string) => void;
  onProgress: () => void;
  everyone: boolean;
}) {
  const { scenarios, busy, onStart, onProgress, everyone } = props;
  return (
    <div>
      <h1 style={t.h1}>Training: the handbook cases</h1>
      <p style={t.muted}>
        Each case is a short order history with at most one mistake. Find the event, then correct it, dismiss the flag
        or say no correction is needed. Your answer is written in your own practice journal and graded.
      </p>
      <div style={t.toolbar}>
        <button type="button" style={t.button} onClick={onProgress} disabled={busy}>
          {everyone ? "Everyone's progress" : 'My progress'}
        </button>
      </div>
      <table style={t.table} aria-label="Training scenarios">
        <thead>
          <tr>
            <th style={t.th}>Case</th>
            <th style={t.th}>Covers</th>
            <th style={t.th} />
          </tr>
        </thead>
        <tbody>
          {scenarios.map((s) => (
            <tr key={s.id} data-scenario-id={s.id}>
              <td style={t.td}>
                <strong>{s.title}</strong>
                {s.origin.kind === 'real' ? <span style={t.chip('warning')}>real mistake</span> : null}
                <div style={t.muted}>{s.question}</div>
              </td>
              <td style={t.td}>
                {s.kinds.map((k) => (
                  <span key={k} style={t.chip('error')}>
                    {k}
                  </span>
                ))}
                {s.rows
                  .filter(
                    (r) => !/^(Received→PendingPicking|PendingPicking→Picking|Picking→Picked|Picked→Packed)$/.test(r),
                  )
                  .map((r) => (
                    <span key={r} style={t.chip('row')}>
                      {r}
                    </span>
                  ))}
              </td>
              <td style={t.td}>
                <button type="button" style={t.primary} disabled={busy} onClick={() => onStart(s.id)}>
                  Practise
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
