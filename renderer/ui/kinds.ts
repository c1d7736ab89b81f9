/**
 * One colour per event type and per status, named once. The colours themselves are CSS
 * variables (light and dark differ); here is only which variable belongs to what.
 */
import { EVENT_TYPES } from '../../shared/events/envelope';
import { ANOMALY_NAME } from '../../shared/rules/anomalyNames';

export const EVENT_TYPE_LABEL: Record<string, string> = {
  OrderCreated: 'Created',
  ItemPicked: 'Picked item',
  StatusChanged: 'Status',
  CustomerNotified: 'Notified',
  StatusCorrected: 'Corrected',
  AnomalyDismissed: 'Dismissed',
  RuleSetActivated: 'Rule set',
  CorrectionRequested: 'Request',
  CorrectionDeclined: 'Declined',
};

export const eventTypeClass = (type: string) =>
  (EVENT_TYPES as readonly string[]).includes(type) ? `t-${type}` : 't-unknown';

export const statusClass = (status: string | null) => `s-${status ?? 'none'}`;

/** The anomaly kinds' friendly names live with the rules, so the command line says the same. */
export const ANOMALY_KIND_LABEL = ANOMALY_NAME;
