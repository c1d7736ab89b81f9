/**
 * Opening the correction form from anywhere (a flagged event, an order, the timeline, the
 * anomaly inbox). Views call `openCorrection`; the form itself is mounted once at the app root.
 */
import { create } from 'zustand';

export interface CorrectionTarget {
  orderId: string;
  /** The flagged event being corrected or dismissed, when the form is opened from one. */
  seq?: number;
  /** Start on a dismissal (false alarm) instead of a correction. */
  mode?: 'correct' | 'dismiss';
}

interface CorrectionFormState {
  target: CorrectionTarget | null;
  open(target: CorrectionTarget): void;
  close(): void;
}

export const useCorrectionForm = create<CorrectionFormState>((set) => ({
  target: null,
  open: (target) => set({ target }),
  close: () => set({ target: null }),
}));

export const openCorrection = (target: CorrectionTarget) => useCorrectionForm.getState().open(target);
