/** Short messages in a corner: what just happened, or what went wrong and why. */
import { create } from 'zustand';

export interface Toast {
  id: number;
  kind: 'info' | 'ok' | 'error';
  text: string;
}

interface ToastState {
  toasts: Toast[];
  push(kind: Toast['kind'], text: string): void;
  dismiss(id: number): void;
}

let nextId = 1;
const VISIBLE_MS = { info: 4000, ok: 4000, error: 9000 } as const;

export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  push: (kind, text) => {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-4), { id, kind, text }] });
    // Errors stay longer: the operator has to read what was refused and why.
    setTimeout(() => get().dismiss(id), VISIBLE_MS[kind]);
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
}));

export const toast = (kind: Toast['kind'], text: string) => useToasts.getState().push(kind, text);
