/** What Confirm will write: the status after, the flags it resolves, the exact event. */
import type { CorrectionPreview, DismissalPreview } from '../../shared/corrections';
import { anomalyName } from '../../shared/rules/anomalyNames';

export function PreviewPanel({ preview }: { preview: CorrectionPreview | DismissalPreview }) {
  return (
    <section className="cx-section" aria-label="Preview" data-testid="correction-preview">
      <h3 className="cx-section-title">Preview — nothing is written until you confirm</h3>
      <p className="cx-lead" data-testid="preview-summary">
        {preview.summary}
      </p>
      <div>
        Status after:{' '}
        <strong data-testid="preview-status">
          {preview.statusBefore ?? '(none)'} → {preview.statusAfter ?? '(none)'}
        </strong>
      </div>
      <div className="cx-muted cx-small">{preview.nextNote}</div>
      <div className="cx-mt8">
        Resolves:{' '}
        {preview.resolves.length === 0 ? (
          <span className="cx-muted">no open flag</span>
        ) : (
          <ul className="cx-list" data-testid="preview-resolves">
            {preview.resolves.map((a, i) => (
              <li key={i}>
                <strong>{anomalyName(a.kind)}</strong> on event #{a.seq}: {a.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="cx-mt8" data-testid="preview-stays-open">
        Stays open:{' '}
        {preview.staysOpen.length === 0 ? (
          <span className="cx-muted">nothing else on this order</span>
        ) : (
          <ul className="cx-list">
            {preview.staysOpen.map((a, i) => (
              <li key={i}>
                <strong>{anomalyName(a.kind)}</strong> ({a.severity}) on event #{a.seq}: {a.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <details className="cx-mt8">
        <summary>The event that will be appended (the journal gives it its id and seq)</summary>
        <pre className="cx-code" data-testid="preview-event">
          {JSON.stringify(preview.event, null, 2)}
        </pre>
      </details>
      {preview.problems.length > 0 && (
        <ul className="cx-danger cx-list cx-list-after">
          {preview.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
