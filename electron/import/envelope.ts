/** One line (or CSV record) to a validated event, or the reason it is refused, in the office's words. */
import { instantOf, parseEnvelope, type OrderEvent } from '../../shared/events/envelope';
import { csvRecordToEnvelope, type CsvLayout } from './csv';

export type LineResult = { ok: true; event: OrderEvent; instant: number } | { ok: false; reason: string };

export function eventFromValue(value: unknown, statuses: readonly string[]): LineResult {
  const parsed = parseEnvelope(value, { statuses });
  if (!parsed.ok) return parsed;
  // parseEnvelope has just read this timestamp with instantOf, which remembers the last one.
  return { ok: true, event: parsed.event, instant: instantOf(parsed.event.timestamp) };
}

export function eventFromJsonLine(text: string, statuses: readonly string[]): LineResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  return eventFromValue(value, statuses);
}

export function eventFromCsvRecord(text: string, layout: CsvLayout, statuses: readonly string[]): LineResult {
  const envelope = csvRecordToEnvelope(text, layout);
  if (!envelope.ok) return envelope;
  return eventFromValue(envelope.value, statuses);
}
