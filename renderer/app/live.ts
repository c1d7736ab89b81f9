/**
 * Live updates: the journal pushes `journalChanged`; views read `revision` and refresh what
 * they show. One subscription for the whole app keeps the views free of transport details.
 */
import { create } from 'zustand';
import type { LedgerApi } from '../../shared/contract/channels';

interface LiveState {
  /** Bumped on every change; views put it in their effect dependencies. */
  revision: number;
  lastSeq: number;
  /** Orders touched by the last change, or null when the journal said the list was truncated. */
  orderIds: string[] | null;
}

export const useLive = create<LiveState>(() => ({ revision: 0, lastSeq: 0, orderIds: [] }));

export function subscribeLive(api: Pick<LedgerApi, 'on'>): () => void {
  return api.on('journalChanged', (p) => {
    useLive.setState((s) => ({
      revision: s.revision + 1,
      lastSeq: p.lastSeq,
      orderIds: p.truncated ? null : p.orderIds,
    }));
  });
}
