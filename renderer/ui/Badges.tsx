/** Small labels that carry colour and words together (never colour alone). */
import type { EventAnomalyRecord } from '../../shared/contract/records';
import { ANOMALY_KIND_LABEL, EVENT_TYPE_LABEL, eventTypeClass, statusClass } from './kinds';

export function TypeBadge({ type }: { type: string }) {
  return (
    <span className={`badge type ${eventTypeClass(type)}`} title={type}>
      {EVENT_TYPE_LABEL[type] ?? type}
    </span>
  );
}

export function StatusBadge({ status }: { status: string | null }) {
  return <span className={`badge status ${statusClass(status)}`}>{status ?? '—'}</span>;
}

export function SeverityIcon({ severity, title }: { severity: 'error' | 'warning'; title?: string }) {
  return (
    <span className={`sev sev-${severity}`} role="img" aria-label={severity} title={title ?? severity}>
      {severity === 'error' ? '!' : '?'}
    </span>
  );
}

/** The mark on a flagged event: the worst open anomaly, or a hollow mark when all are resolved. */
export function FlagMark({ anomalies }: { anomalies: EventAnomalyRecord[] }) {
  if (anomalies.length === 0) return null;
  const open = anomalies.filter((a) => a.open);
  const text = anomalies.map((a) => a.message).join('\n');
  if (open.length === 0) {
    return (
      <span className="sev sev-resolved" role="img" aria-label="resolved anomaly" title={text}>
        ✓
      </span>
    );
  }
  const severity = open.some((a) => a.severity === 'error') ? 'error' : 'warning';
  return <SeverityIcon severity={severity} title={text} />;
}

export function KindLabel({ kind }: { kind: string }) {
  return <span title={kind}>{ANOMALY_KIND_LABEL[kind] ?? kind}</span>;
}
