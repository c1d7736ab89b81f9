/**
 * The anomaly kinds in the office's words, for every sentence a person reads (dialogs, notes,
 * the command line's tables). The kind ids stay in JSON and in the journal.
 */
export const ANOMALY_NAME: Readonly<Record<string, string>> = {
  'illegal-transition': 'Illegal status change',
  'not-permitted': 'Role not permitted',
  'after-final': 'Event after a final status',
  'pick-in-wrong-status': 'Pick in wrong status',
  'duplicate-creation': 'Created twice',
  'unknown-order': 'Unknown order',
  'unexpected-item': 'Item not on the order',
  'over-pick': 'Picked more than ordered',
  'no-change': 'Status set to itself',
  'out-of-order': 'Out of order',
  'after-hours': 'After hours',
};

/** The friendly name of a kind; an unknown kind (a newer journal) shows as it is. */
export function anomalyName(kind: string): string {
  return ANOMALY_NAME[kind] ?? kind;
}
