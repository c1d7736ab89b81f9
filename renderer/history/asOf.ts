/**
 * The point in time the window looks at: the present (null) or a journal position. One for the
 * whole window, so the order timeline, the orders list and the inbox all show the same past,
 * and the banner says so on every screen.
 */
import { create } from 'zustand';
import type { JournalPositionRecord } from '../../shared/contract/history';
import { ledger, messageOf } from '../app/ledger';

interface AsOfState {
  position: JournalPositionRecord | null;
  error: string | null;
  /** Look at the journal as it stood at a seq, or at the last event recorded by a time. */
  pick(at: { seq: number } | { time: string }): Promise<void>;
  clear(): void;
}

export const useAsOf = create<AsOfState>((set) => ({
  position: null,
  error: null,
  pick: async (at) => {
    try {
      const position = await ledger().journalPosition(at);
      set({ position, error: null });
    } catch (e) {
      set({ error: messageOf(e) });
    }
  },
  clear: () => set({ position: null, error: null }),
}));

/** The seq the views read as of, or undefined for the present. */
export const asOfSeq = (): number | undefined => useAsOf.getState().position?.seq;
