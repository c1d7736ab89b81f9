/**
 * One colour per event type and per status, named once. The colours themselves are CSS
 * variables (light and dark differ); here is only which variable belongs to what.
 */
import { EVENT_TYPES } from '../../shared/events/envelope';

export const EVENT_TYPE_LABEL: Record<string, string> = {
  OrderCreated: 'Created',
  ItemPicked: 'Picked item',
  StatusChanged: 'Status',
  CustomerNotified: 'Notified',
  StatusCorrected: 'Corrected',
  AnomalyDismissed: 'Dismissed',
  RuleSetActivated: 'Rule set',
};

export const eventTypeClass = (type: string) =>
  (EVENT_TYPES as readonly string[]).includes(type) ? `t-${type}` : 't-unknown';

export const statusClass = (status: string | null) => `s-${status ?? 'none'}`;

export const ANOMALY_KIND_LABEL: Record<string, string> = {
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
};
