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
  return hash('sha256', prevHash + hashedJson(event, dataJson), 'hex');
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

/** A rule set's fingerprint: the same rules hash the same, whatever the key order of the file. */
export function ruleSetHash(ruleSet: RuleSet): string {
  return createHash('sha256').update(canonicalJson(ruleSet)).digest('hex');
}
