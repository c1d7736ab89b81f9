/** Pure parts of the shift handover: office events said for people, anomalies counted by severity. */
import type { OfficeActionRecord } from '../contract/handover';
import type { AnomalyRecord, EventRecord } from '../contract/records';

export function officeActionOf(event: EventRecord): OfficeActionRecord | undefined {
  const d = event.data;
  const reason = typeof d.reason === 'string' ? d.reason : '';
  let what: string;
  switch (event.type) {
    case 'StatusCorrected':
      what = `set to ${String(d.status)}${typeof d.correctsEventId === 'string' ? ` (corrects ${d.correctsEventId})` : ''}`;
      break;
    case 'AnomalyDismissed':
      what = `dismissed the anomaly of ${String(d.dismissesEventId)}`;
      break;
    case 'RuleSetActivated':
      what = `put ${String(d.ruleSetId)}@${String(d.version)} in force`;
      break;
    default:
      return undefined;
  }
  return {
    seq: event.seq,
    type: event.type,
    orderId: event.orderId,
    by: event.initiatedBy,
    timestamp: event.timestamp,
    what,
    reason,
  };
}

export function countBySeverity(rows: readonly Pick<AnomalyRecord, 'severity'>[]): { error: number; warning: number } {
  let error = 0;
  let warning = 0;
  for (const r of rows) {
    if (r.severity === 'error') error++;
    else warning++;
  }
  return { error, warning };
}
