/**
 * Exports happen on a schedule, usually with nobody on the Export page: a failed one (and the
 * first success after failures) is told wherever the operator is, as a toast and a notification.
 */
import type { LedgerApi } from '../../shared/contract/channels';
import { formatCount } from '../ui/format';

export interface NoticeSinks {
  toast(kind: 'ok' | 'error', text: string): void;
  notify(title: string, body: string): void;
}

export function subscribeExportNotices(api: Pick<LedgerApi, 'on'>, sinks: NoticeSinks): () => void {
  let failing = false;
  return api.on('exportFinished', (p) => {
    if (!p.ok && p.failure) {
      const retry = p.failure.retryAt ? ' It will be tried again shortly.' : '';
      const text = `Export to corporate failed: ${p.failure.message}.${retry}`;
      sinks.toast('error', text);
      // Every failure in a row would be noise: the desktop is told of the first one.
      if (!failing) sinks.notify('Warehouse Ledger — export failed', text);
      failing = true;
    } else if (p.ok && failing) {
      failing = false;
      const r = p.result;
      sinks.toast(
        'ok',
        `Export to corporate works again${r && r.bundle ? `: ${formatCount(r.events)} events in ${r.bundle}` : ''}.`,
      );
    }
  });
}
