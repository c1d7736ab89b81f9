/**
 * The hash chain: every event's hash covers its canonical form and its predecessor's hash, so
 * changing, removing or reordering any recorded event breaks every hash after it.
 */
import { createHash, hash } from 'node:crypto';
import { canonicalJson } from '../../shared/events/canonical';
import type { RuleSet } from '../../shared/rules/ruleSet';

/** The "previous hash" of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** What the hash of an event covers: the envelope and everything the journal added to it. */
export interface HashedEvent {
  seq: number;
  eventId: string;
  type: string;
  orderId: string;
  traceId?: string | undefined;
  initiatedBy: { id: string; name?: string | undefined; role: string };
  timestamp: string;
  data: unknown;
  recordedAt: string;
  source: string;
  ruleSet: string;
}

/** sha256(prevHash + canonicalJson(event)), as hex. */
export function eventHash(prevHash: string, event: HashedEvent, dataJson?: string): string {
  return chainHash(prevHash + hashedJson(event, dataJson));
}

/** sha256 of a chain link's text (the previous hash, then the event's canonical JSON), as hex. */
export function chainHash(text: string): string {
  return hash('sha256', text, 'hex');
}

/**
 * `canonicalJson(event)` for the one shape the chain hashes, written out with its keys already
 * in sorted order: it runs for every recorded event, and only `data` needs the general walk.
 * `dataJson`, when given, must be `canonicalJson(e.data)` (the journal stores data in that form).
 * (A property test holds it equal to `canonicalJson`.)
 */
export function hashedJson(e: HashedEvent, dataJson: string = canonicalJson(e.data)): string {
  const i = e.initiatedBy;
  let out = `{"data":${dataJson},"eventId":${canonicalJson(e.eventId)},"initiatedBy":{"id":${canonicalJson(i.id)}`;
  if (i.name !== undefined) out += `,"name":${canonicalJson(i.name)}`;
  out += `,"role":${canonicalJson(i.role)}},"orderId":${canonicalJson(e.orderId)},"recordedAt":${canonicalJson(e.recordedAt)}`;
  out += `,"ruleSet":${canonicalJson(e.ruleSet)},"seq":${canonicalJson(e.seq)},"source":${canonicalJson(e.source)}`;
  out += `,"timestamp":${canonicalJson(e.timestamp)}`;
  if (e.traceId !== undefined) out += `,"traceId":${canonicalJson(e.traceId)}`;
  return `${out},"type":${canonicalJson(e.type)}}`;
}

/** The envelope fields of an event being appended that the chain hashes (an OrderEvent is one). */
export type AppendedEnvelope = Pick<
  HashedEvent,
  'eventId' | 'type' | 'orderId' | 'traceId' | 'initiatedBy' | 'timestamp'
>;

/**
 * `hashedJson` of an event being appended, for the writer, which hashes every event it records:
 * written from the envelope and what the journal adds to it, with no event object per event, and
 * the values that repeat from event to event (the initiator, the type, the order, and a batch's
 * recording time, source and rule set) quoted once per run of equal values, as `RowJson` does for
 * verify. `dataJson` must be `canonicalJson(data)`. A property test holds it equal to `hashedJson`.
 */
export class AppendJson {
  private readonly runs = new QuotedRuns();

  of(e: AppendedEnvelope, seq: number, recordedAt: string, source: string, ruleSet: string, dataJson: string): string {
    const q = this.runs;
    const i = e.initiatedBy;
    let out = `{"data":${dataJson},"eventId":${canonicalJson(e.eventId)},"initiatedBy":{"id":${q.of(0, i.id)}`;
    if (i.name !== undefined) out += `,"name":${q.of(1, i.name)}`;
    out += `,"role":${q.of(2, i.role)}},"orderId":${q.of(3, e.orderId)},"recordedAt":${q.of(4, recordedAt)}`;
    out += `,"ruleSet":${q.of(5, ruleSet)},"seq":${canonicalJson(seq)},"source":${q.of(6, source)}`;
    out += `,"timestamp":${canonicalJson(e.timestamp)}`;
    if (e.traceId !== undefined) out += `,"traceId":${canonicalJson(e.traceId)}`;
    return `${out},"type":${q.of(7, e.type)}}`;
  }
}

/**
 * canonicalJson of the values of numbered slots, the last one's reused while a slot's value stays
 * the same: the hashed text of one event after another repeats most of its values.
 */
class QuotedRuns {
  private readonly last: unknown[] = [];
  private readonly quoted: string[] = [];

  of(slot: number, value: unknown): string {
    if (this.last[slot] === value) return this.quoted[slot]!;
    const quoted = canonicalJson(value);
    this.last[slot] = value;
    this.quoted[slot] = quoted;
    return quoted;
  }
}

/** A rule set's fingerprint: the same rules hash the same, whatever the key order of the file. */
export function ruleSetHash(ruleSet: RuleSet): string {
  return createHash('sha256').update(canonicalJson(ruleSet)).digest('hex');
}

/**
 * `hashedJson` written straight from a row of the events table, for verify, which hashes every
 * row of the journal: no event object per row, and each text column quoted once per run of
 * equal values (the type, the initiator, the source, the rule set and the recording time repeat
 * from row to row; quoting scans for characters to escape). The row is one of `EVENT_COLUMNS`
 * (rows.ts) selected with `.raw()`, in that order; its data is the canonical JSON it is stored
 * as. A property test holds it equal to `hashedJson`.
 */
export class RowJson {
  private readonly runs = new QuotedRuns();

  of(row: readonly unknown[]): string {
    // seq 0, event_id 1, type 2, order_id 3, trace_id 4, initiator_id 5, initiator_name 6,
    // initiator_role 7, timestamp 8, instant 9, data 10, recorded_at 11, source 12, rule_set 13
    // (a slot of the runs is the column's number)
    const q = this.runs;
    let out = `{"data":${row[10] as string},"eventId":${canonicalJson(row[1])},"initiatedBy":{"id":${q.of(5, row[5])}`;
    if (row[6] !== null) out += `,"name":${q.of(6, row[6])}`;
    out += `,"role":${q.of(7, row[7])}},"orderId":${q.of(3, row[3])},"recordedAt":${q.of(11, row[11])}`;
    out += `,"ruleSet":${q.of(13, row[13])},"seq":${canonicalJson(row[0])},"source":${q.of(12, row[12])}`;
    out += `,"timestamp":${canonicalJson(row[8])}`;
    if (row[4] !== null) out += `,"traceId":${canonicalJson(row[4])}`;
    return `${out},"type":${q.of(2, row[2])}}`;
  }
}
