/**
 * Live updates: the journal pushes `journalChanged`; views read `revision` and refresh what
 * they show. One subscription for the whole app keeps the views free of transport details.
 *
 * An import pushes a change per committed batch; views refresh at most a few times a second
 * (pushes within COALESCE_MS become one revision) so a long import never floods the journal
 * with dashboard and list queries.
 */
import { create } from 'zustand';
import type { LedgerApi } from '../../shared/contract/channels';

export const COALESCE_MS = 400;

interface LiveState {
  /** Bumped on every (coalesced) change; views put it in their effect dependencies. */
  revision: number;
  lastSeq: number;
  /** Orders touched since the last revision, or null when the journal said the list was truncated. */
  orderIds: string[] | null;
}

export const useLive = create<LiveState>(() => ({ revision: 0, lastSeq: 0, orderIds: [] }));

export function subscribeLive(api: Pick<LedgerApi, 'on'>, wait: number = COALESCE_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastSeq = 0;
  let orderIds: Set<string> | null = new Set();
  const commit = () => {
    timer = null;
    useLive.setState((s) => ({ revision: s.revision + 1, lastSeq, orderIds: orderIds ? [...orderIds] : null }));
    orderIds = new Set();
  };
  const off = api.on('journalChanged', (p) => {
    lastSeq = Math.max(lastSeq, p.lastSeq);
    if (p.truncated || orderIds === null) orderIds = null;
    else for (const id of p.orderIds) orderIds.add(id);
    timer ??= setTimeout(commit, wait);
  });
  return () => {
    off();
    if (timer) clearTimeout(timer);
  };
}
