/**
 * The hash chain: every event's hash covers its canonical form and its predecessor's hash, so
 * changing, removing or reordering any recorded event breaks every hash after it.
 */
import { createHash } from 'node:crypto';
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

export function eventHash(prevHash: string, event: HashedEvent): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(event)).digest('hex');
}

/** A rule set's fingerprint: the same rules hash the same, whatever the key order of the file. */
export function ruleSetHash(ruleSet: RuleSet): string {
  return createHash('sha256').update(canonicalJson(ruleSet)).digest('hex');
}
