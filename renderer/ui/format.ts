/** How times and numbers read on screen: each event's own clock with its offset, compact, and sortable. */
import { formatCount } from '../../shared/text/numbers';

const two = (n: number) => String(n).padStart(2, '0');

const ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/** "+05:00" / "−05:00" (a real minus sign), or "+00:00" for Z. */
function offsetWords(offset: string): string {
  if (offset === 'Z') return '+00:00';
  const o = offset.length === 5 ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset;
  return o.replace('-', '\u2212');
}

/**
 * The one time format: "2026-11-26 20:34:11 −05:00", the time as the event's own clock wrote
 * it, with its offset. A 20:34 −05:00 event reads 20:34 on every workstation, and the offset
 * says where that clock was; the workstation's own zone is shown once, in the sidebar
 * (`workstationZone`). Text that is not an ISO time with an offset is read in the
 * workstation's zone and given its offset; unparseable text is shown as it came.
 */
export function formatTime(iso: string): string {
  const m = ISO.exec(iso);
  if (m) return `${m[1]} ${m[2]} ${offsetWords(m[3]!)}`;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} ${localOffset(d)}`;
}

/** The workstation's offset at a moment, "+01:00". */
function localOffset(d: Date): string {
  const minutes = -d.getTimezoneOffset();
  const sign = minutes < 0 ? '\u2212' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/** "Europe/Berlin (+01:00)": the workstation's zone, said once where times are read. */
export function workstationZone(now: Date = new Date()): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
  return `${zone} (${localOffset(now)})`;
}

/** An anomaly's message as a sentence: the journal writes some in lower case ("the order was …"). */
export function sentence(text: string): string {
  return text.length > 0 ? text[0]!.toUpperCase() + text.slice(1) : text;
}

/** Every count and total on screen: the one formatter (shared/text/numbers), "1,234,567". */
export { formatCount };

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
    case 'CorrectionRequested':
      return `asks for ${str('status')}${str('reason') ? ` · “${str('reason')}”` : ''}`;
    case 'CorrectionDeclined':
      return `request declined${str('reason') ? ` · “${str('reason')}”` : ''}`;
    default:
      return '';
  }
}
