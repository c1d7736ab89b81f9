/** What a desktop notification says when new error anomalies arrive. */
import type { z } from 'zod';
import type { pushes } from '../../shared/contract/channels';
import { formatCount } from '../../shared/text/numbers';

export type NewErrors = z.output<(typeof pushes)['newErrorAnomalies']>;

export function errorNotice(payload: NewErrors): { title: string; body: string } | null {
  if (payload.count <= 0) return null;
  const first = payload.examples[0];
  const title =
    payload.count === 1 ? 'New error in the journal' : `${formatCount(payload.count)} new errors in the journal`;
  const body = first
    ? `Order ${first.orderId}: ${first.message}` + (payload.count > 1 ? ` (and ${payload.count - 1} more)` : '')
    : 'Open the anomaly inbox to see them.';
  return { title, body };
}
