/** Events in a line of the office's words, for the form's history, the log and the markers. */
import { formatTime } from '../ui/format';
import type { EventRecord } from '../../shared/contract/records';

export function describeEvent(e: Pick<EventRecord, 'type' | 'data'>): string {
  const d = e.data;
  const str = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  switch (e.type) {
    case 'OrderCreated': {
      const lines = Array.isArray(d.lines) ? d.lines.length : 0;
      return `Order created${d.customer ? ` for ${str(d.customer)}` : ''} (${lines} line${lines === 1 ? '' : 's'})`;
    }
    case 'StatusChanged':
      return `Status set to ${str(d.status)}`;
    case 'ItemPicked':
      return `Picked ${str(d.itemQty)} × ${str(d.itemSku)}`;
    case 'CustomerNotified':
      return `Customer notified by ${str(d.channel)}`;
    case 'StatusCorrected':
      return `Status corrected to ${str(d.status)}: “${str(d.reason)}”`;
    case 'AnomalyDismissed':
      return `Flag dismissed as a false alarm: “${str(d.reason)}”`;
    case 'RuleSetActivated':
      return `Rule set ${str(d.ruleSetId)} v${str(d.version)} put in force`;
    case 'CorrectionRequested':
      return `Asked a Supervisor to correct ${str(d.correctsEventId)} to ${str(d.status)}: “${str(d.reason)}”`;
    case 'CorrectionDeclined':
      return `Correction request declined: “${str(d.reason)}”`;
    default:
      return e.type;
  }
}

export function initiatorName(i: EventRecord['initiatedBy']): string {
  return `${i.name ?? i.id} (${i.role})`;
}

/** A recorded time for tables: the app's one format (the event's own clock and offset). */
export function shortTime(timestamp: string): string {
  return formatTime(timestamp);
}
