/**
 * Live updates: the journal pushes `journalChanged`; each `revision` invalidates the read cache
 * (./queries), and the paged stores (orders, journal, inbox) refresh the rows they hold. One
 * subscription for the whole app keeps the views free of transport details.
 *
 * A change shows at once: the first push after a quiet spell is a revision right away (a
 * correction made in another window appears without a wait). An import pushes a change per
 * committed batch; pushes that follow within COALESCE_MS of a revision become one more revision
 * at the end of that window, so a long import never floods the journal with dashboard and
 * list queries.
 */
import { create } from 'zustand';
import type { LedgerApi } from '../../shared/contract/channels';

export const COALESCE_MS = 400;

interface LiveState {
  /** Bumped on every (coalesced) change: the read cache and the paged lists follow it. */
  revision: number;
  lastSeq: number;
  /** Orders touched since the last revision, or null when the journal said the list was truncated. */
  orderIds: string[] | null;
}

export const useLive = create<LiveState>(() => ({ revision: 0, lastSeq: 0, orderIds: [] }));

export function subscribeLive(api: Pick<LedgerApi, 'on'>, wait: number = COALESCE_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** When the last revision was made (its window is open until `wait` after it). */
  let committedAt = -Infinity;
  let lastSeq = 0;
  let orderIds: Set<string> | null = new Set();
  const commit = () => {
    timer = null;
    committedAt = Date.now();
    useLive.setState((s) => ({ revision: s.revision + 1, lastSeq, orderIds: orderIds ? [...orderIds] : null }));
    orderIds = new Set();
  };
  const off = api.on('journalChanged', (p) => {
    lastSeq = Math.max(lastSeq, p.lastSeq);
    if (p.truncated || orderIds === null) orderIds = null;
    else for (const id of p.orderIds) orderIds.add(id);
    if (timer) return; // a revision is already coming: this push joins it
    const since = Date.now() - committedAt;
    if (since >= wait) commit();
    else timer = setTimeout(commit, wait - since);
  });
  return () => {
    off();
    if (timer) clearTimeout(timer);
  };
}
