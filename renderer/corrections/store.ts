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
  /**
   * Opened from a Clerk's correction request: the form starts from their draft (the status and
   * reason they proposed, the flag it resolves) and shows who asked and their note.
   */
  request?: RequestDraft;
}

/** What a correction request hands the form (shared/contract/requests' record, in part). */
export interface RequestDraft {
  eventId: string;
  status: string;
  reason: string;
  note: string | null;
  requestedBy: { name: string; role: string };
}

interface CorrectionFormState {
  target: CorrectionTarget | null;
  /**
   * What had focus when the form was asked for (the "Correct…" button), taken at that moment:
   * closing gives focus back to it. Opening another event from inside the form keeps it.
   */
  opener: HTMLElement | null;
  open(target: CorrectionTarget): void;
  close(): void;
}

export const useCorrectionForm = create<CorrectionFormState>((set, get) => ({
  target: null,
  opener: null,
  open: (target) => set({ target, opener: get().target ? get().opener : focusedElement() }),
  close: () => set({ target: null }),
}));

function focusedElement(): HTMLElement | null {
  const active = typeof document === 'undefined' ? null : document.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : null;
}

export const openCorrection = (target: CorrectionTarget) => useCorrectionForm.getState().open(target);
