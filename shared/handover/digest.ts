/** Pure parts of the shift handover: office events said for people, anomalies counted by severity. */
import type { OfficeActionRecord } from '../contract/handover';
import type { AnomalyRecord, EventRecord } from '../contract/records';

/** The orderId office events about operators are recorded under (electron/journal/projections). */
export const OPERATORS_ORDER = '(operators)';

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
    case 'CorrectionRequested':
      what = `asked a Supervisor to set it to ${String(d.status)} (corrects ${String(d.correctsEventId)})`;
      break;
    case 'CorrectionDeclined':
      what = `declined the correction request ${String(d.requestEventId)}`;
      break;
    case 'OperatorDisabled':
      what = `disabled operator ${String(d.operatorId)}`;
      break;
    case 'PasswordReset':
      what = `reset the password of operator ${String(d.operatorId)}`;
      break;
    default:
      return undefined;
  }
  return {
    seq: event.seq,
    type: event.type,
    orderId: event.orderId === OPERATORS_ORDER ? null : event.orderId,
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
