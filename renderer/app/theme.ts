/**
 * Light, dark or whatever the system prefers. The choice is remembered on this workstation;
 * "system" follows prefers-color-scheme through CSS alone.
 */
import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'wl-theme';

function stored(): ThemeChoice {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

function apply(choice: ThemeChoice): void {
  const root = globalThis.document?.documentElement;
  if (!root) return;
  if (choice === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', choice);
}

interface ThemeState {
  choice: ThemeChoice;
  set(choice: ThemeChoice): void;
  cycle(): void;
}

const ORDER: ThemeChoice[] = ['system', 'light', 'dark'];

export const useTheme = create<ThemeState>((set, get) => ({
  choice: stored(),
  set: (choice) => {
    apply(choice);
    try {
      globalThis.localStorage?.setItem(KEY, choice);
    } catch {
      // A locked-down profile may refuse storage; the theme still applies for this session.
    }
    set({ choice });
  },
  cycle: () => get().set(ORDER[(ORDER.indexOf(get().choice) + 1) % ORDER.length]!),
}));

export function initTheme(): void {
  apply(useTheme.getState().choice);
}
