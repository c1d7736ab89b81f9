/** What Confirm will write: the status after, the flags it resolves, the exact event. */
import type { CorrectionPreview, DismissalPreview } from '../../shared/corrections';
import { anomalyName } from '../../shared/rules/anomalyNames';
import { s } from './styles';

export function PreviewPanel({ preview }: { preview: CorrectionPreview | DismissalPreview }) {
  return (
    <section style={s.section} aria-label="Preview" data-testid="correction-preview">
      <h3 style={s.sectionTitle}>Preview — nothing is written until you confirm</h3>
      <p style={{ margin: '0 0 8px' }} data-testid="preview-summary">
        {preview.summary}
      </p>
      <div>
        Status after:{' '}
        <strong data-testid="preview-status">
          {preview.statusBefore ?? '(none)'} → {preview.statusAfter ?? '(none)'}
        </strong>
      </div>
      <div style={{ ...s.muted, fontSize: 12 }}>{preview.nextNote}</div>
      <div style={{ marginTop: 8 }}>
        Resolves:{' '}
        {preview.resolves.length === 0 ? (
          <span style={s.muted}>no open flag</span>
        ) : (
          <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="preview-resolves">
            {preview.resolves.map((a, i) => (
              <li key={i}>
                <strong>{anomalyName(a.kind)}</strong> on event #{a.seq}: {a.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div style={{ marginTop: 8 }} data-testid="preview-stays-open">
        Stays open:{' '}
        {preview.staysOpen.length === 0 ? (
          <span style={s.muted}>nothing else on this order</span>
        ) : (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {preview.staysOpen.map((a, i) => (
              <li key={i}>
                <strong>{anomalyName(a.kind)}</strong> ({a.severity}) on event #{a.seq}: {a.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <details style={{ marginTop: 8 }}>
        <summary>The event that will be appended (the journal gives it its id and seq)</summary>
        <pre style={s.code} data-testid="preview-event">
          {JSON.stringify(preview.event, null, 2)}
        </pre>
      </details>
      {preview.problems.length > 0 && (
        <ul style={{ ...s.danger, margin: '8px 0 0', paddingLeft: 18 }}>
          {preview.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
