/** Words for events and times in the training views. */
import type { StartedScenarioRecord } from '../../shared/contract/training';

type HistoryItem = StartedScenarioRecord['history'][number];

/** What an event says, in one short line. */
export function eventSummary(e: HistoryItem): string {
  const d = e.data;
  switch (e.type) {
    case 'OrderCreated': {
      const lines = Array.isArray(d['lines']) ? (d['lines'] as { sku: string; qty: number }[]) : [];
      return `order created${d['customer'] ? ` for ${String(d['customer'])}` : ''}: ${lines.map((l) => `${l.qty} × ${l.sku}`).join(', ')}`;
    }
    case 'StatusChanged':
      return `status → ${String(d['status'])}`;
    case 'ItemPicked':
      return `picked ${String(d['itemQty'])} × ${String(d['itemSku'])}`;
    case 'CustomerNotified':
      return `customer notified by ${String(d['channel'])}`;
    case 'StatusCorrected':
      return `corrected to ${String(d['status'])}: “${String(d['reason'])}”`;
    case 'AnomalyDismissed':
      return `flag dismissed: “${String(d['reason'])}”`;
    default:
      return e.type;
  }
}

/** `2026-11-26T20:34:11-05:00` → `26 Nov 20:34:11` (the main system's local time, as written). */
export function shortTime(ts: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}(?::\d{2})?)/.exec(ts);
  if (!m) return ts;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(m[3])} ${months[Number(m[2]) - 1] ?? m[2]} ${m[4]}`;
}

/** Seconds as "4 min 05 s" / "1 h 02 min". */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
