/** How times and numbers read on screen: the warehouse's local time, compact, and sortable. */

const two = (n: number) => String(n).padStart(2, '0');

/**
 * "2026-11-26 13:17:02" in the workstation's time zone. Events carry their own offsets; the
 * office reads them on one clock. Unparseable text is shown as it came.
 */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** An anomaly's message as a sentence: the journal writes some in lower case ("the order was …"). */
export function sentence(text: string): string {
  return text.length > 0 ? text[0]!.toUpperCase() + text.slice(1) : text;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A datetime-local input's value ("2026-11-26T13:17") as an ISO instant with offset, or undefined. */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** One line of what an event says, in words ("→ Packed", "picked 3 × GLV-200"). */
export function eventSummary(type: string, data: Record<string, unknown>): string {
  const str = (k: string) => (typeof data[k] === 'string' || typeof data[k] === 'number' ? String(data[k]) : '');
  switch (type) {
    case 'OrderCreated': {
      const lines = Array.isArray(data.lines) ? data.lines.length : 0;
      const who = str('customer');
      return `${who ? who + ' · ' : ''}${lines} line${lines === 1 ? '' : 's'}`;
    }
    case 'StatusChanged':
      return `→ ${str('status')}`;
    case 'StatusCorrected':
      return `corrected to ${str('status')}${str('reason') ? ` · “${str('reason')}”` : ''}`;
    case 'ItemPicked':
      return `picked ${str('itemQty')} × ${str('itemSku')}`;
    case 'CustomerNotified':
      return str('channel') || str('message') || 'customer notified';
    case 'AnomalyDismissed':
      return `false alarm${str('reason') ? ` · “${str('reason')}”` : ''}`;
    case 'RuleSetActivated':
      return `rule set ${str('ruleSetId') || str('name')}`;
    default:
      return '';
  }
}
